//! Writing the fixture: a real-size consultation, written through the server by its
//! participants in the order a real one happens.
//!
//! 120 clauses of about 600 characters in 12 chapters; 50 organisations, each with a member
//! who is its respondent, every other one with a jurist too; while drafting, the coordinator's
//! 20,000 edits of the text with 8 named versions cut along the way and half the remarks; then
//! the consultation: the other half, support for proposals, every organisation's stance on
//! every clause, answers sent by most, a few drafts changed after sending; then merging, with
//! a third of the remarks given a disposition. Of the remarks a fifth get replies, a tenth are
//! proposals (by jurists) and half are anchored to a range of the text.

use crate::content::{self, Rng};
use crate::peer::{now_ms, Peer};
use crate::server::{file, Setup};
use samrad_bench::session::{self, on_base, Error};
use samrad_domain::{Participant, Phase, RemarkDraft, RemarkKind, Role, StanceValue, Target};
use serde_json::json;
use std::path::Path;
use std::time::{Duration, Instant};

/// The fixture's agreement id.
pub const AGREEMENT: &str = "bench";

const CHAPTERS: usize = 12;
const CLAUSES_PER_CHAPTER: usize = 10;
const CLAUSE_CHARS: usize = 600;
const ORGANISATIONS: usize = 50;
const EDITS: usize = 20_000;
const VERSIONS: usize = 8;
const DRAFTING_ROUNDS: usize = 10;
const CONSULTATION_ROUNDS: usize = 5;
/// Edits sent in one update frame, as a fast typist's client would batch them offline.
const EDITS_PER_FRAME: usize = 100;
/// Organisations that send their answer.
const SENDERS: usize = 45;

/// Everyone writing, and the coordinator's session for later invitations.
struct Cast {
    coordinator: Peer,
    cookie: String,
    /// One member per organisation, who is its respondent, in organisation order.
    members: Vec<Peer>,
    jurists: Vec<Peer>,
    base: String,
}

impl Cast {
    fn writers(&self) -> impl Iterator<Item = &Peer> {
        self.members.iter().chain(&self.jurists)
    }

    fn everyone(&self) -> impl Iterator<Item = &Peer> {
        std::iter::once(&self.coordinator).chain(self.writers())
    }

