### The remiss version in Word, and drafts read from Word.
### English.

docx-case_number = Case number
docx-compared = { $from } compared with { $to }
docx-compared_note = Additions and deletions are Word's tracked changes: accept them all for the later text.
docx-current_text = Current text
docx-date = Date
docx-filename_remarks = with remarks
docx-quote_gone = About text that has since been removed: “{ $quote }”
docx-remarks_note = The remarks and the replies to them are shown as comments in the margin.
docx-toc_note = Update the table of contents in Word to get page numbers.
docx-version = Version
docx-with_remarks = With remarks

docx-error-damaged = The Word document is damaged and could not be read ({ $detail }).
docx-error-no_headings = The document has no headings. Mark chapters and clauses with Word's heading styles (Heading 1, Heading 2) and try again.
docx-error-not_docx = The file is not a Word document (.docx).
docx-error-old_word = The file is in the old Word format (.doc). Save it as .docx in Word and try again.
docx-error-password = The file is protected with a password. Remove the protection in Word (File › Info › Protect Document) and try again.
docx-error-too_large = The file is larger than { $limit } MB.
docx-error-too_much_text = The document holds more text than an agreement in Samråd can.
docx-error-zip_bomb = The file unpacks to far more than a Word document can hold and was not read.

docx-note-chapter_text = { $count ->
        [one] Text right under a chapter heading became an unnumbered clause at the start of the chapter.
       *[other] Text right under { $count } chapter headings became unnumbered clauses at the start of the chapters.
    }
docx-note-deeper_headings = { $count ->
        [one] A lower-level heading became bold text in its clause.
       *[other] { $count } lower-level headings became bold text in their clauses.
    }
docx-note-dropped = { $count ->
        [one] A picture, footnote or comment in the Word file was left out.
       *[other] { $count } pictures, footnotes and comments in the Word file were left out.
    }
docx-note-preamble = { $count ->
        [one] A paragraph before the first heading (title page, table of contents) was left out.
       *[other] { $count } paragraphs before the first heading (title page, table of contents) were left out.
    }
docx-note-single_level = The document has one level of headings only: the headings became clauses of one chapter.
docx-note-tables = { $count ->
        [one] A table became lines of text, one line per table row.
       *[other] { $count } tables became lines of text, one line per table row.
    }
docx-note-tracked_changes = Tracked changes were accepted: insertions taken in ({ $insertions }), deletions left out ({ $deletions }).
