### Participants and invitations (coordinators).
### English.

access-actions = Actions
access-close = Close
access-error = That did not work: { $error }
access-invite = Invite
access-invite_title = Invite a participant
access-link_for = Personal link for { $name }
access-link_hint = Send the link to { $name } personally. It works once and is valid until { $date }.
access-loading = Loading participants …
access-name = Name
access-open = Participants
access-organisation = Organisation
access-renew = New link
access-renew_for = New link for { $name }
access-revoke = Withdraw access
access-revoke_confirm = Withdraw access for { $name }? Links stop working and open sessions end. What { $name } has written stays.
access-revoke_for = Withdraw access for { $name }
access-role = Role
access-status = Status
access-status-expired = The link has expired
access-status-invited = Invited – the link is valid until { $date }
access-status-link_used = Has used their link
access-status-no_link = No link issued
access-status-revoked = Access withdrawn
access-status-signed_in = Signed in
access-title = Participants and invitations
access-you = (you)
