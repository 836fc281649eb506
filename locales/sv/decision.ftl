### The formal decision sent with an answer.
### Svenska.

decision-title = Beslut om svaret (frivilligt)
decision-body = Beslutande organ
decision-date = Beslutsdatum
decision-item = Paragraf
decision-reservations = Reservationer och särskilda yttranden
decision-party = Parti
decision-kind = Slag
decision-reservation = Reservation
decision-special_statement = Särskilt yttrande
decision-statement = Text
decision-add = Lägg till
decision-conditions = Villkor för enskilda punkter
decision-clause = Punkt
decision-condition = Villkor

record-title = Registrera ett svar för en organisations räkning
record-organisation = Organisation
record-stances = Ställningstaganden i svaret
record-submit = Registrera svaret
record-done = Svar { $number } från { $organisation } är registrerat.
