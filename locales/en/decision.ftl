### The formal decision sent with an answer.
### English.

decision-title = Decision on the answer (optional)
decision-body = Deciding body
decision-date = Date of decision
decision-item = § / case number
decision-reservations = Reservations and special statements
decision-party = Party
decision-kind = Kind
decision-reservation = Reservation
decision-special_statement = Special statement
decision-statement = Text
decision-add = Add
decision-conditions = Conditions on single clauses
decision-clause = Clause
decision-condition = Condition

record-title = Record an answer on an organisation's behalf
record-organisation = Organisation
record-stances = Stances in the answer
record-submit = Record the answer
record-done = Answer { $number } from { $organisation } is recorded.
