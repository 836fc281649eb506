### Pages and panels whose code is fetched when first opened.
### English.

later-not_fetched = This page could not be fetched without a connection. Try again once you are connected.
later-part_not_fetched = This part could not be fetched without a connection. It is fetched again once you are connected.
later-edit_not_fetched = The edit field could not be fetched without a connection. Try again once you are connected.
later-parts_missing = Menus, filters and forms could not be fetched without a connection. You can read the agreement; they are fetched once you are connected.
