### Refusals, worded from the domain's typed errors.
### Norsk nynorsk.

error-already_accepted = Framlegget er alt ført inn i teksten.
error-apply = Endringa kunne ikkje førast inn i avtalen.
error-busy = Avtalen er oppteken med ei anna endring. Prøv igjen.
error-deadline_passed = Svarfristen for { $organisation } er ute.
error-decode = Endringa kunne ikkje lesast.
error-empty = Teksten kan ikkje vere tom.
error-empty_draft = Utkastet har ingen kapittel.
error-has_remarks = { $count ->
        [one] Det finst alt éin merknad til avtalen. Eit nytt utkast kan berre lesast inn før nokon har gjeve merknader.
       *[other] Det finst alt { $count } merknader til avtalen. Eit nytt utkast kan berre lesast inn før nokon har gjeve merknader.
    }
error-invalid_case_number = Saksnummeret kan vere høgst 60 teikn på éi line.
error-invalid_decision = Vedtaket kan ikkje lagrast: oppgi vedtaksorgan og ein dato som har vore, og la kvar dissens ha parti og tekst og kvart vilkår gjelde eit punkt i svaret.
error-invalid_range = Markeringa passar ikkje lenger i teksten i punktet. Marker teksten på nytt.
error-markdown = Teksten kunne ikkje lesast som ein avtale: { $detail }
error-missing_changes = Nokre tidlegare endringar frå andre har ikkje kome fram enno. Prøv igjen om litt.
error-not_a_proposal = Merknaden er ikkje eit framlegg til formulering.
error-not_allowed = Som { $role } kan du ikkje gjere det i fasen { $phase }.
error-not_a_proposer = I denne avtalen kan ikkje rolla { $role } føreslå ny formulering. Koordinatoren bestemmer det under Deltakarar.
error-disposed = Merknaden har fått ei vurdering og kan ikkje lenger endrast. Skriv eit svar i staden.
error-not_author = Berre den som skreiv merknaden, kan endre han.
error-not_consulted = Svaret kan berre registrerast for ein organisasjon som har fått høyringa.
error-not_drafting = Eit nytt utkast kan berre lesast inn medan avtalen er eit utkast (no: { $phase }).
error-not_own_organisation = Du kan berre ta standpunkt for din eigen organisasjon.
error-not_respondent = Berre den som er ansvarleg for høyringssvaret i organisasjonen, kan sende det.
error-nothing_to_send = Det er ingen standpunkt å sende.
error-orphaned = Teksten framlegget gjaldt, er sletta.
error-quote_gone = Teksten du markerte, finst ikkje lenger i punktet: «{ $quote }».
error-unknown_chapter = Kapittelet finst ikkje lenger.
error-unknown_clause = Punktet finst ikkje lenger.
error-unknown_remark = Merknaden finst ikkje lenger.
error-unknown_version = Versjonen finst ikkje.
error-withdrawn = Merknaden er trekt tilbake.
