### The coordinator's response to a remark.
### English.

disposition-accepted = Accepted
disposition-answered = Answered
disposition-change = Change the response
disposition-give = Respond
disposition-label = Response
disposition-motivation = Motivation
disposition-noted = Noted
disposition-partly_accepted = Partly accepted
disposition-rejected = Rejected
disposition-save = Save response
