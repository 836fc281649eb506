### The inbox: what the signed-in person has been told.
### Norsk bokmål.

inbox-accepted = { $name } tok forslaget ditt inn i teksten – { $clause }
inbox-close = Lukk
inbox-deadline = Svarfristen for organisasjonen din går ut { $date }
inbox-disposition = { $name } ga merknaden din på { $clause } vurderingen «{ $value }»
inbox-empty = Ingenting nytt ennå. Her kommer omtaler, svar og vurderinger av merknadene dine, nye faser og versjoner.
inbox-error = Innboksen kunne ikke hentes: { $error }
inbox-loading = Henter innboksen …
inbox-mark_all = Marker alle som lest
inbox-mention = { $name } nevnte deg – { $clause }
inbox-new = Ny
inbox-phase = { $name } flyttet avtalen til fasen { $phase }
inbox-reply = { $name } svarte på merknaden din – { $clause }
inbox-title = Innboks
inbox-unread = { $count ->
        [0] Ingen uleste
        [one] { $count } ulest
       *[other] { $count } uleste
    }
inbox-unread_said = { $count ->
        [one] { $count } ulest
       *[other] { $count } uleste
    }
inbox-version = { $name } laget versjonen «{ $version }»
