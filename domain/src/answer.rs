//! What the consultation's paperwork adds to an answer: the formal decision behind it — who
//! decided, on which day, under which item, with which reservations and conditions
//! (decision.rs) — and answers that came another way (by e-mail, on paper), which a coordinator
//! records for the organisation, marked as recorded by them (the server stamps when). Drafting
//! stances and the answer's revisions live in stance.rs.

use crate::calendar::LocalTime;
use crate::decision::note_kind;
use crate::fields::{boolean, opt_string};
use crate::guard::{forbid, Ctx, Judged, NewEntry, Refusal};
use crate::permission::Action;
use crate::schema::{self, answer as A, Val};
use crate::{ids, Agreement, ClauseId, Decision, DomainError, Participant, Stance};
use yrs::{Any, Map, MapRef, Out, ReadTxn, Transact};

impl Agreement {
    /// Sends `actor`'s organisation's answer — every drafted stance, as a new revision — with
    /// the deciding body's `decision`, if there was one.
    pub fn send_answer_with(
        &self,
        actor: &Participant,
        decision: Option<&Decision>,
        now_ms: f64,
    ) -> Result<usize, DomainError> {
        self.check(actor, Action::SendAnswer)?;
        let org = actor.organisation.as_str();
        if self.respondent_of(org).as_deref() != Some(actor.id.as_str()) {
            return Err(DomainError::NotRespondent(org.to_string()));
        }
        self.check_deadline(org, now_ms)?;
        let drafts = self.drafts_of(org);
        if drafts.is_empty() {
            return Err(DomainError::NothingToSend(org.to_string()));
        }
        self.write_answer(org, actor, drafts, decision, false, now_ms)
    }

    /// Records, as a coordinator, `organisation`'s answer that came another way: its stances
    /// as the organisation gave them, and its decision if it sent one. It counts as the
    /// organisation's answer, marked as recorded by `actor`. The organisation's deadline does
    /// not apply: whether a late answer counts is the coordinators' to decide.
    pub fn record_answer(
        &self,
        actor: &Participant,
        organisation: &str,
        stances: &[(ClauseId, Stance)],
        decision: Option<&Decision>,
        now_ms: f64,
    ) -> Result<usize, DomainError> {
        self.check(actor, Action::RecordAnswer)?;
        if !self
            .consulted_organisations()
            .iter()
            .any(|o| o == organisation)
        {
            return Err(DomainError::NotConsulted(organisation.to_string()));
        }
        if stances.is_empty() {
            return Err(DomainError::NothingToSend(organisation.to_string()));
        }
        {
            let txn = self.doc.transact();
            for (clause, _) in stances {
                self.live_clause(&txn, clause)?;
            }
        }
        self.write_answer(
            organisation,
            actor,
            stances.to_vec(),
            decision,
            true,
            now_ms,
        )
    }

    /// Writes one answer of `org`, sent (or recorded) by `by`; returns its number.
    fn write_answer(
        &self,
        org: &str,
        by: &Participant,
        mut stances: Vec<(ClauseId, Stance)>,
        decision: Option<&Decision>,
        on_behalf: bool,
        now_ms: f64,
    ) -> Result<usize, DomainError> {
        if let Some(d) = decision {
            let answered = |c: &str| stances.iter().any(|(s, _)| s == c);
            d.check(LocalTime::of(now_ms).date, &answered)
                .map_err(DomainError::InvalidDecision)?;
        }
        let number = self.answers_of(org).len() + 1;
        // [clause, value, motivation] rows sorted by clause: an `Any::Map` would encode in
        // hash order, so the same state would not always encode to the same bytes.
        crate::sorting::sort_by(&mut stances, |a, b| a.0.cmp(&b.0));
        let rows: Vec<[String; 3]> = stances
            .into_iter()
            .map(|(clause, s)| [clause, s.value.key().to_string(), s.motivation])
            .collect();
        let mut fields = vec![
            (&A::ORGANISATION, Val::Str(org)),
            (&A::SENT_BY, Val::Str(&by.id)),
            (&A::SENT, Val::Num(now_ms)),
            (&A::STANCES, Val::Rows(rows)),
        ];
        if let Some(d) = decision {
            fields.push((&A::DECISION_BODY, Val::Str(d.body.trim())));
            fields.push((&A::DECISION_DATE, Val::Str(&d.date)));
            if !d.item.trim().is_empty() {
                fields.push((&A::DECISION_ITEM, Val::Str(d.item.trim())));
            }
            let notes = d.notes();
            if !notes.is_empty() {
                fields.push((&A::DECISION_NOTES, Val::Rows(notes)));
            }
        }
        if on_behalf {
            fields.push((&A::ON_BEHALF, Val::Bool(true)));
        }
        let mut txn = self.doc.transact_mut();
        let id = ids::fresh('a', &txn);
        let entry = schema::entry(&A::ROOT, fields);
        self.answers.insert(&mut txn, id.as_str(), entry);
        Ok(number)
    }
}

