### The process timeline on the agreement's overview.
### Norsk nynorsk.

timeline-title = Tidslinje for prosessen
timeline-desc = Fasane i rekkjefølgje med den noverande markert, og på ei tidslinje versjonane, høyringsfristen, forlengde fristar og godkjende kapittel. Dei same hendingane står i lista nedanfor.
timeline-version = Versjon «{ $name }»
timeline-deadline = Høyringsfrist
timeline-extension = Forlengd frist for { $organisation }
timeline-approved = Kapittel { $number } godkjent av { $body }
timeline-today = I dag
timeline-phase_began = { $phase } starta
