### The sign-in, landing and session pages.
### Svenska.

app-loading = Hämtar avtalet …
app-name = Samråd
app-signed_in_as = Inloggad som { $name }, { $organisation }

landing-body = Öppna avtalet med din personliga länk från inbjudan.
landing-title = Samråd

session-error = Det gick inte att hämta din inloggning: { $error }
session-missing = Du är inte inloggad. Öppna din personliga länk från inbjudan igen, eller be samordnaren om en ny.
