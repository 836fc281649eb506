### The coordinator's response to a remark.
### Norsk bokmål.

disposition-accepted = Tatt til følge
disposition-answered = Besvart
disposition-change = Endre vurdering
disposition-give = Gi vurdering
disposition-label = Vurdering
disposition-motivation = Begrunnelse
disposition-noted = Notert
disposition-partly_accepted = Delvis tatt til følge
disposition-rejected = Ikke tatt til følge
disposition-save = Lagre vurdering
