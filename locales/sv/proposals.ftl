### Proposed wording: support, opposition, competing proposals.
### Svenska.

proposal-accept = Godta förslaget i texten
proposal-accept_later = Texten är låst i den här fasen. Förslaget kan godtas i texten i faserna Utkast och Sammanställning.
proposal-competing = Konkurrerande förslag på ”{ $quote }”
proposal-label = Föreslagen ändring
proposal-support_summary = Stöder { $for } · Emot { $against }

support-against = Emot ({ $count })
support-for = Stöder ({ $count })
support-label = Stöd för förslaget
