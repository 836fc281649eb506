//! Convergence of concurrent replicas of one agreement.
//!
//! Every test forks 3–5 replicas (distinct client ids) from one seeded demo agreement, lets
//! them act concurrently — as any of the demo participants, since one person may have several
//! devices — and passes the updates each replica produces to the others in random order, with
//! duplicates, interleaved with further local operations. Operations the domain refuses (an
//! `Err`, e.g. a member proposing, or a phase that forbids the action) are skipped — but each
//! kind of operation must succeed at least once over a run, or the run fails: replicas that
//! refused everything would converge trivially.
//!
//! Every replica also does what the app does after applying updates from others: it settles
//! acceptances of one proposal made concurrently (`settle_acceptances`, as a coordinator),
//! and sends what that wrote like any other change.
//!
//! After every update has been delivered, the replicas must agree on everything a reader can
//! observe (clauses, every remark with its resolved anchor, replies, dispositions, supports,
//! stance matrix, answers, versions and what each version reads), and on the state vector;
//! and the invariants below must hold on every replica:
//! - no remark or reply created anywhere is lost, and each keeps the quote it was made on;
//! - a range anchor is either attached inside its clause (`start < end <= len`, with the
//!   text at those offsets) or orphaned, its quote kept;
//! - an accepted proposal's wording is in the clause right after accepting (checked on the
//!   accepting replica), and the disposition `Accepted` is there on every replica;
//! - no concurrent acceptance is left to settle while the text may be edited (so each
//!   accepted wording stands once);
//! - a named version reads, on every replica, exactly as the clauses read on the cutting
//!   replica when it was cut.
//!
//! Checked at once on the acting replica, after every operation: a refused operation leaves
//! the document untouched (it emits no update) — among them remark edits with a blank
//! proposed wording; an edit yields exactly the spliced text; a new range remark resolves to
//! exactly the selection it was made on; deleting the whole text of an anchored range orphans
//! that remark; a version reads back at once as the clauses read when it was cut.
//!
//! Byte identity: the state vectors are compared decoded (their v1 encoding follows a hash
//! map's iteration order), and so are the sets of inserted and deleted item ids of
//! `encode_state`; and the `encode_state` bytes themselves are identical on converged replicas
//! (yrs writes clients in descending id order and the delete set from a `BTreeMap`, and a sent
//! answer's stances are a sorted array, see `encode_state_is_deterministic_with_sent_answers`).
//!
//! Versions are cut anywhere, also on a replica that holds a peer's later updates while an
//! earlier one is still in flight (yrs integrates them past a gap, a "skip"). Such a cut is
//! refused (`DomainError::MissingChanges`) until the missing update has arrived; a cut that is
//! made must read back exactly as the coordinator saw it (see the `version_cut_*` tests at the
//! end, with the other problems these tests found, each kept as a minimal reproduction).
//!
//! Reproducing a failure: proptest prints the minimal failing input (ops + delivery seed),
//! and the failure message carries the log of the case as run. The proptest RNG seed is fixed
//! (`CONVERGENCE_SEED` overrides it, `CONVERGENCE_CASES` the number of cases); the long
//! seeded scenario prints its seed (`CONVERGENCE_SCENARIO_SEED` overrides it).

#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, RngSeed, TestCaseError, TestRunner};
use samrad_domain::yrs::updates::decoder::Decode;
use samrad_domain::yrs::updates::encoder::Encode;
use samrad_domain::yrs::{
    Any, ClientID, In, Map, MapPrelim, Out, ReadTxn, Snapshot, StateVector, Transact, Update,
};
use samrad_domain::{
    demo, may, Action, Agreement, AnchorState, Chapter, Clause, DispositionValue, DomainError,
    Participant, Phase, Remark, RemarkDraft, RemarkFilter, RemarkKind, Role, StanceValue, Support,
    Target,
};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::rc::Rc;

const NOW: f64 = 1_800_000_000_000.0;
const SEED_CLIENT: u64 = 1;
const DEFAULT_PROPTEST_SEED: u64 = 0x5a4d_5241_4400_0001;
const DEFAULT_SCENARIO_SEED: u64 = 0x2545_f491_4f6c_dd1d;

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

