### The stance matrix: organisations × clauses.
### Norsk bokmål.

nav-matrix = Standpunkt
matrix-title = Standpunkt per punkt
matrix-caption = Organisasjonenes standpunkt per punkt: rader er organisasjoner, kolonner er punkter. Piltastene flytter mellom cellene, Enter viser cellen.
matrix-legend = Tegnforklaring
matrix-organisation = Organisasjon
matrix-status = Svar
matrix-filter-chapter = Kapittel
matrix-filter-stance = Standpunkt
matrix-filter-answered = Svar
matrix-filter-all = Alle
matrix-filter-answered-yes = Har svart
matrix-filter-answered-no = Har ikke svart
matrix-collapse = Fold sammen kapittel { $number }
matrix-expand = Fold ut kapittel { $number }
matrix-collapsed = Kapittel { $number } er foldet sammen
matrix-answered = Svar { $number }, { $date }
matrix-on_behalf = registrert av koordinator
matrix-unanswered = Ikke svart
matrix-extended = Forlenget til { $date }
matrix-draft = utkast, ikke sendt
matrix-drafting = { $count ->
        [one] utkast på { $count } punkt
       *[other] utkast på { $count } punkter
    }
matrix-count-clause = Antall per punkt
matrix-unsent = Utkast som ikke er sendt
matrix-shown = { $organisations ->
        [one] { $organisations } organisasjon
       *[other] { $organisations } organisasjoner
    } × { $clauses ->
        [one] { $clauses } punkt
       *[other] { $clauses } punkter
    }
matrix-empty = Ingen organisasjoner eller punkter passer til filteret.
matrix-detail = { $organisation } om punkt { $number }
matrix-detail-close = Lukk
matrix-detail-sent = Sendt standpunkt
matrix-detail-draft = Utkast
matrix-detail-none = Ikke noe standpunkt.
matrix-detail-motivation = Begrunnelse
matrix-detail-remarks = Merknader fra organisasjonen
matrix-detail-no_remarks = Ingen merknader til punktet.
matrix-loading = Henter avtalen …
