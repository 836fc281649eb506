### The agreement's pages and the links between them.
### Svenska.

nav-label = Avtalets sidor
nav-agreement = Avtalet
nav-versions = Versioner
nav-compare = Jämför
nav-remiss = Remiss
nav-compilation = Sammanställning
nav-print = Utskrift

versions-title = Versioner
version-title = Version
compare-title = Jämför versioner
remiss-title = Remiss och svarstider
print-title = Utskrift
