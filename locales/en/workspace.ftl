### The agreement view: contents, clauses, filters, phases and roles.
### English.

clause-no_remarks = No remarks yet.
clause-remark_on = Remark on clause { $number }
clause-remarks = Remarks
clause-show_all_remarks = { $count ->
        [one] { $count } remark – show
       *[other] { $count } remarks – show all
    }

filters-all = All
filters-clear = Clear filters
filters-kind = Kind
filters-label = Filters
filters-mine = My remarks and how they were handled
filters-organisation = Organisation
filters-role = Role
filters-search = Search text and remarks
filters-status = Status

phase-closed = Closed
phase-consultation = Consultation
phase-drafting = Drafting
phase-label = Phase
phase-merging = Compilation

role-coordinator = coordinator
role-jurist = lawyer
role-member = member
role-observer = observer

selection-toolbar = Selected text
selection-quote = “{ $quote }”

status-disposed = Responded to
status-open = Open
status-unanswered = Without a response
status-withdrawn = Withdrawn

toc-label = Contents
toc-remarks = { $count ->
        [one] { $count } remark
       *[other] { $count } remarks
    }
