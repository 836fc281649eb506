### The reference group's meeting: who may propose, the record, respondents, confirmations.
### Norsk bokmål.

meeting-proposers-title = Hvem kan foreslå ny formulering
meeting-proposers-hint = Gjelder hele avtalen. Observatører skriver aldri.
