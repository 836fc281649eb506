### The reference group's meeting: who may propose, the record, respondents, confirmations.
### English.

meeting-proposers-title = Who may propose new wording
meeting-proposers-hint = Applies to the whole agreement. Observers never write.

meeting-history-remark = { $count ->
    [one] Edited – show the earlier wording
   *[other] Edited { $count } times – show the earlier wordings
}
meeting-history-replaced = Until { $date }

meeting-clause_history-open = History
meeting-clause_history-edited_by = Edited by { $by }, { $date }
meeting-clause_history-now = The wording now
meeting-clause_history-accepted = Proposal by { $proposer } accepted by { $by }, { $date }
meeting-clause_history-version = Version “{ $name }”, cut by { $by }, { $date }
meeting-clause_history-edited = The coordinator has edited the text since the previous wording.

meeting-respondents-title = Who sends each organisation's answer
meeting-respondents-hint = Each organisation answers through one named person. With nobody named, the organisation cannot answer.
meeting-respondents-none_chosen = Choose …
meeting-respondents-missing = Nobody named – the organisation cannot answer
meeting-respondent-other = Your organisation's answer is sent by { $name }.
meeting-respondent-nobody = Nobody is named to send the answer for { $organisation }. The coordinator names someone under Participants.
meeting-phase_notice-merging = The consultation has ended and the coordinators are compiling the answers. You can read everything and reply in the threads, but not write new remarks or state a stance.
meeting-phase_notice-closed = Work on the agreement has ended. You can read it but no longer write in it.
meeting-phase_notice-observer = You follow the agreement as an observer: you can read everything but not write.

meeting-cancel = Cancel
meeting-phase-confirm_title = Change the phase to “{ $phase }”?
meeting-phase-afterwards = Afterwards
meeting-phase-reads_only = read only
meeting-phase-action-remark = comment
meeting-phase-action-propose = propose new wording
meeting-phase-action-reply = reply
meeting-phase-action-support = support proposals
meeting-phase-action-draft_stance = state their organisation's stance
meeting-phase-action-send_answer = send their organisation's answer
meeting-phase-action-edit_text = edit the agreement's text
meeting-phase-deadline_label = Deadline for answers
meeting-phase-deadline = The organisations answer by { $date }.
meeting-phase-deadline_removed = The deadline is removed.
meeting-phase-bad_date = Give a deadline for answers.
meeting-phase-confirm = Change to “{ $phase }”

meeting-stance-unsaved = Chosen but not saved – not in the answer until it is saved.
meeting-answer-unsaved_count = { $count ->
    [one] { $count } stance chosen but not saved
   *[other] { $count } stances chosen but not saved
}
meeting-answer-confirm_title = Send the answer from { $organisation }?
meeting-answer-summary = What will be sent
meeting-answer-clause = Clause
meeting-answer-stance = Stance
meeting-answer-motivation = Reasons
meeting-answer-changed = (changed since the last answer)
# The clauses an answer says nothing on (cut after a dozen with "…").
meeting-answer-without = { $count ->
    [one] Clause { $clauses } has no stance and counts as not answered.
   *[other] { $count } clauses have no stance and count as not answered: { $clauses }.
}
meeting-answer-unsaved = { $count ->
    [one] Clause { $clauses } has a choice that is not saved and will not be sent.
   *[other] Clauses { $clauses } have choices that are not saved and will not be sent.
}
meeting-answer-send = Send the answer

meeting-proposal-accepted = Brought into the text { $date }
meeting-proposal-outdated = Written on earlier wording – the changes are shown against the wording the proposal was written on.
meeting-proposal-rebase = Rebase the proposal on the current text

meeting-skip_to_text = Skip to the agreement text
meeting-contents_and_filters = Contents and filters
meeting-no_match = No clauses or remarks match the filter.
meeting-copy_link = Copy the link
meeting-copied = Copied.
