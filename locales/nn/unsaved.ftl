### Writing the server did not take, handed back.
### Norsk nynorsk.

unsaved-count = { $count } ikkje lagra
unsaved-discard = Fjern
unsaved-intro = Tenaren tok ikkje imot dei siste endringane dine, så avtalen er henta på nytt. Dette skreiv du utan at det vart lagra. Send det på nytt eller fjern det.
unsaved-kind-comment = Kommentar til punkt { $number }
unsaved-kind-edit = Endring av merknaden din til punkt { $number }
unsaved-kind-opposition = Motstanden din mot eit framlegg i punkt { $number }
unsaved-kind-proposal = Framlegg til formulering i punkt { $number }
unsaved-kind-question = Spørsmål om punkt { $number }
unsaved-kind-reply = Svar i ein tråd om punkt { $number }
unsaved-kind-stance = Standpunkt til punkt { $number }: { $value }
unsaved-kind-support = Støtta di til eit framlegg i punkt { $number }
unsaved-kind-support_cleared = Fjerna støtte til eit framlegg i punkt { $number }
unsaved-kind-withdrawal = Tilbaketrekking av merknaden din til punkt { $number }
unsaved-kind-wording = Formuleringa di av punkt { $number }
unsaved-posted = Sendt på nytt.
unsaved-quote = Markert tekst:
unsaved-reason = Svar frå tenaren (teknisk)
unsaved-reply = Svaret ditt i tråden:
unsaved-send_again = Send på nytt
unsaved-title = Ikkje lagra
