### The process timeline on the agreement's overview.
### Norsk bokmål.

timeline-title = Tidslinje for prosessen
timeline-desc = Fasene i rekkefølge med den nåværende markert, og på en tidslinje versjonene, høringsfristen, forlengede frister og godkjente kapitler. De samme hendelsene står i listen nedenfor.
timeline-version = Versjon «{ $name }»
timeline-deadline = Høringsfrist
timeline-extension = Forlenget frist for { $organisation }
timeline-approved = Kapittel { $number } godkjent av { $body }
timeline-today = I dag
timeline-phase_began = { $phase } startet
