### Pages and panels whose code is fetched when first opened.
### Norsk nynorsk.

later-not_fetched = Sida kunne ikkje hentast utan tilkopling. Prøv igjen når du er tilkopla.
later-part_not_fetched = Denne delen kunne ikkje hentast utan tilkopling. Han blir henta på nytt når du er tilkopla.
later-edit_not_fetched = Redigeringsfeltet kunne ikkje hentast utan tilkopling. Prøv igjen når du er tilkopla.
later-parts_missing = Menyar, filter og skjema kunne ikkje hentast utan tilkopling. Du kan lese avtalen; dei blir henta når du er tilkopla.
