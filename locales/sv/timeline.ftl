### The process timeline on the agreement's overview.
### Svenska.

timeline-title = Tidslinje för processen
timeline-desc = Faserna i ordning med den nuvarande markerad, och på en tidslinje versionerna, sista svarsdag, förlängda svarstider och godkända kapitel. Samma händelser finns i listan nedanför.
timeline-version = Version ”{ $name }”
timeline-deadline = Sista svarsdag
timeline-extension = Förlängd svarstid för { $organisation }
timeline-approved = Kapitel { $number } godkänt av { $body }
timeline-today = I dag
timeline-phase_began = { $phase } inleddes
