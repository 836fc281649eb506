### The agreement's pages and the links between them.
### Norsk bokmål.

nav-label = Avtalens sider
nav-agreement = Avtalen
nav-versions = Versjoner
nav-compare = Sammenlign
nav-remiss = Høring
nav-compilation = Oppsummering
nav-print = Utskrift

versions-title = Versjoner
version-title = Versjon
compare-title = Sammenlign versjoner
remiss-title = Høring og frister
print-title = Utskrift
