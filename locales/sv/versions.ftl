### Named versions, comparing them, printing and Word.
### Svenska.

versions-cut_title = Spara en namngiven version
versions-name = Versionens namn
versions-name_example = t.ex. Utkast 15 januari
versions-note = Anteckning (valfri)
versions-cut_hint = Versionen sparar avtalet precis som det lyder nu. Den kan läsas, jämföras och laddas ner i Word av alla deltagare.
versions-cut = Spara version
versions-cut_done = Versionen ”{ $name }” är sparad.
versions-missing_changes = Din kopia saknar ännu ändringar som andra har gjort, så versionen skulle inte visa det alla har sett. Vänta tills anslutningen är ikapp och försök igen.
versions-missing_changes_read = Din kopia saknar ännu ändringar som versionen innehåller. Vänta tills anslutningen är ikapp och försök igen.
versions-retry = Försök igen
versions-list_title = Sparade versioner
versions-none = Inga versioner är sparade ännu.
versions-cut_by = Sparad av { $name }
versions-read = Läs versionen
versions-compare_with = Jämför med { $name }
versions-compare_now = Jämför med nuvarande text
versions-docx = Ladda ner i Word

version-reading = Du läser versionen ”{ $name }”.
version-cut_on = Sparad { $date }.
version-read_only = Versionen kan inte ändras – den visar avtalet som det lydde då.
version-compare_now = Jämför med nuvarande text

compare-from = Från
compare-to = Till
compare-now = Nuvarande text
compare-only_changed = Visa bara ändrade punkter
compare-docx = Ladda ner ”till”-versionen i Word
compare-docx_compared = Ladda ner jämförelsen i Word
compare-no_changes = Inga skillnader mellan versionerna.
compare-count_changed = { $count ->
        [one] { $count } punkt ändrad
       *[other] { $count } punkter ändrade
    }
compare-count_added = { $count ->
        [one] { $count } ny
       *[other] { $count } nya
    }
compare-count_removed = { $count ->
        [one] { $count } struken
       *[other] { $count } strukna
    }
compare-count_moved = { $count ->
        [one] { $count } flyttad
       *[other] { $count } flyttade
    }
compare-is_unchanged = Oförändrad
compare-is_changed = Ändrad
compare-is_added = Ny punkt
compare-is_removed = Struken punkt
compare-is_moved = Flyttad
compare-was_number = tidigare { $number }

print-version = Version
print-with_remarks = Med synpunkter
print-print = Skriv ut eller spara som PDF
print-docx = Ladda ner i Word
print-docx_remarks = Ladda ner i Word med synpunkter
print-current_text = Aktuell text
print-case_number = Diarienummer
print-contents = Innehåll
print-remarks = Synpunkter

draft-title = Nytt utkast från Word
draft-hint = Ersätter avtalets kapitel och punkter med ett Word-dokument (.docx). Kapitel och punkter läses från rubrikformaten. Går bara medan avtalet utarbetas och innan någon har lämnat synpunkter.
draft-pick = Välj Word-dokument
draft-sending = Läser dokumentet …
draft-done = Utkastet är inläst: { $chapters }, { $clauses }.
draft-done_chapters = { $count ->
        [one] { $count } kapitel
       *[other] { $count } kapitel
    }
draft-done_clauses = { $count ->
        [one] { $count } punkt
       *[other] { $count } punkter
    }
draft-refused = Utkastet lästes inte in: { $reason } Inget har ändrats.

error-too_long = Texten får vara högst { $max } tecken.

trace-made_against = Gjord mot versionen ”{ $version }”.
trace-handled_in = Så här hanterades den i ”{ $version }”
trace-handled_now = Så här lyder punkten nu
