### The stance matrix: organisations × clauses.
### English.

nav-matrix = Stances
matrix-title = Stances per clause
matrix-caption = The organisations' stances per clause: rows are organisations, columns are clauses. Arrow keys move between cells, Enter shows a cell.
matrix-legend = Key
matrix-organisation = Organisation
matrix-status = Answer
matrix-filter-chapter = Chapter
matrix-filter-stance = Stance
matrix-filter-answered = Answer
matrix-filter-all = All
matrix-filter-answered-yes = Has answered
matrix-filter-answered-no = Has not answered
matrix-collapse = Collapse chapter { $number }
matrix-expand = Expand chapter { $number }
matrix-collapsed = Chapter { $number } is collapsed
matrix-answered = Answer { $number }, { $date }
matrix-on_behalf = recorded by a coordinator
matrix-unanswered = No answer
matrix-extended = Extended to { $date }
matrix-draft = draft, not sent
matrix-drafting = { $count ->
        [one] draft on { $count } clause
       *[other] draft on { $count } clauses
    }
matrix-count-clause = Count per clause
matrix-unsent = Drafts not sent
matrix-shown = { $organisations ->
        [one] { $organisations } organisation
       *[other] { $organisations } organisations
    } × { $clauses ->
        [one] { $clauses } clause
       *[other] { $clauses } clauses
    }
matrix-empty = No organisations or clauses match the filter.
matrix-detail = { $organisation } on clause { $number }
matrix-detail-close = Close
matrix-detail-sent = Sent stance
matrix-detail-draft = Draft
matrix-detail-none = No stance.
matrix-detail-motivation = Motivation
matrix-detail-remarks = Remarks from the organisation
matrix-detail-no_remarks = No remarks on the clause.
matrix-loading = Loading the agreement …