fn config(cases: u32) -> ProptestConfig {
    let seed = env_u64("CONVERGENCE_SEED").unwrap_or(DEFAULT_PROPTEST_SEED);
    let cases = env_u64("CONVERGENCE_CASES").map_or(cases, |c| c as u32);
    ProptestConfig {
        cases,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(seed),
        max_shrink_iters: 2_000,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Operations

/// Words inserted by text edits: ASCII, Swedish letters (one UTF-16 unit, two UTF-8 bytes), a
/// dash, an emoji (two UTF-16 units) and a line break.
const INSERTS: &[&str] = &[
    "x",
    " och ",
    "kommunen",
    "å",
    "Ä",
    "ö ",
    " – ",
    "😀",
    "regionen ska ",
    "\n",
    "",
];

const WORDS: &[&str] = &[
    "parterna",
    "ska",
    "senast",
    "tolv",
    "månader",
    "före",
    "samrådsgruppen",
    "eskaleras",
    "😀",
    "dygnet runt",
    "regionen",
    "kommunen",
];

/// One step of a scenario. Numbers pick among what the acting replica sees at that moment
/// (modulo the number of candidates), so every generated value is meaningful.
#[derive(Debug, Clone)]
enum Op {
    /// A coordinator's keystroke-like edit: delete `del` characters at `at`, insert `ins`.
    Edit {
        r: u8,
        clause: u16,
        at: u16,
        del: u8,
        ins: u8,
    },
    /// A coordinator deletes an anchored range entirely, with up to 3 characters either side.
    DeleteAnchored {
        r: u8,
        remark: u16,
        margin: u8,
    },
    /// A remark on a range of a clause (`kind`: comment, question or proposal).
    RangeRemark {
        r: u8,
        who: u8,
        clause: u16,
        at: u16,
        len: u8,
        kind: u8,
        words: u16,
    },
    /// A remark on a whole clause.
    ClauseRemark {
        r: u8,
        who: u8,
        clause: u16,
        kind: u8,
        words: u16,
    },
    Reply {
        r: u8,
        who: u8,
        remark: u16,
    },
    Accept {
        r: u8,
        proposal: u16,
    },
    Support {
        r: u8,
        who: u8,
        proposal: u16,
        value: u8,
    },
    /// A disposition on a comment or question (proposals are only ever accepted, so the
    /// disposition of an accepted proposal is checkable everywhere).
    Dispose {
        r: u8,
        remark: u16,
        value: u8,
    },
    EditRemark {
        r: u8,
        remark: u16,
        words: u16,
    },
    Withdraw {
        r: u8,
        remark: u16,
    },
    CutVersion {
        r: u8,
    },
    InsertClause {
        r: u8,
        chapter: u8,
        after: u16,
    },
    MoveClause {
        r: u8,
        clause: u16,
        chapter: u8,
        after: u16,
    },
    RemoveClause {
        r: u8,
        clause: u16,
    },
    SetPhase {
        r: u8,
        phase: u8,
    },
    SetStance {
        r: u8,
        who: u8,
        clause: u16,
        value: u8,
        words: u16,
    },
    SendAnswer {
        r: u8,
        who: u8,
    },
    ExtendDeadline {
        r: u8,
        who: u8,
    },
    /// Delivers one pending update (`pick` among them); `dup` keeps a copy to deliver again.
    Deliver {
        pick: u16,
        dup: bool,
    },
    /// Delivers every update pending for replica `r`, in an order given by `seed`.
    Flush {
        r: u8,
        seed: u16,
    },
}

fn words(seed: u16) -> String {
    let n = 1 + (seed % 4) as usize;
    (0..n)
        .map(|i| WORDS[(seed as usize / 4 + i * 7) % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

fn kind_of(k: u8) -> RemarkKind {
    match k % 5 {
        0 | 1 => RemarkKind::Comment,
        2 => RemarkKind::Question,
        _ => RemarkKind::Proposal,
    }
}

/// A remark of kind `kind` (see [`kind_of`]) on `clause`, its body the words of `w`; a
/// proposal proposes the words of `w + also`.
fn drafted(
    clause: &str,
    kind: u8,
    target: Target,
    w: u16,
    also: u16,
    mentions: Vec<String>,
) -> RemarkDraft {
    let kind = kind_of(kind);
    RemarkDraft {
        clause: clause.to_string(),
        kind,
        target,
        body: words(w),
        proposed_text: (kind == RemarkKind::Proposal).then(|| words(w.wrapping_add(also))),
        mentions,
    }
}

/// Character boundaries of `text` as UTF-16 offsets, `0` and the length included.
fn boundaries(text: &str) -> Vec<u32> {
    let mut out = vec![0];
    let mut at = 0u32;
    for c in text.chars() {
        at += c.len_utf16() as u32;
        out.push(at);
    }
    out
}

fn utf16_slice(text: &str, start: u32, end: u32) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16_lossy(&units[start as usize..end as usize])
}

fn utf16_len(text: &str) -> u32 {
    text.encode_utf16().count() as u32
}

fn pick<T>(items: &[T], i: impl Into<usize>) -> Option<&T> {
    if items.is_empty() {
        None
    } else {
        items.get(i.into() % items.len())
    }
}

// ---------------------------------------------------------------------------------------------
// Replicas and the network between them

/// How a replica's own updates are captured for sending.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Capture {
    /// `Agreement::on_update`, ignoring updates applied from peers.
    Observer,
    /// The state vector before an operation, then `encode_diff` against it.
    Diff,
}

struct Replica {
    agreement: Agreement,
    outbox: Rc<RefCell<Vec<Vec<u8>>>>,
    remote: Rc<Cell<bool>>,
}

struct Msg {
    to: usize,
    from: usize,
    bytes: Rc<Vec<u8>>,
    duplicated: bool,
}

/// A remark or reply some replica created.
#[derive(Debug, Clone)]
struct Created {
    id: String,
    by_replica: usize,
    clause: String,
    /// The thread's root, for a reply.
    parent: Option<String>,
    /// The quoted text, for a range remark.
    quote: Option<String>,
}

#[derive(Default, Debug)]
struct Stats {
    ok: BTreeMap<&'static str, usize>,
    refused: BTreeMap<&'static str, usize>,
    delivered: usize,
    duplicates: usize,
}

impl Stats {
    fn add(&mut self, other: &Stats) {
        for (k, v) in &other.ok {
            *self.ok.entry(k).or_default() += v;
        }
        for (k, v) in &other.refused {
            *self.refused.entry(k).or_default() += v;
        }
        self.delivered += other.delivered;
        self.duplicates += other.duplicates;
    }
}

struct World {
    replicas: Vec<Replica>,
    people: Vec<Participant>,
    capture: Capture,
    network: Vec<Msg>,
    step: usize,
    created: Vec<Created>,
    accepted: Vec<String>,
    /// Version id → the clauses as they read on the cutting replica when it was cut.
    versions: Vec<(String, Vec<Clause>)>,
    seeded_remarks: usize,
    /// An invariant broken inside `local`, reported by `apply`.
    violation: Option<String>,
    log: String,
    stats: Stats,
}

/// Small deterministic RNG (xorshift64*), for delivery order and the long scenario.
#[derive(Debug, Clone)]
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> Self {
        XorShift(seed.max(1))
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn u8(&mut self) -> u8 {
        self.next() as u8
    }
    fn u16(&mut self) -> u16 {
        self.next() as u16
    }
    fn chance(&mut self, one_in: u64) -> bool {
        self.next().is_multiple_of(one_in)
    }
}

/// The demo's first participant with `role` (Karin the coordinator, Erik the member, Sara
/// the jurist).
fn demo_person(role: Role) -> Participant {
    demo::participants()
        .into_iter()
        .find(|p| p.role == role)
        .expect("the demo has a participant with this role")
}

fn flat_remarks(a: &Agreement) -> Vec<Remark> {
    let mut out = Vec::new();
    for mut root in a.find_remarks(&RemarkFilter::default()) {
        let replies = std::mem::take(&mut root.replies);
        out.push(root);
        out.extend(replies);
    }
    out
}

impl World {
    fn new(replicas: usize, phase: Phase, capture: Capture) -> Self {
        let people = demo::participants();
        let seed = demo::agreement(SEED_CLIENT, NOW).expect("demo agreement");
        if phase != Phase::Drafting {
            seed.set_phase(&demo_person(Role::Coordinator), phase, Some(NOW + 1e12))
                .expect("coordinator sets phase");
        }
        let state = seed.encode_state();
        let seeded_remarks = flat_remarks(&seed).len();
        let replicas = (0..replicas)
            .map(|i| {
                let agreement = Agreement::load(100 + i as u64, &state).expect("replica loads");
                let outbox: Rc<RefCell<Vec<Vec<u8>>>> = Rc::default();
                let remote: Rc<Cell<bool>> = Rc::default();
                if capture == Capture::Observer {
                    let (outbox, remote) = (outbox.clone(), remote.clone());
                    agreement
                        .on_update("convergence", move |u| {
                            if !remote.get() {
                                outbox.borrow_mut().push(u.to_vec());
                            }
                        })
                        .expect("observer");
                }
                Replica {
                    agreement,
                    outbox,
                    remote,
                }
            })
            .collect();
        World {
            replicas,
            people,
            capture,
            network: Vec::new(),
            step: 0,
            created: Vec::new(),
            accepted: Vec::new(),
            versions: Vec::new(),
            seeded_remarks,
            violation: None,
            log: String::new(),
            stats: Stats::default(),
        }
    }

    fn karin(&self) -> Participant {
        demo_person(Role::Coordinator)
    }

    fn who(&self, who: u8) -> Participant {
        self.people[who as usize % self.people.len()].clone()
    }

    fn author(&self, id: &str) -> Option<Participant> {
        self.people.iter().find(|p| p.id == id).cloned()
    }

    /// The clause `i` picks on replica `r`.
    fn clause_on(&self, r: usize, i: impl Into<usize>) -> Option<Clause> {
        pick(&self.replicas[r].agreement.clauses(), i).cloned()
    }

    /// Where remark `id`'s anchor stands on replica `r`.
    fn anchor_state(&self, r: usize, id: &str) -> Option<AnchorState> {
        self.replicas[r]
            .agreement
            .remark(id)
            .and_then(|x| x.anchor)
            .map(|x| x.state)
    }

    /// Timestamps advance every third step, so concurrent remarks sometimes share one.
    fn now(&self) -> f64 {
        NOW + (self.step / 3) as f64 * 1000.0
    }

    /// Runs one local operation on replica `r` and sends what it changed to every peer.
    fn local<T>(
        &mut self,
        r: usize,
        name: &'static str,
        f: impl FnOnce(&Agreement) -> Result<T, DomainError>,
    ) -> Option<T> {
        let replica = &self.replicas[r];
        let before = replica.agreement.state_vector();
        let result = f(&replica.agreement);
        let mut updates = std::mem::take(&mut *replica.outbox.borrow_mut());
        let changed = match self.capture {
            Capture::Observer => !updates.is_empty(),
            Capture::Diff => {
                // Sent whatever the result, so nothing written is ever withheld from peers.
                updates.push(replica.agreement.encode_diff(&before).expect("diff"));
                replica.agreement.state_vector() != before
            }
        };
        if let (Err(e), true) = (&result, changed) {
            self.violation.get_or_insert(format!(
                "replica {r}: {name} was refused ({e}) but changed the document"
            ));
        }
        self.send(r, updates);
        match result {
            Ok(v) => {
                *self.stats.ok.entry(name).or_default() += 1;
                Some(v)
            }
            Err(e) => {
                *self.stats.refused.entry(name).or_default() += 1;
                let _ = writeln!(self.log, "    refused: {e}");
                None
            }
        }
    }

    /// Sends updates made on replica `r` to every other replica.
    fn send(&mut self, r: usize, updates: Vec<Vec<u8>>) {
        for bytes in updates {
            let bytes = Rc::new(bytes);
            for to in (0..self.replicas.len()).filter(|&to| to != r) {
                self.network.push(Msg {
                    to,
                    from: r,
                    bytes: bytes.clone(),
                    duplicated: false,
                });
            }
        }
    }

    /// What the app does after applying updates from others: settles concurrent acceptances
    /// on replica `r`, as a coordinator, and sends what that wrote. Only a settle that writes
    /// is counted, and only then is anything sent, so delivery comes to an end.
    fn settle_acceptances(&mut self, r: usize) -> Result<(), String> {
        let karin = self.karin();
        let replica = &self.replicas[r];
        let before = replica.agreement.state_vector();
        let result = replica.agreement.settle_acceptances(&karin);
        let mut updates = std::mem::take(&mut *replica.outbox.borrow_mut());
        match result {
            Ok(0) | Err(DomainError::NotAllowed { .. }) => {
                if !updates.is_empty() {
                    return Err(format!(
                        "replica {r}: settle_acceptances wrote although it settled nothing \
                         ({result:?})"
                    ));
                }
                Ok(())
            }
            Ok(settled) => {
                let _ = writeln!(self.log, "    replica {r} settled {settled} acceptance(s)");
                *self.stats.ok.entry("settle_acceptances").or_default() += settled;
                if self.capture == Capture::Diff {
                    updates.push(replica.agreement.encode_diff(&before).expect("diff"));
                }
                self.send(r, updates);
                Ok(())
            }
            Err(e) => Err(format!("replica {r}: settle_acceptances failed: {e}")),
        }
    }

    fn deliver(&mut self, index: usize, dup: bool) -> Result<(), String> {
        let msg = self.network.swap_remove(index);
        let replica = &self.replicas[msg.to];
        replica.remote.set(true);
        let result = replica.agreement.apply_update(&msg.bytes);
        replica.remote.set(false);
        result.map_err(|e| {
            format!(
                "replica {} could not apply an update from {}: {e}",
                msg.to, msg.from
            )
        })?;
        self.stats.delivered += 1;
        let to = msg.to;
        if dup && !msg.duplicated {
            self.stats.duplicates += 1;
            self.network.push(Msg {
                duplicated: true,
                ..msg
            });
        }
        self.settle_acceptances(to)
    }

    /// Delivers everything still in flight, in an order given by `seed`, about one update in
    /// four twice; then checks that no replica holds updates it could not integrate.
    fn settle(&mut self, seed: u64) -> Result<(), String> {
        let mut rng = XorShift::new(seed);
        while !self.network.is_empty() {
            let i = rng.below(self.network.len());
            let dup = rng.chance(4);
            self.deliver(i, dup)?;
        }
        for (i, r) in self.replicas.iter().enumerate() {
            if r.agreement.doc().transact().has_missing_updates() {
                return Err(format!(
                    "replica {i} still has pending updates after full delivery"
                ));
            }
        }
        Ok(())
    }

    fn apply(&mut self, op: &Op) -> Result<(), String> {
        self.step += 1;
        let _ = writeln!(self.log, "{:>4} {op:?}", self.step);
        let n = self.replicas.len();
        let now = self.now();
        let karin = self.karin();
        match *op {
            Op::Edit {
                r,
                clause,
                at,
                del,
                ins,
            } => {
                let r = r as usize % n;
                let Some(c) = self.clause_on(r, clause) else {
                    return Ok(());
                };
                let b = boundaries(&c.text);
                let i = at as usize * b.len() / 65536;
                let j = (i + (del % 8) as usize).min(b.len() - 1);
                let (start, end) = (b[i], b[j]);
                let insert = INSERTS[ins as usize % INSERTS.len()];
                let done = self.local(r, "edit", |a| {
                    a.edit_clause_text(&karin, &c.id, start, end - start, insert)
                });
                if done.is_some() {
                    let now_text = self.replicas[r].agreement.clause(&c.id).map(|c| c.text);
                    let expected = format!(
                        "{}{insert}{}",
                        utf16_slice(&c.text, 0, start),
                        utf16_slice(&c.text, end, utf16_len(&c.text))
                    );
                    if now_text.as_deref() != Some(expected.as_str()) {
                        return Err(format!(
                            "edit on replica {r}: clause reads {now_text:?}, expected {expected:?}"
                        ));
                    }
                }
            }
            Op::DeleteAnchored { r, remark, margin } => {
                let r = r as usize % n;
                let a = &self.replicas[r].agreement;
                let attached: Vec<(String, String, u32, u32, String)> = flat_remarks(a)
                    .into_iter()
                    .filter_map(|rm| match rm.anchor?.state {
                        AnchorState::Attached { start, end, .. } => {
                            let text = a.clause(&rm.clause)?.text;
                            Some((rm.id, rm.clause, start, end, text))
                        }
                        AnchorState::Orphaned => None,
                    })
                    .collect();
                let Some((id, clause, start, end, text)) = pick(&attached, remark).cloned() else {
                    return Ok(());
                };
                let b = boundaries(&text);
                let i = b.iter().position(|&x| x >= start).unwrap_or(0);
                let j = b.iter().position(|&x| x >= end).unwrap_or(b.len() - 1);
                let i = i.saturating_sub((margin % 4) as usize);
                let j = (j + (margin / 4 % 4) as usize).min(b.len() - 1);
                let (s, e) = (b[i], b[j]);
                if self
                    .local(r, "delete_anchored", |a| {
                        a.edit_clause_text(&karin, &clause, s, e - s, "")
                    })
                    .is_some()
                {
                    // Every character the range covered is gone: the ends meet.
                    let state = self.anchor_state(r, &id);
                    if state != Some(AnchorState::Orphaned) {
                        return Err(format!(
                            "replica {r}: {id} is {state:?} after its text was deleted"
                        ));
                    }
                }
            }
            Op::RangeRemark {
                r,
                who,
                clause,
                at,
                len,
                kind,
                words: w,
            } => {
                let r = r as usize % n;
                let author = self.who(who);
                let Some(c) = self.clause_on(r, clause) else {
                    return Ok(());
                };
                let b = boundaries(&c.text);
                if b.len() < 2 {
                    return Ok(());
                }
                let i = (at as usize * (b.len() - 1)) / 65536;
                let j = (i + 1 + (len % 40) as usize).min(b.len() - 1);
                let (start, end) = (b[i], b[j]);
                let draft = drafted(&c.id, kind, Target::Range { start, end }, w, 3, Vec::new());
                if let Some(id) =
                    self.local(r, "range_remark", |a| a.write_remark(&author, draft, now))
                {
                    let quote = utf16_slice(&c.text, start, end);
                    let state = self.anchor_state(r, &id);
                    let expected = AnchorState::Attached {
                        start,
                        end,
                        text: quote.clone(),
                    };
                    if state.as_ref() != Some(&expected) {
                        return Err(format!(
                            "replica {r}: new remark {id} is {state:?}, expected {expected:?}"
                        ));
                    }
                    self.created.push(Created {
                        id,
                        by_replica: r,
                        clause: c.id.clone(),
                        parent: None,
                        quote: Some(quote),
                    });
                }
            }
            Op::ClauseRemark {
                r,
                who,
                clause,
                kind,
                words: w,
            } => {
                let r = r as usize % n;
                let author = self.who(who);
                let Some(c) = self.clause_on(r, clause) else {
                    return Ok(());
                };
                let draft = drafted(&c.id, kind, Target::Clause, w, 1, vec![karin.id.clone()]);
                if let Some(id) =
                    self.local(r, "clause_remark", |a| a.write_remark(&author, draft, now))
                {
                    self.created.push(Created {
                        id,
                        by_replica: r,
                        clause: c.id,
                        parent: None,
                        quote: None,
                    });
                }
            }
            Op::Reply { r, who, remark } => {
                let r = r as usize % n;
                let author = self.who(who);
                let a = &self.replicas[r].agreement;
                let Some(to) = pick(&flat_remarks(a), remark).cloned() else {
                    return Ok(());
                };
                let body = format!("Svar {}", self.step);
                if let Some(id) = self.local(r, "reply", |a| a.reply(&to.id, &author, &body, now)) {
                    self.created.push(Created {
                        id,
                        by_replica: r,
                        clause: to.clause.clone(),
                        parent: Some(to.parent.clone().unwrap_or(to.id.clone())),
                        quote: None,
                    });
                }
            }
            Op::Accept { r, proposal } => {
                let r = r as usize % n;
                let a = &self.replicas[r].agreement;
                let proposals: Vec<Remark> = flat_remarks(a)
                    .into_iter()
                    .filter(|x| x.kind == RemarkKind::Proposal && x.parent.is_none())
                    .collect();
                let Some(p) = pick(&proposals, proposal).cloned() else {
                    return Ok(());
                };
                if self
                    .local(r, "accept", |a| {
                        a.accept_proposal(&karin, &p.id, "Godtas.", now)
                    })
                    .is_some()
                {
                    let a = &self.replicas[r].agreement;
                    let wording = p.proposed_text.clone().unwrap_or_default();
                    let text = a.clause(&p.clause).map(|c| c.text).unwrap_or_default();
                    if !text.contains(&wording) {
                        return Err(format!(
                            "replica {r} accepted {} but clause reads {text:?}, lacking {wording:?}",
                            p.id
                        ));
                    }
                    if p.anchor.is_none() && text != wording {
                        return Err(format!(
                            "replica {r} accepted clause proposal {} but clause reads {text:?}",
                            p.id
                        ));
                    }
                    let value = a.remark(&p.id).and_then(|x| x.disposition).map(|d| d.value);
                    if value != Some(DispositionValue::Accepted) {
                        return Err(format!(
                            "replica {r}: accepted {} has disposition {value:?}",
                            p.id
                        ));
                    }
                    self.accepted.push(p.id);
                }
            }
            Op::Support {
                r,
                who,
                proposal,
                value,
            } => {
                let r = r as usize % n;
                let actor = self.who(who);
                let a = &self.replicas[r].agreement;
                let proposals: Vec<Remark> = flat_remarks(a)
                    .into_iter()
                    .filter(|x| x.kind == RemarkKind::Proposal)
                    .collect();
                let Some(p) = pick(&proposals, proposal).cloned() else {
                    return Ok(());
                };
                let value = match value % 3 {
                    0 => Some(Support::For),
                    1 => Some(Support::Against),
                    _ => None,
                };
                self.local(r, "support", |a| a.set_support(&actor, &p.id, value));
            }
            Op::Dispose { r, remark, value } => {
                let r = r as usize % n;
                let a = &self.replicas[r].agreement;
                let open: Vec<Remark> = flat_remarks(a)
                    .into_iter()
                    .filter(|x| x.kind != RemarkKind::Proposal && x.parent.is_none())
                    .collect();
                let Some(x) = pick(&open, remark).cloned() else {
                    return Ok(());
                };
                let value = [
                    DispositionValue::Noted,
                    DispositionValue::Answered,
                    DispositionValue::Rejected,
                    DispositionValue::PartlyAccepted,
                ][value as usize % 4];
                self.local(r, "dispose", |a| {
                    a.set_disposition(&karin, &x.id, value, "Noterat.", now)
                });
            }
            Op::EditRemark {
                r,
                remark,
                words: w,
            } => {
                let r = r as usize % n;
                let a = &self.replicas[r].agreement;
                let Some(x) = pick(&flat_remarks(a), remark).cloned() else {
                    return Ok(());
                };
                let Some(author) = self.author(&x.author) else {
                    return Ok(());
                };
                // Now and then a blank proposed wording, which the domain refuses: the refused
                // edit must change nothing (see `refused_edit_remark_changes_nothing`).
                let proposed = if w % 7 == 0 {
                    Some("  ".to_string())
                } else {
                    (x.kind == RemarkKind::Proposal).then(|| words(w.wrapping_add(5)))
                };
                self.local(r, "edit_remark", |a| {
                    a.edit_remark(&author, &x.id, &words(w), proposed.as_deref(), now)
                });
            }
            Op::Withdraw { r, remark } => {
                let r = r as usize % n;
                let a = &self.replicas[r].agreement;
                let Some(x) = pick(&flat_remarks(a), remark).cloned() else {
                    return Ok(());
                };
                let Some(author) = self.author(&x.author) else {
                    return Ok(());
                };
                self.local(r, "withdraw", |a| a.withdraw_remark(&author, &x.id));
            }
            Op::CutVersion { r } => {
                let r = r as usize % n;
                // Cut wherever the op lands, updates of others still in flight or not: with a
                // peer's earlier update missing the cut is refused (see `version_cut_*`).
                let clauses = self.replicas[r].agreement.clauses();
                let name = format!("Utkast {}", self.step);
                if let Some(id) =
                    self.local(r, "cut_version", |a| a.cut_version(&karin, &name, now))
                {
                    let read = self.replicas[r]
                        .agreement
                        .at_version(&id)
                        .map(|then| then.clauses());
                    if read.as_ref() != Ok(&clauses) {
                        return Err(format!(
                            "replica {r}: version {id} reads {read:#?} right after being cut \
                             from\n{clauses:#?}"
                        ));
                    }
                    self.versions.push((id, clauses));
                }
            }
            Op::InsertClause { r, chapter, after } => {
                let r = r as usize % n;
                let a = &self.replicas[r].agreement;
                let chapters = a.chapters();
                let Some(ch) = pick(&chapters, chapter).cloned() else {
                    return Ok(());
                };
                let after = pick(&ch.clauses, after).map(|c| c.id.clone());
                let text = format!("Ny punkt {} om samverkan.", self.step);
                self.local(r, "insert_clause", |a| {
                    a.insert_clause(&karin, &ch.id, after.as_deref(), "9.9", "Ny punkt", &text)
                });
            }
            Op::MoveClause {
                r,
                clause,
                chapter,
                after,
            } => {
                let r = r as usize % n;
                let a = &self.replicas[r].agreement;
                let chapters = a.chapters();
                let Some(c) = self.clause_on(r, clause) else {
                    return Ok(());
                };
                let Some(ch) = pick(&chapters, chapter).cloned() else {
                    return Ok(());
                };
                let after = pick(&ch.clauses, after).map(|c| c.id.clone());
                self.local(r, "move_clause", |a| {
                    a.move_clause(&karin, &c.id, &ch.id, after.as_deref())
                });
            }
            Op::RemoveClause { r, clause } => {
                let r = r as usize % n;
                let a = &self.replicas[r].agreement;
                let clauses = a.clauses();
                // Keep most of the agreement, so the other operations have clauses to act on.
                if clauses.len() <= 8 {
                    return Ok(());
                }
                let Some(c) = pick(&clauses, clause).cloned() else {
                    return Ok(());
                };
                self.local(r, "remove_clause", |a| a.remove_clause(&karin, &c.id));
            }
            Op::SetPhase { r, phase } => {
                let r = r as usize % n;
                let phase = Phase::ALL[phase as usize % 4];
                self.local(r, "set_phase", |a| {
                    a.set_phase(&karin, phase, Some(NOW + 1e12))
                });
            }
            Op::SetStance {
                r,
                who,
                clause,
                value,
                words: w,
            } => {
                let r = r as usize % n;
                let actor = self.who(who);
                let Some(c) = self.clause_on(r, clause) else {
                    return Ok(());
                };
                let value = StanceValue::ALL[value as usize % 4];
                self.local(r, "set_stance", |a| {
                    a.set_stance(&actor, &c.id, value, &words(w), now)
                });
            }
            Op::SendAnswer { r, who } => {
                let r = r as usize % n;
                let actor = self.who(who);
                self.local(r, "send_answer", |a| a.send_answer(&actor, now));
            }
            Op::ExtendDeadline { r, who } => {
                let r = r as usize % n;
                let org = self.who(who).organisation;
                self.local(r, "extend_deadline", |a| {
                    a.extend_deadline(&karin, &org, NOW + 2e12)
                });
            }
            Op::Deliver { pick, dup } => {
                if !self.network.is_empty() {
                    let i = pick as usize % self.network.len();
                    self.deliver(i, dup)?;
                }
            }
            Op::Flush { r, seed } => self.flush(r as usize % n, u64::from(seed))?,
        }
        self.violation.take().map_or(Ok(()), Err)
    }

    /// Delivers every update in flight to replica `r`, in an order given by `seed`.
    fn flush(&mut self, r: usize, seed: u64) -> Result<(), String> {
        let mut rng = XorShift::new(seed + 1);
        loop {
            let mine: Vec<usize> = (0..self.network.len())
                .filter(|&i| self.network[i].to == r)
                .collect();
            if mine.is_empty() {
                return Ok(());
            }
            self.deliver(mine[rng.below(mine.len())], false)?;
        }
    }

    // -----------------------------------------------------------------------------------------
    // Checks after full delivery

    fn check(&self) -> Result<(), String> {
        self.check_converged()?;
        for (i, r) in self.replicas.iter().enumerate() {
            self.check_invariants(&r.agreement)
                .map_err(|e| format!("replica {i}: {e}"))?;
        }
        Ok(())
    }

    fn check_converged(&self) -> Result<(), String> {
        let first = &self.replicas[0].agreement;
        let sv0 = StateVector::decode_v1(&first.state_vector()).map_err(|e| e.to_string())?;
        let model0 = Model::of(first);
        for (i, r) in self.replicas.iter().enumerate().skip(1) {
            let a = &r.agreement;
            let sv = StateVector::decode_v1(&a.state_vector()).map_err(|e| e.to_string())?;
            if sv != sv0 {
                return Err(format!(
                    "state vectors differ: replica 0 {sv0:?}, replica {i} {sv:?}"
                ));
            }
            Model::of(a)
                .same_as(&model0)
                .map_err(|e| format!("replica {i} differs from replica 0: {e}"))?;
            let (bytes, bytes0) = (a.encode_state(), first.encode_state());
            let (u, u0) = (decode(&bytes)?, decode(&bytes0)?);
            if u.insertions(true) != u0.insertions(true) || u.delete_set() != u0.delete_set() {
                return Err(format!(
                    "replica {i}: the encoded state holds other items than replica 0's"
                ));
            }
            if bytes != bytes0 {
                return Err(format!(
                    "replica {i}: encode_state differs from replica 0's"
                ));
            }
        }
        Ok(())
    }

    fn check_invariants(&self, a: &Agreement) -> Result<(), String> {
        let all = flat_remarks(a);
        let expected = self.seeded_remarks + self.created.len();
        if all.len() != expected {
            return Err(format!(
                "{} remarks and replies listed, {expected} created",
                all.len()
            ));
        }
        let ids: BTreeSet<&str> = all.iter().map(|r| r.id.as_str()).collect();
        if ids.len() != all.len() {
            return Err("a remark id is listed twice".into());
        }
        for c in &self.created {
            let Some(r) = a.remark(&c.id) else {
                return Err(format!(
                    "remark {} (made on replica {}) is lost",
                    c.id, c.by_replica
                ));
            };
            if r.clause != c.clause || r.parent != c.parent {
                return Err(format!(
                    "remark {}: clause/parent {:?}/{:?}, expected {:?}/{:?}",
                    c.id, r.clause, r.parent, c.clause, c.parent
                ));
            }
            if let Some(root) = &c.parent {
                let in_thread = a
                    .remark(root)
                    .is_some_and(|t| t.replies.iter().any(|x| x.id == c.id));
                if !in_thread {
                    return Err(format!("reply {} is missing from its thread {root}", c.id));
                }
            }
            match (&c.quote, &r.anchor) {
                (None, None) => {}
                (Some(q), Some(anchor)) if *q == anchor.quote => {}
                (q, anchor) => {
                    return Err(format!("remark {}: quote {q:?}, anchor {anchor:?}", c.id));
                }
            }
        }
        for r in &all {
            let Some(anchor) = &r.anchor else { continue };
            if anchor.quote.is_empty() {
                return Err(format!("remark {} has an empty quote", r.id));
            }
            if let AnchorState::Attached { start, end, text } = &anchor.state {
                let Some(clause) = a.clause(&r.clause) else {
                    return Err(format!(
                        "remark {} is attached in removed clause {}",
                        r.id, r.clause
                    ));
                };
                let len = utf16_len(&clause.text);
                if !(start < end && *end <= len) {
                    return Err(format!(
                        "remark {}: anchor {start}..{end} in a clause of length {len}",
                        r.id
                    ));
                }
                if *text != utf16_slice(&clause.text, *start, *end) {
                    return Err(format!(
                        "remark {}: anchor text {text:?} is not the clause's",
                        r.id
                    ));
                }
            }
        }
        for id in &self.accepted {
            let value = a.remark(id).and_then(|r| r.disposition).map(|d| d.value);
            if value != Some(DispositionValue::Accepted) {
                return Err(format!("accepted proposal {id} has disposition {value:?}"));
            }
        }
        // Every replica settled after its last delivery; an acceptance left would mean a
        // proposal's wording stands twice. (While the text is frozen settling must wait.)
        let karin = self.karin();
        if may(karin.role, a.phase(), Action::EditText) {
            let left = a.settle_acceptances(&karin);
            if left != Ok(0) {
                return Err(format!("acceptances were left to settle: {left:?}"));
            }
            // As stored (`acceptances`, keyed `proposal@client`): one per proposal.
            let stored = a.doc().get_or_insert_map("acceptances");
            let keys: Vec<String> = stored.keys(&a.doc().transact()).map(String::from).collect();
            let mut per_proposal: BTreeMap<&str, usize> = BTreeMap::new();
            for key in &keys {
                let proposal = key.rsplit_once('@').map_or(key.as_str(), |(p, _)| p);
                *per_proposal.entry(proposal).or_default() += 1;
            }
            if let Some((p, n)) = per_proposal.iter().find(|(_, n)| **n > 1) {
                return Err(format!("proposal {p} has {n} acceptances after settling"));
            }
        }
        for (id, clauses) in &self.versions {
            let then = a.at_version(id).map_err(|e| format!("version {id}: {e}"))?;
            let read = then.clauses();
            if read != *clauses {
                return Err(format!(
                    "version {id} reads\n{read:#?}\nbut was cut from\n{clauses:#?}"
                ));
            }
        }
        Ok(())
    }

    fn summary(&self) -> String {
        format!(
            "{} replicas, {} steps, {} remarks/replies created, {} accepted, {} versions, \
             {} updates delivered ({} duplicates); ok {:?}; refused {:?}",
            self.replicas.len(),
            self.step,
            self.created.len(),
            self.accepted.len(),
            self.versions.len(),
            self.stats.delivered,
            self.stats.duplicates,
            self.stats.ok,
            self.stats.refused
        )
    }
}

/// Everything a reader of an agreement can observe.
#[derive(Debug, PartialEq)]
struct Model {
    title: String,
    phase: Phase,
    deadline: Option<f64>,
    chapters: Vec<Chapter>,
    remarks: Vec<Remark>,
    supports: Vec<(String, samrad_domain::SupportCount)>,
    matrix: samrad_domain::StanceMatrix,
    answers: Vec<Vec<samrad_domain::AnswerRevision>>,
    versions: Vec<samrad_domain::Version>,
    version_texts: Vec<Vec<Clause>>,
    participants: Vec<Participant>,
    markdown: String,
}

impl Model {
    fn of(a: &Agreement) -> Model {
        let remarks = a.find_remarks(&RemarkFilter::default());
        let supports = flat_remarks(a)
            .into_iter()
            .filter(|r| r.kind == RemarkKind::Proposal)
            .map(|r| (r.id.clone(), a.support_count(&r.id)))
            .collect();
        let matrix = a.stance_matrix();
        let answers = matrix
            .organisations
            .iter()
            .map(|o| a.answers_of(o))
            .collect();
        let versions = a.versions();
        let version_texts = versions
            .iter()
            .map(|v| a.at_version(&v.id).map(|x| x.clauses()).unwrap_or_default())
            .collect();
        Model {
            title: a.title(),
            phase: a.phase(),
            deadline: a.deadline(),
            chapters: a.chapters(),
            remarks,
            supports,
            matrix,
            answers,
            versions,
            version_texts,
            participants: a.participants(),
            markdown: a.to_markdown(),
        }
    }

    /// Compares part by part, to say which part differs.
    fn same_as(&self, other: &Model) -> Result<(), String> {
        macro_rules! same {
            ($($field:ident),*) => {$(
                if self.$field != other.$field {
                    return Err(format!(
                        "{} differ:\n{:#?}\nvs\n{:#?}",
                        stringify!($field),
                        self.$field,
                        other.$field
                    ));
                }
            )*};
        }
        same!(
            title,
            phase,
            deadline,
            chapters,
            remarks,
            supports,
            matrix,
            answers,
            versions,
            version_texts,
            participants,
            markdown
        );
        Ok(())
    }
}

fn decode(bytes: &[u8]) -> Result<Update, String> {
    Update::decode_v1(bytes).map_err(|e| e.to_string())
}

// ---------------------------------------------------------------------------------------------
// Strategies

fn replica() -> impl Strategy<Value = u8> {
    any::<u8>()
}

fn drafting_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        10 => (replica(), 0u16..4, any::<u16>(), any::<u8>(), any::<u8>())
            .prop_map(|(r, clause, at, del, ins)| Op::Edit { r, clause, at, del, ins }),
        3 => (replica(), any::<u16>(), any::<u8>())
            .prop_map(|(r, remark, margin)| Op::DeleteAnchored { r, remark, margin }),
        8 => (replica(), any::<u8>(), 0u16..4, any::<u16>(), any::<u8>(), any::<u8>(), any::<u16>())
            .prop_map(|(r, who, clause, at, len, kind, words)| Op::RangeRemark { r, who, clause, at, len, kind, words }),
        3 => (replica(), any::<u8>(), 0u16..4, any::<u8>(), any::<u16>())
            .prop_map(|(r, who, clause, kind, words)| Op::ClauseRemark { r, who, clause, kind, words }),
        3 => (replica(), any::<u8>(), any::<u16>())
            .prop_map(|(r, who, remark)| Op::Reply { r, who, remark }),
        3 => (replica(), any::<u16>()).prop_map(|(r, proposal)| Op::Accept { r, proposal }),
        2 => (replica(), any::<u8>(), any::<u16>(), any::<u8>())
            .prop_map(|(r, who, proposal, value)| Op::Support { r, who, proposal, value }),
        1 => (replica(), any::<u16>(), any::<u8>())
            .prop_map(|(r, remark, value)| Op::Dispose { r, remark, value }),
        1 => (replica(), any::<u16>(), any::<u16>())
            .prop_map(|(r, remark, words)| Op::EditRemark { r, remark, words }),
        1 => (replica(), any::<u16>()).prop_map(|(r, remark)| Op::Withdraw { r, remark }),
        1 => replica().prop_map(|r| Op::CutVersion { r }),
        1 => (replica(), any::<u8>(), any::<u16>())
            .prop_map(|(r, chapter, after)| Op::InsertClause { r, chapter, after }),
        1 => (replica(), any::<u16>(), any::<u8>(), any::<u16>())
            .prop_map(|(r, clause, chapter, after)| Op::MoveClause { r, clause, chapter, after }),
        1 => (replica(), any::<u16>()).prop_map(|(r, clause)| Op::RemoveClause { r, clause }),
        // Drafting ⇄ merging: text stays editable, while members may only reply in merging.
        1 => (replica(), prop_oneof![Just(0u8), Just(2u8)]).prop_map(|(r, phase)| Op::SetPhase { r, phase }),
        10 => (any::<u16>(), any::<bool>()).prop_map(|(pick, dup)| Op::Deliver { pick, dup }),
        3 => (replica(), any::<u16>()).prop_map(|(r, seed)| Op::Flush { r, seed }),
    ]
}

fn consultation_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        8 => (replica(), any::<u8>(), 0u16..4, any::<u8>(), any::<u16>())
            .prop_map(|(r, who, clause, value, words)| Op::SetStance { r, who, clause, value, words }),
        3 => (replica(), any::<u8>()).prop_map(|(r, who)| Op::SendAnswer { r, who }),
        1 => (replica(), any::<u8>()).prop_map(|(r, who)| Op::ExtendDeadline { r, who }),
        5 => (replica(), any::<u8>(), 0u16..4, any::<u16>(), any::<u8>(), any::<u8>(), any::<u16>())
            .prop_map(|(r, who, clause, at, len, kind, words)| Op::RangeRemark { r, who, clause, at, len, kind, words }),
        2 => (replica(), any::<u8>(), 0u16..4, any::<u8>(), any::<u16>())
            .prop_map(|(r, who, clause, kind, words)| Op::ClauseRemark { r, who, clause, kind, words }),
        3 => (replica(), any::<u8>(), any::<u16>())
            .prop_map(|(r, who, remark)| Op::Reply { r, who, remark }),
        3 => (replica(), any::<u8>(), any::<u16>(), any::<u8>())
            .prop_map(|(r, who, proposal, value)| Op::Support { r, who, proposal, value }),
        1 => (replica(), any::<u16>(), any::<u8>())
            .prop_map(|(r, remark, value)| Op::Dispose { r, remark, value }),
        1 => (replica(), any::<u16>(), any::<u16>())
            .prop_map(|(r, remark, words)| Op::EditRemark { r, remark, words }),
        1 => (replica(), any::<u16>()).prop_map(|(r, remark)| Op::Withdraw { r, remark }),
        1 => replica().prop_map(|r| Op::CutVersion { r }),
        10 => (any::<u16>(), any::<bool>()).prop_map(|(pick, dup)| Op::Deliver { pick, dup }),
        3 => (replica(), any::<u16>()).prop_map(|(r, seed)| Op::Flush { r, seed }),
    ]
}

