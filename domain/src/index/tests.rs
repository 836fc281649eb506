//! The index against a scan. Random operations — local writes on two replicas, updates
//! between them, a replica swapped for one loaded afresh — and after each:
//! - every query the index serves equals the same query answered by scanning every entry
//!   (the code the index replaced, kept here as the reference);
//! - the incremental index equals one built from scratch over the same document;
//! - whatever a view could show that changed is named by a [`Change`] the transaction
//!   reported (and, for a swapped replica, by [`Agreement::changes_from`]).
//!
//! The proptest RNG seed is fixed and printed (`INDEX_SEED` overrides it, `INDEX_CASES` the
//! number of cases); a failure prints the minimal failing list of operations.

#![allow(clippy::unwrap_used)]

use super::*;
use crate::disposition;
use crate::fields::entries;
use crate::remark::read_stored;
use crate::{
    demo, AnchorState, ChapterHeading, ClauseCounts, DispositionValue, Participant, Phase, Remark,
    RemarkDraft, RemarkFilter, RemarkKind, Stance, StanceCell, StanceMatrix, StanceValue, Support,
    SupportCount, Target,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};
use std::collections::{BTreeMap, HashMap};
use yrs::updates::encoder::Encode;
use yrs::{ReadTxn, StateVector};

const NOW: f64 = 1_800_000_000_000.0;
const DEFAULT_SEED: u64 = 0x1d3e_0000_0000_0001;

// ---------------------------------------------------------------------------------------------
// The reference: every query answered by a scan of every entry, as before the index.

fn scan_remark<T: ReadTxn>(a: &Agreement, id: &str, m: &MapRef, txn: &T) -> Remark {
    let beside = crate::remark::Beside {
        participants: &a.participants,
        stamps: &a.stamps,
        revisions: &a.revisions,
    };
    let stored = read_stored(id, m, txn, &beside);
    let text = a.resolving_text(txn, &stored.remark.clause);
    stored.resolve(
        txn,
        text.as_ref(),
        disposition::read(&a.dispositions, txn, id),
    )
}

fn scan_all(a: &Agreement) -> Vec<Remark> {
    let txn = a.doc.transact();
    let mut all: Vec<Remark> = entries(&a.remarks, &txn)
        .into_iter()
        .map(|(id, m)| scan_remark(a, &id, &m, &txn))
        .collect();
    all.sort_by(|x, y| {
        x.created_ms
            .total_cmp(&y.created_ms)
            .then_with(|| x.id.cmp(&y.id))
    });
    all
}

fn scan_threads(all: Vec<Remark>) -> Vec<Remark> {
    let (mut roots, replies): (Vec<Remark>, Vec<Remark>) =
        all.into_iter().partition(|r| r.parent.is_none());
    for reply in replies {
        if let Some(root) = roots
            .iter_mut()
            .find(|r| Some(&r.id) == reply.parent.as_ref())
        {
            root.replies.push(reply);
        }
    }
    roots
}

fn scan_remarks_of(a: &Agreement, clause: &str) -> Vec<Remark> {
    scan_threads(
        scan_all(a)
            .into_iter()
            .filter(|r| r.clause == clause)
            .collect(),
    )
}

fn scan_remark_by_id(a: &Agreement, id: &str) -> Option<Remark> {
    let single = scan_all(a).into_iter().find(|r| r.id == id)?;
    if single.parent.is_some() {
        return Some(single);
    }
    scan_remarks_of(a, &single.clause)
        .into_iter()
        .find(|r| r.id == id)
}

fn scan_counts(a: &Agreement) -> HashMap<String, ClauseCounts> {
    let mut out: HashMap<String, ClauseCounts> = HashMap::new();
    for r in scan_threads(scan_all(a)) {
        let c = out.entry(r.clause.clone()).or_default();
        if r.withdrawn {
            continue;
        }
        c.remarks += 1;
        c.open += usize::from(r.disposition.is_none());
        c.proposals += usize::from(r.kind == RemarkKind::Proposal);
        c.questions += usize::from(r.kind == RemarkKind::Question);
        c.replies += r.replies.iter().filter(|x| !x.withdrawn).count();
    }
    out
}

fn scan_support(a: &Agreement, proposal: &str) -> SupportCount {
    let txn = a.doc.transact();
    let mut count = SupportCount::default();
    for (_, m) in entries(&a.supports, &txn) {
        if crate::fields::string(&m, &txn, "proposal") != proposal {
            continue;
        }
        match crate::fields::string(&m, &txn, "value").as_str() {
            "for" => count.for_ += 1,
            "against" => count.against += 1,
            _ => {}
        }
    }
    count
}

