### The reference group's meeting: who may propose, the record, respondents, confirmations.
### Norsk nynorsk.

meeting-proposers-title = Kven kan føreslå ny formulering
meeting-proposers-hint = Gjeld heile avtalen. Observatørar skriv aldri.
