### Named versions, comparing them, printing and Word.
### Norsk nynorsk.

versions-cut_title = Lagre ein namngitt versjon
versions-name = Namnet på versjonen
versions-name_example = t.d. Utkast 15. januar
versions-note = Merknad (valfri)
versions-cut_hint = Versjonen lagrar avtalen slik han lyder no. Alle deltakarar kan lese han, samanlikne han og laste han ned i Word.
versions-cut = Lagre versjon
versions-cut_done = Versjonen «{ $name }» er lagra.
versions-missing_changes = Kopien din manglar enno endringar andre har gjort, så versjonen ville ikkje vise det alle har sett. Vent til sambandet har teke att og prøv på nytt.
versions-missing_changes_read = Kopien din manglar enno endringar som versjonen inneheld. Vent til sambandet har teke att og prøv på nytt.
versions-retry = Prøv igjen
versions-list_title = Lagra versjonar
versions-none = Ingen versjonar er lagra enno.
versions-cut_by = Lagra av { $name }
versions-read = Les versjonen
versions-compare_with = Samanlikn med { $name }
versions-compare_now = Samanlikn med gjeldande tekst
versions-docx = Last ned i Word

version-reading = Du les versjonen «{ $name }».
version-cut_on = Lagra { $date }.
version-read_only = Versjonen kan ikkje endrast – han viser avtalen slik han lydde då.
version-compare_now = Samanlikn med gjeldande tekst

compare-from = Frå
compare-to = Til
compare-now = Gjeldande tekst
compare-only_changed = Vis berre endra punkt
compare-docx = Last ned «til»-versjonen i Word
compare-docx_compared = Last ned samanlikninga i Word
compare-no_changes = Ingen skilnader mellom versjonane.
compare-count_changed = { $count ->
        [one] { $count } punkt endra
       *[other] { $count } punkt endra
    }
compare-count_added = { $count ->
        [one] { $count } nytt
       *[other] { $count } nye
    }
compare-count_removed = { $count ->
        [one] { $count } stroke
       *[other] { $count } strokne
    }
compare-count_moved = { $count ->
        [one] { $count } flytta
       *[other] { $count } flytta
    }
compare-is_unchanged = Uendra
compare-is_changed = Endra
compare-is_added = Nytt punkt
compare-is_removed = Stroke punkt
compare-is_moved = Flytta
compare-was_number = tidlegare { $number }

print-version = Versjon
print-with_remarks = Med innspel
print-print = Skriv ut eller lagre som PDF
print-docx = Last ned i Word
print-docx_remarks = Last ned i Word med innspel
print-current_text = Gjeldande tekst
print-case_number = Saksnummer
print-contents = Innhald
print-remarks = Innspel

draft-title = Nytt utkast frå Word
draft-hint = Byter ut kapitla og punkta i avtalen med eit Word-dokument (.docx). Kapittel og punkt blir lesne frå overskriftsstilane. Går berre medan avtalen blir utarbeidd og før nokon har gitt innspel.
draft-pick = Vel Word-dokument
draft-sending = Les dokumentet …
draft-done = Utkastet er lese inn: { $chapters }, { $clauses }.
draft-done_chapters = { $count ->
        [one] { $count } kapittel
       *[other] { $count } kapittel
    }
draft-done_clauses = { $count ->
        [one] { $count } punkt
       *[other] { $count } punkt
    }
draft-refused = Utkastet vart ikkje lese inn: { $reason } Ingenting er endra.

error-too_long = Teksten kan vere høgst { $max } teikn.

trace-made_against = Gitt til versjonen «{ $version }».
trace-handled_in = Slik vart det handsama i «{ $version }»
trace-handled_now = Slik lyder punktet no
