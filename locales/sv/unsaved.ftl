### Writing the server did not take, handed back.
### Svenska.

unsaved-count = { $count ->
        [one] { $count } inte sparad
       *[other] { $count } inte sparade
    }
unsaved-discard = Ta bort
unsaved-intro = Servern tog inte emot dina senaste ändringar, så avtalet har hämtats på nytt. Det här skrev du utan att det sparades. Skicka det igen eller ta bort det.
unsaved-kind-comment = Kommentar till punkt { $number }
unsaved-kind-edit = Ändring av din synpunkt på punkt { $number }
unsaved-kind-opposition = Ditt motstånd mot ett förslag på punkt { $number }
unsaved-kind-proposal = Förslag till formulering i punkt { $number }
unsaved-kind-question = Fråga om punkt { $number }
unsaved-kind-reply = Svar i en tråd på punkt { $number }
unsaved-kind-stance = Ställningstagande till punkt { $number }: { $value }
unsaved-kind-support = Ditt stöd för ett förslag på punkt { $number }
unsaved-kind-support_cleared = Borttaget stöd för ett förslag på punkt { $number }
unsaved-kind-withdrawal = Återkallande av din synpunkt på punkt { $number }
unsaved-kind-wording = Din formulering av punkt { $number }
unsaved-posted = Skickat igen.
unsaved-quote = Markerad text:
unsaved-reason = Serverns besked (tekniskt)
unsaved-reply = Ditt svar i tråden:
unsaved-send_again = Skicka igen
unsaved-title = Inte sparat