fn run_case(
    replicas: usize,
    phase: Phase,
    capture: Capture,
    ops: &[Op],
    delivery_seed: u64,
) -> Result<World, TestCaseError> {
    let mut world = World::new(replicas, phase, capture);
    let fail = |world: &World, e: String| {
        TestCaseError::fail(format!(
            "{e}\n-- {}\n-- case log:\n{}",
            world.summary(),
            world.log
        ))
    };
    for op in ops {
        if let Err(e) = world.apply(op) {
            return Err(fail(&world, e));
        }
    }
    if let Err(e) = world.settle(delivery_seed).and_then(|()| world.check()) {
        return Err(fail(&world, e));
    }
    Ok(world)
}

/// The kinds of operation the drafting property generates (as [`World::local`] names them).
const DRAFTING_KINDS: &[&str] = &[
    "edit",
    "delete_anchored",
    "range_remark",
    "clause_remark",
    "reply",
    "accept",
    "support",
    "dispose",
    "edit_remark",
    "withdraw",
    "cut_version",
    "insert_clause",
    "move_clause",
    "remove_clause",
    "set_phase",
];

/// The kinds of operation the consultation property generates.
const CONSULTATION_KINDS: &[&str] = &[
    "set_stance",
    "send_answer",
    "extend_deadline",
    "range_remark",
    "clause_remark",
    "reply",
    "support",
    "dispose",
    "edit_remark",
    "withdraw",
    "cut_version",
];

