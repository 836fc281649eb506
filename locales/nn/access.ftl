### Participants and invitations (coordinators).
### Norsk nynorsk.

access-actions = Handlingar
access-close = Lukk
access-error = Det gjekk ikkje: { $error }
access-invite = Inviter
access-invite_title = Inviter ein deltakar
access-link_for = Personleg lenkje til { $name }
access-link_hint = Send lenkja til { $name } personleg. Ho verkar éin gong og gjeld til { $date }.
access-loading = Hentar deltakarar …
access-name = Namn
access-open = Deltakarar
access-organisation = Organisasjon
access-renew = Ny lenkje
access-renew_for = Ny lenkje til { $name }
access-revoke = Trekk tilbake tilgang
access-revoke_confirm = Trekkje tilbake tilgangen til { $name }? Lenkjer sluttar å verke og innloggingar blir avslutta. Det { $name } har skrive, blir ståande.
access-revoke_for = Trekk tilbake tilgang for { $name }
access-role = Rolle
access-status = Status
access-status-expired = Lenkja har gått ut
access-status-invited = Invitert – lenkja gjeld til { $date }
access-status-link_used = Har brukt lenkja si
access-status-no_link = Inga lenkje skriven ut
access-status-revoked = Tilgangen er trekt tilbake
access-status-signed_in = Logga inn
access-title = Deltakarar og invitasjonar
access-you = (deg)
