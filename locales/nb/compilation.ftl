### The compilation of a consultation round (høringsoppsummering): its page and its exports.
### Norsk bokmål.

compilation-title = Høringsoppsummering
compilation-remiss_version = Høringsutkast: { $version }, { $date }
compilation-summary = Oppsummering
compilation-introduction = Innledning
compilation-views = Høringsinstansenes syn
compilation-contents = Innhold
compilation-proposal = Forslaget i høringsutkastet
compilation-positions = Standpunkt
compilation-arguments = Merknader
compilation-response = Vurdering
compilation-no_response = Ingen vurdering ennå.
compilation-outcome = Resultat
compilation-outcome-unchanged = Uendret
compilation-outcome-changed = Endret
compilation-outcome-removed = Strøket
compilation-outcome-added = Nytt punkt
compilation-changes = Endringer siden høringsutkastet
compilation-wording_now = Ordlyd nå
compilation-not_answered = Ikke svart
compilation-organisation = Organisasjon
compilation-stance = Standpunkt
compilation-total = Totalt

compilation-intro-sent = Høringsutkastet «{ $version }» ble sendt ut { $date } med høringsfrist { $deadline }.
compilation-intro-sent_open = Høringsutkastet «{ $version }» ble sendt ut { $date }.
compilation-intro-answered = { $consulted ->
        [one] { $consulted } organisasjon fikk høringen
       *[other] { $consulted } organisasjoner fikk høringen
    }, og { $answered ->
        [one] { $answered } svarte
       *[other] { $answered } svarte
    }.
compilation-intro-phases = Forløpet ifølge dokumentet
compilation-intro-phase = { $phase }: { $first } – { $last } ({ $entries ->
        [one] { $entries } innlegg
       *[other] { $entries } innlegg
    })
compilation-intro-versions = Versjoner
compilation-intro-version = { $name }, { $date } ({ $by })
compilation-intro-organisations = Høringsinstanser og svar
compilation-answer = Svar
compilation-answered_on = Svar { $number }, datert { $date }, fra { $name }
compilation-no_answer = Ikke svart
compilation-extension = Forlenget høringsfrist til { $date }
compilation-on_behalf = Registrert av { $name } { $date } på vegne av organisasjonen
compilation-decision = Vedtak
compilation-decision-text = { $body } { $date }, { $item }
compilation-reservation = Dissens ({ $party })
compilation-special_statement = Særmerknad ({ $party })
compilation-condition = Vilkår for punkt { $clause }

compilation-motivation = Begrunnelse
compilation-remark_by = Merknad fra { $author }
compilation-question_by = Spørsmål fra { $author }
compilation-proposal_by = Endringsforslag fra { $author }
compilation-proposed = Foreslått ordlyd
compilation-quoted = Om teksten

compilation-per_chapter = Standpunkt per kapittel
compilation-main_points = Hovedpunkter
compilation-main_points-none = Ingen høringsinstans gikk imot eller ba om endringer.
compilation-main_point-opposes = støttes ikke av { $organisations }
compilation-main_point-changes = endring ønskes av { $organisations }
compilation-main_point-conditions = vilkår fra { $organisations }
compilation-outcomes = Etter høringen: { $changed ->
        [one] { $changed } punkt endret
       *[other] { $changed } punkter endret
    }, { $unchanged } uendret, { $removed } strøket og { $added ->
        [one] { $added } nytt punkt
       *[other] { $added } nye punkter
    }.

compilation-csv-chapter = Kapittel
compilation-csv-clause = Punkt
compilation-csv-heading = Overskrift
compilation-csv-answer = Svar nr.
compilation-csv-sent = Sendt
compilation-csv-sent_by = Sendt av
compilation-csv-on_behalf = Registrert på vegne av organisasjonen av
compilation-csv-body = Vedtaksorgan
compilation-csv-date = Vedtaksdato
compilation-csv-item = Saksnummer
compilation-csv-reservations = Dissenser og særmerknader
compilation-csv-condition = Vilkår for punktet
compilation-csv-remarks = Merknader til punktet
compilation-csv-proposed = Foreslått ordlyd

compilation-none = Det finnes ingen høringsversjon å oppsummere ennå. En versjon lagres når teksten sendes på høring (siden Høring), eller under Versjoner.
compilation-download-docx = Last ned som Word
compilation-download-csv = Last ned som regneark (CSV)
compilation-bar-desc = Stablede søyler: for hvert kapittel hvor mange standpunkt som støtter, støtter med endring, ikke støtter, ikke har merknader eller mangler. De samme tallene står i tabellen nedenfor.
compilation-response-hint = Vurderingen lagres mens du skriver og vises straks for de andre koordinatorene.
compilation-conditions = Vilkår for punktet
compilation-intro-phase_began = { $phase } startet { $date }.
# After "… startet <date>.": how much was written in the phase, and when (the first and
# the last day; _on: all on one day; _same_day: on the day it began).
compilation-intro-phase_written = { $entries ->
        [one] { $entries } innlegg ble skrevet
       *[other] { $entries } innlegg ble skrevet
    } { $first } – { $last }.
compilation-intro-phase_written_same_day = { $entries ->
        [one] { $entries } innlegg ble skrevet
       *[other] { $entries } innlegg ble skrevet
    } samme dag.
compilation-intro-phase_written_on = { $entries ->
        [one] { $entries } innlegg ble skrevet
       *[other] { $entries } innlegg ble skrevet
    } { $date }.