fn scan_answers(a: &Agreement) -> Vec<crate::AnswerRevision> {
    let txn = a.doc.transact();
    let mut all: Vec<crate::AnswerRevision> = entries(&a.answers, &txn)
        .into_iter()
        .map(|(id, m)| crate::stance::read_answer(&id, &m, &txn, &a.stamps))
        .collect();
    all.sort_by(|x, y| {
        x.sent_ms
            .total_cmp(&y.sent_ms)
            .then_with(|| x.id.cmp(&y.id))
    });
    let mut counters: HashMap<String, usize> = HashMap::new();
    for x in &mut all {
        let n = counters.entry(x.organisation.clone()).or_default();
        *n += 1;
        x.number = *n;
    }
    all
}

fn scan_matrix(a: &Agreement) -> StanceMatrix {
    let clauses: Vec<String> = a.clauses().into_iter().map(|c| c.id).collect();
    let answers = scan_answers(a);
    let mut organisations = a.organisations();
    let mut drafts: HashMap<(String, String), Stance> = HashMap::new();
    let txn = a.doc.transact();
    for (_, m) in entries(&a.stances, &txn) {
        let org = crate::fields::string(&m, &txn, "organisation");
        if let Some(s) = StanceValue::from_key(&crate::fields::string(&m, &txn, "value")) {
            let motivation = crate::fields::string(&m, &txn, "motivation");
            drafts.insert(
                (org.clone(), crate::fields::string(&m, &txn, "clause")),
                Stance {
                    value: s,
                    motivation,
                },
            );
        }
        organisations.push(org);
    }
    organisations.extend(answers.iter().map(|x| x.organisation.clone()));
    organisations.sort();
    organisations.dedup();
    let cells = organisations
        .iter()
        .map(|org| {
            let latest = answers.iter().rev().find(|x| &x.organisation == org);
            clauses
                .iter()
                .map(|c| StanceCell {
                    draft: drafts.get(&(org.clone(), c.clone())).cloned(),
                    sent: latest.and_then(|x| x.stances.get(c).cloned()),
                    revision: latest.map(|x| x.number),
                })
                .collect()
        })
        .collect();
    StanceMatrix {
        organisations,
        clauses,
        cells,
    }
}

/// Every clause id ever written, removed ones too.
fn clause_ids(a: &Agreement) -> Vec<String> {
    let txn = a.doc.transact();
    let mut ids: Vec<String> = a.clauses.keys(&txn).map(str::to_string).collect();
    ids.sort();
    ids
}

fn remark_ids(a: &Agreement) -> Vec<String> {
    let txn = a.doc.transact();
    let mut ids: Vec<String> = a.remarks.keys(&txn).map(str::to_string).collect();
    ids.sort();
    ids
}

