### Refusals, worded from the domain's typed errors.
### Svenska.

error-already_accepted = Förslaget är redan infört i texten.
error-apply = Ändringen kunde inte föras in i avtalet.
error-busy = Avtalet är upptaget med en annan ändring. Försök igen.
error-deadline_passed = Svarstiden för { $organisation } har gått ut.
error-decode = Ändringen kunde inte läsas.
error-empty = Texten får inte vara tom.
error-empty_draft = Utkastet har inga kapitel.
error-has_remarks = { $count ->
        [one] Det finns redan en synpunkt på avtalet. Ett nytt utkast kan bara läsas in innan någon har lämnat synpunkter.
       *[other] Det finns redan { $count } synpunkter på avtalet. Ett nytt utkast kan bara läsas in innan någon har lämnat synpunkter.
    }
error-invalid_case_number = Diarienumret får vara högst 60 tecken på en rad.
error-invalid_decision = Beslutet kan inte sparas: ange beslutande organ och ett datum som har varit, och låt varje reservation ha parti och text och varje villkor gälla en punkt i svaret.
error-invalid_range = Markeringen passar inte längre i punktens text. Markera texten igen.
error-markdown = Texten kunde inte läsas som ett avtal: { $detail }
error-missing_changes = Några tidigare ändringar från andra har inte kommit fram ännu. Försök igen om en stund.
error-not_a_proposal = Synpunkten är inget förslag till formulering.
error-not_allowed = Som { $role } kan du inte göra det under fasen { $phase }.
error-not_a_proposer = I det här avtalet får rollen { $role } inte föreslå ny lydelse. Samordnaren bestämmer det under Deltagare.
error-disposed = Synpunkten har fått ett bemötande och kan inte längre ändras. Skriv ett svar i stället.
error-not_author = Bara den som skrev synpunkten kan ändra den.
error-not_consulted = Svaret kan bara registreras för en organisation som har fått remissen.
error-not_drafting = Ett nytt utkast kan bara läsas in medan avtalet är ett utkast (nu: { $phase }).
error-not_own_organisation = Du kan bara ta ställning för din egen organisation.
error-not_respondent = Bara organisationens remissansvariga kan skicka remissvaret.
error-nothing_to_send = Det finns inga ställningstaganden att skicka.
error-orphaned = Texten som förslaget gällde har tagits bort.
error-quote_gone = Texten du markerade finns inte längre i punkten: ”{ $quote }”.
error-unknown_chapter = Kapitlet finns inte längre.
error-unknown_clause = Punkten finns inte längre.
error-unknown_remark = Synpunkten finns inte längre.
error-unknown_version = Versionen finns inte.
error-withdrawn = Synpunkten är återkallad.
