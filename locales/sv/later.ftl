### Pages and panels whose code is fetched when first opened.
### Svenska.

later-not_fetched = Sidan kunde inte hämtas utan anslutning. Försök igen när du är ansluten.
later-part_not_fetched = Den här delen kunde inte hämtas utan anslutning. Den hämtas igen när du är ansluten.