/// Checks every indexed query of `a` against the scan, and its index against a fresh one.
fn check_queries(a: &Agreement) -> Result<(), String> {
    let fail = |what: &str, got: &dyn std::fmt::Debug, want: &dyn std::fmt::Debug| {
        Err(format!("{what}:\n index: {got:?}\n scan:  {want:?}"))
    };
    let counts = scan_counts(a);
    if a.counts() != counts {
        return fail("counts", &a.counts(), &counts);
    }
    let all_threads = scan_threads(scan_all(a));
    if a.find_remarks(&RemarkFilter::default()) != all_threads {
        return fail(
            "all threads",
            &a.find_remarks(&RemarkFilter::default()),
            &all_threads,
        );
    }
    for c in clause_ids(a) {
        let want = scan_remarks_of(a, &c);
        if a.remarks_of(&c) != want {
            return fail(&format!("remarks of {c}"), &a.remarks_of(&c), &want);
        }
        let ids: Vec<String> = want.iter().map(|r| r.id.clone()).collect();
        if a.remark_ids_of(&c) != ids {
            return fail(&format!("remark ids of {c}"), &a.remark_ids_of(&c), &ids);
        }
        let filter = RemarkFilter {
            clause: Some(c.clone()),
            ..RemarkFilter::default()
        };
        let found: Vec<Remark> = all_threads
            .iter()
            .filter(|r| r.clause == c)
            .cloned()
            .collect();
        if a.find_remarks(&filter) != found {
            return fail(&format!("find on {c}"), &a.find_remarks(&filter), &found);
        }
        for filter in [
            RemarkFilter {
                status: Some(crate::StatusFilter::Open),
                ..filter.clone()
            },
            RemarkFilter {
                status: Some(crate::StatusFilter::Unanswered),
                kind: Some(RemarkKind::Proposal),
                ..filter.clone()
            },
            RemarkFilter {
                text: Some("svar".into()),
                ..filter.clone()
            },
            RemarkFilter {
                text: Some("ny lydelse".into()),
                organisation: Some("Strandviks kommun".into()),
                ..filter.clone()
            },
        ] {
            let want: Vec<String> = a.find_remarks(&filter).into_iter().map(|r| r.id).collect();
            if a.find_remark_ids(&filter) != want {
                return fail(&format!("{filter:?}"), &a.find_remark_ids(&filter), &want);
            }
        }
        let want_counts = counts.get(&c).copied().unwrap_or_default();
        if a.counts_of(&c) != want_counts {
            return fail(&format!("counts of {c}"), &a.counts_of(&c), &want_counts);
        }
        let live = scan_all(a)
            .iter()
            .filter(|r| r.clause == c && !r.withdrawn)
            .count();
        if a.remark_count(&c) != live {
            return fail(&format!("remark count of {c}"), &a.remark_count(&c), &live);
        }
        let ranges: Vec<(u32, u32, RemarkKind)> = want
            .iter()
            .filter(|r| !r.withdrawn)
            .filter_map(|r| match r.anchor.as_ref()?.state {
                AnchorState::Attached { start, end, .. } => Some((start, end, r.kind)),
                AnchorState::Orphaned => None,
            })
            .collect();
        if a.anchored_ranges(&c) != ranges {
            return fail(&format!("ranges of {c}"), &a.anchored_ranges(&c), &ranges);
        }
    }
    for id in remark_ids(a) {
        let want = scan_remark_by_id(a, &id);
        if a.remark(&id) != want {
            return fail(&format!("remark {id}"), &a.remark(&id), &want);
        }
        let state = want
            .as_ref()
            .and_then(|r| r.anchor.clone())
            .map(|x| x.state);
        if a.anchor_state(&id) != state {
            return fail(&format!("anchor of {id}"), &a.anchor_state(&id), &state);
        }
        if a.support_count(&id) != scan_support(a, &id) {
            return fail(
                &format!("support of {id}"),
                &a.support_count(&id),
                &scan_support(a, &id),
            );
        }
    }
    let matrix = scan_matrix(a);
    if a.stance_matrix() != matrix {
        return fail("stance matrix", &a.stance_matrix(), &matrix);
    }
    for (o, org) in matrix.organisations.iter().enumerate() {
        let answers: Vec<_> = scan_answers(a)
            .into_iter()
            .filter(|x| &x.organisation == org)
            .collect();
        if a.answers_of(org) != answers {
            return fail(&format!("answers of {org}"), &a.answers_of(org), &answers);
        }
        let unsent = matrix.cells[o]
            .iter()
            .filter(|c| c.unsent_changes())
            .count();
        if a.unsent_count(org) != unsent {
            return fail(&format!("unsent of {org}"), &a.unsent_count(org), &unsent);
        }
        for (k, c) in matrix.clauses.iter().enumerate() {
            if a.stance(org, c) != matrix.cells[o][k] {
                return fail(
                    &format!("stance {org}/{c}"),
                    &a.stance(org, c),
                    &matrix.cells[o][k],
                );
            }
        }
    }
    for (k, c) in matrix.clauses.iter().enumerate() {
        let column: Vec<(String, StanceCell)> = matrix
            .organisations
            .iter()
            .enumerate()
            .map(|(o, org)| (org.clone(), matrix.cells[o][k].clone()))
            .collect();
        if a.stances_on(c) != column {
            return fail(&format!("stances on {c}"), &a.stances_on(c), &column);
        }
        let sent: Vec<(String, Stance, usize)> = column
            .iter()
            .filter_map(|(org, cell)| Some((org.clone(), cell.sent.clone()?, cell.revision?)))
            .collect();
        if a.sent_on(c) != sent {
            return fail(&format!("sent on {c}"), &a.sent_on(c), &sent);
        }
    }
    let outline: Vec<(String, Vec<String>)> = a
        .outline()
        .into_iter()
        .map(|ch| (ch.id, ch.clauses.into_iter().map(|c| c.id).collect()))
        .collect();
    let chapters: Vec<(String, Vec<String>)> = a
        .chapters()
        .into_iter()
        .map(|ch| (ch.id, ch.clauses.into_iter().map(|c| c.id).collect()))
        .collect();
    if outline != chapters {
        return fail("outline", &outline, &chapters);
    }
    // The incremental index is the one a fresh build makes.
    let fresh = {
        let txn = a.doc.transact();
        let roots = a.index_roots();
        let mut fresh = Index::default();
        fresh.apply(Dirty::everything(&roots, &txn), &roots, &txn);
        fresh
    };
    let kept = lock(&a.index.index);
    match kept.as_ref() {
        Some(kept) if *kept == fresh => Ok(()),
        Some(kept) => fail("index", kept, &fresh),
        None => Err("no index kept".into()),
    }
}

// ---------------------------------------------------------------------------------------------
// What a view could show, to check that every change it sees is reported.

/// A remark without where its range stands: the part `Change::Remark` covers.
fn at_rest(mut r: Remark) -> Remark {
    if let Some(anchor) = &mut r.anchor {
        anchor.state = AnchorState::Orphaned;
    }
    r.replies = r.replies.into_iter().map(at_rest).collect();
    r
}