    /// Waits until every replica holds every change, failing if the server closed one.
    async fn settle(&self) -> Result<(), Error> {
        let started = Instant::now();
        loop {
            if let Some((who, why)) = self
                .everyone()
                .find_map(|p| p.closed().map(|c| (p.me.name.clone(), c)))
            {
                return Err(format!("{who} was disconnected: {why}").into());
            }
            let first = self.coordinator.state();
            if self.everyone().all(|p| p.state() == first) {
                return Ok(());
            }
            if started.elapsed() > Duration::from_secs(120) {
                let behind: Vec<String> = self
                    .everyone()
                    .filter(|p| p.state() != first)
                    .map(|p| format!("{}: {}", p.me.name, p.describe()))
                    .collect();
                return Err(format!(
                    "replicas did not converge within two minutes; the coordinator has {}, {} others differ: {}",
                    self.coordinator.describe(),
                    behind.len(),
                    behind.iter().take(3).cloned().collect::<Vec<_>>().join("; ")
                )
                .into());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

/// Builds the fixture with `remarks` top-level remarks into `setup`'s store, through a server
/// started for the purpose; writes `fixture.json` into `dir` and stops the server.
pub async fn build(setup: &Setup, dir: &Path, remarks: usize) -> Result<(), Error> {
    let started = Instant::now();
    let mut rng = Rng::new(0x5a4d_7261_6400_0003);
    let markdown =
        content::agreement_markdown(&mut rng, CHAPTERS, CLAUSES_PER_CHAPTER, CLAUSE_CHARS);
    let md = file(dir, "agreement.md");
    std::fs::write(&md, markdown)?;
    setup
        .admin(&["create", AGREEMENT, &md.to_string_lossy()])
        .await?;
    let coordinator_name = "Karin Lindqvist";
    let link = setup
        .admin(&[
            "invite",
            AGREEMENT,
            "--name",
            coordinator_name,
            "--organisation",
            &content::organisation(0),
            "--role",
            "coordinator",
        ])
        .await?;
    let listed = setup.admin(&["list", AGREEMENT]).await?;
    let coordinator_id = listed
        .lines()
        .find(|l| l.contains(coordinator_name))
        .and_then(|l| l.split('\t').next())
        .ok_or("the coordinator is not listed")?
        .to_string();
    let server = setup.start().await?;
    let base = server.base.clone();
    let cookie = session::sign_in(&on_base(link.trim(), &base)).await?;
    let me = Participant {
        id: coordinator_id.clone(),
        name: coordinator_name.into(),
        organisation: content::organisation(0),
        role: Role::Coordinator,
    };
    let coordinator = Peer::connect(&base, AGREEMENT, &cookie, me, 1_000).await?;
    let cast = Cast {
        members: join(&base, &cookie, Role::Member, 2_000).await?,
        jurists: join(&base, &cookie, Role::Jurist, 3_000).await?,
        coordinator,
        cookie,
        base,
    };
    eprintln!(
        "{} participants connected ({:.1} s)",
        cast.everyone().count(),
        started.elapsed().as_secs_f64()
    );
    let bench = invite_readers(&cast).await?;
    for m in &cast.members {
        cast.coordinator
            .write(|a, me| a.set_respondent(me, &m.me.organisation, &m.me.id))
            .await??;
    }
    let mut plan = Plan::new(remarks);
    drafting(&cast, &mut plan, &mut rng).await?;
    eprintln!("drafted ({:.1} s)", started.elapsed().as_secs_f64());
    let deadline = now_ms() as f64 + 42.0 * 86_400_000.0;
    cast.coordinator
        .write(|a, me| a.set_phase(me, Phase::Consultation, Some(deadline)))
        .await??;
    cast.settle().await?;
    consultation(&cast, &mut plan, &mut rng).await?;
    cast.settle().await?;
    eprintln!("consulted ({:.1} s)", started.elapsed().as_secs_f64());
    merging(&cast, &mut rng).await?;
    cast.settle().await?;
    let a = &cast.coordinator.agreement;
    let counts = a.counts();
    let summary = json!({
        "agreement": AGREEMENT,
        "remarks": counts.values().map(|c| c.remarks).sum::<usize>(),
        "replies": counts.values().map(|c| c.replies).sum::<usize>(),
        "proposals": counts.values().map(|c| c.proposals).sum::<usize>(),
        "clauses": a.outline().iter().map(|c| c.clauses.len()).sum::<usize>(),
        "organisations": a.stance_matrix().organisations.len(),
        "versions": a.versions().len(),
        "encoded_bytes": a.encode_state().len(),
        "coordinator": { "id": coordinator_id, "cookie": cast.cookie },
        "readers": bench,
        "seconds": started.elapsed().as_secs_f64(),
    });
    std::fs::write(
        file(dir, "fixture.json"),
        serde_json::to_string_pretty(&summary)?,
    )?;
    eprintln!("{summary}");
    server.stop().await?;
    Ok(())
}

/// Invites one participant of `role` per organisation (jurists in every other one) through
/// the coordinator's API, signs each in with their link and connects them.
async fn join(base: &str, cookie: &str, role: Role, first_client: u64) -> Result<Vec<Peer>, Error> {
    let mut peers = Vec::new();
    for i in 0..ORGANISATIONS {
        if role == Role::Jurist && i % 2 == 0 {
            continue;
        }
        let name = content::person(i + if role == Role::Jurist { 100 } else { 0 });
        let organisation = content::organisation(i);
        let invited = session::invite(base, cookie, &name, &organisation, role.key()).await?;
        let session = session::sign_in(&invited.link).await?;
        let me = Participant {
            id: invited.id,
            name,
            organisation,
            role,
        };
        peers.push(Peer::connect(base, AGREEMENT, &session, me, first_client + i as u64).await?);
    }
    Ok(peers)
}

/// The participants the browser benchmark signs in as (fresh links are issued per run).
async fn invite_readers(cast: &Cast) -> Result<serde_json::Value, Error> {
    let mut out = serde_json::Map::new();
    for (key, name, org, role) in [
        (
            "coordinator",
            "Bänk Samordnare",
            content::organisation(0),
            "coordinator",
        ),
        ("member", "Bänk Ledamot", content::organisation(1), "member"),
    ] {
        let invited = session::invite(&cast.base, &cast.cookie, name, &org, role).await?;
        out.insert(
            key.into(),
            json!({ "id": invited.id, "name": name, "organisation": org }),
        );
    }
    Ok(out.into())
}

/// How many remarks are still to write, and which threads already have replies.
struct Plan {
    remarks: usize,
    written: usize,
    replied: std::collections::HashSet<String>,
}

impl Plan {
    fn new(remarks: usize) -> Plan {
        Plan {
            remarks,
            written: 0,
            replied: Default::default(),
        }
    }
}

async fn drafting(cast: &Cast, plan: &mut Plan, rng: &mut Rng) -> Result<(), Error> {
    let share = plan.remarks / 2;
    for round in 0..DRAFTING_ROUNDS {
        edit_text(cast, rng, EDITS / DRAFTING_ROUNDS).await?;
        cast.settle().await?;
        let goal = share * (round + 1) / DRAFTING_ROUNDS;
        write_remarks(cast, plan, rng, goal).await?;
        cast.settle().await?;
        reply(cast, plan, rng).await?;
        if round >= DRAFTING_ROUNDS - VERSIONS {
            let name = format!("Utkast {}", round - (DRAFTING_ROUNDS - VERSIONS) + 1);
            cast.coordinator
                .write(|a, me| a.cut_version(me, &name, now_ms() as f64))
                .await??;
        }
        cast.settle().await?;
    }
    Ok(())
}

/// The coordinator's edits, spread over the clauses, keeping each about its length.
async fn edit_text(cast: &Cast, rng: &mut Rng, edits: usize) -> Result<(), Error> {
    let clauses: Vec<String> = cast.coordinator.agreement.clause_ids();
    for _ in 0..edits / EDITS_PER_FRAME {
        cast.coordinator
            .write(|a, me| -> Result<(), Error> {
                for _ in 0..EDITS_PER_FRAME {
                    let clause = &clauses[rng.below(clauses.len())];
                    let len = a.clause_len(clause).unwrap_or(0) as usize;
                    let text: Vec<u16> = a
                        .clause(clause)
                        .map(|c| c.text.encode_utf16().collect())
                        .unwrap_or_default();
                    // Edit at a word's start, so no surrogate pair is ever split.
                    let starts: Vec<usize> = (0..text.len())
                        .filter(|&i| i == 0 || text[i - 1] == u16::from(b' '))
                        .collect();
                    let at = starts[rng.below(starts.len())] as u32;
                    if len > CLAUSE_CHARS + 40 || (len > CLAUSE_CHARS - 40 && rng.chance(50)) {
                        let word = text[at as usize..]
                            .iter()
                            .position(|&u| u == u16::from(b' '))
                            .map_or(0, |n| n + 1) as u32;
                        a.edit_clause_text(me, clause, at, word, "")?;
                    } else {
                        let word = content::sentence(rng, 1);
                        let word = word.trim_end_matches(" gäller.").to_lowercase() + " ";
                        a.edit_clause_text(me, clause, at, 0, &word)?;
                    }
                }
                Ok(())
            })
            .await??;
    }
    Ok(())
}

/// A random run of whole words of `text` as a UTF-16 range, and its wording.
fn some_words(rng: &mut Rng, text: &str) -> Option<(u32, u32, String)> {
    let words: Vec<(usize, usize)> = {
        let units: Vec<u16> = text.encode_utf16().collect();
        let mut out = Vec::new();
        let mut start = None;
        for (i, &u) in units
            .iter()
            .chain(std::iter::once(&u16::from(b' ')))
            .enumerate()
        {
            match (u == u16::from(b' '), start) {
                (false, None) => start = Some(i),
                (true, Some(s)) => {
                    out.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        out
    };
    if words.is_empty() {
        return None;
    }
    let first = rng.below(words.len());
    let last = (first + rng.below(6)).min(words.len() - 1);
    let (start, end) = (words[first].0 as u32, words[last].1 as u32);
    let units: Vec<u16> = text.encode_utf16().collect();
    Some((
        start,
        end,
        String::from_utf16_lossy(&units[start as usize..end as usize]),
    ))
}

/// Writes remarks until `goal` have been written: each writer its share, in one update.
async fn write_remarks(
    cast: &Cast,
    plan: &mut Plan,
    rng: &mut Rng,
    goal: usize,
) -> Result<(), Error> {
    let writers: Vec<&Peer> = cast.writers().collect();
    let mut batches: Vec<Vec<u64>> = vec![Vec::new(); writers.len()];
    while plan.written < goal {
        batches[rng.below(writers.len())].push(rng.next());
        plan.written += 1;
    }
    for (peer, seeds) in writers.into_iter().zip(batches) {
        if seeds.is_empty() {
            continue;
        }
        peer.write(|a, me| -> Result<(), Error> {
            let clauses = a.clause_ids();
            for seed in seeds {
                let mut r = Rng::new(seed);
                let clause = clauses[r.below(clauses.len())].clone();
                let text = a.clause(&clause).map(|c| c.text).unwrap_or_default();
                // Jurists write a third of the remarks: a third of theirs are proposals, a tenth of all.
                let proposal = me.role == Role::Jurist && r.chance(30);
                let anchored = proposal || r.chance(50);
                let words = if anchored {
                    some_words(&mut r, &text)
                } else {
                    None
                };
                let target = match &words {
                    Some((start, end, _)) => Target::Range {
                        start: *start,
                        end: *end,
                    },
                    None => Target::Clause,
                };
                let kind = match (proposal, r.below(4)) {
                    (true, _) => RemarkKind::Proposal,
                    (false, 0) => RemarkKind::Question,
                    _ => RemarkKind::Comment,
                };
                let proposed_text = proposal.then(|| {
                    let old = words.as_ref().map_or(text.as_str(), |w| w.2.as_str());
                    format!("{} {}", old, content::sentence(&mut r, 3).to_lowercase())
                });
                let draft = RemarkDraft {
                    clause,
                    kind,
                    target,
                    body: content::remark(&mut r),
                    proposed_text,
                    mentions: Vec::new(),
                };
                a.write_remark(me, draft, now_ms() as f64)?;
            }
            Ok(())
        })
        .await??;
    }
    Ok(())
}

/// Replies to threads without any, until a fifth of the remarks written have some.
async fn reply(cast: &Cast, plan: &mut Plan, rng: &mut Rng) -> Result<(), Error> {
    let open: Vec<String> = cast
        .coordinator
        .agreement
        .find_remark_ids(&Default::default())
        .into_iter()
        .filter(|id| !plan.replied.contains(id))
        .collect();
    let wanted = (plan.written / 5)
        .saturating_sub(plan.replied.len())
        .min(open.len());
    let writers: Vec<&Peer> = cast.everyone().collect();
    for k in 0..wanted {
        let id = open[(k * 7 + rng.below(7)) % open.len()].clone();
        if !plan.replied.insert(id.clone()) {
            continue;
        }
        for _ in 0..1 + rng.below(3) {
            let peer = writers[rng.below(writers.len())];
            let body = content::remark(rng);
            peer.write(|a, me| a.reply(&id, me, &body, now_ms() as f64))
                .await??;
        }
    }
    Ok(())
}

async fn consultation(cast: &Cast, plan: &mut Plan, rng: &mut Rng) -> Result<(), Error> {
    let clauses = cast.coordinator.agreement.clause_ids();
    let per_round = clauses.len().div_ceil(CONSULTATION_ROUNDS);
    for round in 0..CONSULTATION_ROUNDS {
        let goal = plan.remarks / 2
            + (plan.remarks - plan.remarks / 2) * (round + 1) / CONSULTATION_ROUNDS;
        write_remarks(cast, plan, rng, goal).await?;
        cast.settle().await?;
        reply(cast, plan, rng).await?;
        support(cast, rng).await?;
        for member in &cast.members {
            let mine: Vec<String> = clauses
                .iter()
                .skip(round * per_round)
                .take(per_round)
                .cloned()
                .collect();
            let seed = rng.next();
            member
                .write(|a, me| -> Result<(), Error> {
                    let mut r = Rng::new(seed);
                    for clause in &mine {
                        let value = StanceValue::ALL[r.below(4)];
                        let motivation = if r.chance(30) {
                            content::sentence(&mut r, 8)
                        } else {
                            String::new()
                        };
                        a.set_stance(me, clause, value, &motivation, now_ms() as f64)?;
                    }
                    Ok(())
                })
                .await??;
        }
        cast.settle().await?;
    }
    for member in cast.members.iter().take(SENDERS) {
        member
            .write(|a, me| a.send_answer(me, now_ms() as f64))
            .await??;
    }
    cast.settle().await?;
    // A few organisations change their mind on some clauses after sending.
    for member in cast.members.iter().take(10) {
        let picks: Vec<String> = (0..3)
            .map(|_| clauses[rng.below(clauses.len())].clone())
            .collect();
        member
            .write(|a, me| -> Result<(), Error> {
                for clause in &picks {
                    a.set_stance(
                        me,
                        clause,
                        StanceValue::SupportsWithChanges,
                        "Efter nämndens beslut.",
                        now_ms() as f64,
                    )?;
                }
                Ok(())
            })
            .await??;
    }
    Ok(())
}

/// Members support or oppose a few proposals each.
async fn support(cast: &Cast, rng: &mut Rng) -> Result<(), Error> {
    let proposals: Vec<String> = cast
        .coordinator
        .agreement
        .find_remarks(&samrad_domain::RemarkFilter {
            kind: Some(RemarkKind::Proposal),
            ..Default::default()
        })
        .into_iter()
        .map(|r| r.id)
        .collect();
    if proposals.is_empty() {
        return Ok(());
    }
    for member in &cast.members {
        let picks: Vec<(String, samrad_domain::Support)> = (0..2)
            .map(|_| {
                let s = if rng.chance(70) {
                    samrad_domain::Support::For
                } else {
                    samrad_domain::Support::Against
                };
                (proposals[rng.below(proposals.len())].clone(), s)
            })
            .collect();
        member
            .write(|a, me| {
                for (p, s) in &picks {
                    // A proposal withdrawn meanwhile takes no support: skip it.
                    let _ = a.set_support(me, p, Some(*s));
                }
            })
            .await?;
    }
    Ok(())
}

/// Merging: the coordinator gives a third of the remarks a disposition.
async fn merging(cast: &Cast, rng: &mut Rng) -> Result<(), Error> {
    cast.coordinator
        .write(|a, me| a.set_phase(me, Phase::Merging, None))
        .await??;
    let ids = cast
        .coordinator
        .agreement
        .find_remark_ids(&Default::default());
    let chosen: Vec<String> = ids.into_iter().filter(|_| rng.chance(33)).collect();
    for batch in chosen.chunks(50) {
        let seed = rng.next();
        cast.coordinator
            .write(|a, me| -> Result<(), Error> {
                let mut r = Rng::new(seed);
                for id in batch {
                    let value = samrad_domain::DispositionValue::ALL[1 + r.below(4)];
                    a.set_disposition(
                        me,
                        id,
                        value,
                        &content::sentence(&mut r, 6),
                        now_ms() as f64,
                    )?;
                }
                Ok(())
            })
            .await??;
    }
    Ok(())
}
