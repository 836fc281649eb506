### The remiss version in Word, and drafts read from Word.
### Norsk bokmål.

docx-case_number = Saksnummer
docx-compared = { $from } sammenlignet med { $to }
docx-compared_note = Tillegg og strykninger er sporede endringer i Word: godta alle for å få den senere teksten.
docx-current_text = Gjeldende tekst
docx-date = Dato
docx-filename_remarks = med merknader
docx-quote_gone = Gjaldt tekst som er fjernet: «{ $quote }»
docx-remarks_note = Merknadene og svarene på dem vises som kommentarer i margen.
docx-toc_note = Oppdater innholdsfortegnelsen i Word for å få sidetall.
docx-version = Versjon
docx-with_remarks = Med merknader

docx-error-damaged = Word-dokumentet er skadet og kunne ikke leses ({ $detail }).
docx-error-no_headings = Dokumentet har ingen overskrifter. Merk kapitler og punkter med overskriftsstilene i Word (Overskrift 1, Overskrift 2) og prøv igjen.
docx-error-not_docx = Filen er ikke et Word-dokument (.docx).
docx-error-old_word = Filen er i det gamle Word-formatet (.doc). Lagre den som .docx i Word og prøv igjen.
docx-error-password = Filen er passordbeskyttet. Fjern beskyttelsen i Word (Fil › Informasjon › Beskytt dokument) og prøv igjen.
docx-error-too_large = Filen er større enn { $limit } MB.
docx-error-too_much_text = Dokumentet har mer tekst enn en avtale i Samråd kan romme.
docx-error-zip_bomb = Filen pakkes ut til mye mer enn et Word-dokument kan inneholde, og er ikke lest.

docx-note-chapter_text = { $count ->
        [one] Tekst rett under en kapitteloverskrift ble et unummerert punkt først i kapitlet.
       *[other] Tekst rett under { $count } kapitteloverskrifter ble unummererte punkter først i kapitlene.
    }
docx-note-deeper_headings = { $count ->
        [one] En overskrift på lavere nivå ble uthevet tekst i punktet.
       *[other] { $count } overskrifter på lavere nivå ble uthevet tekst i punktene.
    }
docx-note-dropped = { $count ->
        [one] Ett bilde, én fotnote eller én kommentar i Word-filen ble ikke tatt med.
       *[other] { $count } bilder, fotnoter og kommentarer i Word-filen ble ikke tatt med.
    }
docx-note-preamble = { $count ->
        [one] Ett avsnitt før første overskrift (tittelside, innholdsfortegnelse) ble ikke tatt med.
       *[other] { $count } avsnitt før første overskrift (tittelside, innholdsfortegnelse) ble ikke tatt med.
    }
docx-note-single_level = Dokumentet har bare ett overskriftsnivå: overskriftene ble punkter i ett kapittel.
docx-note-tables = { $count ->
        [one] En tabell ble tekstlinjer, én linje per tabellrad.
       *[other] { $count } tabeller ble tekstlinjer, én linje per tabellrad.
    }
docx-note-tracked_changes = Sporede endringer ble godtatt: tillegg tatt med ({ $insertions }), slettinger utelatt ({ $deletions }).
