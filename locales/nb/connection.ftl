### The connection badge and who is here now.
### Norsk bokmål.

connection-connecting = Kobler til …
connection-offline = Frakoblet – prøver igjen
connection-offline_pending = Frakoblet – { $count ->
        [one] { $count } endring venter
       *[other] { $count } endringer venter
    }
connection-refused = Serveren tok ikke imot en endring – henter avtalen på nytt
connection-saved = Lagret
connection-saving = Lagrer …
connection-signed_out = Logget ut – åpne den personlige lenken din igjen

presence-label = Her nå
presence-on_clause = ved punkt { $number }
presence-typing = { $names } skriver …
