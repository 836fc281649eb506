### The connection badge and who is here now.
### Svenska.

connection-connecting = Ansluter …
connection-offline = Frånkopplad – försöker igen
connection-offline_pending = Frånkopplad – { $count ->
        [one] { $count } ändring väntar
       *[other] { $count } ändringar väntar
    }
connection-refused = Servern tog inte emot en ändring – hämtar avtalet på nytt
connection-saved = Sparat
connection-saving = Sparar …
connection-signed_out = Utloggad – öppna din personliga länk igen

presence-label = Här nu
presence-on_clause = vid punkt { $number }
presence-typing = { $names } skriver …
