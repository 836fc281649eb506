### Pages and panels whose code is fetched when first opened.
### Svenska.

later-not_fetched = Sidan kunde inte hämtas utan anslutning. Försök igen när du är ansluten.
