### The inbox: what the signed-in person has been told.
### Norsk nynorsk.

inbox-accepted = { $name } tok forslaget ditt inn i teksten – { $clause }
inbox-close = Lukk
inbox-deadline = Svarfristen for organisasjonen din går ut { $date }
inbox-disposition = { $name } gav merknaden din på { $clause } vurderinga «{ $value }»
inbox-empty = Ingenting nytt enno. Her kjem omtalar, svar og vurderingar av merknadene dine, nye fasar og versjonar.
inbox-error = Innboksen kunne ikkje hentast: { $error }
inbox-loading = Hentar innboksen …
inbox-mark_all = Merk alle som lesne
inbox-mention = { $name } nemnde deg – { $clause }
inbox-new = Ny
inbox-phase = { $name } flytta avtalen til fasen { $phase }
inbox-reply = { $name } svarte på merknaden din – { $clause }
inbox-title = Innboks
inbox-unread = { $count ->
        [0] Ingen ulesne
        [one] { $count } ulesen
       *[other] { $count } ulesne
    }
inbox-unread_said = { $count ->
        [one] { $count } ulesen
       *[other] { $count } ulesne
    }
inbox-version = { $name } laga versjonen «{ $version }»
