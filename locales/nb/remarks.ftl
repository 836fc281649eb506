### Writing and reading remarks: the composer, replies, edits.
### Norsk bokmål.

composer-body = Merknad
composer-diff = Endringer mot gjeldende tekst:
composer-kind = Type merknad
composer-markdown_hint = Du kan bruke Markdown: **fet**, *kursiv*, lister. Skriv @ for å nevne noen.
composer-on_clause = Gjelder hele punktet.
composer-on_selection = Gjelder den markerte teksten:
composer-rationale = Begrunnelse
composer-submit = Send merknad
composer-wording = Foreslått formulering

diff-added = lagt til:
diff-removed = fjernet:

kind-comment = Kommentar
kind-comment-action = Kommenter
kind-proposal = Endringsforslag
kind-proposal-action = Foreslå ny formulering
kind-question = Spørsmål
kind-question-action = Still et spørsmål

mention-list = Deltakere å nevne

remark-accepted_into_text = (formuleringen er tatt inn i teksten)
remark-cancel = Avbryt
remark-edit = Rediger
remark-edit_label = Endre merknaden din
remark-edited = (endret)
remark-error = Merknaden kunne ikke lagres: { $error }
remark-orphaned = (teksten er fjernet)
remark-reply_label = Svar til { $name }
remark-reply_open = Svar
remark-reply_submit = Svar
remark-save = Lagre
remark-unsaved = Ikke lagret ennå
remark-withdraw = Trekk tilbake
remark-withdrawn = Trukket tilbake
