### The agreement's pages and the links between them.
### Norsk nynorsk.

nav-label = Sidene til avtalen
nav-agreement = Avtalen
nav-versions = Versjonar
nav-compare = Samanlikn
nav-remiss = Høyring
nav-compilation = Oppsummering
nav-print = Utskrift

versions-title = Versjonar
version-title = Versjon
compare-title = Samanlikn versjonar
remiss-title = Høyring og fristar
print-title = Utskrift
