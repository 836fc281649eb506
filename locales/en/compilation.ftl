### The compilation of a consultation round (consultation summary): its page and its exports.
### English.

compilation-title = Consultation summary
compilation-remiss_version = Consultation draft: { $version }, { $date }
compilation-summary = Summary
compilation-introduction = Introduction
compilation-views = The consultees' views
compilation-contents = Contents
compilation-proposal = The wording sent for consultation
compilation-positions = Stances
compilation-arguments = Remarks
compilation-response = Response
compilation-no_response = No response yet.
compilation-outcome = Outcome
compilation-outcome-unchanged = Unchanged
compilation-outcome-changed = Changed
compilation-outcome-removed = Removed
compilation-outcome-added = New clause
compilation-changes = Changes since the consultation draft
compilation-wording_now = Wording now
compilation-not_answered = Not answered
compilation-organisation = Organisation
compilation-stance = Stance
compilation-total = Total

compilation-intro-sent = The consultation draft “{ $version }” was sent out on { $date } with a deadline of { $deadline }.
compilation-intro-sent_open = The consultation draft “{ $version }” was sent out on { $date }.
compilation-intro-answered = { $consulted ->
        [one] { $consulted } organisation was consulted
       *[other] { $consulted } organisations were consulted
    }, and { $answered ->
        [one] { $answered } answered
       *[other] { $answered } answered
    }.
compilation-intro-phases = The process as the document records it
compilation-intro-phase = { $phase }: { $first } – { $last } ({ $entries ->
        [one] { $entries } entry
       *[other] { $entries } entries
    })
compilation-intro-versions = Versions
compilation-intro-version = { $name }, { $date } ({ $by })
compilation-intro-organisations = Consultees and their answers
compilation-answer = Answer
compilation-answered_on = Answer { $number } on { $date } by { $name }
compilation-no_answer = No answer
compilation-extension = Deadline extended to { $date }
compilation-on_behalf = Recorded by { $name } on { $date } on the organisation's behalf
compilation-decision = Decision
compilation-decision-text = { $body }, { $date }, { $item }
compilation-reservation = Dissent ({ $party })
compilation-special_statement = Separate statement ({ $party })
compilation-condition = Condition on clause { $clause }

compilation-motivation = Motivation
compilation-remark_by = Remark by { $author }
compilation-question_by = Question by { $author }
compilation-proposal_by = Proposed wording by { $author }
compilation-proposed = Proposed wording
compilation-quoted = On the words

compilation-per_chapter = Stances per chapter
compilation-main_points = Main points
compilation-main_points-none = No consultee opposed or asked for changes.
compilation-main_point-opposes = opposed by { $organisations }
compilation-main_point-changes = changes asked for by { $organisations }
compilation-main_point-conditions = conditions from { $organisations }
compilation-outcomes = After the consultation: { $changed ->
        [one] { $changed } clause changed
       *[other] { $changed } clauses changed
    }, { $unchanged } unchanged, { $removed } removed and { $added ->
        [one] { $added } new clause
       *[other] { $added } new clauses
    }.

compilation-csv-chapter = Chapter
compilation-csv-clause = Clause
compilation-csv-heading = Heading
compilation-csv-answer = Answer no.
compilation-csv-sent = Sent
compilation-csv-sent_by = Sent by
compilation-csv-on_behalf = Recorded for the organisation by
compilation-csv-body = Deciding body
compilation-csv-date = Date of decision
compilation-csv-item = Item
compilation-csv-reservations = Dissents and statements
compilation-csv-condition = Condition on the clause
compilation-csv-remarks = Remarks on the clause
compilation-csv-proposed = Proposed wording

compilation-none = There is no version sent out for consultation to compile yet. A version is saved when the text is sent out (Consultation page), or under Versions.
compilation-download-docx = Download as Word
compilation-download-csv = Download as spreadsheet (CSV)
compilation-bar-desc = Stacked bars: for each chapter how many stances support, support with changes, oppose, have no remarks or are missing. The same figures are in the table below.
compilation-response-hint = The response is saved as you type and shows at once for the other coordinators.
compilation-conditions = Conditions set on the clause
compilation-intro-phase_began = { $phase } began on { $date }.
# After "… began on <date>.": how much was written in the phase, and when (the first and
# the last day; _on: all on one day; _same_day: on the day it began).
compilation-intro-phase_written = { $entries ->
        [one] { $entries } entry was written
       *[other] { $entries } entries were written
    } from { $first } to { $last }.
compilation-intro-phase_written_same_day = { $entries ->
        [one] { $entries } entry was written
       *[other] { $entries } entries were written
    } the same day.
compilation-intro-phase_written_on = { $entries ->
        [one] { $entries } entry was written
       *[other] { $entries } entries were written
    } on { $date }.
