### The inbox: what the signed-in person has been told.
### English.

inbox-accepted = { $name } brought your proposal into the text – { $clause }
inbox-close = Close
inbox-deadline = Your organisation's deadline is { $date }
inbox-disposition = { $name } responded to your remark on { $clause }: “{ $value }”
inbox-empty = Nothing new yet. Mentions, replies and responses to your remarks, new phases and versions come here.
inbox-error = The inbox could not be loaded: { $error }
inbox-loading = Loading the inbox …
inbox-mark_all = Mark all as read
inbox-mention = { $name } mentioned you – { $clause }
inbox-new = New
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
