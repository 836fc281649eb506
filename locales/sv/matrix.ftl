### The stance matrix: organisations × clauses.
### Svenska.

nav-matrix = Ställningstaganden
matrix-title = Ställningstaganden per punkt
matrix-caption = Organisationernas ställningstaganden per punkt: rader är organisationer, kolumner är punkter. Piltangenterna flyttar mellan cellerna, Enter visar cellen.
matrix-legend = Teckenförklaring
matrix-organisation = Organisation
matrix-status = Svar
matrix-filter-chapter = Kapitel
matrix-filter-stance = Ställningstagande
matrix-filter-answered = Svar
matrix-filter-all = Alla
matrix-filter-answered-yes = Har svarat
matrix-filter-answered-no = Har inte svarat
matrix-collapse = Fäll ihop kapitel { $number }
matrix-expand = Fäll ut kapitel { $number }
matrix-collapsed = Kapitel { $number } är ihopfällt
matrix-answered = Svar { $number }, { $date }
matrix-on_behalf = registrerat av samordnare
matrix-unanswered = Inget svar
matrix-extended = Förlängt till { $date }
matrix-draft = utkast, inte skickat
matrix-drafting = { $count ->
        [one] utkast på { $count } punkt
       *[other] utkast på { $count } punkter
    }
matrix-count-clause = Antal per punkt
matrix-unsent = Utkast som inte skickats
matrix-shown = { $organisations ->
        [one] { $organisations } organisation
       *[other] { $organisations } organisationer
    } × { $clauses ->
        [one] { $clauses } punkt
       *[other] { $clauses } punkter
    }
matrix-empty = Inga organisationer eller punkter matchar filtret.
matrix-detail = { $organisation } om punkt { $number }
matrix-detail-close = Stäng
matrix-detail-sent = Skickat ställningstagande
matrix-detail-draft = Utkast
matrix-detail-none = Inget ställningstagande.
matrix-detail-motivation = Motivering
matrix-detail-remarks = Synpunkter från organisationen
matrix-detail-no_remarks = Inga synpunkter på punkten.
matrix-loading = Hämtar avtalet …
