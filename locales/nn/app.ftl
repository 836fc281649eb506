### The sign-in, landing and session pages.
### Norsk nynorsk.

app-loading = Hentar avtalen …
app-name = Samråd
app-signed_in_as = Logga inn som { $name }, { $organisation }

landing-body = Opne avtalen med den personlege lenkja frå invitasjonen.
landing-title = Samråd

session-error = Kunne ikkje hente innlogginga di: { $error }
session-missing = Du er ikkje logga inn. Opne den personlege lenkja frå invitasjonen igjen, eller be koordinatoren om ei ny.
