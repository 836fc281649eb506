### Organisations' stances per clause and the consultation answer.
### Svenska.

answer-label = Organisationens svar
answer-send = Skicka remissvaret
answer-sent = Svar { $number } är skickat.
answer-rest = { $count ->
        [one] Ingen erinran på den återstående punkten
       *[other] Ingen erinran på de återstående { $count } punkterna
    }
answer-rest_drafted = { $count ->
        [one] Ingen erinran är utkast på { $count } punkt. Ändra den om det behövs innan svaret skickas.
       *[other] Ingen erinran är utkast på { $count } punkter. Ändra dem om det behövs innan svaret skickas.
    }
answer-status = Svar från { $organisation }: { $unsent ->
        [one] { $unsent } punkt ändrad
       *[other] { $unsent } punkter ändrade
    } sedan senaste svaret, { $sent ->
        [one] { $sent } svar skickat
       *[other] { $sent } svar skickade
    }.

# Before the organisation's first answer: nothing has changed "since the last answer".
answer-status_first = Svar från { $organisation }: { $unsent ->
        [0] inga ställningstaganden
        [one] ställningstagande i { $unsent } punkt
       *[other] ställningstaganden i { $unsent } punkter
    }, inget svar skickat ännu.

stance-choose = Välj …
stance-draft_status = Utkast – inte skickat
stance-label = Organisationernas ställningstaganden
stance-motivation = Motivering
stance-no_remarks = Ingen erinran
stance-opposes = Avstyrker
stance-own = Ställningstagande för { $organisation }
stance-save = Spara utkast
stance-sent_status = Skickat i svar { $number }
stance-show_all = { $count ->
        [one] Visa organisationens ställningstagande
       *[other] Visa alla { $count } organisationers ställningstaganden
    }
stance-supports = Tillstyrker
stance-supports_with_changes = Tillstyrker med ändring
