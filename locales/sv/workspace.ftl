### The agreement view: contents, clauses, filters, phases and roles.
### Svenska.

clause-no_remarks = Inga synpunkter ännu.
clause-remark_on = Synpunkt på punkt { $number }
clause-remarks = Synpunkter
clause-show_all_remarks = { $count ->
        [one] { $count } synpunkt – visa
       *[other] { $count } synpunkter – visa alla
    }

filters-all = Alla
filters-clear = Rensa filter
filters-kind = Typ
filters-label = Filter
filters-mine = Mina synpunkter och hur de hanterades
filters-organisation = Organisation
filters-role = Roll
filters-search = Sök i text och synpunkter
filters-status = Status

phase-closed = Avslutad
phase-consultation = Remiss
phase-drafting = Utkast
phase-label = Fas
phase-merging = Sammanställning

role-coordinator = samordnare
role-jurist = jurist
role-member = ledamot
role-observer = observatör

selection-toolbar = Markerad text
selection-quote = ”{ $quote }”

status-disposed = Med bemötande
status-open = Öppna
status-unanswered = Utan bemötande
status-withdrawn = Återkallade

toc-label = Innehåll
toc-remarks = { $count ->
        [one] { $count } synpunkt
       *[other] { $count } synpunkter
    }
