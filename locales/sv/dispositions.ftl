### The coordinator's response to a remark.
### Svenska.

disposition-accepted = Tillgodosedd
disposition-answered = Besvarad
disposition-change = Ändra bemötande
disposition-give = Ge bemötande
disposition-label = Bemötande
disposition-motivation = Motivering
disposition-noted = Noterad
disposition-partly_accepted = Delvis tillgodosedd
disposition-rejected = Ej tillgodosedd
disposition-save = Spara bemötande
