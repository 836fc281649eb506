//! The two target bodies. Each returns `Err` with what it found — the cargo-fuzz binaries
//! panic on it, `cargo test` fails on it — and must never panic itself on its own account: any
//! panic is a finding too.

use crate::input::{Frame, Judged, Msg, Script, Who};
use crate::seeds::{self, trusted};
use crate::world::{self, World};
use crate::{NOW, SINCE};
use samrad_domain::wire::{parse_update, Block, Item, Limits, Parent};
use samrad_domain::yrs::sync::awareness::AwarenessUpdateEntry;
use samrad_domain::yrs::sync::{AwarenessUpdate, Message, SyncMessage};
use samrad_domain::yrs::updates::encoder::Encode;
use samrad_domain::yrs::{ClientID, ReadTxn, StateVector, Transact};
use samrad_domain::{demo, Agreement, Guard, Participant, SyncClient, Writer};
use samrad_server::room::{ConnId, Room, RoomError, SERVER_CLIENT_ID};
use std::collections::HashMap;

fn person(who: Who) -> Participant {
    let people = demo::participants();
    let n = match who {
        Who::Coordinator => 0,
        Who::Member => 1,
        Who::Jurist => 2,
        Who::Observer => 3,
    };
    people[n].clone()
}

/// A connection, with its client's replica once a message needs one.
struct Conn {
    id: ConnId,
    who: Participant,
    client: u64,
    replica: Option<(Agreement, SyncClient)>,
}

impl Conn {
    fn new(n: u64, who: Participant, generation: u64) -> Conn {
        Conn {
            id: ConnId(n),
            who,
            client: 100 + n * 1000 + generation,
            replica: None,
        }
    }

    /// The client's replica, loaded from the room's `state` when first needed (most inputs
    /// never need one, and loading is most of a run's cost).
    fn replica(&mut self, state: &dyn Fn() -> Vec<u8>) -> &mut (Agreement, SyncClient) {
        let client = self.client;
        self.replica.get_or_insert_with(|| {
            let replica = trusted(client, &state()).unwrap_or_else(|_| Agreement::new(client));
            let sync = SyncClient::new(&replica, || NOW as u64);
            (replica, sync)
        })
    }

    /// The bytes of one frame's messages, aimed at `world`.
    fn frame(
        &mut self,
        frame: &Frame,
        world: &World,
        room_sv: &[u8],
        state: &dyn Fn() -> Vec<u8>,
    ) -> Vec<u8> {
        let own = [self.client, self.client + 1, self.client + 2];
        let mut out = Vec::new();
        for message in &frame.messages {
            match message {
                Msg::Hello => out.extend(self.replica(state).1.hello()),
                Msg::StateVector(entries) => {
                    let mut sv = StateVector::default();
                    for (c, clock) in entries {
                        let client = match c {
                            crate::input::ClientPick::Raw(r) => {
                                *r & samrad_domain::wire::MAX_CLIENT_ID
                            }
                            _ => self.client,
                        };
                        sv.set_max(ClientID::new(client), *clock);
                    }
                    out.extend(Message::Sync(SyncMessage::SyncStep1(sv)).encode_v1());
                }
                Msg::Update(step2, spec) => {
                    let update = world::update(spec, world, &own);
                    let message = if *step2 {
                        SyncMessage::SyncStep2(update)
                    } else {
                        SyncMessage::Update(update)
                    };
                    out.extend(Message::Sync(message).encode_v1());
                }
                Msg::Honest(op) => {
                    let who = self.who.clone();
                    let (replica, _) = self.replica(state);
                    world::perform(op, replica, &who, NOW);
                    if let Ok(diff) = replica.encode_diff(room_sv) {
                        out.extend(SyncClient::update_frame(&diff));
                    }
                }
                Msg::Presence(entries) => {
                    let mut update = AwarenessUpdate {
                        clients: HashMap::new(),
                    };
                    for (c, clock, json) in entries {
                        let client = match c {
                            crate::input::ClientPick::Raw(r) => {
                                *r & samrad_domain::wire::MAX_CLIENT_ID
                            }
                            crate::input::ClientPick::Own(n) => own[usize::from(*n) % own.len()],
                            crate::input::ClientPick::Known(_) => SERVER_CLIENT_ID,
                        };
                        update.clients.insert(
                            ClientID::new(client),
                            AwarenessUpdateEntry {
                                clock: *clock,
                                json: world::presence(json).into(),
                            },
                        );
                    }
                    out.extend(Message::Awareness(update).encode_v1());
                }
                Msg::Query => out.push(3),
                Msg::Raw(tag, body) => {
                    out.push(*tag & 0x7f);
                    let mut len = body.len();
                    while len >= 0x80 {
                        out.push((len as u8 & 0x7f) | 0x80);
                        len >>= 7;
                    }
                    out.push(len as u8);
                    out.extend(body);
                }
            }
        }
        out
    }
}