/// Fails unless every kind of operation in `kinds` succeeded at least once and updates were
/// delivered: replicas that refuse (or never attempt) what they are asked to do converge
/// trivially, and the property would then prove nothing.
fn assert_each_kind_succeeded(name: &str, stats: &Stats, kinds: &[&str]) {
    let never: Vec<_> = kinds
        .iter()
        .filter(|k| stats.ok.get(*k).copied().unwrap_or(0) == 0)
        .collect();
    assert!(
        never.is_empty(),
        "{name}: these operations never succeeded: {never:?} ({stats:?})"
    );
    assert!(stats.delivered > 0, "{name}: no update was delivered");
}

/// Runs a property over `cases` generated cases and prints what the cases did in total.
/// With fewer cases than the default (to rerun one failure) the floor of successful
/// operations is not checked.
fn check_property(
    name: &str,
    cases: u32,
    phase: Phase,
    op: impl Strategy<Value = Op>,
    kinds: &[&str],
) {
    let config = config(cases);
    let full_run = config.cases >= cases;
    println!(
        "{name}: {} cases, proptest seed {} (set CONVERGENCE_SEED / CONVERGENCE_CASES to change)",
        config.cases, config.rng_seed
    );
    let totals = RefCell::new(Stats::default());
    let mut runner = TestRunner::new(config);
    let strategy = (3usize..=5, prop::collection::vec(op, 1..100), any::<u64>());
    let result = runner.run(&strategy, |(replicas, ops, delivery_seed)| {
        let world = run_case(replicas, phase, Capture::Observer, &ops, delivery_seed)?;
        totals.borrow_mut().add(&world.stats);
        Ok(())
    });
    println!("{name}: totals over every case run: {:?}", totals.borrow());
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
    if full_run {
        assert_each_kind_succeeded(name, &totals.borrow(), kinds);
    }
}