/// The decision stored with an answer, if one was.
pub(crate) fn read_decision<T: ReadTxn>(m: &MapRef, txn: &T) -> Option<Decision> {
    let decision = Decision {
        body: opt_string(m, txn, A::DECISION_BODY.name)?,
        date: opt_string(m, txn, A::DECISION_DATE.name).unwrap_or_default(),
        item: opt_string(m, txn, A::DECISION_ITEM.name).unwrap_or_default(),
        reservations: Vec::new(),
        conditions: Vec::new(),
    };
    let rows: Vec<[String; 3]> = match m.get(txn, A::DECISION_NOTES.name) {
        Some(Out::Any(Any::Array(rows))) => rows
            .iter()
            .filter_map(|row| match row {
                Any::Array(cells) => match &cells[..] {
                    [Any::String(a), Any::String(b), Any::String(c)] => {
                        Some([a.to_string(), b.to_string(), c.to_string()])
                    }
                    _ => None,
                },
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    Some(
        decision.with_notes(
            rows.iter()
                .map(|[a, b, c]| [a.as_str(), b.as_str(), c.as_str()]),
        ),
    )
}

/// Whether an answer was recorded by a coordinator for the organisation.
pub(crate) fn read_on_behalf<T: ReadTxn>(m: &MapRef, txn: &T) -> bool {
    boolean(m, txn, A::ON_BEHALF.name)
}

/// Whether a new answer says it was recorded for the organisation.
pub(crate) fn recorded(e: &NewEntry) -> bool {
    e.values(&A::ON_BEHALF).any(|v| *v == Judged::Bool(true))
}

/// The server's rules for what this module adds to an answer.
impl Agreement {
    /// An answer recorded for an organisation: by a coordinator while they may record answers,
    /// for an organisation that was consulted.
    pub(crate) fn judge_recorded_answer(
        &self,
        ctx: &Ctx,
        e: &NewEntry,
        what: &str,
    ) -> Result<(), Refusal> {
        ctx.allow(what, Action::RecordAnswer)?;
        let org = e.str(&A::ORGANISATION).unwrap_or_default();
        if !self.consulted_organisations().iter().any(|o| o == org) {
            return Err(forbid(
                what,
                &DomainError::NotConsulted(org.into()).to_string(),
            ));
        }
        Ok(())
    }

    /// A decision with an answer: as [`Decision::check`] has it, by the server's date, its
    /// conditions on clauses the answer answers, its notes of known kinds.
    pub(crate) fn judge_decision(
        &self,
        ctx: &Ctx,
        e: &NewEntry,
        what: &str,
    ) -> Result<(), Refusal> {
        let given = [
            &A::DECISION_BODY,
            &A::DECISION_DATE,
            &A::DECISION_ITEM,
            &A::DECISION_NOTES,
        ];
        if !given.iter().any(|f| e.has(f)) {
            return Ok(());
        }
        let mut notes: Vec<[&str; 3]> = Vec::new();
        for value in e.values(&A::DECISION_NOTES) {
            let Judged::Rows(rows) = value else { continue };
            notes.extend(rows.iter().copied());
        }
        if notes.iter().any(|[kind, _, _]| !note_kind(kind)) {
            return Err(forbid(
                what,
                "a decision's notes are reservations, statements or conditions",
            ));
        }
        let decision = Decision {
            body: e.str(&A::DECISION_BODY).unwrap_or_default().into(),
            date: e.str(&A::DECISION_DATE).unwrap_or_default().into(),
            item: e.str(&A::DECISION_ITEM).unwrap_or_default().into(),
            reservations: Vec::new(),
            conditions: Vec::new(),
        }
        .with_notes(notes.into_iter());
        let answered = |clause: &str| {
            e.values(&A::STANCES).any(|v| match v {
                Judged::Rows(rows) => rows.iter().any(|[c, _, _]| *c == clause),
                _ => false,
            })
        };
        decision
            .check(LocalTime::of(ctx.now_ms).date, &answered)
            .map_err(|fault| forbid(what, &DomainError::InvalidDecision(fault).to_string()))
    }
}
