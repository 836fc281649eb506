### The reference group's meeting: who may propose, the record, respondents, confirmations.
### English.

meeting-proposers-title = Who may propose new wording
meeting-proposers-hint = Applies to the whole agreement. Observers never write.
