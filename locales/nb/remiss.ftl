### The remiss: phase, deadlines and extensions.
### Norsk bokmål.

remiss-status_title = Status
remiss-phase_now = Avtalen er i fasen { $phase }.
remiss-last_round = Forrige høringsrunde pågikk fra { $began } til { $ended }.
remiss-deadline_all = Høringsfristen er { $date }.
remiss-deadline_all_passed = Høringsfristen var { $date }.
remiss-send_title = Send på høring
remiss-move_title = Endre høringsfristen
remiss-deadline = Høringsfrist
remiss-bad_date = Velg en dag som ikke har vært.
remiss-confirm_title = Sende avtalen på høring?
remiss-confirm_text = Avtalen sendes på høring. Hver organisasjon kan ta stilling punkt for punkt og sende svaret sitt til og med { $date }. Etter det tar Samråd ikke imot svar eller standpunkter, unntatt fra organisasjoner som har fått utsatt frist. Tekst og innspill blir stående som de er.
remiss-confirm = Ja, send på høring
remiss-cancel = Avbryt
remiss-sent = Avtalen er på høring. Fristen er { $date }.
remiss-confirm_move_title = Endre høringsfristen?
remiss-confirm_move_text = Fristen blir { $date } for alle organisasjoner unntatt dem som har fått utsatt frist. Svar og standpunkter tas imot til og med den dagen.
remiss-confirm_move = Ja, endre fristen
remiss-extensions_title = Utsatt frist
remiss-no_extensions = Ingen organisasjon har fått utsatt frist.
remiss-extend_title = Gi en organisasjon lengre tid
remiss-organisation = Organisasjon
remiss-pick_organisation = Velg organisasjon
remiss-new_deadline = Ny frist
remiss-reason = Begrunnelse
remiss-extend = Utsett fristen
remiss-extended = { $organisation } har frist til og med { $date }.

deadline-own = Fristen deres: { $date }.
deadline-own_extended = Den utsatte fristen deres: { $date }.
deadline-days_left = { $count ->
        [0] Siste dag i dag.
        [one] { $count } dag igjen.
       *[other] { $count } dager igjen.
    }
deadline-passed = Fristen er ute.

approval-title = Godkjenning av kapitler
approval-none = Ikke godkjent ennå.
approval-summary = { $count ->
        [0] Ingen av de { $total } kapitlene er godkjent ennå.
        [one] 1 av { $total } kapitler er godkjent.
       *[other] { $count } av { $total } kapitler er godkjent.
    }
approval-locked = Godkjent av { $body } { $date }. Teksten er låst for endringer.
approval-reopened = Godkjent av { $body } { $date }, åpnet igjen: { $reason }
approval-reopen_reason = Begrunnelse for å åpne { $chapter } igjen
approval-reopen = Åpne for endringer
approval-record = Registrer en godkjenning
approval-first = Kapittel (eller første kapittel)
approval-last = Til og med kapittel
approval-same = Bare det kapitlet
approval-pick_chapters = Velg kapittel
approval-body = Godkjent av (organ)
approval-date = Dato for vedtaket
approval-approve = Registrer godkjenningen
approval-done = { $count ->
        [one] Kapitlet er registrert som godkjent av { $body } og låst for endringer.
       *[other] { $count } kapitler er registrert som godkjent av { $body } og låst for endringer.
    }

error-chapter_approved = Kapittel { $chapter } er godkjent og låst for endringer. En koordinator kan åpne det igjen med en begrunnelse.
error-not_approved = Kapitlet er ikke godkjent.
approval-in_version = Kapittel { $chapters } godkjent av { $body } { $date }
# The version of the text that goes on remiss (remiss_version.rs).
remiss-version_name = Høringsversjon { $date }
remiss-version_sent_as = Teksten sendes som versjonen «{ $name }». Oppsummeringen sammenligner svarene med den.
remiss-version_compared = Oppsummeringen sammenligner svarene med versjonen «{ $name }».
remiss-version_none = Ingen versjon av teksten er lagret ennå. Oppsummeringen sammenligner svarene med versjonen som sendes på høring.
remiss-version_changed = Teksten er endret siden versjonen «{ $name }». Oppsummeringen sammenligner svarene med versjonen som sendes på høring.
remiss-version_cut = Lagre teksten som versjonen «{ $name }» når den sendes
remiss-version_older = Uten en ny versjon oppsummeres svarene mot versjonen «{ $name }», som ikke er teksten som sendes.
remiss-version_needed = Uten en lagret versjon finnes det ingen høringsversjon å oppsummere svarene mot.
