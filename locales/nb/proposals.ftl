### Proposed wording: support, opposition, competing proposals.
### Norsk bokmål.

proposal-accept = Godta forslaget i teksten
proposal-accept_later = Teksten er låst i denne fasen. Forslaget kan godtas i teksten i fasene Utkast og Oppsummering.
proposal-competing = Konkurrerende forslag til «{ $quote }»
proposal-label = Foreslått endring
proposal-support_summary = Støtter { $for } · Imot { $against }

support-against = Imot ({ $count })
support-for = Støtter ({ $count })
support-label = Støtte til forslaget
