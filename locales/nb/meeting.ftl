### The reference group's meeting: who may propose, the record, respondents, confirmations.
### Norsk bokmål.

meeting-proposers-title = Hvem kan foreslå ny formulering
meeting-proposers-hint = Gjelder hele avtalen. Observatører skriver aldri.

meeting-history-remark = { $count ->
    [one] Endret – vis tidligere formulering
   *[other] Endret { $count } ganger – vis tidligere formuleringer
}
meeting-history-replaced = Gjaldt til { $date }

meeting-clause_history-open = Historikk
meeting-clause_history-edited_by = Endret av { $by }, { $date }
meeting-clause_history-now = Formuleringen nå
meeting-clause_history-accepted = Forslag fra { $proposer } innført av { $by }, { $date }
meeting-clause_history-version = Versjon «{ $name }», laget av { $by }, { $date }
meeting-clause_history-edited = Koordinatoren har endret teksten siden forrige formulering.

meeting-respondents-title = Hvem sender organisasjonens svar
meeting-respondents-hint = Hver organisasjon svarer gjennom en utpekt person. Uten noen utpekt kan organisasjonen ikke svare.
meeting-respondents-none_chosen = Velg …
meeting-respondents-missing = Ingen utpekt – organisasjonen kan ikke svare
meeting-respondent-other = Organisasjonens svar sendes av { $name }.
meeting-respondent-nobody = Ingen er utpekt til å sende svaret for { $organisation }. Koordinatoren utpeker noen under Deltakere.
meeting-phase_notice-merging = Høringen er avsluttet, og koordinatorene oppsummerer svarene. Du kan lese alt og svare i trådene, men ikke skrive nye innspill eller ta stilling.
meeting-phase_notice-closed = Arbeidet med avtalen er avsluttet. Du kan lese den, men ikke lenger skrive i den.
meeting-phase_notice-observer = Du følger avtalen som observatør: du kan lese alt, men ikke skrive.

meeting-cancel = Avbryt
meeting-phase-confirm_title = Bytte fase til «{ $phase }»?
meeting-phase-afterwards = Etter byttet kan
meeting-phase-reads_only = bare lese
meeting-phase-action-remark = kommentere
meeting-phase-action-propose = foreslå ny formulering
meeting-phase-action-reply = svare
meeting-phase-action-support = støtte forslag
meeting-phase-action-draft_stance = ta stilling for sin organisasjon
meeting-phase-action-send_answer = sende organisasjonens svar
meeting-phase-action-edit_text = endre avtaleteksten
meeting-phase-deadline_label = Svarfrist
meeting-phase-deadline = Organisasjonene svarer senest { $date }.
meeting-phase-deadline_removed = Svarfristen fjernes.
meeting-phase-bad_date = Oppgi en svarfrist.
meeting-phase-confirm = Bytt til «{ $phase }»

meeting-stance-unsaved = Valgt, men ikke lagret – kommer ikke med i svaret før det lagres.
meeting-answer-unsaved_count = { $count ->
    [one] { $count } standpunkt valgt, men ikke lagret
   *[other] { $count } standpunkter valgt, men ikke lagret
}
meeting-answer-confirm_title = Sende høringssvaret fra { $organisation }?
meeting-answer-summary = Dette sendes
meeting-answer-clause = Punkt
meeting-answer-stance = Standpunkt
meeting-answer-motivation = Begrunnelse
meeting-answer-changed = (endret siden forrige svar)
# The clauses an answer says nothing on (cut after a dozen with "…").
meeting-answer-without = { $count ->
    [one] Punkt { $clauses } har ikke noe standpunkt og regnes som ikke besvart.
   *[other] { $count } punkter har ikke noe standpunkt og regnes som ikke besvart: { $clauses }.
}
meeting-answer-unsaved = { $count ->
    [one] Punkt { $clauses } har et valg som ikke er lagret, og kommer ikke med.
   *[other] Punktene { $clauses } har valg som ikke er lagret, og kommer ikke med.
}
meeting-answer-send = Send svaret

meeting-proposal-accepted = Innført i teksten { $date }
meeting-proposal-outdated = Skrevet på en tidligere formulering – endringene vises mot formuleringen forslaget ble skrevet på.
meeting-proposal-rebase = Skriv forslaget på nytt mot gjeldende tekst

meeting-skip_to_text = Hopp til avtaleteksten
meeting-contents_and_filters = Innhold og filter
meeting-no_match = Ingen punkter eller merknader passer med filteret.
meeting-copy_link = Kopier lenken
meeting-copied = Kopiert.
