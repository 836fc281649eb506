### Proposed wording: support, opposition, competing proposals.
### English.

proposal-accept = Accept into the text
proposal-accept_later = The text is locked in this phase. The proposal can be accepted into the text in the Drafting and Compilation phases.
proposal-competing = Competing proposals for “{ $quote }”
proposal-label = Proposed change
proposal-support_summary = Support { $for } · Oppose { $against }

support-against = Oppose ({ $count })
support-for = Support ({ $count })
support-label = Support for the proposal
