### Refusals, worded from the domain's typed errors.
### Norsk bokmål.

error-already_accepted = Forslaget er allerede ført inn i teksten.
error-apply = Endringen kunne ikke føres inn i avtalen.
error-busy = Avtalen er opptatt med en annen endring. Prøv igjen.
error-deadline_passed = Svarfristen for { $organisation } er ute.
error-decode = Endringen kunne ikke leses.
error-empty = Teksten kan ikke være tom.
error-empty_draft = Utkastet har ingen kapitler.
error-has_remarks = { $count ->
        [one] Det finnes allerede én merknad til avtalen. Et nytt utkast kan bare leses inn før noen har gitt merknader.
       *[other] Det finnes allerede { $count } merknader til avtalen. Et nytt utkast kan bare leses inn før noen har gitt merknader.
    }
error-invalid_case_number = Saksnummeret kan være høyst 60 tegn på én linje.
error-invalid_decision = Vedtaket kan ikke lagres: oppgi vedtaksorgan og en dato som har vært, og la hver dissens ha parti og tekst og hvert vilkår gjelde et punkt i svaret.
error-invalid_range = Markeringen passer ikke lenger i punktets tekst. Marker teksten på nytt.
error-markdown = Teksten kunne ikke leses som en avtale: { $detail }
error-missing_changes = Noen tidligere endringer fra andre har ikke kommet fram ennå. Prøv igjen om litt.
error-not_a_proposal = Merknaden er ikke et forslag til formulering.
error-not_allowed = Som { $role } kan du ikke gjøre det i fasen { $phase }.
error-not_a_proposer = I denne avtalen kan ikke rollen { $role } foreslå ny formulering. Koordinatoren bestemmer det under Deltakere.
error-disposed = Merknaden har fått en vurdering og kan ikke lenger endres. Skriv et svar i stedet.
error-not_author = Bare den som skrev merknaden, kan endre den.
error-not_consulted = Svaret kan bare registreres for en organisasjon som har fått høringen.
error-not_drafting = Et nytt utkast kan bare leses inn mens avtalen er et utkast (nå: { $phase }).
error-not_own_organisation = Du kan bare ta standpunkt for din egen organisasjon.
error-not_respondent = Bare den som er ansvarlig for høringssvaret i organisasjonen, kan sende det.
error-nothing_to_send = Det er ingen standpunkter å sende.
error-orphaned = Teksten forslaget gjaldt, er slettet.
error-quote_gone = Teksten du markerte, finnes ikke lenger i punktet: «{ $quote }».
error-unknown_chapter = Kapitlet finnes ikke lenger.
error-unknown_clause = Punktet finnes ikke lenger.
error-unknown_remark = Merknaden finnes ikke lenger.
error-unknown_version = Versjonen finnes ikke.
error-withdrawn = Merknaden er trukket tilbake.
