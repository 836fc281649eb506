### The compilation of a consultation round (høyringsoppsummering): its page and its exports.
### Norsk nynorsk.

compilation-title = Høyringsoppsummering
compilation-remiss_version = Høyringsutkast: { $version }, { $date }
compilation-summary = Samandrag
compilation-introduction = Innleiing
compilation-views = Høyringsinstansane sitt syn
compilation-contents = Innhald
compilation-proposal = Framlegget i høyringsutkastet
compilation-positions = Standpunkt
compilation-arguments = Merknader
compilation-response = Vurdering
compilation-no_response = Inga vurdering enno.
compilation-outcome = Resultat
compilation-outcome-unchanged = Uendra
compilation-outcome-changed = Endra
compilation-outcome-removed = Stroke
compilation-outcome-added = Nytt punkt
compilation-changes = Endringar sidan høyringsutkastet
compilation-wording_now = Ordlyd no
compilation-not_answered = Ikkje svart
compilation-organisation = Organisasjon
compilation-stance = Standpunkt
compilation-total = Totalt

compilation-intro-sent = Høyringsutkastet «{ $version }» vart sendt ut { $date } med høyringsfrist { $deadline }.
compilation-intro-sent_open = Høyringsutkastet «{ $version }» vart sendt ut { $date }.
compilation-intro-answered = { $consulted ->
        [one] { $consulted } organisasjon fekk høyringa
       *[other] { $consulted } organisasjonar fekk høyringa
    }, og { $answered ->
        [one] { $answered } svarte
       *[other] { $answered } svarte
    }.
compilation-intro-phases = Forløpet etter dokumentet
compilation-intro-phase = { $phase }: { $first } – { $last } ({ $entries ->
        [one] { $entries } innlegg
       *[other] { $entries } innlegg
    })
compilation-intro-versions = Versjonar
compilation-intro-version = { $name }, { $date } ({ $by })
compilation-intro-organisations = Høyringsinstansar og svar
compilation-answer = Svar
compilation-answered_on = Svar { $number }, datert { $date }, frå { $name }
compilation-no_answer = Ikkje svart
compilation-extension = Forlengd høyringsfrist til { $date }
compilation-on_behalf = Registrert av { $name } { $date } på vegner av organisasjonen
compilation-decision = Vedtak
compilation-decision-text = { $body } { $date }, { $item }
compilation-reservation = Dissens ({ $party })
compilation-special_statement = Særmerknad ({ $party })
compilation-condition = Vilkår for punkt { $clause }

compilation-motivation = Grunngjeving
compilation-remark_by = Merknad frå { $author }
compilation-question_by = Spørsmål frå { $author }
compilation-proposal_by = Endringsframlegg frå { $author }
compilation-proposed = Føreslått ordlyd
compilation-quoted = Om teksten

compilation-per_chapter = Standpunkt per kapittel
compilation-main_points = Hovudpunkt
compilation-main_points-none = Ingen høyringsinstans gjekk imot eller bad om endringar.
compilation-main_point-opposes = vert ikkje støtta av { $organisations }
compilation-main_point-changes = endring ønskt av { $organisations }
compilation-main_point-conditions = vilkår frå { $organisations }
compilation-outcomes = Etter høyringa: { $changed } punkt endra, { $unchanged } uendra, { $removed } stroke og { $added ->
        [one] { $added } nytt punkt
       *[other] { $added } nye punkt
    }.

compilation-csv-chapter = Kapittel
compilation-csv-clause = Punkt
compilation-csv-heading = Overskrift
compilation-csv-answer = Svar nr.
compilation-csv-sent = Sendt
compilation-csv-sent_by = Sendt av
compilation-csv-on_behalf = Registrert på vegner av organisasjonen av
compilation-csv-body = Vedtaksorgan
compilation-csv-date = Vedtaksdato
compilation-csv-item = Saksnummer
compilation-csv-reservations = Dissensar og særmerknader
compilation-csv-condition = Vilkår for punktet
compilation-csv-remarks = Merknader til punktet
compilation-csv-proposed = Føreslått ordlyd

compilation-none = Det finst ingen høyringsversjon å oppsummere enno. Ein versjon blir lagra når teksten blir send på høyring (sida Høyring), eller under Versjonar.
compilation-download-docx = Last ned som Word
compilation-download-csv = Last ned som rekneark (CSV)
compilation-bar-desc = Stabla søyler: for kvart kapittel kor mange standpunkt som støttar, støttar med endring, ikkje støttar, ikkje har merknader eller manglar. Dei same tala står i tabellen nedanfor.
compilation-response-hint = Vurderinga blir lagra medan du skriv og blir vist med ein gong for dei andre koordinatorane.
compilation-conditions = Vilkår for punktet
compilation-intro-phase_began = { $phase } starta { $date }.
# After "… starta <date>.": how much was written in the phase, and when (the first and
# the last day; _on: all on one day; _same_day: on the day it began).
compilation-intro-phase_written = { $entries ->
        [one] { $entries } innlegg vart skrive
       *[other] { $entries } innlegg vart skrivne
    } { $first } – { $last }.
compilation-intro-phase_written_same_day = { $entries ->
        [one] { $entries } innlegg vart skrive
       *[other] { $entries } innlegg vart skrivne
    } same dagen.
compilation-intro-phase_written_on = { $entries ->
        [one] { $entries } innlegg vart skrive
       *[other] { $entries } innlegg vart skrivne
    } { $date }.