/// Drafting and merging: concurrent text edits around anchored ranges (also deleting anchored
/// text entirely), range and clause remarks, replies, proposals accepted while others remark
/// on the same clause, supports, dispositions, withdrawals, clause insertions, moves and
/// removals, phase flips between drafting and merging, and version cuts.
#[test]
fn drafting_replicas_converge() {
    check_property(
        "drafting_replicas_converge",
        160,
        Phase::Drafting,
        drafting_op(),
        DRAFTING_KINDS,
    );
}

/// Consultation: concurrent stance drafts (also by one organisation on two devices), sent
/// answers, extended deadlines, remarks, proposals, replies, supports, dispositions,
/// withdrawals and version cuts.
#[test]
fn consultation_replicas_converge() {
    check_property(
        "consultation_replicas_converge",
        160,
        Phase::Consultation,
        consultation_op(),
        CONSULTATION_KINDS,
    );
}

// ---------------------------------------------------------------------------------------------
// A longer seeded scenario

fn random_op(rng: &mut XorShift, n: usize) -> Op {
    let r = rng.below(n) as u8;
    let (who, clause, at, w) = (rng.u8(), rng.u16() % 6, rng.u16(), rng.u16());
    match rng.below(100) {
        0..=13 => Op::Edit {
            r,
            clause,
            at,
            del: rng.u8(),
            ins: rng.u8(),
        },
        14..=17 => Op::DeleteAnchored {
            r,
            remark: rng.u16(),
            margin: rng.u8(),
        },
        18..=29 => Op::RangeRemark {
            r,
            who,
            clause,
            at,
            len: rng.u8(),
            kind: rng.u8(),
            words: w,
        },
        30..=33 => Op::ClauseRemark {
            r,
            who,
            clause,
            kind: rng.u8(),
            words: w,
        },
        34..=38 => Op::Reply {
            r,
            who,
            remark: rng.u16(),
        },
        39..=42 => Op::Accept {
            r,
            proposal: rng.u16(),
        },
        43..=45 => Op::Support {
            r,
            who,
            proposal: rng.u16(),
            value: rng.u8(),
        },
        46 => Op::Dispose {
            r,
            remark: rng.u16(),
            value: rng.u8(),
        },
        47 => Op::EditRemark {
            r,
            remark: rng.u16(),
            words: w,
        },
        48 => Op::Withdraw {
            r,
            remark: rng.u16(),
        },
        49 => Op::CutVersion { r },
        50 => Op::InsertClause {
            r,
            chapter: rng.u8(),
            after: rng.u16(),
        },
        51 => Op::MoveClause {
            r,
            clause,
            chapter: rng.u8(),
            after: rng.u16(),
        },
        52 => Op::RemoveClause { r, clause },
        53..=59 => Op::SetStance {
            r,
            who,
            clause,
            value: rng.u8(),
            words: w,
        },
        60..=61 => Op::SendAnswer { r, who },
        62 => Op::ExtendDeadline { r, who },
        63..=90 => Op::Deliver {
            pick: rng.u16(),
            dup: rng.chance(3),
        },
        _ => Op::Flush { r, seed: rng.u16() },
    }
}

