### Pages and panels whose code is fetched when first opened.
### Svenska.

later-not_fetched = Sidan kunde inte hämtas utan anslutning. Försök igen när du är ansluten.
later-part_not_fetched = Den här delen kunde inte hämtas utan anslutning. Den hämtas igen när du är ansluten.
later-edit_not_fetched = Redigeringsfältet kunde inte hämtas utan anslutning. Försök igen när du är ansluten.
later-parts_missing = Menyer, filter och formulär kunde inte hämtas utan anslutning. Du kan läsa avtalet; de hämtas när du är ansluten.
