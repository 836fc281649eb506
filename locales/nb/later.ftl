### Pages and panels whose code is fetched when first opened.
### Norsk bokmål.

later-not_fetched = Siden kunne ikke hentes uten tilkobling. Prøv igjen når du er tilkoblet.
later-part_not_fetched = Denne delen kunne ikke hentes uten tilkobling. Den hentes på nytt når du er tilkoblet.
