### The remiss: phase, deadlines and extensions.
### Norsk nynorsk.

remiss-status_title = Status
remiss-phase_now = Avtalen er i fasen { $phase }.
remiss-last_round = Førre høyringsrunde varte frå { $began } til { $ended }.
remiss-deadline_all = Høyringsfristen er { $date }.
remiss-deadline_all_passed = Høyringsfristen var { $date }.
remiss-send_title = Send på høyring
remiss-move_title = Endre høyringsfristen
remiss-deadline = Høyringsfrist
remiss-bad_date = Vel ein dag som ikkje har vore.
remiss-confirm_title = Sende avtalen på høyring?
remiss-confirm_text = Avtalen blir send på høyring. Kvar organisasjon kan ta stilling punkt for punkt og sende svaret sitt til og med { $date }. Etter det tek Samråd ikkje imot svar eller standpunkt, unnateke frå organisasjonar som har fått utsett frist. Tekst og innspel blir ståande som dei er.
remiss-confirm = Ja, send på høyring
remiss-cancel = Avbryt
remiss-sent = Avtalen er på høyring. Fristen er { $date }.
remiss-confirm_move_title = Endre høyringsfristen?
remiss-confirm_move_text = Fristen blir { $date } for alle organisasjonar unnateke dei som har fått utsett frist. Svar og standpunkt blir tekne imot til og med den dagen.
remiss-confirm_move = Ja, endre fristen
remiss-extensions_title = Utsett frist
remiss-no_extensions = Ingen organisasjon har fått utsett frist.
remiss-extend_title = Gi ein organisasjon lengre tid
remiss-organisation = Organisasjon
remiss-pick_organisation = Vel organisasjon
remiss-new_deadline = Ny frist
remiss-reason = Grunngiving
remiss-extend = Utset fristen
remiss-extended = { $organisation } har frist til og med { $date }.

deadline-own = Fristen dykkar: { $date }.
deadline-own_extended = Den utsette fristen dykkar: { $date }.
deadline-days_left = { $count ->
        [0] Siste dag i dag.
        [one] { $count } dag att.
       *[other] { $count } dagar att.
    }
deadline-passed = Fristen er ute.

approval-title = Godkjenning av kapittel
approval-none = Ikkje godkjent enno.
approval-summary = { $count ->
        [0] Ingen av dei { $total } kapitla er godkjende enno.
        [one] 1 av { $total } kapittel er godkjent.
       *[other] { $count } av { $total } kapittel er godkjende.
    }
approval-locked = Godkjent av { $body } { $date }. Teksten er låst for endringar.
approval-reopened = Godkjent av { $body } { $date }, opna att: { $reason }
approval-reopen_reason = Grunngiving for å opne { $chapter } att
approval-reopen = Opne for endringar
approval-record = Registrer ei godkjenning
approval-first = Kapittel (eller første kapittel)
approval-last = Til og med kapittel
approval-same = Berre det kapittelet
approval-pick_chapters = Vel kapittel
approval-body = Godkjent av (organ)
approval-date = Dato for vedtaket
approval-approve = Registrer godkjenninga
approval-done = { $count ->
        [one] Kapittelet er registrert som godkjent av { $body } og låst for endringar.
       *[other] { $count } kapittel er registrerte som godkjende av { $body } og låste for endringar.
    }

error-chapter_approved = Kapittel { $chapter } er godkjent og låst for endringar. Ein koordinator kan opne det att med ei grunngiving.
error-not_approved = Kapittelet er ikkje godkjent.
approval-in_version = Kapittel { $chapters } godkjent av { $body } { $date }
# The version of the text that goes on remiss (remiss_version.rs).
remiss-version_name = Høyringsversjon { $date }
remiss-version_sent_as = Teksten blir send som versjonen «{ $name }». Oppsummeringa samanliknar svara med han.
remiss-version_compared = Oppsummeringa samanliknar svara med versjonen «{ $name }».
remiss-version_none = Ingen versjon av teksten er lagra enno. Oppsummeringa samanliknar svara med versjonen som blir send på høyring.
remiss-version_changed = Teksten er endra sidan versjonen «{ $name }». Oppsummeringa samanliknar svara med versjonen som blir send på høyring.
remiss-version_cut = Lagre teksten som versjonen «{ $name }» når han blir send
remiss-version_older = Utan ein ny versjon blir svara oppsummerte mot versjonen «{ $name }», som ikkje er teksten som blir send.
remiss-version_needed = Utan ein lagra versjon finst det ingen høyringsversjon å oppsummere svara mot.
