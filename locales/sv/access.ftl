### Participants and invitations (coordinators).
### Svenska.

access-actions = Åtgärder
access-close = Stäng
access-error = Det gick inte: { $error }
access-invite = Bjud in
access-invite_title = Bjud in en deltagare
access-link_for = Personlig länk till { $name }
access-link_hint = Skicka länken till { $name } personligen. Den fungerar en gång och gäller till { $date }.
access-loading = Hämtar deltagare …
access-name = Namn
access-open = Deltagare
access-organisation = Organisation
access-renew = Ny länk
access-renew_for = Ny länk till { $name }
access-revoke = Återkalla åtkomst
access-revoke_confirm = Återkalla åtkomsten för { $name }? Länkar slutar fungera och pågående inloggningar avslutas. Det som { $name } har skrivit finns kvar.
access-revoke_for = Återkalla åtkomst för { $name }
access-role = Roll
access-status = Status
access-status-expired = Länken har gått ut
access-status-invited = Inbjuden – länken gäller till { $date }
access-status-link_used = Har använt sin länk
access-status-no_link = Ingen länk utfärdad
access-status-revoked = Åtkomsten återkallad
access-status-signed_in = Inloggad
access-title = Deltagare och inbjudningar
access-you = (du)
