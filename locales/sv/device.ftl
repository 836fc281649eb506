### The device copy, the offline shell and signing out.
### Svenska.

device-menu = Den här enheten
device-keep = Spara avtalet på den här enheten
device-keep_help = Avtalet och det du skriver sparas krypterat i webbläsaren, så att det öppnas utan nätverk och inget du skrivit går förlorat. Det tas bort när du loggar ut.
device-turned_off = Kopian på enheten är avstängd. Utan nätverk finns bara det som är öppet på sidan.
device-off_full = Kopian på enheten är avstängd: webbläsarens lagring är full. Samråd fungerar som vanligt när du är ansluten, men det du skriver sparas inte på den här enheten.
device-off_unavailable = Kopian på enheten är avstängd: webbläsaren tillåter ingen lagring här (till exempel i privat läge). Samråd fungerar som vanligt när du är ansluten.
device-off_failed = Kopian på enheten är avstängd ({ $error }). Samråd fungerar som vanligt när du är ansluten.
device-skipped = { $count ->
        [one] En post i kopian på enheten var skadad och hoppades över; resten hämtas från servern.
       *[other] { $count } poster i kopian på enheten var skadade och hoppades över; resten hämtas från servern.
    }
device-draft_restored = Utkast som inte skickats – sparat på enheten

signout-button = Logga ut
signout-pending = { $count ->
        [one] En ändring har inte skickats till servern ännu.
       *[other] { $count } ändringar har inte skickats till servern ännu.
    } Loggar du ut nu försvinner de från den här enheten.
signout-wait = Vänta – logga ut när allt är sparat
signout-discard = Släng ändringarna och logga ut
signout-cancel = Avbryt
signout-waiting = Loggar ut när allt är sparat …
signout-done_title = Du är utloggad
signout-done = Avtalet och det du skrev har tagits bort från den här enheten. Öppna din personliga länk från inbjudan för att logga in igen.
signout-unreached = Servern kunde inte nås, så inloggningen avslutas på servern först när den går ut – men inget av avtalet finns kvar på den här enheten.
