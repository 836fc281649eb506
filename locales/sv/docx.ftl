### The remiss version in Word, and drafts read from Word.
### Svenska.

docx-case_number = Diarienummer
docx-compared = { $from } jämfört med { $to }
docx-compared_note = Tillägg och strykningar är spårade ändringar i Word: godkänn alla för att få den senare texten.
docx-current_text = Aktuell text
docx-date = Datum
docx-filename_remarks = med synpunkter
docx-quote_gone = Gällde text som har tagits bort: ”{ $quote }”
docx-remarks_note = Synpunkterna och svaren på dem visas som kommentarer i marginalen.
docx-toc_note = Uppdatera innehållsförteckningen i Word för att få sidnummer.
docx-version = Version
docx-with_remarks = Med synpunkter

docx-error-damaged = Word-dokumentet är skadat och kunde inte läsas ({ $detail }).
docx-error-no_headings = Dokumentet har inga rubriker. Markera kapitel och punkter med Words rubrikformat (Rubrik 1, Rubrik 2) och försök igen.
docx-error-not_docx = Filen är inget Word-dokument (.docx).
docx-error-old_word = Filen är i det gamla Word-formatet (.doc). Spara den som .docx i Word och försök igen.
docx-error-password = Filen är lösenordsskyddad. Ta bort skyddet i Word (Arkiv › Information › Skydda dokument) och försök igen.
docx-error-too_large = Filen är större än { $limit } MB.
docx-error-too_much_text = Dokumentet har mer text än ett avtal i Samråd kan rymma.
docx-error-zip_bomb = Filen packas upp till mycket mer än ett Word-dokument kan innehålla och har inte lästs.

docx-note-chapter_text = { $count ->
        [one] Text direkt under en kapitelrubrik blev en onumrerad punkt först i kapitlet.
       *[other] Text direkt under { $count } kapitelrubriker blev onumrerade punkter först i kapitlen.
    }
docx-note-deeper_headings = { $count ->
        [one] En rubrik på lägre nivå blev fetstil i punktens text.
       *[other] { $count } rubriker på lägre nivå blev fetstil i punkternas text.
    }
docx-note-dropped = { $count ->
        [one] En bild, fotnot eller kommentar i Word-filen togs inte med.
       *[other] { $count } bilder, fotnoter och kommentarer i Word-filen togs inte med.
    }
docx-note-preamble = { $count ->
        [one] Ett stycke före första rubriken (titelsida, innehållsförteckning) togs inte med.
       *[other] { $count } stycken före första rubriken (titelsida, innehållsförteckning) togs inte med.
    }
docx-note-single_level = Dokumentet har bara en rubriknivå: rubrikerna blev punkter i ett kapitel.
docx-note-tables = { $count ->
        [one] En tabell blev textrader, en rad per tabellrad.
       *[other] { $count } tabeller blev textrader, en rad per tabellrad.
    }
docx-note-tracked_changes = Spårade ändringar godtogs: tillägg togs med ({ $insertions }), borttagningar utelämnades ({ $deletions }).
