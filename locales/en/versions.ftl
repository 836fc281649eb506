### Named versions, comparing them, printing and Word.
### English.

versions-cut_title = Save a named version
versions-name = Name of the version
versions-name_example = e.g. Draft 15 January
versions-note = Note (optional)
versions-cut_hint = The version keeps the agreement exactly as it reads now. Every participant can read it, compare it and download it in Word.
versions-cut = Save version
versions-cut_done = The version “{ $name }” is saved.
versions-missing_changes = Your copy still lacks changes others have made, so the version would not show what everyone has seen. Wait until the connection has caught up and try again.
versions-missing_changes_read = Your copy still lacks changes this version contains. Wait until the connection has caught up and try again.
versions-retry = Try again
versions-list_title = Saved versions
versions-none = No versions have been saved yet.
versions-cut_by = Saved by { $name }
versions-read = Read the version
versions-compare_with = Compare with { $name }
versions-compare_now = Compare with the current text
versions-docx = Download in Word

version-reading = You are reading the version “{ $name }”.
version-cut_on = Saved { $date }.
version-read_only = The version cannot be changed – it shows the agreement as it read then.
version-compare_now = Compare with the current text

compare-from = From
compare-to = To
compare-now = Current text
compare-only_changed = Show changed clauses only
compare-docx = Download the “to” version in Word
compare-docx_compared = Download the comparison in Word
compare-no_changes = No differences between the versions.
compare-count_changed = { $count ->
        [one] { $count } clause changed
       *[other] { $count } clauses changed
    }
compare-count_added = { $count ->
        [one] { $count } new
       *[other] { $count } new
    }
compare-count_removed = { $count ->
        [one] { $count } removed
       *[other] { $count } removed
    }
compare-count_moved = { $count ->
        [one] { $count } moved
       *[other] { $count } moved
    }
compare-is_unchanged = Unchanged
compare-is_changed = Changed
compare-is_added = New clause
compare-is_removed = Removed clause
compare-is_moved = Moved
compare-was_number = formerly { $number }

print-version = Version
print-with_remarks = With remarks
print-print = Print or save as PDF
print-docx = Download in Word
print-docx_remarks = Download in Word with remarks
print-current_text = Current text
print-case_number = Case number
print-contents = Contents
print-remarks = Remarks

draft-title = New draft from Word
draft-hint = Replaces the agreement's chapters and clauses with a Word document (.docx). Chapters and clauses are read from the heading styles. Only while the agreement is being drafted and before anyone has remarked.
draft-pick = Choose a Word document
draft-sending = Reading the document …
draft-done = The draft is in: { $chapters }, { $clauses }.
draft-done_chapters = { $count ->
        [one] { $count } chapter
       *[other] { $count } chapters
    }
draft-done_clauses = { $count ->
        [one] { $count } clause
       *[other] { $count } clauses
    }
draft-refused = The draft was not read in: { $reason } Nothing has changed.

error-too_long = The text can be at most { $max } characters.

trace-made_against = Made on the version “{ $version }”.
trace-handled_in = How it was handled in “{ $version }”
trace-handled_now = How the clause reads now
