### Proposed wording: support, opposition, competing proposals.
### Norsk nynorsk.

proposal-accept = Godta framlegget i teksten
proposal-accept_later = Teksten er låst i denne fasen. Framlegget kan godtakast i teksten i fasane Utkast og Oppsummering.
proposal-competing = Konkurrerande framlegg til «{ $quote }»
proposal-label = Føreslått endring
proposal-support_summary = Støttar { $for } · Imot { $against }

support-against = Imot ({ $count })
support-for = Støttar ({ $count })
support-label = Støtte til framlegget