/// 5 replicas, 500 operations through drafting, consultation and merging. The phase changes
/// are made by a coordinator on one replica and reach the others with the other updates, so
/// for a while replicas disagree about the phase and act on it.
#[test]
fn seeded_long_scenario_converges() {
    let seed = env_u64("CONVERGENCE_SCENARIO_SEED").unwrap_or(DEFAULT_SCENARIO_SEED);
    println!(
        "seeded_long_scenario_converges: seed {seed} (set CONVERGENCE_SCENARIO_SEED to rerun)"
    );
    let replicas = 5;
    let mut rng = XorShift::new(seed);
    let mut world = World::new(replicas, Phase::Drafting, Capture::Diff);
    let fail = |world: &World, e: String| -> ! {
        panic!(
            "seed {seed}: {e}\n-- {}\n-- log:\n{}",
            world.summary(),
            world.log
        )
    };
    for i in 0..500 {
        let op = match i {
            200 => Op::SetPhase {
                r: rng.below(replicas) as u8,
                phase: 1,
            },
            380 => Op::SetPhase {
                r: rng.below(replicas) as u8,
                phase: 2,
            },
            _ => random_op(&mut rng, replicas),
        };
        if let Err(e) = world.apply(&op) {
            fail(&world, e);
        }
    }
    let delivery_seed = rng.next();
    if let Err(e) = world.settle(delivery_seed).and_then(|()| world.check()) {
        fail(&world, e);
    }
    println!("{}", world.summary());
    assert!(
        world.created.len() > 20,
        "too few remarks: {}",
        world.summary()
    );
    let every_kind: Vec<&str> = DRAFTING_KINDS
        .iter()
        .chain(CONSULTATION_KINDS)
        .copied()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_each_kind_succeeded("seeded_long_scenario_converges", &world.stats, &every_kind);
}

