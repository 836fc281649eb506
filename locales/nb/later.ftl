### Pages and panels whose code is fetched when first opened.
### Norsk bokmål.

later-not_fetched = Siden kunne ikke hentes uten tilkobling. Prøv igjen når du er tilkoblet.
