### The coordinator's response to a remark.
### Norsk nynorsk.

disposition-accepted = Teke til følgje
disposition-answered = Svara
disposition-change = Endre vurdering
disposition-give = Gje vurdering
disposition-label = Vurdering
disposition-motivation = Grunngjeving
disposition-noted = Notert
disposition-partly_accepted = Delvis teke til følgje
disposition-rejected = Ikkje teke til følgje
disposition-save = Lagre vurdering