// ---------------------------------------------------------------------------------------------
// Problems these tests found, each kept as a minimal reproduction so that it stays fixed.

/// Two replicas forked from the demo.
fn two_replicas() -> (Agreement, Agreement) {
    let seed = demo::agreement(SEED_CLIENT, NOW)
        .expect("demo agreement")
        .encode_state();
    let a = Agreement::load(2, &seed).expect("replica a");
    let b = Agreement::load(3, &seed).expect("replica b");
    (a, b)
}

/// Each replica takes in everything the other has.
fn exchange(a: &Agreement, b: &Agreement) {
    a.apply_update(&b.encode_state()).unwrap();
    b.apply_update(&a.encode_state()).unwrap();
}

/// Replica `b` of [`two_replicas`] holding the second of `a`'s updates but not the first;
/// returns (a, b, the first update, the id of the remark it carries).
fn replica_missing_a_first_update() -> (Agreement, Agreement, Vec<u8>, String) {
    let (a, b) = two_replicas();
    let erik = &demo_person(Role::Member);
    let clause = a.clauses()[0].id.clone();
    let start = a.state_vector();
    let remark = a.add_remark(&clause, erik, "Första", NOW).unwrap();
    let first = a.encode_diff(&start).unwrap();
    let sv = a.state_vector();
    a.add_remark(&clause, erik, "Andra", NOW).unwrap();
    b.apply_update(&a.encode_diff(&sv).unwrap()).unwrap();
    (a, b, first, remark)
}

/// What a coordinator sees of an agreement that a version keeps: clauses, and which remarks.
fn seen(a: &Agreement) -> (Vec<Clause>, Vec<(String, String)>) {
    let remarks = flat_remarks(a)
        .into_iter()
        .map(|r| (r.id, r.body))
        .collect();
    (a.clauses(), remarks)
}

/// Cuts a version on `b` as Karin. While `b` waits for an earlier update of a peer the cut is
/// either refused with [`DomainError::MissingChanges`], writing nothing, or it is made and
/// reads back exactly as `b` reads now; either way reading never panics.
fn cut_or_wait(b: &Agreement, name: &str) -> Option<String> {
    let karin = demo_person(Role::Coordinator);
    let before = seen(b);
    let versions = b.versions().len();
    match b.cut_version(&karin, name, NOW) {
        Err(DomainError::MissingChanges) => {
            assert_eq!(b.versions().len(), versions, "a refused cut writes nothing");
            None
        }
        Ok(id) => {
            assert_eq!(seen(&b.at_version(&id).unwrap()), before, "{name}");
            Some(id)
        }
        Err(e) => panic!("cutting {name}: {e}"),
    }
}

/// yrs 0.28.1 integrates a peer's update whose earlier updates have not arrived yet (the
/// missing clocks become a "skip"), and the state vector then reports that peer at the clock
/// where its gap starts — 0 if its first update is the one missing. A version cut meanwhile
/// stored that state vector, and `at_version` then panicked in yrs (`Store::write_blocks_to`,
/// `clock - 1` with clock 0), on every replica, for good. The cut now waits for the missing
/// update (nothing is lost: once it has arrived the cut is made, the late remark included).
#[test]
fn version_cut_while_first_update_of_a_peer_is_missing() {
    let (a, b, first, remark) = replica_missing_a_first_update();
    let early = cut_or_wait(&b, "Utkast");
    b.apply_update(&first).unwrap();
    let version = cut_or_wait(&b, "Utkast 2").expect("cut once nothing is missing");
    let then = b.at_version(&version).unwrap();
    assert_eq!(then.clauses(), b.clauses());
    assert!(
        then.remark(&remark).is_some(),
        "the late remark is in the version"
    );
    exchange(&a, &b);
    for v in early.iter().chain([&version]) {
        assert_eq!(
            a.at_version(v).unwrap().clauses(),
            b.at_version(v).unwrap().clauses()
        );
    }
}

/// The same gap, later in a peer's history: the version omitted what the coordinator saw when
/// cutting it (the text after the gap was shown, but the snapshot's state vector stopped at
/// the gap). Now the cut waits, and is made once the missing remark has arrived.
#[test]
fn version_cut_with_a_gap_reads_as_it_was_cut() {
    let (a, b) = two_replicas();
    let karin = &demo_person(Role::Coordinator);
    let clause = a.clauses()[0].id.clone();
    a.edit_clause_text(karin, &clause, 0, 0, "A").unwrap();
    b.apply_update(&a.encode_state()).unwrap();
    let remark = a
        .add_remark(&clause, karin, "Saknas hos b ännu", NOW)
        .unwrap();
    let sv2 = a.state_vector();
    a.edit_clause_text(karin, &clause, 0, 0, "B").unwrap();
    // b receives the edit "B" but not the remark written before it.
    b.apply_update(&a.encode_diff(&sv2).unwrap()).unwrap();
    let seen = b.clause(&clause).unwrap().text;
    assert!(seen.starts_with("BA"), "{seen}");
    if let Some(version) = cut_or_wait(&b, "Utkast") {
        assert_eq!(b.clause_text_at(&clause, Some(&version)).unwrap(), seen);
    }
    b.apply_update(&a.encode_state()).unwrap();
    assert_eq!(b.clause(&clause).unwrap().text, seen);
    let version = cut_or_wait(&b, "Utkast 2").expect("cut once nothing is missing");
    assert_eq!(b.clause_text_at(&clause, Some(&version)).unwrap(), seen);
    assert!(b.at_version(&version).unwrap().remark(&remark).is_some());
}

/// Stores `snapshot` as version `id`, the way `cut_version` stored versions before it
/// refused to cut across a gap.
fn store_version(a: &Agreement, id: &str, snapshot: &Snapshot) {
    let versions = a.doc().get_or_insert_map("versions");
    let mut txn = a.doc().transact_mut();
    versions.insert(
        &mut txn,
        id,
        MapPrelim::from([
            ("name", In::from(id)),
            ("created_ms", In::from(NOW)),
            ("by", In::from(demo_person(Role::Coordinator).id.as_str())),
            (
                "snapshot",
                In::Any(Any::Buffer(snapshot.encode_v1().into())),
            ),
        ]),
    );
}

/// Versions cut across a gap before that was refused are stored for good, and a stored
/// snapshot may name clocks a replica does not hold: reading one never panics. A clock of 0
/// names nothing of that peer; clocks past what the replica holds are changes that have not
/// arrived yet.
#[test]
fn a_stored_version_naming_a_gap_reads_without_panicking() {
    let (a, b, first, _) = replica_missing_a_first_update();
    let snapshot = b.doc().transact().snapshot();
    assert_eq!(
        snapshot.state_map.iter().find(|(c, _)| c.get() == 2),
        Some((&ClientID::new(2), &0)),
        "the snapshot names peer 2 at clock 0, where its gap starts"
    );
    store_version(&b, "from-before", &snapshot);
    let seen = b.clauses();
    assert_eq!(b.at_version("from-before").unwrap().clauses(), seen);
    // Once the first update arrives, b holds peer 2 from clock 0: the clock yrs underflowed on.
    b.apply_update(&first).unwrap();
    assert_eq!(b.at_version("from-before").unwrap().clauses(), seen);

    // A version naming changes the replica does not hold (yet).
    let (c, _) = two_replicas();
    store_version(&c, "ahead", &a.doc().transact().snapshot());
    assert_eq!(
        c.at_version("ahead").map(|v| v.clauses()),
        Err(DomainError::MissingChanges)
    );
    c.apply_update(&a.encode_state()).unwrap();
    assert_eq!(c.at_version("ahead").unwrap().clauses(), a.clauses());
}

