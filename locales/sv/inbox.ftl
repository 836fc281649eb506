### The inbox: what the signed-in person has been told.
### Svenska.

inbox-accepted = { $name } förde in ditt förslag i texten – { $clause }
inbox-close = Stäng
inbox-deadline = Din organisations svarstid går ut { $date }
inbox-disposition = { $name } gav din synpunkt på { $clause } bemötandet ”{ $value }”
inbox-empty = Inget nytt ännu. Här hamnar omnämnanden, svar och bemötanden på dina synpunkter, nya faser och versioner.
inbox-error = Inkorgen gick inte att hämta: { $error }
inbox-loading = Hämtar inkorgen …
inbox-mark_all = Markera alla som lästa
inbox-mention = { $name } nämnde dig – { $clause }
inbox-new = Ny
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
