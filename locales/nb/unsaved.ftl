### Writing the server did not take, handed back.
### Norsk bokmål.

unsaved-count = { $count } ikke lagret
unsaved-discard = Fjern
unsaved-intro = Serveren tok ikke imot de siste endringene dine, så avtalen er hentet på nytt. Dette skrev du uten at det ble lagret. Send det på nytt eller fjern det.
unsaved-kind-comment = Kommentar til punkt { $number }
unsaved-kind-edit = Endring av merknaden din til punkt { $number }
unsaved-kind-opposition = Din motstand mot et forslag i punkt { $number }
unsaved-kind-proposal = Forslag til formulering i punkt { $number }
unsaved-kind-question = Spørsmål om punkt { $number }
unsaved-kind-reply = Svar i en tråd om punkt { $number }
unsaved-kind-stance = Standpunkt til punkt { $number }: { $value }
unsaved-kind-support = Din støtte til et forslag i punkt { $number }
unsaved-kind-support_cleared = Fjernet støtte til et forslag i punkt { $number }
unsaved-kind-withdrawal = Tilbaketrekking av merknaden din til punkt { $number }
unsaved-kind-wording = Din formulering av punkt { $number }
unsaved-posted = Sendt på nytt.
unsaved-quote = Markert tekst:
unsaved-reason = Svar fra serveren (teknisk)
unsaved-reply = Svaret ditt i tråden:
unsaved-send_again = Send på nytt
unsaved-title = Ikke lagret
