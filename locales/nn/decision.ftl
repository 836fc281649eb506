### The formal decision sent with an answer.
### Norsk nynorsk.

decision-title = Vedtak om svaret (valfritt)
decision-body = Vedtaksorgan
decision-date = Vedtaksdato
decision-item = Saksnummer
decision-reservations = Dissensar og særmerknader
decision-party = Parti
decision-kind = Type
decision-reservation = Dissens
decision-special_statement = Særmerknad
decision-statement = Tekst
decision-add = Legg til
decision-conditions = Vilkår for enkeltpunkt
decision-clause = Punkt
decision-condition = Vilkår

record-title = Registrer eit svar på vegner av ein organisasjon
record-organisation = Organisasjon
record-stances = Standpunkt i svaret
record-submit = Registrer svaret
record-done = Svar { $number } frå { $organisation } er registrert.
