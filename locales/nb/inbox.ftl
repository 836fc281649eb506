### The inbox: what the signed-in person has been told.
### Norsk bokmål.

inbox-accepted = { $name } tok forslaget ditt inn i teksten – { $clause }
inbox-close = Lukk
inbox-deadline = Svarfristen for organisasjonen din går ut { $date }
inbox-disposition = { $name } ga merknaden din på { $clause } vurderingen «{ $value }»
inbox-empty = Ingenting nytt ennå. Her kommer omtaler, svar og vurderinger av merknadene dine, nye faser og versjoner.
inbox-error = Innboksen kunne ikke hentes: { $error }
inbox-loading = Henter innboksen …
inbox-mail_address = E-postadresse
inbox-mail_daily = Et sammendrag om dagen
inbox-mail_immediate = Straks
inbox-mail_mode = E-post
inbox-mail_off = Ingen e-post
inbox-mail_save = Lagre
inbox-mail_saved = Lagret
inbox-mail_title = Få innboksen på e-post
inbox-mark_all = Marker alle som lest
inbox-mention = { $name } nevnte deg – { $clause }
inbox-new = Ny
inbox-draft = { $name } leste inn et nytt utkast fra Word – { $count ->
    [one] { $count } punkt endret
   *[other] { $count } punkter endret
}
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
mail-digest_subject = Samråd: { $count ->
        [one] { $count } ny hendelse
       *[other] { $count } nye hendelser
    }
mail-open = Åpne avtalen: { $link }
mail-subject = Samråd: { $what }
mail-unsubscribe = Du får denne e-posten fordi du har valgt e-post fra innboksen i Samråd. Slutt å få e-post: { $link }
mail-unsubscribe_bad = Lenken for å avslutte e-post gjelder ikke
mail-unsubscribe_button = Slutt å sende meg e-post
mail-unsubscribe_title = Slutte å få e-post fra Samråd?
mail-unsubscribed = Du får ikke lenger e-post fra Samråd. Innboksen i appen er der fortsatt.
