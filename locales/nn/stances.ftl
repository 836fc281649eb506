### Organisations' stances per clause and the consultation answer.
### Norsk nynorsk.

answer-label = Svaret frå organisasjonen
answer-send = Send høyringssvaret
answer-sent = Svar { $number } er sendt.
answer-rest = { $count ->
        [one] Ingen merknad til det attverande punktet
       *[other] Ingen merknad til dei { $count } attverande punkta
    }
answer-rest_drafted = { $count ->
        [one] «Ingen merknad» er lagd inn som utkast på { $count } punkt. Endre det om naudsynt før svaret blir sendt.
       *[other] «Ingen merknad» er lagd inn som utkast på { $count } punkt. Endre dei om naudsynt før svaret blir sendt.
    }
answer-status = Svar frå { $organisation }: { $unsent } punkt endra sidan siste svar, { $sent } svar sendt.

# Before the organisation's first answer: nothing has changed "since the last answer".
answer-status_first = Svar frå { $organisation }: { $unsent ->
        [0] ingen standpunkt
        [one] standpunkt i { $unsent } punkt
       *[other] standpunkt i { $unsent } punkt
    }, ikkje noko svar sendt enno.

stance-choose = Vel …
stance-draft_status = Utkast – ikkje sendt
stance-label = Organisasjonane sine standpunkt
stance-motivation = Grunngjeving
stance-no_remarks = Ingen merknad
stance-opposes = Støttar ikkje
stance-own = Standpunkt for { $organisation }
stance-save = Lagre utkast
stance-sent_status = Sendt i svar { $number }
stance-show_all = { $count ->
        [one] Vis standpunktet til organisasjonen
       *[other] Vis standpunkta til alle { $count } organisasjonane
    }
stance-supports = Støttar
stance-supports_with_changes = Støttar med endring
