### The sign-in, landing and session pages.
### English.

app-loading = Loading the agreement …
app-name = Samråd
app-signed_in_as = Signed in as { $name }, { $organisation }

landing-body = Open the agreement with the personal link from your invitation.
landing-title = Samråd

session-error = Could not load your sign-in: { $error }
session-missing = You are not signed in. Open the personal link from your invitation again, or ask the coordinator for a new one.
