### The device copy, the offline shell and signing out.
### Nynorsk.

device-menu = Denne eininga
device-keep = Lagre avtalen på denne eininga
device-keep_help = Avtalen og det du skriv blir lagra kryptert i nettlesaren, slik at han opnar seg utan nettverk og ingenting du har skrive går tapt. Han blir sletta når du loggar ut.
device-turned_off = Kopien på eininga er slått av. Utan nettverk finst berre det som er ope på sida.
device-off_full = Kopien på eininga er slått av: lagringa i nettlesaren er full. Samråd verkar som vanleg når du er tilkopla, men det du skriv blir ikkje lagra på denne eininga.
device-off_unavailable = Kopien på eininga er slått av: nettlesaren tillèt ikkje lagring her (til dømes i privat modus). Samråd verkar som vanleg når du er tilkopla.
device-off_failed = Kopien på eininga er slått av ({ $error }). Samråd verkar som vanleg når du er tilkopla.
device-skipped = { $count ->
        [one] Ein post i kopien på eininga var skadd og vart hoppa over; resten blir henta frå tenaren.
       *[other] { $count } postar i kopien på eininga var skadde og vart hoppa over; resten blir henta frå tenaren.
    }
device-draft_restored = Utkast som ikkje er sendt – lagra på eininga

signout-button = Logg ut
signout-pending = { $count ->
        [one] Ei endring er ikkje send til tenaren enno.
       *[other] { $count } endringar er ikkje sende til tenaren enno.
    } Loggar du ut no, forsvinn dei frå denne eininga.
signout-wait = Vent – logg ut når alt er lagra
signout-discard = Forkast endringane og logg ut
signout-cancel = Avbryt
signout-waiting = Loggar ut når alt er lagra …
signout-done_title = Du er logga ut
signout-done = Avtalen og det du skreiv er sletta frå denne eininga. Opne den personlege lenkja frå invitasjonen for å logge inn igjen.
signout-unreached = Tenaren kunne ikkje nåast, så innlogginga blir avslutta på tenaren først når ho går ut – men ingenting av avtalen er att på denne eininga.
