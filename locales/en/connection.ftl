### The connection badge and who is here now.
### English.

connection-connecting = Connecting …
connection-offline = Offline – retrying
connection-offline_pending = Offline – { $count ->
        [one] { $count } change waiting
       *[other] { $count } changes waiting
    }
connection-refused = The server did not accept a change – loading the agreement again
connection-saved = Saved
connection-saving = Saving …
connection-signed_out = Signed out – open your personal link again

presence-label = Here now
presence-on_clause = at clause { $number }
presence-typing = { $names } is typing …
