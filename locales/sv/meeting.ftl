### The reference group's meeting: who may propose, the record, respondents, confirmations.
### Svenska.

meeting-proposers-title = Vem får föreslå ny lydelse
meeting-proposers-hint = Gäller hela avtalet. Observatörer skriver aldrig.

meeting-history-remark = { $count ->
    [one] Ändrad – visa tidigare lydelse
   *[other] Ändrad { $count } gånger – visa tidigare lydelser
}
meeting-history-replaced = Gällde till { $date }

meeting-clause_history-open = Historik
meeting-clause_history-edited_by = Ändrad av { $by }, { $date }
meeting-clause_history-now = Lydelsen nu
meeting-clause_history-accepted = Förslag av { $proposer } infört av { $by }, { $date }
meeting-clause_history-version = Version ”{ $name }”, skapad av { $by }, { $date }
meeting-clause_history-edited = Samordnaren har ändrat texten sedan föregående lydelse.

meeting-respondents-title = Vem skickar organisationens svar
meeting-respondents-hint = Varje organisation svarar genom en utsedd person. Utan någon utsedd kan organisationen inte svara.
meeting-respondents-none_chosen = Välj …
meeting-respondents-missing = Ingen utsedd – organisationen kan inte svara
meeting-respondent-other = Organisationens svar skickas av { $name }.
meeting-respondent-nobody = Ingen är utsedd att skicka svaret för { $organisation }. Samordnaren utser någon under Deltagare.
meeting-phase_notice-merging = Remissen är avslutad och samordnarna sammanställer svaren. Du kan läsa allt och svara i trådarna, men inte skriva nya synpunkter eller ta ställning.
meeting-phase_notice-closed = Arbetet med avtalet är avslutat. Du kan läsa det, men inte längre skriva i det.
meeting-phase_notice-observer = Du följer avtalet som observatör: du kan läsa allt, men inte skriva.

meeting-cancel = Avbryt
meeting-phase-confirm_title = Byta fas till ”{ $phase }”?
meeting-phase-afterwards = Efter bytet får
meeting-phase-reads_only = bara läsa
meeting-phase-action-remark = kommentera
meeting-phase-action-propose = föreslå ny lydelse
meeting-phase-action-reply = svara
meeting-phase-action-support = stödja förslag
meeting-phase-action-draft_stance = ta ställning för sin organisation
meeting-phase-action-send_answer = skicka organisationens svar
meeting-phase-action-edit_text = ändra avtalstexten
meeting-phase-deadline_label = Sista svarsdag
meeting-phase-deadline = Organisationerna svarar senast { $date }.
meeting-phase-deadline_removed = Svarstiden tas bort.
meeting-phase-bad_date = Ange en sista svarsdag.
meeting-phase-confirm = Byt till ”{ $phase }”

meeting-stance-unsaved = Valt men inte sparat – kommer inte med i svaret förrän det sparas.
meeting-answer-unsaved_count = { $count ->
    [one] { $count } ställningstagande valt men inte sparat
   *[other] { $count } ställningstaganden valda men inte sparade
}
meeting-answer-confirm_title = Skicka remissvaret från { $organisation }?
meeting-answer-summary = Det här skickas
meeting-answer-clause = Punkt
meeting-answer-stance = Ställningstagande
meeting-answer-motivation = Motivering
meeting-answer-changed = (ändrat sedan förra svaret)
# The clauses an answer says nothing on (cut after a dozen with "…").
meeting-answer-without = { $count ->
    [one] Punkt { $clauses } har inget ställningstagande och räknas som ej besvarad.
   *[other] { $count } punkter har inget ställningstagande och räknas som ej besvarade: { $clauses }.
}
meeting-answer-unsaved = { $count ->
    [one] Punkt { $clauses } har ett val som inte är sparat och kommer inte med.
   *[other] Punkterna { $clauses } har val som inte är sparade och kommer inte med.
}
meeting-answer-send = Skicka svaret

meeting-proposal-accepted = Införd i texten { $date }
meeting-proposal-outdated = Skrivet på en tidigare lydelse – ändringarna visas mot den lydelse förslaget skrevs på.
meeting-proposal-rebase = Skriv om förslaget på nuvarande text

meeting-skip_to_text = Hoppa till avtalstexten
meeting-contents_and_filters = Innehåll och filter
meeting-no_match = Inga punkter eller synpunkter matchar filtret.
meeting-copy_link = Kopiera länken
meeting-copied = Kopierad.
