### Named versions, comparing them, printing and Word.
### Norsk bokmål.

versions-cut_title = Lagre en navngitt versjon
versions-name = Versjonens navn
versions-name_example = f.eks. Utkast 15. januar
versions-note = Merknad (valgfri)
versions-cut_hint = Versjonen lagrer avtalen slik den lyder nå. Alle deltakere kan lese den, sammenligne den og laste den ned i Word.
versions-cut = Lagre versjon
versions-cut_done = Versjonen «{ $name }» er lagret.
versions-missing_changes = Kopien din mangler ennå endringer andre har gjort, så versjonen ville ikke vise det alle har sett. Vent til forbindelsen har tatt igjen og prøv på nytt.
versions-missing_changes_read = Kopien din mangler ennå endringer som versjonen inneholder. Vent til forbindelsen har tatt igjen og prøv på nytt.
versions-retry = Prøv igjen
versions-list_title = Lagrede versjoner
versions-none = Ingen versjoner er lagret ennå.
versions-cut_by = Lagret av { $name }
versions-read = Les versjonen
versions-compare_with = Sammenlign med { $name }
versions-compare_now = Sammenlign med gjeldende tekst
versions-docx = Last ned i Word

version-reading = Du leser versjonen «{ $name }».
version-cut_on = Lagret { $date }.
version-read_only = Versjonen kan ikke endres – den viser avtalen slik den lød da.
version-compare_now = Sammenlign med gjeldende tekst

compare-from = Fra
compare-to = Til
compare-now = Gjeldende tekst
compare-only_changed = Vis bare endrede punkter
compare-docx = Last ned «til»-versjonen i Word
compare-docx_compared = Last ned sammenligningen i Word
compare-no_changes = Ingen forskjeller mellom versjonene.
compare-count_changed = { $count ->
        [one] { $count } punkt endret
       *[other] { $count } punkter endret
    }
compare-count_added = { $count ->
        [one] { $count } nytt
       *[other] { $count } nye
    }
compare-count_removed = { $count ->
        [one] { $count } strøket
       *[other] { $count } strøket
    }
compare-count_moved = { $count ->
        [one] { $count } flyttet
       *[other] { $count } flyttet
    }
compare-is_unchanged = Uendret
compare-is_changed = Endret
compare-is_added = Nytt punkt
compare-is_removed = Strøket punkt
compare-is_moved = Flyttet
compare-was_number = tidligere { $number }

print-version = Versjon
print-with_remarks = Med innspill
print-print = Skriv ut eller lagre som PDF
print-docx = Last ned i Word
print-docx_remarks = Last ned i Word med innspill
print-current_text = Gjeldende tekst
print-case_number = Saksnummer
print-contents = Innhold
print-remarks = Innspill

draft-title = Nytt utkast fra Word
draft-hint = Erstatter avtalens kapitler og punkter med et Word-dokument (.docx). Kapitler og punkter leses fra overskriftsstilene. Går bare mens avtalen utarbeides og før noen har gitt innspill.
draft-pick = Velg Word-dokument
draft-sending = Leser dokumentet …
draft-done = Utkastet er lest inn: { $chapters }, { $clauses }.
draft-done_chapters = { $count ->
        [one] { $count } kapittel
       *[other] { $count } kapitler
    }
draft-done_clauses = { $count ->
        [one] { $count } punkt
       *[other] { $count } punkter
    }
draft-refused = Utkastet ble ikke lest inn: { $reason } Ingenting er endret.

error-too_long = Teksten kan være høyst { $max } tegn.

trace-made_against = Gitt til versjonen «{ $version }».
trace-handled_in = Slik ble det håndtert i «{ $version }»
trace-handled_now = Slik lyder punktet nå
