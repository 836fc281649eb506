### The formal decision sent with an answer.
### Norsk bokmål.

decision-title = Vedtak om svaret (valgfritt)
decision-body = Vedtaksorgan
decision-date = Vedtaksdato
decision-item = Saksnummer
decision-reservations = Dissenser og særmerknader
decision-party = Parti
decision-kind = Type
decision-reservation = Dissens
decision-special_statement = Særmerknad
decision-statement = Tekst
decision-add = Legg til
decision-conditions = Vilkår for enkeltpunkter
decision-clause = Punkt
decision-condition = Vilkår

record-title = Registrer et svar på vegne av en organisasjon
record-organisation = Organisasjon
record-stances = Standpunkt i svaret
record-submit = Registrer svaret
record-done = Svar { $number } fra { $organisation } er registrert.
