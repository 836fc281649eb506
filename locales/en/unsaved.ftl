### Writing the server did not take, handed back.
### English.

unsaved-count = { $count } not saved
unsaved-discard = Discard
unsaved-intro = The server did not accept your latest changes, so the agreement has been loaded again. You wrote this but it was not saved. Send it again or discard it.
unsaved-kind-comment = Comment on clause { $number }
unsaved-kind-edit = Edit of your remark on clause { $number }
unsaved-kind-opposition = Your opposition to a proposal on clause { $number }
unsaved-kind-proposal = Proposed wording in clause { $number }
unsaved-kind-question = Question on clause { $number }
unsaved-kind-reply = Reply in a thread on clause { $number }
unsaved-kind-stance = Stance on clause { $number }: { $value }
unsaved-kind-support = Your support for a proposal on clause { $number }
unsaved-kind-support_cleared = Cleared support for a proposal on clause { $number }
unsaved-kind-withdrawal = Withdrawal of your remark on clause { $number }
unsaved-kind-wording = Your wording of clause { $number }
unsaved-posted = Sent again.
unsaved-quote = Selected text:
unsaved-reason = The server's message (technical)
unsaved-reply = Your reply in the thread:
unsaved-send_again = Send again
unsaved-title = Not saved
