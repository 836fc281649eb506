### Pages and panels whose code is fetched when first opened.
### Norsk bokmål.

later-not_fetched = Siden kunne ikke hentes uten tilkobling. Prøv igjen når du er tilkoblet.
later-part_not_fetched = Denne delen kunne ikke hentes uten tilkobling. Den hentes på nytt når du er tilkoblet.
later-edit_not_fetched = Redigeringsfeltet kunne ikke hentes uten tilkobling. Prøv igjen når du er tilkoblet.
later-parts_missing = Menyer, filtre og skjemaer kunne ikke hentes uten tilkobling. Du kan lese avtalen; de hentes når du er tilkoblet.
