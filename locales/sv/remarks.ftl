### Writing and reading remarks: the composer, replies, edits.
### Svenska.

composer-body = Synpunkt
composer-diff = Ändringar mot nuvarande lydelse:
composer-kind = Typ av synpunkt
composer-markdown_hint = Du kan använda Markdown: **fet**, *kursiv*, listor. Skriv @ för att nämna någon.
composer-on_clause = Gäller hela punkten.
composer-on_selection = Gäller den markerade texten:
composer-rationale = Motivering
composer-submit = Skicka synpunkt
composer-wording = Föreslagen formulering

diff-added = tillagt:
diff-removed = borttaget:

kind-comment = Kommentar
kind-comment-action = Kommentera
kind-proposal = Ändringsförslag
kind-proposal-action = Föreslå ny lydelse
kind-question = Fråga
kind-question-action = Ställ en fråga

mention-list = Deltagare att nämna

remark-accepted_into_text = (formuleringen är införd i texten)
remark-cancel = Avbryt
remark-edit = Redigera
remark-edit_label = Ändra din synpunkt
remark-edited = (ändrad)
remark-error = Synpunkten kunde inte sparas: { $error }
remark-orphaned = (texten har tagits bort)
remark-reply_label = Svar till { $name }
remark-reply_open = Svara
remark-reply_submit = Svara
remark-save = Spara
remark-unsaved = Inte sparad ännu
remark-withdraw = Återkalla
remark-withdrawn = Återkallad
