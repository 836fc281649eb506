### Organisations' stances per clause and the consultation answer.
### English.

answer-label = Your organisation's answer
answer-send = Send the consultation response
answer-sent = Answer { $number } has been sent.
answer-rest = { $count ->
        [one] No remarks on the remaining clause
       *[other] No remarks on the remaining { $count } clauses
    }
answer-rest_drafted = { $count ->
        [one] "No remarks" is drafted on { $count } clause. Change it if need be before the answer is sent.
       *[other] "No remarks" is drafted on { $count } clauses. Change any of them before the answer is sent.
    }
answer-status = Answer from { $organisation }: { $unsent ->
        [one] { $unsent } clause changed
       *[other] { $unsent } clauses changed
    } since the last answer, { $sent ->
        [one] { $sent } answer sent
       *[other] { $sent } answers sent
    }.

# Before the organisation's first answer: nothing has changed "since the last answer".
answer-status_first = Answer from { $organisation }: { $unsent ->
        [0] no stances
        [one] a stance on { $unsent } clause
       *[other] stances on { $unsent } clauses
    }, no answer sent yet.

stance-choose = Choose …
stance-draft_status = Draft – not sent
stance-label = The organisations' stances
stance-motivation = Motivation
stance-no_remarks = No remarks
stance-opposes = Opposes
stance-own = Stance of { $organisation }
stance-save = Save draft
stance-sent_status = Sent in answer { $number }
stance-show_all = { $count ->
        [one] Show the organisation's stance
       *[other] Show all { $count } organisations' stances
    }
stance-supports = Supports
stance-supports_with_changes = Supports with changes