#[derive(Debug, PartialEq)]
struct Shown {
    meta: (String, Phase, Option<f64>),
    outline: Vec<ChapterHeading>,
    participants: (Vec<Participant>, Vec<Option<String>>),
    versions: Vec<crate::Version>,
    texts: BTreeMap<String, Option<String>>,
    /// Per clause: its threads at rest, counts, entry count, and anchors as they stand.
    remarks: BTreeMap<String, (Vec<Remark>, ClauseCounts, usize)>,
    ranges: BTreeMap<String, Vec<(u32, u32, RemarkKind)>>,
    each: BTreeMap<String, (Option<Remark>, Option<AnchorState>, SupportCount)>,
    stances: BTreeMap<String, Vec<(String, StanceCell)>>,
    organisations: BTreeMap<String, (Vec<crate::AnswerRevision>, usize)>,
}

fn shown(a: &Agreement) -> Shown {
    let orgs = a.stance_matrix().organisations;
    Shown {
        meta: (a.title(), a.phase(), a.deadline()),
        outline: a.outline(),
        participants: (
            a.participants(),
            orgs.iter().map(|o| a.respondent_of(o)).collect(),
        ),
        versions: a.versions(),
        texts: clause_ids(a)
            .into_iter()
            .map(|c| {
                let t = a.clause(&c).map(|x| x.text);
                (c, t)
            })
            .collect(),
        remarks: clause_ids(a)
            .into_iter()
            .map(|c| {
                let threads = a.remarks_of(&c).into_iter().map(at_rest).collect();
                let v = (threads, a.counts_of(&c), a.remark_count(&c));
                (c, v)
            })
            .collect(),
        ranges: clause_ids(a)
            .into_iter()
            .map(|c| {
                let r = a.anchored_ranges(&c);
                (c, r)
            })
            .collect(),
        each: remark_ids(a)
            .into_iter()
            .map(|id| {
                let v = (
                    a.remark(&id).map(at_rest),
                    a.anchor_state(&id),
                    a.support_count(&id),
                );
                (id, v)
            })
            .collect(),
        stances: clause_ids(a)
            .into_iter()
            .map(|c| {
                let s = a.stances_on(&c);
                (c, s)
            })
            .collect(),
        organisations: orgs
            .into_iter()
            .map(|o| {
                let v = (a.answers_of(&o), a.unsent_count(&o));
                (o, v)
            })
            .collect(),
    }
}

