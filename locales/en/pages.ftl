### The agreement's pages and the links between them.
### English.

nav-label = The agreement's pages
nav-agreement = Agreement
nav-versions = Versions
nav-compare = Compare
nav-remiss = Consultation
nav-compilation = Summary
nav-print = Print

versions-title = Versions
version-title = Version
compare-title = Compare versions
remiss-title = Consultation and deadlines
print-title = Print
