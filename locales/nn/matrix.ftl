### The stance matrix: organisations × clauses.
### Norsk nynorsk.

nav-matrix = Standpunkt
matrix-title = Standpunkt per punkt
matrix-caption = Standpunkta til organisasjonane per punkt: radene er organisasjonar, kolonnane er punkt. Piltastane flyttar mellom cellene, Enter viser cella.
matrix-legend = Teiknforklaring
matrix-organisation = Organisasjon
matrix-status = Svar
matrix-filter-chapter = Kapittel
matrix-filter-stance = Standpunkt
matrix-filter-answered = Svar
matrix-filter-all = Alle
matrix-filter-answered-yes = Har svart
matrix-filter-answered-no = Har ikkje svart
matrix-collapse = Fald saman kapittel { $number }
matrix-expand = Fald ut kapittel { $number }
matrix-collapsed = Kapittel { $number } er falda saman
matrix-answered = Svar { $number }, { $date }
matrix-on_behalf = registrert av koordinator
matrix-unanswered = Ikkje svart
matrix-extended = Forlengd til { $date }
matrix-draft = utkast, ikkje sendt
matrix-drafting = { $count ->
        [one] utkast på { $count } punkt
       *[other] utkast på { $count } punkt
    }
matrix-count-clause = Tal per punkt
matrix-unsent = Utkast som ikkje er sendt
matrix-shown = { $organisations ->
        [one] { $organisations } organisasjon
       *[other] { $organisations } organisasjonar
    } × { $clauses ->
        [one] { $clauses } punkt
       *[other] { $clauses } punkt
    }
matrix-empty = Ingen organisasjonar eller punkt passar til filteret.
matrix-detail = { $organisation } om punkt { $number }
matrix-detail-close = Lukk
matrix-detail-sent = Sendt standpunkt
matrix-detail-draft = Utkast
matrix-detail-none = Ikkje noko standpunkt.
matrix-detail-motivation = Grunngjeving
matrix-detail-remarks = Merknader frå organisasjonen
matrix-detail-no_remarks = Ingen merknader til punktet.
matrix-loading = Hentar avtalen …
