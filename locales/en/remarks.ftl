### Writing and reading remarks: the composer, replies, edits.
### English.

composer-body = Remark
composer-diff = Changes against the current wording:
composer-kind = Kind of remark
composer-markdown_hint = You can use Markdown: **bold**, *italic*, lists. Type @ to mention someone.
composer-on_clause = About the whole clause.
composer-on_selection = About the selected text:
composer-rationale = Rationale
composer-submit = Post remark
composer-wording = Proposed wording

diff-added = added:
diff-removed = removed:

kind-comment = Comment
kind-comment-action = Comment
kind-proposal = Proposed wording
kind-proposal-action = Propose new wording
kind-question = Question
kind-question-action = Ask a question

mention-list = Participants to mention

remark-accepted_into_text = (the wording is now in the text)
remark-cancel = Cancel
remark-edit = Edit
remark-edit_label = Edit your remark
remark-edited = (edited)
remark-error = The remark could not be saved: { $error }
remark-orphaned = (the text has been removed)
remark-reply_label = Reply to { $name }
remark-reply_open = Reply
remark-reply_submit = Reply
remark-save = Save
remark-unsaved = Not saved yet
remark-withdraw = Withdraw
remark-withdrawn = Withdrawn
