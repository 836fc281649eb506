### The remiss version in Word, and drafts read from Word.
### Norsk nynorsk.

docx-case_number = Saksnummer
docx-compared = { $from } samanlikna med { $to }
docx-compared_note = Tillegg og strykingar er spora endringar i Word: godta alle for å få den seinare teksten.
docx-current_text = Gjeldande tekst
docx-date = Dato
docx-filename_remarks = med merknader
docx-quote_gone = Galdt tekst som er fjerna: «{ $quote }»
docx-remarks_note = Merknadene og svara på dei er viste som kommentarar i margen.
docx-toc_note = Oppdater innhaldslista i Word for å få sidetal.
docx-version = Versjon
docx-with_remarks = Med merknader

docx-error-damaged = Word-dokumentet er skadd og kunne ikkje lesast ({ $detail }).
docx-error-no_headings = Dokumentet har ingen overskrifter. Merk kapittel og punkt med overskriftsstilane i Word (Overskrift 1, Overskrift 2) og prøv igjen.
docx-error-not_docx = Fila er ikkje eit Word-dokument (.docx).
docx-error-old_word = Fila er i det gamle Word-formatet (.doc). Lagre ho som .docx i Word og prøv igjen.
docx-error-password = Fila er passordverna. Fjern vernet i Word (Fil › Informasjon › Beskytt dokument) og prøv igjen.
docx-error-too_large = Fila er større enn { $limit } MB.
docx-error-too_much_text = Dokumentet har meir tekst enn ein avtale i Samråd kan romme.
docx-error-zip_bomb = Fila blir pakka ut til mykje meir enn eit Word-dokument kan innehalde, og er ikkje lesen.

docx-note-chapter_text = { $count ->
        [one] Tekst rett under ei kapitteloverskrift vart eit unummerert punkt først i kapittelet.
       *[other] Tekst rett under { $count } kapitteloverskrifter vart unummererte punkt først i kapitla.
    }
docx-note-deeper_headings = { $count ->
        [one] Ei overskrift på lågare nivå vart utheva tekst i punktet.
       *[other] { $count } overskrifter på lågare nivå vart utheva tekst i punkta.
    }
docx-note-dropped = { $count ->
        [one] Eitt bilete, éin fotnote eller éin kommentar i Word-fila vart ikkje teken med.
       *[other] { $count } bilete, fotnotar og kommentarar i Word-fila vart ikkje tekne med.
    }
docx-note-preamble = { $count ->
        [one] Eitt avsnitt før første overskrift (tittelside, innhaldsliste) vart ikkje teke med.
       *[other] { $count } avsnitt før første overskrift (tittelside, innhaldsliste) vart ikkje tekne med.
    }
docx-note-single_level = Dokumentet har berre eitt overskriftsnivå: overskriftene vart punkt i eitt kapittel.
docx-note-tables = { $count ->
        [one] Ein tabell vart tekstliner, éi line per tabellrad.
       *[other] { $count } tabellar vart tekstliner, éi line per tabellrad.
    }
docx-note-tracked_changes = Spora endringar vart godtekne: tillegg tekne med ({ $insertions }), slettingar utelatne ({ $deletions }).
