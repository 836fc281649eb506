### The sign-in, landing and session pages.
### Norsk bokmål.

app-loading = Henter avtalen …
app-name = Samråd
app-signed_in_as = Logget inn som { $name }, { $organisation }

landing-body = Åpne avtalen med den personlige lenken fra invitasjonen.
landing-title = Samråd

session-error = Kunne ikke hente innloggingen din: { $error }
session-missing = Du er ikke logget inn. Åpne den personlige lenken fra invitasjonen igjen, eller be koordinatoren om en ny.
