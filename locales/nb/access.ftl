### Participants and invitations (coordinators).
### Norsk bokmål.

access-actions = Handlinger
access-close = Lukk
access-error = Det gikk ikke: { $error }
access-invite = Inviter
access-invite_title = Inviter en deltaker
access-link_for = Personlig lenke til { $name }
access-link_hint = Send lenken til { $name } personlig. Den virker én gang og gjelder til { $date }.
access-loading = Henter deltakere …
access-name = Navn
access-open = Deltakere
access-organisation = Organisasjon
access-renew = Ny lenke
access-renew_for = Ny lenke til { $name }
access-revoke = Trekk tilbake tilgang
access-revoke_confirm = Trekke tilbake tilgangen til { $name }? Lenker slutter å virke og pågående innlogginger avsluttes. Det { $name } har skrevet, blir stående.
access-revoke_for = Trekk tilbake tilgang for { $name }
access-role = Rolle
access-status = Status
access-status-expired = Lenken er utløpt
access-status-invited = Invitert – lenken gjelder til { $date }
access-status-link_used = Har brukt lenken sin
access-status-no_link = Ingen lenke utstedt
access-status-revoked = Tilgangen er trukket tilbake
access-status-signed_in = Logget inn
access-title = Deltakere og invitasjoner
access-you = (deg)
