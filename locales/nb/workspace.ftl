### The agreement view: contents, clauses, filters, phases and roles.
### Norsk bokmål.

clause-no_remarks = Ingen merknader ennå.
clause-remark_on = Merknad til punkt { $number }
clause-remarks = Merknader
clause-show_all_remarks = { $count ->
        [one] { $count } merknad – vis
       *[other] { $count } merknader – vis alle
    }

filters-all = Alle
filters-clear = Fjern filter
filters-kind = Type
filters-label = Filter
filters-mine = Mine innspill og hvordan de ble håndtert
filters-organisation = Organisasjon
filters-role = Rolle
filters-search = Søk i tekst og merknader
filters-status = Status

phase-closed = Avsluttet
phase-consultation = Høring
phase-drafting = Utkast
phase-label = Fase
phase-merging = Oppsummering

role-coordinator = koordinator
role-jurist = jurist
role-member = medlem
role-observer = observatør

selection-toolbar = Markert tekst
selection-quote = «{ $quote }»

status-disposed = Vurdert
status-open = Åpne
status-unanswered = Uten vurdering
status-withdrawn = Trukket tilbake

toc-label = Innhold
toc-remarks = { $count ->
        [one] { $count } merknad
       *[other] { $count } merknader
    }
