### The reference group's meeting: who may propose, the record, respondents, confirmations.
### Svenska.

meeting-proposers-title = Vem får föreslå ny lydelse
meeting-proposers-hint = Gäller hela avtalet. Observatörer skriver aldrig.
