### The connection badge and who is here now.
### Norsk nynorsk.

connection-connecting = Koplar til …
connection-offline = Fråkopla – prøver igjen
connection-offline_pending = Fråkopla – { $count ->
        [one] { $count } endring ventar
       *[other] { $count } endringar ventar
    }
connection-refused = Tenaren tok ikkje imot ei endring – hentar avtalen på nytt
connection-saved = Lagra
connection-saving = Lagrar …
connection-signed_out = Logga ut – opne den personlege lenkja di igjen

presence-label = Her no
presence-on_clause = ved punkt { $number }
presence-typing = { $names } skriv …
