### The inbox: what the signed-in person has been told.
### English.

inbox-accepted = { $name } brought your proposal into the text – { $clause }
inbox-close = Close
inbox-deadline = Your organisation's deadline is { $date }
inbox-disposition = { $name } responded to your remark on { $clause }: “{ $value }”
inbox-empty = Nothing new yet. Mentions, replies and responses to your remarks, new phases and versions come here.
inbox-error = The inbox could not be loaded: { $error }
inbox-loading = Loading the inbox …
inbox-mail_address = E-mail address
inbox-mail_daily = A daily digest
inbox-mail_immediate = At once
inbox-mail_mode = E-mail
inbox-mail_off = No e-mail
inbox-mail_save = Save
inbox-mail_saved = Saved
inbox-mail_title = Get the inbox by e-mail
inbox-mark_all = Mark all as read
inbox-mention = { $name } mentioned you – { $clause }
inbox-new = New
inbox-draft = { $name } read in a new draft from Word – { $count ->
    [one] { $count } clause changed
   *[other] { $count } clauses changed
}
inbox-phase = { $name } moved the agreement to { $phase }
inbox-reply = { $name } replied to your remark – { $clause }
inbox-title = Inbox
inbox-unread = { $count ->
        [0] None unread
        [one] { $count } unread
       *[other] { $count } unread
    }
inbox-unread_said = { $count ->
        [one] { $count } unread
       *[other] { $count } unread
    }
inbox-version = { $name } cut the version “{ $version }”
mail-digest_subject = Samråd: { $count ->
        [one] { $count } new event
       *[other] { $count } new events
    }
mail-open = Open the agreement: { $link }
mail-subject = Samråd: { $what }
mail-unsubscribe = You receive this e-mail because you chose e-mail from Samråd's inbox. Stop e-mail: { $link }
mail-unsubscribe_bad = This unsubscribe link is not valid
mail-unsubscribe_button = Stop sending me e-mail
mail-unsubscribe_title = Stop e-mail from Samråd?
mail-unsubscribed = You will no longer receive e-mail from Samråd. The inbox in the app stays.