/// The remark entries a stored update creates.
fn new_remarks(update: &[u8]) -> Vec<String> {
    let Ok(parsed) = parse_update(update, Limits::STORED) else {
        return Vec::new();
    };
    parsed
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Item(Item {
                parent: Some(Parent::Root("remarks")),
                key: Some(key),
                ..
            }) => Some(key.to_string()),
            _ => None,
        })
        .collect()
}

fn snapshot(room: &Room) -> samrad_domain::yrs::Snapshot {
    room.agreement().doc().transact().snapshot()
}

/// Frames into a room from two connections, handled as the room thread handles them.
/// Checked: nothing panics; a refused frame leaves the room exactly as it was; integration never
/// does anything but what was judged; an accepted frame's new remarks carry their writer's own
/// identity; an observer changes nothing; and at the end, the stored log alone rebuilds the room.
pub fn room_frame(script: &Script) -> Result<(), String> {
    let n = seeds::pick(script.phase);
    let state = seeds::state(n);
    let mut log = vec![state.to_vec()];
    let guard = seeds::fresh_guard(n)?;
    let mut room = Room::guarded(guard, state.len() as u64, HashMap::new()).with_since(SINCE);
    let mut conns = [
        Conn::new(1, person(script.people[0]), 0),
        Conn::new(2, person(script.people[1]), 0),
    ];
    for c in &conns {
        room.join(c.id, c.who.clone())
            .map_err(|e| format!("joining: {e}"))?;
    }
    // Aimed at the demo as it was; ids the run adds are reached by honest operations and by
    // naming items of the same update.
    let template = seeds::template(n)?;
    let world = &template.1;
    for (n, frame) in script.frames.iter().enumerate().take(32) {
        let i = usize::from(frame.second);
        let sv = room.agreement().state_vector();
        let bytes = {
            let room = &room;
            // While nothing is stored, the room holds the seed as it was stored.
            let unchanged = log.len() == 1;
            conns[i].frame(frame, world, &sv, &|| {
                if unchanged {
                    state.to_vec()
                } else {
                    room.state()
                }
            })
        };
        let before = snapshot(&room);
        match room.receive(conns[i].id, &bytes, NOW) {
            Ok(effects) => {
                let writer = &conns[i].who;
                let created = effects.to_store.as_deref().map(new_remarks);
                if created.is_some() && writer.role == samrad_domain::Role::Observer {
                    return Err(format!("frame {n}: an observer changed the agreement"));
                }
                log.extend(effects.to_store);
                for id in created.iter().flatten() {
                    let Some(r) = room.agreement().remark(id) else {
                        continue;
                    };
                    if r.author != writer.id
                        || r.organisation != writer.organisation
                        || r.author_name != writer.name
                        || r.role != writer.role
                    {
                        return Err(format!(
                            "frame {n}: remark {id} does not name its writer: {r:?}"
                        ));
                    }
                }
                for (target, out) in effects.to_send {
                    for c in conns.iter_mut() {
                        let wanted = match target {
                            samrad_server::room::Target::Only(t) => t == c.id,
                            samrad_server::room::Target::AllBut(t) => t != c.id,
                        };
                        if let (true, Some((_, sync))) = (wanted, c.replica.as_mut()) {
                            let _ = sync.receive(&out);
                        }
                    }
                }
            }
            Err(RoomError::Apply(e)) => {
                return Err(format!(
                    "frame {n}: integration differs from the judgement: {e}"
                ))
            }
            Err(e) => {
                if snapshot(&room) != before {
                    return Err(format!("frame {n}: refused ({e}) yet the room changed"));
                }
                // As the room thread: the connection is closed; the client comes back with a
                // fresh replica.
                room.leave(conns[i].id);
                let fresh = Conn::new(conns[i].id.0, conns[i].who.clone(), n as u64 + 1);
                conns[i] = fresh;
                room.join(conns[i].id, conns[i].who.clone())
                    .map_err(|e| format!("rejoining: {e}"))?;
            }
        }
    }
    if log.len() == 1 {
        return Ok(());
    }
    let reloaded = Room::load(&log, HashMap::new())
        .map_err(|e| format!("the stored log no longer loads: {e}"))?;
    let (a, b) = (reloaded.agreement(), room.agreement());
    if a.doc().transact().snapshot() != b.doc().transact().snapshot() || a.clauses() != b.clauses()
    {
        return Err("the stored log does not rebuild the room".into());
    }
    Ok(())
}

