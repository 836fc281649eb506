### The remiss: phase, deadlines and extensions.
### English.

remiss-status_title = Where things stand
remiss-phase_now = The agreement is in the { $phase } phase.
remiss-last_round = The last consultation ran from { $began } to { $ended }.
remiss-deadline_all = The consultation closes on { $date }.
remiss-deadline_all_passed = The consultation closed on { $date }.
remiss-send_title = Send out for consultation
remiss-move_title = Change the deadline
remiss-deadline = Last day to answer
remiss-bad_date = Pick a day that has not passed.
remiss-confirm_title = Send the agreement out for consultation?
remiss-confirm_text = The agreement goes out for consultation. Each organisation can take a stance clause by clause and send its answer until the end of { $date }. After that Samråd accepts no answers or stances, except from organisations given an extension. The text and the remarks stay as they are.
remiss-confirm = Yes, send it out
remiss-cancel = Cancel
remiss-sent = The agreement is out for consultation. The last day to answer is { $date }.
remiss-confirm_move_title = Change the deadline?
remiss-confirm_move_text = The last day to answer becomes { $date } for every organisation except those given an extension. Answers and stances are accepted until the end of that day.
remiss-confirm_move = Yes, change the deadline
remiss-extensions_title = Extended deadlines
remiss-no_extensions = No organisation has been given an extension.
remiss-extend_title = Give an organisation more time
remiss-organisation = Organisation
remiss-pick_organisation = Choose an organisation
remiss-new_deadline = New last day
remiss-reason = Reason
remiss-extend = Extend the deadline
remiss-extended = { $organisation } can answer until the end of { $date }.

deadline-own = Your last day to answer: { $date }.
deadline-own_extended = Your extended last day to answer: { $date }.
deadline-days_left = { $count ->
        [0] Today is the last day.
        [one] { $count } day left.
       *[other] { $count } days left.
    }
deadline-passed = The deadline has passed.

approval-title = Chapter approvals
approval-none = Not approved yet.
approval-summary = { $count ->
        [0] None of the { $total } chapters is approved yet.
        [one] 1 of { $total } chapters is approved.
       *[other] { $count } of { $total } chapters are approved.
    }
approval-locked = Approved by { $body } on { $date }. The text is locked against edits.
approval-reopened = Approved by { $body } on { $date }, reopened: { $reason }
approval-reopen_reason = Reason to reopen { $chapter }
approval-reopen = Reopen for edits
approval-record = Record an approval
approval-first = Chapter (or first chapter)
approval-last = Up to and including chapter
approval-same = That chapter only
approval-pick_chapters = Choose a chapter
approval-body = Approved by (body)
approval-date = Date of the decision
approval-approve = Record the approval
approval-done = { $count ->
        [one] The chapter is recorded as approved by { $body } and locked against edits.
       *[other] { $count } chapters are recorded as approved by { $body } and locked against edits.
    }

error-chapter_approved = Chapter { $chapter } is approved and locked against edits. A coordinator can reopen it with a reason.
error-not_approved = The chapter is not approved.
approval-in_version = Chapters { $chapters } approved by { $body } on { $date }
# The version of the text that goes on remiss (remiss_version.rs).
remiss-version_name = Consultation version { $date }
remiss-version_sent_as = The text goes out as the version “{ $name }”. The summary compares the answers with it.
remiss-version_compared = The summary compares the answers with the version “{ $name }”.
remiss-version_none = No version of the text is saved yet. The summary compares the answers with the version sent out for consultation.
remiss-version_changed = The text has changed since the version “{ $name }”. The summary compares the answers with the version sent out for consultation.
remiss-version_cut = Save the text as the version “{ $name }” when it is sent
remiss-version_older = Without a new version the answers are compiled against the version “{ $name }”, which is not the text sent out.
remiss-version_needed = Without a saved version there is no consultation version to compile the answers against.
