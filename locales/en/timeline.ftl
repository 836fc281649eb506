### The process timeline on the agreement's overview.
### English.

timeline-title = Process timeline
timeline-desc = The phases in order with the current one marked, and on a time line the versions, the answer deadline, extended deadlines and approved chapters. The same events are in the list below.
timeline-version = Version “{ $name }”
timeline-deadline = Answer deadline
timeline-extension = Extended deadline for { $organisation }
timeline-approved = Chapter { $number } approved by { $body }
timeline-today = Today
timeline-phase_began = { $phase } began