/// Every difference between `before` and `after` must be named in `changes`. What did not
/// exist before (a new clause, a new remark) no view can have shown: it comes into view
/// through the outline or its clause's remarks, which must then be reported.
fn check_reported(before: &Shown, after: &Shown, changes: &[Change]) -> Result<(), String> {
    let has = |c: Change| changes.contains(&c);
    let need = |ok: bool, what: String| {
        if ok {
            Ok(())
        } else {
            Err(format!("{what} changed unreported; reported: {changes:?}"))
        }
    };
    if before.meta != after.meta {
        need(has(Change::Meta), "meta".into())?;
    }
    if before.outline != after.outline {
        need(has(Change::Outline), "outline".into())?;
    }
    if before.participants != after.participants {
        need(has(Change::Participants), "participants".into())?;
    }
    if before.versions != after.versions {
        need(has(Change::Versions), "versions".into())?;
    }
    for (c, t) in &after.texts {
        if before.texts.get(c).is_some_and(|old| old != t) {
            need(has(Change::Text(c.clone())), format!("text of {c}"))?;
        }
    }
    for (c, v) in &after.remarks {
        if before.remarks.get(c).is_some_and(|old| old != v) {
            need(has(Change::Remarks(c.clone())), format!("remarks of {c}"))?;
        }
    }
    for (c, v) in &after.ranges {
        if before.ranges.get(c).is_some_and(|old| old != v) {
            let ok = has(Change::Text(c.clone())) || has(Change::Remarks(c.clone()));
            need(ok, format!("ranges of {c}"))?;
        }
    }
    for (id, (r, anchor, support)) in &after.each {
        // A view shows only what existed before; new entries come through their clause.
        let Some(old) = before.each.get(id) else {
            continue;
        };
        let old = Some(old);
        if old.map(|o| &o.0) != Some(r) {
            need(has(Change::Remark(id.clone())), format!("remark {id}"))?;
        }
        if old.map(|o| &o.1) != Some(anchor) {
            let clause = r.as_ref().map(|r| r.clause.clone()).unwrap_or_default();
            let ok = has(Change::Text(clause)) || has(Change::Remark(id.clone()));
            need(ok, format!("anchor of {id}"))?;
        }
        if old.map(|o| o.2).unwrap_or_default() != *support {
            need(has(Change::Support(id.clone())), format!("support of {id}"))?;
        }
    }
    for (c, v) in &after.stances {
        if before.stances.get(c).is_some_and(|old| old != v) {
            need(has(Change::Stances(c.clone())), format!("stances on {c}"))?;
        }
    }
    for (o, v) in &after.organisations {
        if before.organisations.get(o).is_some_and(|old| old != v) {
            need(
                has(Change::Organisation(o.clone())),
                format!("organisation {o}"),
            )?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Operations

#[derive(Debug, Clone)]
enum Op {
    Remark {
        r: u8,
        who: u8,
        clause: u8,
        kind: u8,
        range: Option<(u8, u8)>,
    },
    Reply {
        r: u8,
        who: u8,
        to: u8,
    },
    Edit {
        r: u8,
        remark: u8,
    },
    Withdraw {
        r: u8,
        remark: u8,
    },
    /// The server's stamp arrives for a remark or an answer (its time moves to the stamp's).
    Stamp {
        r: u8,
        entry: u8,
    },
    /// A participant's record is written again under another name (their remarks show it).
    Rename {
        r: u8,
        who: u8,
    },
    Dispose {
        r: u8,
        remark: u8,
        value: u8,
    },
    Accept {
        r: u8,
        remark: u8,
    },
    Support {
        r: u8,
        who: u8,
        remark: u8,
        value: u8,
    },
    Type {
        r: u8,
        clause: u8,
        at: u8,
        delete: u8,
        insert: u8,
    },
    Phase {
        r: u8,
        phase: u8,
    },
    Stance {
        r: u8,
        who: u8,
        clause: u8,
        value: u8,
    },
    Answer {
        r: u8,
        who: u8,
    },
    Structure {
        r: u8,
        clause: u8,
        what: u8,
    },
    Version {
        r: u8,
    },
    /// Sends everything `from` has that `to` lacks, as one update.
    Sync {
        from: u8,
        to: u8,
    },
    /// Replica `r` is replaced by one loaded from both replicas' state.
    Swap {
        r: u8,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let r = || 0u8..2;
    prop_oneof![
        4 => (r(), any::<u8>(), any::<u8>(), 0u8..3, proptest::option::of((any::<u8>(), 1u8..12)))
            .prop_map(|(r, who, clause, kind, range)| Op::Remark { r, who, clause, kind, range }),
        2 => (r(), any::<u8>(), any::<u8>()).prop_map(|(r, who, to)| Op::Reply { r, who, to }),
        1 => (r(), any::<u8>()).prop_map(|(r, remark)| Op::Edit { r, remark }),
        1 => (r(), any::<u8>()).prop_map(|(r, remark)| Op::Withdraw { r, remark }),
        2 => (r(), any::<u8>()).prop_map(|(r, entry)| Op::Stamp { r, entry }),
        1 => (r(), any::<u8>()).prop_map(|(r, who)| Op::Rename { r, who }),
        1 => (r(), any::<u8>(), 0u8..5).prop_map(|(r, remark, value)| Op::Dispose { r, remark, value }),
        1 => (r(), any::<u8>()).prop_map(|(r, remark)| Op::Accept { r, remark }),
        2 => (r(), any::<u8>(), any::<u8>(), 0u8..3)
            .prop_map(|(r, who, remark, value)| Op::Support { r, who, remark, value }),
        3 => (r(), any::<u8>(), any::<u8>(), 0u8..4, 0u8..4)
            .prop_map(|(r, clause, at, delete, insert)| Op::Type { r, clause, at, delete, insert }),
        // Mostly into consultation, where stances are drafted and answers sent.
        2 => (r(), prop_oneof![3 => Just(1u8), 1 => 0u8..4]).prop_map(|(r, phase)| Op::Phase { r, phase }),
        2 => (r(), any::<u8>(), any::<u8>(), 0u8..5)
            .prop_map(|(r, who, clause, value)| Op::Stance { r, who, clause, value }),
        2 => (r(), any::<u8>()).prop_map(|(r, who)| Op::Answer { r, who }),
        1 => (r(), any::<u8>(), 0u8..4).prop_map(|(r, clause, what)| Op::Structure { r, clause, what }),
        1 => r().prop_map(|r| Op::Version { r }),
        3 => (r(), r()).prop_map(|(from, to)| Op::Sync { from, to }),
        1 => r().prop_map(|r| Op::Swap { r }),
    ]
}

struct World {
    replicas: [Agreement; 2],
    /// What each replica's listener heard since the last check.
    heard: [Arc<Mutex<Vec<Change>>>; 2],
    people: Vec<Participant>,
    now: f64,
    next_client: u64,
}

fn pick<T: Clone>(list: &[T], i: u8) -> Option<T> {
    (!list.is_empty()).then(|| list[i as usize % list.len()].clone())
}

fn listen(a: &Agreement) -> Arc<Mutex<Vec<Change>>> {
    let heard: Arc<Mutex<Vec<Change>>> = Arc::default();
    let sink = heard.clone();
    a.on_change("test", move |changes| {
        lock(&sink).extend_from_slice(changes)
    });
    heard
}

impl World {
    fn new() -> World {
        let seed = demo::agreement(1, NOW).expect("demo");
        let state = seed.encode_state();
        let replicas = [
            Agreement::load(11, &state).expect("loads"),
            Agreement::load(12, &state).expect("loads"),
        ];
        let heard = [listen(&replicas[0]), listen(&replicas[1])];
        World {
            replicas,
            heard,
            people: demo::participants(),
            now: NOW,
            next_client: 13,
        }
    }

    fn run(&mut self, op: &Op) {
        self.now += 1_000.0;
        let now = self.now;
        let people = self.people.clone();
        let who = |i: u8| people[i as usize % people.len()].clone();
        let coordinator = people[0].clone();
        let a = |r: u8| self.replicas[r as usize % 2].clone();
        match *op {
            Op::Remark {
                r,
                who: w,
                clause,
                kind,
                range,
            } => {
                let a = a(r);
                let Some(c) = pick(&a.clause_ids(), clause) else {
                    return;
                };
                let len = a.clause_len(&c).unwrap_or(0);
                let target = match range {
                    Some((start, n)) if len > 1 => {
                        let start = u32::from(start) % (len - 1);
                        Target::Range {
                            start,
                            end: (start + u32::from(n)).min(len),
                        }
                    }
                    _ => Target::Clause,
                };
                let kind = [
                    RemarkKind::Comment,
                    RemarkKind::Question,
                    RemarkKind::Proposal,
                ][kind as usize];
                let draft = RemarkDraft {
                    clause: c.clone(),
                    kind,
                    target,
                    body: format!("Synpunkt {now}"),
                    proposed_text: (kind == RemarkKind::Proposal).then(|| "ny lydelse".to_string()),
                    mentions: Vec::new(),
                };
                let _ = a.write_remark(&who(w), draft, now);
            }
            Op::Reply { r, who: w, to } => {
                let a = a(r);
                if let Some(id) = pick(&remark_ids(&a), to) {
                    let _ = a.reply(&id, &who(w), "Svar", now);
                }
            }
            Op::Edit { r, remark } => {
                let a = a(r);
                if let Some(x) = pick(&remark_ids(&a), remark).and_then(|id| a.remark(&id)) {
                    let author = people.iter().find(|p| p.id == x.author).cloned();
                    if let Some(author) = author {
                        let wording = x.proposed_text.as_ref().map(|_| "ändrad lydelse");
                        let _ = a.edit_remark(&author, &x.id, "Ändrad", wording, now);
                    }
                }
            }
            Op::Withdraw { r, remark } => {
                let a = a(r);
                if let Some(x) = pick(&remark_ids(&a), remark).and_then(|id| a.remark(&id)) {
                    if let Some(author) = people.iter().find(|p| p.id == x.author) {
                        let _ = a.withdraw_remark(author, &x.id);
                    }
                }
            }
            Op::Stamp { r, entry } => {
                let a = a(r);
                let txn = a.doc.transact();
                let mut keys: Vec<String> = a.remarks.keys(&txn).map(str::to_string).collect();
                keys.extend(a.answers.keys(&txn).map(str::to_string));
                drop(txn);
                keys.sort();
                if let Some(key) = pick(&keys, entry) {
                    // Stored a while before the writer's claimed time, in the current phase.
                    let phase = a.phase();
                    let mut txn = a.doc.transact_mut();
                    a.write_stamps(&mut txn, &[key], now - 500_000.0, phase, None);
                }
            }
            Op::Rename { r, who: w } => {
                let a = a(r);
                let mut p = who(w);
                p.name = format!("{} ({})", p.name, now);
                a.register_participant(&p);
            }
            Op::Dispose { r, remark, value } => {
                let a = a(r);
                if let Some(id) = pick(&remark_ids(&a), remark) {
                    let v = DispositionValue::ALL[value as usize];
                    let _ = a.set_disposition(&coordinator, &id, v, "Motivering", now);
                }
            }
            Op::Accept { r, remark } => {
                let a = a(r);
                if let Some(id) = pick(&remark_ids(&a), remark) {
                    let _ = a.accept_proposal(&coordinator, &id, "Införd", now);
                    let _ = a.settle_acceptances(&coordinator);
                }
            }
            Op::Support {
                r,
                who: w,
                remark,
                value,
            } => {
                let a = a(r);
                if let Some(id) = pick(&remark_ids(&a), remark) {
                    let v = [None, Some(Support::For), Some(Support::Against)][value as usize];
                    let _ = a.set_support(&who(w), &id, v);
                }
            }
            Op::Type {
                r,
                clause,
                at,
                delete,
                insert,
            } => {
                let a = a(r);
                let Some(c) = pick(&a.clause_ids(), clause) else {
                    return;
                };
                let len = a.clause_len(&c).unwrap_or(0);
                let at = u32::from(at) % (len + 1);
                let delete = u32::from(delete).min(len - at);
                let insert = ["", "x", " och ", "å"][insert as usize];
                let _ = a.edit_clause_text(&coordinator, &c, at, delete, insert);
            }
            Op::Phase { r, phase } => {
                let _ = a(r).set_phase(&coordinator, Phase::ALL[phase as usize], Some(NOW + 1e12));
            }
            Op::Stance {
                r,
                who: w,
                clause,
                value,
            } => {
                let a = a(r);
                let Some(c) = pick(&a.clause_ids(), clause) else {
                    return;
                };
                let v = StanceValue::ALL[value as usize % 4];
                let motivation = if value == 4 {
                    "Annan motivering"
                } else {
                    "Motivering"
                };
                let _ = a.set_stance(&who(w), &c, v, motivation, now);
            }
            Op::Answer { r, who: w } => {
                let _ = a(r).send_answer(&who(w), now);
            }
            Op::Structure { r, clause, what } => {
                let a = a(r);
                let Some(c) = pick(&a.clause_ids(), clause) else {
                    return;
                };
                let chapters = a.outline();
                match what {
                    0 => {
                        let _ = a.remove_clause(&coordinator, &c);
                    }
                    1 => {
                        let ch = &chapters[clause as usize % chapters.len()];
                        let _ = a.move_clause(&coordinator, &c, &ch.id, None);
                    }
                    2 => {
                        let ch = &chapters[clause as usize % chapters.len()];
                        let _ = a.insert_clause(
                            &coordinator,
                            &ch.id,
                            Some(&c),
                            "9.9",
                            "Ny",
                            "Ny punkt.",
                        );
                    }
                    _ => {
                        let _ = a.set_clause_heading(&coordinator, &c, "8.8", "Ändrad rubrik");
                    }
                }
            }
            Op::Version { r } => {
                let _ = a(r).cut_version(&coordinator, "Utkast", now);
            }
            Op::Sync { from, to } => {
                let (from, to) = (a(from), a(to));
                let sv = to.doc.transact().state_vector().encode_v1();
                if let Ok(update) = from.encode_diff(&sv) {
                    let _ = to.apply_update(&update);
                }
            }
            Op::Swap { r } => {
                let i = r as usize % 2;
                let fresh = Agreement::new(self.next_client);
                self.next_client += 1;
                for other in &self.replicas {
                    let update = other
                        .doc
                        .transact()
                        .encode_state_as_update_v1(&StateVector::default());
                    let _ = fresh.apply_update(&update);
                }
                let old = std::mem::replace(&mut self.replicas[i], fresh);
                old.off_change("test");
                // The fresh replica's view of the changes is what the swap reports.
                let changes = self.replicas[i].changes_from(&old);
                self.heard[i] = listen(&self.replicas[i]);
                lock(&self.heard[i]).extend(changes);
            }
        }
    }
}

fn run_case(ops: &[Op]) -> Result<(), String> {
    let mut world = World::new();
    let mut log = String::new();
    for (step, op) in ops.iter().enumerate() {
        let before: Vec<Shown> = world.replicas.iter().map(shown).collect();
        for heard in &world.heard {
            lock(heard).clear();
        }
        world.run(op);
        log.push_str(&format!("{step}: {op:?}\n"));
        for (i, a) in world.replicas.iter().enumerate() {
            let heard = lock(&world.heard[i]).clone();
            check_queries(a).map_err(|e| format!("{log}replica {i}: {e}"))?;
            check_reported(&before[i], &shown(a), &heard)
                .map_err(|e| format!("{log}replica {i}: {e}"))?;
        }
    }
    Ok(())
}

#[test]
fn the_index_equals_a_scan_and_reports_every_change() {
    let seed = std::env::var("INDEX_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_SEED);
    let cases = std::env::var("INDEX_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(48);
    println!("index property test: seed {seed} (INDEX_SEED), {cases} cases (INDEX_CASES)");
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(seed),
        max_shrink_iters: 500,
        ..Config::default()
    });
    let result = runner.run(&proptest::collection::vec(op(), 1..40), |ops| {
        run_case(&ops).map_err(TestCaseError::fail)
    });
    if let Err(e) = result {
        panic!("seed {seed}: {e}");
    }
}

#[test]
fn a_whole_state_loaded_at_once_is_indexed_like_one_written_entry_by_entry() {
    let a = demo::agreement(1, NOW).expect("demo");
    let b = Agreement::new(2);
    let heard = listen(&b);
    b.apply_update(&a.encode_state()).expect("applies");
    check_queries(&b).unwrap();
    assert_eq!(
        b.remarks_of(&a.clause_ids()[0]),
        a.remarks_of(&a.clause_ids()[0])
    );
    let heard = lock(&heard);
    assert!(heard.contains(&Change::Outline));
    assert!(
        heard
            .iter()
            .filter(|c| matches!(c, Change::Remark(_)))
            .count()
            >= 4
    );
}

#[test]
fn a_response_written_on_one_replica_is_reported_for_its_clause_on_the_other() {
    let a = demo::agreement(1, NOW).expect("demo");
    let coordinator = demo::participants()
        .into_iter()
        .find(|p| p.role == crate::Role::Coordinator)
        .expect("a coordinator");
    a.set_phase(&coordinator, Phase::Consultation, None)
        .expect("consults");
    let b = Agreement::load(2, &a.encode_state()).expect("loads");
    let heard = listen(&b);
    let clause = a.clause_ids()[1].clone();
    let before = a.state_vector();
    a.set_response(&coordinator, &clause, "Synpunkten beaktas.", NOW)
        .expect("writes");
    b.apply_update(&a.encode_diff(&before).expect("diff"))
        .expect("applies");
    assert_eq!(
        b.response(&clause).map(|r| r.text).as_deref(),
        Some("Synpunkten beaktas.")
    );
    assert!(lock(&heard).contains(&Change::Response(clause.clone())));
    // Typing into the existing text is reported too, and only for that clause.
    lock(&heard).clear();
    let before = a.state_vector();
    a.edit_response(&coordinator, &clause, (0, 0, "Ja. "), NOW + 1.0)
        .expect("edits");
    b.apply_update(&a.encode_diff(&before).expect("diff"))
        .expect("applies");
    let heard = lock(&heard);
    assert!(heard.contains(&Change::Response(clause.clone())));
    assert!(!heard
        .iter()
        .any(|c| matches!(c, Change::Response(k) if *k != clause)));
}

/// An empty replica reads its first content whole, once, instead of through the deep
/// observers: after random operations, a replica that receives the state in one update that
/// way holds the same index as one that indexes it through the observers and hears every
/// change that one hears, and both keep indexing what comes after alike.
fn whole_read_case(ops: &[Op]) -> Result<(), String> {
    let mut world = World::new();
    for op in ops {
        world.run(op);
    }
    let source = &world.replicas[0];
    let whole = Agreement::new(31);
    let heard_whole = listen(&whole);
    let observed = Agreement::new(32);
    observed.index_through_observers();
    let heard_observed = listen(&observed);
    let state = source.encode_state();
    let compare = |when: &str| -> Result<(), String> {
        let sorted = |heard: &Arc<Mutex<Vec<Change>>>| {
            let mut all = std::mem::take(&mut *lock(heard));
            all.sort();
            all.dedup();
            all
        };
        if *lock(&whole.index.index) != *lock(&observed.index.index) {
            return Err(format!("{when}: the indexes differ"));
        }
        // The whole read names every key (the outline, versions, acceptances … even where
        // the state holds none): more than the observers may, never less.
        let (a, b) = (sorted(&heard_whole), sorted(&heard_observed));
        let missed: Vec<&Change> = b.iter().filter(|c| !a.contains(c)).collect();
        if !missed.is_empty() {
            return Err(format!("{when}: not heard {missed:?} (heard {a:?})"));
        }
        check_queries(&whole).map_err(|e| format!("{when}: {e}"))
    };
    whole.apply_update(&state).map_err(|e| e.to_string())?;
    observed.apply_update(&state).map_err(|e| e.to_string())?;
    compare("the first content")?;
    // What comes next goes through the observers on both.
    let before = source.state_vector();
    let clause = source.clause_ids()[0].clone();
    let writer = world.people[1].clone();
    if let Ok(id) = source.add_remark(&clause, &writer, "Därefter.", world.now + 1.0) {
        let diff = source.encode_diff(&before).map_err(|e| e.to_string())?;
        whole.apply_update(&diff).map_err(|e| e.to_string())?;
        observed.apply_update(&diff).map_err(|e| e.to_string())?;
        if whole.remark(&id).is_none() {
            return Err("a remark after the first content is not indexed".into());
        }
        compare("a remark after the first content")?;
    }
    Ok(())
}

#[test]
fn the_first_content_read_whole_is_indexed_as_through_the_observers() {
    let seed = std::env::var("INDEX_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_SEED);
    println!("whole-read property test: seed {seed} (INDEX_SEED)");
    let mut runner = TestRunner::new(Config {
        cases: 16,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(seed),
        max_shrink_iters: 200,
        ..Config::default()
    });
    let result = runner.run(&proptest::collection::vec(op(), 0..30), |ops| {
        whole_read_case(&ops).map_err(TestCaseError::fail)
    });
    if let Err(e) = result {
        panic!("seed {seed}: {e}");
    }
}
