### The compilation of a consultation round (remissammanställning): its page and its exports.
### Svenska.

compilation-title = Remissammanställning
compilation-remiss_version = Remissversion: { $version }, { $date }
compilation-summary = Sammanfattning
compilation-introduction = Inledning
compilation-views = Remissinstansernas synpunkter
compilation-contents = Innehåll
compilation-proposal = Förslaget i remissversionen
compilation-positions = Ställningstaganden
compilation-arguments = Synpunkter
compilation-response = Bemötande
compilation-no_response = Inget bemötande ännu.
compilation-outcome = Resultat
compilation-outcome-unchanged = Oförändrad
compilation-outcome-changed = Ändrad
compilation-outcome-removed = Struken
compilation-outcome-added = Ny punkt
compilation-changes = Ändringar sedan remissversionen
compilation-wording_now = Lydelse nu
compilation-not_answered = Ej svarat
compilation-organisation = Organisation
compilation-stance = Ställningstagande
compilation-total = Totalt

compilation-intro-sent = Remissversionen ”{ $version }” skickades ut den { $date } med sista svarsdag den { $deadline }.
compilation-intro-sent_open = Remissversionen ”{ $version }” skickades ut den { $date }.
compilation-intro-answered = { $consulted ->
        [one] { $consulted } organisation fick remissen
       *[other] { $consulted } organisationer fick remissen
    } och { $answered ->
        [one] { $answered } svarade
       *[other] { $answered } svarade
    }.
compilation-intro-phases = Förloppet enligt dokumentet
compilation-intro-phase = { $phase }: { $first } – { $last } ({ $entries ->
        [one] { $entries } inlägg
       *[other] { $entries } inlägg
    })
compilation-intro-versions = Versioner
compilation-intro-version = { $name }, { $date } ({ $by })
compilation-intro-organisations = Remissinstanser och svar
compilation-answer = Svar
compilation-answered_on = Svar { $number } den { $date } av { $name }
compilation-no_answer = Inget svar
compilation-extension = Förlängd svarstid till den { $date }
compilation-on_behalf = Registrerat av { $name } den { $date } för organisationens räkning
compilation-decision = Beslut
compilation-decision-text = { $body } den { $date }, { $item }
compilation-reservation = Reservation ({ $party })
compilation-special_statement = Särskilt yttrande ({ $party })
compilation-condition = Villkor för punkt { $clause }

compilation-motivation = Motivering
compilation-remark_by = Synpunkt från { $author }
compilation-question_by = Fråga från { $author }
compilation-proposal_by = Ändringsförslag från { $author }
compilation-proposed = Föreslagen lydelse
compilation-quoted = Om texten

compilation-per_chapter = Ställningstaganden per kapitel
compilation-main_points = Huvudpunkter
compilation-main_points-none = Ingen remissinstans avstyrkte eller begärde ändringar.
compilation-main_point-opposes = avstyrks av { $organisations }
compilation-main_point-changes = ändring begärs av { $organisations }
compilation-main_point-conditions = villkor från { $organisations }
compilation-outcomes = Efter remissen: { $changed ->
        [one] { $changed } punkt ändrad
       *[other] { $changed } punkter ändrade
    }, { $unchanged ->
        [one] { $unchanged } oförändrad
       *[other] { $unchanged } oförändrade
    }, { $removed ->
        [one] { $removed } struken
       *[other] { $removed } strukna
    } och { $added ->
        [one] { $added } ny punkt
       *[other] { $added } nya punkter
    }.

compilation-csv-chapter = Kapitel
compilation-csv-clause = Punkt
compilation-csv-heading = Rubrik
compilation-csv-answer = Svar nr
compilation-csv-sent = Skickat
compilation-csv-sent_by = Skickat av
compilation-csv-on_behalf = Registrerat för organisationen av
compilation-csv-body = Beslutande organ
compilation-csv-date = Beslutsdatum
compilation-csv-item = Paragraf
compilation-csv-reservations = Reservationer och särskilda yttranden
compilation-csv-condition = Villkor för punkten
compilation-csv-remarks = Synpunkter på punkten
compilation-csv-proposed = Föreslagen lydelse

compilation-none = Det finns ingen remissversion att sammanställa ännu. En version sparas när texten skickas på remiss (sidan Remiss), eller under Versioner.
compilation-download-docx = Ladda ner som Word
compilation-download-csv = Ladda ner som kalkylark (CSV)
compilation-bar-desc = Staplade staplar: för varje kapitel hur många ställningstaganden som tillstyrker, tillstyrker med ändring, avstyrker, inte har någon erinran eller saknas. Samma siffror finns i tabellen nedanför.
compilation-response-hint = Bemötandet sparas medan du skriver och syns direkt för övriga samordnare.
compilation-conditions = Villkor för punkten
compilation-intro-phase_began = { $phase } inleddes { $date }.
# After "… inleddes <date>.": how much was written in the phase, and when (the first and
# the last day; _on: all on one day; _same_day: on the day it began).
compilation-intro-phase_written = { $entries ->
        [one] { $entries } inlägg skrevs
       *[other] { $entries } inlägg skrevs
    } { $first } – { $last }.
compilation-intro-phase_written_same_day = { $entries ->
        [one] { $entries } inlägg skrevs
       *[other] { $entries } inlägg skrevs
    } samma dag.
compilation-intro-phase_written_on = { $entries ->
        [one] { $entries } inlägg skrevs
       *[other] { $entries } inlägg skrevs
    } { $date }.
