### The reference group's meeting: who may propose, the record, respondents, confirmations.
### Norsk nynorsk.

meeting-proposers-title = Kven kan føreslå ny formulering
meeting-proposers-hint = Gjeld heile avtalen. Observatørar skriv aldri.

meeting-history-remark = { $count ->
    [one] Endra – vis tidlegare formulering
   *[other] Endra { $count } gonger – vis tidlegare formuleringar
}
meeting-history-replaced = Galdt til { $date }

meeting-clause_history-open = Historikk
meeting-clause_history-edited_by = Endra av { $by }, { $date }
meeting-clause_history-now = Formuleringa no
meeting-clause_history-accepted = Forslag frå { $proposer } innført av { $by }, { $date }
meeting-clause_history-version = Versjon «{ $name }», laga av { $by }, { $date }
meeting-clause_history-edited = Koordinatoren har endra teksten sidan førre formulering.

meeting-respondents-title = Kven sender svaret frå organisasjonen
meeting-respondents-hint = Kvar organisasjon svarar gjennom ein utpeikt person. Utan nokon utpeikt kan ikkje organisasjonen svare.
meeting-respondents-none_chosen = Vel …
meeting-respondents-missing = Ingen utpeikt – organisasjonen kan ikkje svare
meeting-respondent-other = Svaret frå organisasjonen blir sendt av { $name }.
meeting-respondent-nobody = Ingen er utpeikt til å sende svaret for { $organisation }. Koordinatoren utpeikar nokon under Deltakarar.
meeting-phase_notice-merging = Høyringa er avslutta, og koordinatorane oppsummerer svara. Du kan lese alt og svare i trådane, men ikkje skrive nye innspel eller ta stilling.
meeting-phase_notice-closed = Arbeidet med avtalen er avslutta. Du kan lese han, men ikkje lenger skrive i han.
meeting-phase_notice-observer = Du følgjer avtalen som observatør: du kan lese alt, men ikkje skrive.

meeting-cancel = Avbryt
meeting-phase-confirm_title = Byte fase til «{ $phase }»?
meeting-phase-afterwards = Etter bytet kan
meeting-phase-reads_only = berre lese
meeting-phase-action-remark = kommentere
meeting-phase-action-propose = føreslå ny formulering
meeting-phase-action-reply = svare
meeting-phase-action-support = støtte forslag
meeting-phase-action-draft_stance = ta stilling for organisasjonen sin
meeting-phase-action-send_answer = sende svaret frå organisasjonen
meeting-phase-action-edit_text = endre avtaleteksten
meeting-phase-deadline_label = Svarfrist
meeting-phase-deadline = Organisasjonane svarar seinast { $date }.
meeting-phase-deadline_removed = Svarfristen blir fjerna.
meeting-phase-bad_date = Skriv inn ein svarfrist.
meeting-phase-confirm = Byt til «{ $phase }»

meeting-stance-unsaved = Valt, men ikkje lagra – kjem ikkje med i svaret før det blir lagra.
meeting-answer-unsaved_count = { $count ->
    [one] { $count } standpunkt valt, men ikkje lagra
   *[other] { $count } standpunkt valde, men ikkje lagra
}
meeting-answer-confirm_title = Sende høyringssvaret frå { $organisation }?
meeting-answer-summary = Dette blir sendt
meeting-answer-clause = Punkt
meeting-answer-stance = Standpunkt
meeting-answer-motivation = Grunngiving
meeting-answer-changed = (endra sidan førre svar)
# The clauses an answer says nothing on (cut after a dozen with "…").
meeting-answer-without = { $count ->
    [one] Punkt { $clauses } har ikkje noko standpunkt og blir rekna som ikkje svara på.
   *[other] { $count } punkt har ikkje noko standpunkt og blir rekna som ikkje svara på: { $clauses }.
}
meeting-answer-unsaved = { $count ->
    [one] Punkt { $clauses } har eit val som ikkje er lagra, og kjem ikkje med.
   *[other] Punkta { $clauses } har val som ikkje er lagra, og kjem ikkje med.
}
meeting-answer-send = Send svaret

meeting-proposal-accepted = Innført i teksten { $date }
meeting-proposal-outdated = Skrive på ei tidlegare formulering – endringane blir viste mot formuleringa forslaget vart skrive på.
meeting-proposal-rebase = Skriv forslaget på nytt mot gjeldande tekst

meeting-skip_to_text = Hopp til avtaleteksten
meeting-contents_and_filters = Innhald og filter
meeting-no_match = Ingen punkt eller merknader passar med filteret.
meeting-copy_link = Kopier lenkja
meeting-copied = Kopiert.
