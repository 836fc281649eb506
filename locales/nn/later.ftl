### Pages and panels whose code is fetched when first opened.
### Norsk nynorsk.

later-not_fetched = Sida kunne ikkje hentast utan tilkopling. Prøv igjen når du er tilkopla.
later-part_not_fetched = Denne delen kunne ikkje hentast utan tilkopling. Han blir henta på nytt når du er tilkopla.