/// `send_answer` stores the sent stances as an `Any::Map` — a std `HashMap` with a random
/// hasher — so the same state encodes to different bytes from one load to the next once an
/// answer holds two or more stances (a store that compares or hashes states sees a change).
#[test]
fn encode_state_is_deterministic_with_sent_answers() {
    let (karin, erik) = (&demo_person(Role::Coordinator), &demo_person(Role::Member));
    let a = demo::agreement(SEED_CLIENT, NOW).unwrap();
    a.set_phase(karin, Phase::Consultation, None).unwrap();
    for c in a.clauses().iter().take(4) {
        a.set_stance(erik, &c.id, StanceValue::Supports, "", NOW)
            .unwrap();
    }
    a.send_answer(erik, NOW).unwrap();
    let bytes = a.encode_state();
    for _ in 0..10 {
        let again = Agreement::load(9, &bytes).unwrap().encode_state();
        assert!(
            again == bytes,
            "the same state encodes to other bytes after a reload"
        );
    }
}

/// Offsets are UTF-16 units, and `edit_clause_text` takes any in range — also one between
/// the two halves of a surrogate pair, which turns the character into two U+FFFD for good.
#[test]
fn edit_inside_a_surrogate_pair_is_refused() {
    let karin = &demo_person(Role::Coordinator);
    let a = demo::agreement(SEED_CLIENT, NOW).unwrap();
    let clause = a.clauses()[0].id.clone();
    a.set_clause_text(karin, &clause, "ab😀cd").unwrap();
    let result = a.edit_clause_text(karin, &clause, 3, 0, "X");
    let text = a.clause(&clause).unwrap().text;
    assert!(
        result.is_err() || !text.contains('\u{fffd}'),
        "{result:?}: {text:?}"
    );
}

/// A range remark by Erik on `needle` in the first clause.
fn remark_on(a: &Agreement, needle: &str) -> String {
    let text = a.clauses()[0].text.clone();
    let start = utf16_len(&text[..text.find(needle).unwrap()]);
    let draft = RemarkDraft {
        clause: a.clauses()[0].id.clone(),
        kind: RemarkKind::Comment,
        target: Target::Range {
            start,
            end: start + utf16_len(needle),
        },
        body: "Varför?".into(),
        proposed_text: None,
        mentions: Vec::new(),
    };
    a.write_remark(&demo_person(Role::Member), draft, NOW)
        .unwrap()
}

fn anchor_text(a: &Agreement, remark: &str) -> Option<String> {
    match a.remark(remark)?.anchor?.state {
        AnchorState::Attached { text, .. } => Some(text),
        AnchorState::Orphaned => None,
    }
}

/// Two coordinators (or one on two devices) accept the same proposal before seeing each
/// other's acceptance: both rewrite the range, and the merged clause held the new wording
/// twice ("Det nya avtaletDet nya avtalet är träffat …"). Settling, which each replica does
/// after applying others' updates, withdraws all acceptances but one; then the wording stands
/// once, identically on both replicas, and other anchors stay attached.
#[test]
fn concurrent_accepts_of_one_proposal_apply_its_wording_once() {
    // Settled on both replicas, on the winner's only (client 2), on the loser's only.
    for settlers in [&[0, 1][..], &[0], &[1]] {
        let (a, b) = two_replicas();
        let (karin, sara) = (&demo_person(Role::Coordinator), &demo_person(Role::Jurist));
        let clause = a.clauses()[0].id.clone();
        let draft = RemarkDraft {
            clause: clause.clone(),
            kind: RemarkKind::Proposal,
            target: Target::Range { start: 0, end: 11 }, // "Detta avtal"
            body: "Tydligare".into(),
            proposed_text: Some("Det nya avtalet".into()),
            mentions: Vec::new(),
        };
        let proposal = a.write_remark(sara, draft, NOW).unwrap();
        let elsewhere = remark_on(&a, "Region Norrvik");
        let overlapping = remark_on(&a, "avtal är träffat");
        b.apply_update(&a.encode_state()).unwrap();
        a.accept_proposal(karin, &proposal, "", NOW).unwrap();
        b.accept_proposal(karin, &proposal, "", NOW).unwrap();
        exchange(&a, &b);
        let merged = a.clause(&clause).unwrap().text;
        assert_eq!(merged.matches("Det nya avtalet").count(), 2, "{merged}");

        let replicas = [&a, &b];
        let settled: usize = settlers
            .iter()
            .map(|&r| replicas[r].settle_acceptances(karin).unwrap())
            .sum();
        assert_eq!(settled, settlers.len(), "{settlers:?}");
        exchange(&a, &b);
        assert_eq!(a.settle_acceptances(karin), Ok(0));
        assert_eq!(b.settle_acceptances(karin), Ok(0));

        let text = a.clause(&clause).unwrap().text;
        assert_eq!(text.matches("Det nya avtalet").count(), 1, "{text}");
        assert!(
            text.starts_with("Det nya avtalet är träffat mellan"),
            "{text}"
        );
        assert_eq!(b.clause(&clause).unwrap().text, text);
        assert_eq!(a.encode_state(), b.encode_state());
        for r in replicas {
            assert_eq!(
                anchor_text(r, &elsewhere).as_deref(),
                Some("Region Norrvik")
            );
            let overlap = anchor_text(r, &overlapping).expect("still attached");
            assert!(overlap.ends_with("är träffat"), "{overlap}");
            let accepted = r.remark(&proposal).and_then(|p| p.disposition);
            assert_eq!(accepted.map(|d| d.value), Some(DispositionValue::Accepted));
        }
        assert_eq!(
            a.accept_proposal(karin, &proposal, "", NOW),
            Err(DomainError::AlreadyAccepted(proposal.clone()))
        );
    }
}

/// Erik's remark on "Detta" (the first five characters of the first clause), on `a`, known to
/// `b`; then `a` deletes "Detta" while `b` inserts "ZZ" inside it, and they exchange.
fn quote_deleted_while_text_is_inserted_inside(
    before_the_edits: impl Fn(&Agreement, &str),
) -> (Agreement, Agreement, String) {
    let (a, b) = two_replicas();
    let karin = &demo_person(Role::Coordinator);
    let clause = a.clauses()[0].id.clone();
    let remark = remark_on(&a, "Detta");
    before_the_edits(&a, &remark);
    b.apply_update(&a.encode_state()).unwrap();
    a.edit_clause_text(karin, &clause, 0, 5, "").unwrap();
    assert_eq!(
        a.remark(&remark).unwrap().anchor.unwrap().state,
        AnchorState::Orphaned
    );
    b.edit_clause_text(karin, &clause, 2, 0, "ZZ").unwrap();
    exchange(&a, &b);
    assert!(a.clauses()[0].text.starts_with("ZZ avtal"));
    (a, b, remark)
}

/// A range whose every quoted character was deleted on one replica, while another inserted
/// text inside it, resolved as attached to the inserted text ("ZZ", never quoted) instead of
/// orphaned. The deleting replica showed it orphaned until the insert arrived. The anchor now
/// names its quoted characters, and is orphaned on both replicas once none is left.
#[test]
fn anchor_whose_quote_is_deleted_is_orphaned_despite_a_concurrent_insert() {
    let (a, b, remark) = quote_deleted_while_text_is_inserted_inside(|_, _| {});
    for r in [&a, &b] {
        let anchor = r.remark(&remark).unwrap().anchor.unwrap();
        assert_eq!(
            anchor.state,
            AnchorState::Orphaned,
            "quote {:?}",
            anchor.quote
        );
        assert_eq!(anchor.quote, "Detta");
    }
}

/// An anchor stored before the quoted characters were recorded resolves as it always did:
/// attached to whatever stands between its ends.
#[test]
fn an_anchor_stored_without_its_quoted_characters_resolves_as_before() {
    let forget_quoted = |a: &Agreement, remark: &str| {
        let remarks = a.doc().get_or_insert_map("remarks");
        let mut txn = a.doc().transact_mut();
        let Some(Out::YMap(m)) = remarks.get(&txn, remark) else {
            panic!("remark {remark} is a map");
        };
        assert!(
            m.remove(&mut txn, "quoted").is_some(),
            "the ids were recorded"
        );
    };
    let (a, b, remark) = quote_deleted_while_text_is_inserted_inside(forget_quoted);
    for r in [&a, &b] {
        assert_eq!(anchor_text(r, &remark).as_deref(), Some("ZZ"));
    }
}

/// `edit_remark` writes the new body, then refuses a blank proposed wording with
/// `Err(Empty)` — but the body is already written and the transaction commits: a refused
/// edit changes the remark (and is sent to every peer).
#[test]
fn refused_edit_remark_changes_nothing() {
    let erik = &demo_person(Role::Member);
    let a = demo::agreement(SEED_CLIENT, NOW).unwrap();
    let clause = a.clauses()[0].id.clone();
    let remark = a.add_remark(&clause, erik, "Före", NOW).unwrap();
    let result = a.edit_remark(erik, &remark, "Efter", Some("  "), NOW);
    assert!(result.is_err());
    assert_eq!(a.remark(&remark).unwrap().body, "Före");
}
