### The remiss: phase, deadlines and extensions.
### Svenska.

remiss-status_title = Läget
remiss-phase_now = Avtalet är i fasen { $phase }.
remiss-last_round = Den senaste remissen pågick från { $began } till { $ended }.
remiss-deadline_all = Svarstiden går ut { $date }.
remiss-deadline_all_passed = Svarstiden gick ut { $date }.
remiss-send_title = Skicka på remiss
remiss-move_title = Ändra svarstiden
remiss-deadline = Sista svarsdag
remiss-bad_date = Välj en dag som inte har varit.
remiss-confirm_title = Skicka avtalet på remiss?
remiss-confirm_text = Avtalet går på remiss. Varje organisation kan ta ställning punkt för punkt och skicka sitt svar till och med { $date }. Efter det tar Samråd inte emot svar eller ställningstaganden, utom från organisationer som fått förlängd svarstid. Text och synpunkter finns kvar som de är.
remiss-confirm = Ja, skicka på remiss
remiss-cancel = Avbryt
remiss-sent = Avtalet är på remiss. Sista svarsdag är { $date }.
remiss-confirm_move_title = Ändra svarstiden?
remiss-confirm_move_text = Sista svarsdag blir { $date } för alla organisationer utom dem som fått förlängd svarstid. Svar och ställningstaganden tas emot till och med den dagen.
remiss-confirm_move = Ja, ändra svarstiden
remiss-extensions_title = Förlängd svarstid
remiss-no_extensions = Ingen organisation har fått förlängd svarstid.
remiss-extend_title = Ge en organisation längre tid
remiss-organisation = Organisation
remiss-pick_organisation = Välj organisation
remiss-new_deadline = Ny sista svarsdag
remiss-reason = Skäl
remiss-extend = Förläng svarstiden
remiss-extended = { $organisation } har svarstid till och med { $date }.

deadline-own = Er sista svarsdag: { $date }.
deadline-own_extended = Er förlängda sista svarsdag: { $date }.
deadline-days_left = { $count ->
        [0] Sista dagen i dag.
        [one] { $count } dag kvar.
       *[other] { $count } dagar kvar.
    }
deadline-passed = Svarstiden har gått ut.

approval-title = Godkännande av kapitel
approval-none = Inte godkänt ännu.
approval-summary = { $count ->
        [0] Inget av de { $total } kapitlen är godkänt ännu.
        [one] 1 av { $total } kapitel är godkänt.
       *[other] { $count } av { $total } kapitel är godkända.
    }
approval-locked = Godkänt av { $body } { $date }. Texten är låst för ändringar.
approval-reopened = Godkänt av { $body } { $date }, öppnat igen: { $reason }
approval-reopen_reason = Skäl att öppna { $chapter } igen
approval-reopen = Öppna för ändringar
approval-record = Anteckna ett godkännande
approval-first = Kapitel (eller första kapitlet)
approval-last = Till och med kapitel
approval-same = Bara det kapitlet
approval-pick_chapters = Välj kapitel
approval-body = Godkänt av (organ)
approval-date = Datum för beslutet
approval-approve = Anteckna godkännandet
approval-done = { $count ->
        [one] Kapitlet är antecknat som godkänt av { $body } och låst för ändringar.
       *[other] { $count } kapitel är antecknade som godkända av { $body } och låsta för ändringar.
    }

error-chapter_approved = Kapitel { $chapter } är godkänt och låst för ändringar. En samordnare kan öppna det igen med ett skäl.
error-not_approved = Kapitlet är inte godkänt.
approval-in_version = Kapitel { $chapters } godkända av { $body } { $date }
# The version of the text that goes on remiss (remiss_version.rs).
remiss-version_name = Remissversion { $date }
remiss-version_sent_as = Texten skickas som versionen ”{ $name }”. Sammanställningen jämför svaren med den.
remiss-version_compared = Sammanställningen jämför svaren med versionen ”{ $name }”.
remiss-version_none = Ingen version av texten är sparad än. Sammanställningen jämför svaren med den version som skickas på remiss.
remiss-version_changed = Texten har ändrats sedan versionen ”{ $name }”. Sammanställningen jämför svaren med den version som skickas på remiss.
remiss-version_cut = Spara texten som versionen ”{ $name }” när den skickas
remiss-version_older = Utan en ny version sammanställs svaren mot versionen ”{ $name }”, som inte är texten som skickas.
remiss-version_needed = Utan en sparad version finns ingen remissversion att sammanställa svaren mot.
