### Proposed wording: support, opposition, competing proposals.
### Svenska.

proposal-accept = Godta förslaget i texten
proposal-competing = Konkurrerande förslag på ”{ $quote }”
proposal-label = Föreslagen ändring
proposal-support_summary = Stöder { $for } · Emot { $against }

support-against = Emot ({ $count })
support-for = Stöder ({ $count })
support-label = Stöd för förslaget