/// One update through the guard. Checked: nothing panics; a refused update changes nothing;
/// an accepted one — and each honest operation before it, whose new remarks the server stamps —
/// integrates as judged, and what is stored, applied alone to a copy of the agreement as it was,
/// gives the same agreement; an observer's is never accepted as a change.
pub fn apply_update(input: &Judged) -> Result<(), String> {
    let who = person(input.who);
    let client = 100;
    let owns_all = input.owns_all;
    let owns = |c: u64| owns_all || c == client;
    let writer = Writer {
        participant: &who,
        now_ms: NOW,
        since_ms: SINCE,
    };
    let own = [client, client + 1, client + 2];
    let n = seeds::pick(input.phase);
    let template = seeds::template(n)?;
    // Straight on the seed: judged on the template guard; only a change goes on to a fresh one.
    let mut accepted_on_template = false;
    if input.prelude().is_empty() {
        let (guard, world) = (&template.0, &template.1);
        let update = world::update(&input.update, world, &own);
        let sv = guard.agreement().state_vector();
        let verdict = guard.judge(&writer, &update, owns);
        if guard.agreement().state_vector() != sv {
            return Err("judging changed the agreement".into());
        }
        match verdict {
            Err(_) => return Ok(()),
            Ok(v) if !v.changes() => return Ok(()),
            Ok(_) => accepted_on_template = true,
        }
    }
    let mut guard = seeds::fresh_guard(n)?;
    // The agreement as it was before each stored update: the seed, then every stored update.
    let shadow = trusted(7, seeds::state(n))?;
    if !input.prelude().is_empty() {
        prelude(input, &who, &writer, &mut guard, &shadow)?;
    }
    let update = if accepted_on_template {
        world::update(&input.update, &template.1, &own)
    } else {
        world::update(&input.update, &World::of(guard.agreement()), &own)
    };
    let before = guard.agreement().doc().transact().snapshot();
    let verdict = guard.judge(&writer, &update, owns);
    if guard.agreement().doc().transact().snapshot() != before {
        return Err("judging changed the agreement".into());
    }
    let verdict = match verdict {
        Ok(v) => v,
        Err(e) if accepted_on_template => {
            return Err(format!("accepted by one guard, refused by its twin: {e}"))
        }
        Err(_) => return Ok(()),
    };
    let integrated = guard
        .integrate(verdict, NOW)
        .map_err(|e| format!("integration differs from the judgement: {e}"))?;
    let Some(stored) = integrated.update else {
        return Ok(());
    };
    if who.role == samrad_domain::Role::Observer {
        return Err("an observer's update was accepted as a change".into());
    }
    stored_rebuilds(&shadow, &stored, &guard)
}

/// The input's honest operations, written by the writer's replica, judged and integrated by
/// `guard`; each stored update is checked against `shadow`.
fn prelude(
    input: &Judged,
    who: &Participant,
    writer: &Writer,
    guard: &mut Guard,
    shadow: &Agreement,
) -> Result<(), String> {
    let client = 100;
    let replica = trusted(client, seeds::state(seeds::pick(input.phase)))?;
    for op in input.prelude().iter().take(8) {
        world::perform(op, &replica, who, NOW);
        let diff = replica
            .encode_diff(&guard.agreement().state_vector())
            .map_err(|e| e.to_string())?;
        if let Ok(verdict) = guard.judge(writer, &diff, |c| c == client) {
            let integrated = guard
                .integrate(verdict, NOW)
                .map_err(|e| format!("an honest operation integrated differently: {e}"))?;
            // Honest operations are the inputs' new remarks and answers, so they carry the
            // server's stamp: what is stored must hold it too.
            if let Some(stored) = integrated.update {
                stored_rebuilds(shadow, &stored, guard)
                    .map_err(|e| format!("an honest operation: {e}"))?;
            }
        }
    }
    Ok(())
}

/// Whether `stored`, applied alone to the agreement as it was (`shadow`, which then moves on
/// with it), gives the guard's agreement as it now is: what the server stores and relays is
/// the whole change.
fn stored_rebuilds(shadow: &Agreement, stored: &[u8], guard: &Guard) -> Result<(), String> {
    shadow
        .apply_update(stored)
        .map_err(|e| format!("what was stored does not apply on its own: {e}"))?;
    let (a, b) = (shadow.doc().transact(), guard.agreement().doc().transact());
    if a.snapshot() != b.snapshot() || a.has_missing_updates() {
        return Err("what was stored gives another agreement".into());
    }
    Ok(())
}
