### The inbox: what the signed-in person has been told.
### Norsk nynorsk.

inbox-accepted = { $name } tok forslaget ditt inn i teksten – { $clause }
inbox-close = Lukk
inbox-deadline = Svarfristen for organisasjonen din går ut { $date }
inbox-disposition = { $name } gav merknaden din på { $clause } vurderinga «{ $value }»
inbox-empty = Ingenting nytt enno. Her kjem omtalar, svar og vurderingar av merknadene dine, nye fasar og versjonar.
inbox-error = Innboksen kunne ikkje hentast: { $error }
inbox-loading = Hentar innboksen …
inbox-mail_address = E-postadresse
inbox-mail_daily = Eit samandrag om dagen
inbox-mail_immediate = Straks
inbox-mail_mode = E-post
inbox-mail_off = Ingen e-post
inbox-mail_save = Lagre
inbox-mail_saved = Lagra
inbox-mail_title = Få innboksen på e-post
inbox-mark_all = Merk alle som lesne
inbox-mention = { $name } nemnde deg – { $clause }
inbox-new = Ny
inbox-draft = { $name } las inn eit nytt utkast frå Word – { $count ->
    [one] { $count } punkt endra
   *[other] { $count } punkt endra
}
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
mail-digest_subject = Samråd: { $count ->
        [one] { $count } ny hending
       *[other] { $count } nye hendingar
    }
mail-open = Opne avtalen: { $link }
mail-subject = Samråd: { $what }
mail-unsubscribe = Du får denne e-posten fordi du har valt e-post frå innboksen i Samråd. Slutt å få e-post: { $link }
mail-unsubscribe_bad = Lenkja for å avslutte e-post gjeld ikkje
mail-unsubscribe_button = Slutt å sende meg e-post
mail-unsubscribe_title = Slutte å få e-post frå Samråd?
mail-unsubscribed = Du får ikkje lenger e-post frå Samråd. Innboksen i appen er der framleis.
