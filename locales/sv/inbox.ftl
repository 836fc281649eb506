### The inbox: what the signed-in person has been told.
### Svenska.

inbox-accepted = { $name } förde in ditt förslag i texten – { $clause }
inbox-close = Stäng
inbox-deadline = Din organisations svarstid går ut { $date }
inbox-disposition = { $name } gav din synpunkt på { $clause } bemötandet ”{ $value }”
inbox-empty = Inget nytt ännu. Här hamnar omnämnanden, svar och bemötanden på dina synpunkter, nya faser och versioner.
inbox-error = Inkorgen gick inte att hämta: { $error }
inbox-loading = Hämtar inkorgen …
inbox-mail_address = E-postadress
inbox-mail_daily = En sammanfattning om dagen
inbox-mail_immediate = Direkt
inbox-mail_mode = E-post
inbox-mail_off = Ingen e-post
inbox-mail_save = Spara
inbox-mail_saved = Sparat
inbox-mail_title = Få inkorgen som e-post
inbox-mark_all = Markera alla som lästa
inbox-mention = { $name } nämnde dig – { $clause }
inbox-new = Ny
inbox-draft = { $name } läste in ett nytt utkast från Word – { $count ->
    [one] { $count } punkt ändrad
   *[other] { $count } punkter ändrade
}
inbox-phase = { $name } flyttade avtalet till fasen { $phase }
inbox-reply = { $name } svarade på din synpunkt – { $clause }
inbox-title = Inkorg
inbox-unread = { $count ->
        [0] Inga olästa
        [one] { $count } oläst
       *[other] { $count } olästa
    }
inbox-unread_said = { $count ->
        [one] { $count } oläst
       *[other] { $count } olästa
    }
inbox-version = { $name } skapade versionen ”{ $version }”
mail-digest_subject = Samråd: { $count ->
        [one] { $count } ny händelse
       *[other] { $count } nya händelser
    }
mail-open = Öppna avtalet: { $link }
mail-subject = Samråd: { $what }
mail-unsubscribe = Du får det här e-brevet för att du har valt e-post från Samråds inkorg. Sluta få e-post: { $link }
mail-unsubscribe_bad = Länken för att avsluta e-post gäller inte
mail-unsubscribe_button = Sluta skicka e-post till mig
mail-unsubscribe_title = Sluta få e-post från Samråd?
mail-unsubscribed = Du får inte längre e-post från Samråd. Inkorgen i appen finns kvar.
