### Writing and reading remarks: the composer, replies, edits.
### Norsk nynorsk.

composer-body = Merknad
composer-diff = Endringar mot gjeldande tekst:
composer-kind = Type merknad
composer-markdown_hint = Du kan bruke Markdown: **feit**, *kursiv*, lister. Skriv @ for å nemne nokon.
composer-on_clause = Gjeld heile punktet.
composer-on_selection = Gjeld den markerte teksten:
composer-rationale = Grunngjeving
composer-submit = Send merknad
composer-wording = Føreslått formulering

diff-added = lagt til:
diff-removed = fjerna:

kind-comment = Kommentar
kind-comment-action = Kommenter
kind-proposal = Endringsframlegg
kind-proposal-action = Føreslå ny formulering
kind-question = Spørsmål
kind-question-action = Still eit spørsmål

mention-list = Deltakarar å nemne

remark-accepted_into_text = (formuleringa er teken inn i teksten)
remark-cancel = Avbryt
remark-edit = Rediger
remark-edit_label = Endre merknaden din
remark-edited = (endra)
remark-error = Merknaden kunne ikkje lagrast: { $error }
remark-orphaned = (teksten er fjerna)
remark-reply_label = Svar til { $name }
remark-reply_open = Svar
remark-reply_submit = Svar
remark-save = Lagre
remark-unsaved = Ikkje lagra enno
remark-withdraw = Trekk tilbake
remark-withdrawn = Trekt tilbake
