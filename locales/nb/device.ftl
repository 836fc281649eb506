### The device copy, the offline shell and signing out.
### Norsk bokmål.

device-menu = Denne enheten
device-keep = Lagre avtalen på denne enheten
device-keep_help = Avtalen og det du skriver lagres kryptert i nettleseren, slik at den åpnes uten nettverk og ingenting du har skrevet går tapt. Den slettes når du logger ut.
device-turned_off = Kopien på enheten er slått av. Uten nettverk finnes bare det som er åpent på siden.
device-off_full = Kopien på enheten er slått av: nettleserens lagring er full. Samråd virker som vanlig når du er tilkoblet, men det du skriver lagres ikke på denne enheten.
device-off_unavailable = Kopien på enheten er slått av: nettleseren tillater ikke lagring her (for eksempel i privat modus). Samråd virker som vanlig når du er tilkoblet.
device-off_failed = Kopien på enheten er slått av ({ $error }). Samråd virker som vanlig når du er tilkoblet.
device-skipped = { $count ->
        [one] En post i kopien på enheten var skadet og ble hoppet over; resten hentes fra serveren.
       *[other] { $count } poster i kopien på enheten var skadet og ble hoppet over; resten hentes fra serveren.
    }
device-draft_restored = Utkast som ikke er sendt – lagret på enheten

signout-button = Logg ut
signout-pending = { $count ->
        [one] En endring er ikke sendt til serveren ennå.
       *[other] { $count } endringer er ikke sendt til serveren ennå.
    } Logger du ut nå, forsvinner de fra denne enheten.
signout-wait = Vent – logg ut når alt er lagret
signout-discard = Forkast endringene og logg ut
signout-cancel = Avbryt
signout-waiting = Logger ut når alt er lagret …
signout-done_title = Du er logget ut
signout-done = Avtalen og det du skrev er slettet fra denne enheten. Åpne den personlige lenken fra invitasjonen for å logge inn igjen.
signout-unreached = Serveren kunne ikke nås, så innloggingen avsluttes på serveren først når den utløper – men ingenting av avtalen er igjen på denne enheten.
