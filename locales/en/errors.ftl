### Refusals, worded from the domain's typed errors.
### English.

error-already_accepted = The proposal is already in the text.
error-apply = The change could not be applied to the agreement.
error-busy = The agreement is busy with another change. Try again.
error-deadline_passed = The deadline for { $organisation } has passed.
error-decode = The change could not be read.
error-empty = The text cannot be empty.
error-empty_draft = The draft has no chapters.
error-has_remarks = { $count ->
        [one] The agreement already has a remark. A new draft can only be imported before anyone has remarked.
       *[other] The agreement already has { $count } remarks. A new draft can only be imported before anyone has remarked.
    }
error-invalid_case_number = A case number is at most 60 characters on one line.
error-invalid_decision = The decision cannot be recorded: name the deciding body and a date that has passed, give each dissent its party and text, and put each condition on a clause the answer answers.
error-invalid_range = The selection no longer fits the clause text. Select the text again.
error-markdown = The text could not be read as an agreement: { $detail }
error-missing_changes = Some earlier changes from others have not arrived yet. Try again in a moment.
error-not_a_proposal = The remark is not a proposed wording.
error-not_allowed = As { $role } you cannot do that in the { $phase } phase.
error-not_a_proposer = In this agreement the role { $role } may not propose new wording. The coordinator decides this under Participants.
error-disposed = The remark has a response and can no longer be changed. Write a reply instead.
error-not_author = Only the person who wrote the remark can change it.
error-not_consulted = An answer can only be recorded for an organisation that was consulted.
error-not_drafting = A new draft can only be imported while the agreement is a draft (now: { $phase }).
error-not_own_organisation = You can only state a stance for your own organisation.
error-not_respondent = Only the organisation's respondent can send its answer.
error-nothing_to_send = There are no stances to send.
error-orphaned = The text the proposal was made on has been deleted.
error-quote_gone = The text you selected is no longer in the clause: “{ $quote }”.
error-unknown_chapter = The chapter no longer exists.
error-unknown_clause = The clause no longer exists.
error-unknown_remark = The remark no longer exists.
error-unknown_version = The version does not exist.
error-withdrawn = The remark has been withdrawn.
