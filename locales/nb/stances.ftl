### Organisations' stances per clause and the consultation answer.
### Norsk bokmål.

answer-label = Organisasjonens svar
answer-send = Send høringssvaret
answer-sent = Svar { $number } er sendt.
answer-rest = { $count ->
        [one] Ingen merknad til det gjenstående punktet
       *[other] Ingen merknad til de { $count } gjenstående punktene
    }
answer-rest_drafted = { $count ->
        [one] «Ingen merknad» er lagt inn som utkast på { $count } punkt. Endre det om nødvendig før svaret sendes.
       *[other] «Ingen merknad» er lagt inn som utkast på { $count } punkter. Endre dem om nødvendig før svaret sendes.
    }
answer-status = Svar fra { $organisation }: { $unsent ->
        [one] { $unsent } punkt endret
       *[other] { $unsent } punkter endret
    } siden siste svar, { $sent } svar sendt.

# Before the organisation's first answer: nothing has changed "since the last answer".
answer-status_first = Svar fra { $organisation }: { $unsent ->
        [0] ingen standpunkt
        [one] standpunkt i { $unsent } punkt
       *[other] standpunkt i { $unsent } punkter
    }, ikke noe svar sendt ennå.

stance-choose = Velg …
stance-draft_status = Utkast – ikke sendt
stance-label = Organisasjonenes standpunkt
stance-motivation = Begrunnelse
stance-no_remarks = Ingen merknad
stance-opposes = Støtter ikke
stance-own = Standpunkt for { $organisation }
stance-save = Lagre utkast
stance-sent_status = Sendt i svar { $number }
stance-show_all = { $count ->
        [one] Vis standpunktet til organisasjonen
       *[other] Vis standpunktene til alle { $count } organisasjonene
    }
stance-supports = Støtter
stance-supports_with_changes = Støtter med endring
