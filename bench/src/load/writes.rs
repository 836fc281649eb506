//! What a client writes, as Samråd's app writes it (so Samråd's guard accepts it): presence,
//! a member's remark and its body's keystrokes, a coordinator's keystrokes in a clause.

use std::collections::HashMap;
use yrs::sync::awareness::AwarenessUpdateEntry;
use yrs::sync::{AwarenessUpdate, Message, SyncMessage};
use yrs::updates::encoder::Encode;
use yrs::{Any, Map, MapPrelim, Out, ReadTxn, Text, Transact, TransactionMut};

use crate::client::{sync_frame, Client, Writes};
use crate::machine::{epoch_ms, now};

const LETTERS: [char; 30] = [
    'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's',
    't', 'u', 'v', 'w', 'x', 'y', 'z', 'å', 'ä', 'ö', ' ',
];

impl Client {
    /// Presence as Samråd's app announces it, plus a moving cursor and the sender's clock.
    pub async fn send_presence(&mut self, typing: bool) {
        let p = &self.spec.person;
        let at = now();
        let cursor = self.typed.chars().count();
        let json = serde_json::json!({
            "participant": p.id, "name": p.name, "organisation": p.organisation, "role": p.role,
            "clause": self.clause,
            "typing": if typing { self.clause.clone() } else { None },
            "cursor": { "anchor": cursor, "head": cursor },
            "at": format!("~P{at:.3}~W{}~", self.spec.index),
        })
        .to_string();
        self.presence_clock += 1;
        let entry = AwarenessUpdateEntry {
            clock: self.presence_clock,
            json: json.into(),
        };
        let update = AwarenessUpdate {
            clients: HashMap::from([(self.doc.client_id(), entry)]),
        };
        self.send_frame(Message::Awareness(update).encode_v1())
            .await;
        if let Some((start, end)) = self.measuring {
            if at >= start && at < end && self.closed.is_none() {
                self.stats.presence_out += 1;
            }
        }
    }

    /// The first clause (by id), and for a member their own remark on it (one update).
    pub async fn prepare(&mut self) {
        let clauses = self.doc.get_or_insert_map("clauses");
        let meta = self.doc.get_or_insert_map("meta");
        let (clause, phase, text) = {
            let txn = self.doc.transact();
            let mut keys: Vec<String> = clauses.keys(&txn).map(str::to_string).collect();
            keys.sort();
            let clause = keys.into_iter().next();
            let phase = match meta.get(&txn, "phase") {
                Some(Out::Any(Any::String(s))) => s.to_string(),
                _ => "drafting".to_string(),
            };
            let text = clause.as_deref().and_then(|c| match clauses.get(&txn, c) {
                Some(Out::YMap(m)) => match m.get(&txn, "text") {
                    Some(Out::YText(t)) => Some(t),
                    _ => None,
                },
                _ => None,
            });
            (clause, phase, text)
        };
        self.clause = clause.clone();
        match self.spec.writes {
            Some(Writes::Remark) => self.add_remark(clause.unwrap_or_default(), phase).await,
            Some(Writes::Text) => {
                if let Some(t) = &text {
                    self.caret = t.len(&self.doc.transact());
                }
                self.text = text;
                self.marker = 0;
            }
            None => {}
        }
    }

    async fn add_remark(&mut self, clause: String, phase: String) {
        let p = self.spec.person.clone();
        let own = self.doc.client_id();
        let id = format!(
            "r{:x}-{}",
            own.get(),
            self.doc.transact().state_vector().get(&own)
        );
        let remarks = self.doc.get_or_insert_map("remarks");
        let body = format!("Synpunkt från {} på punkt {clause}.", p.name);
        let fields = MapPrelim::from([
            ("clause", Any::from(clause)),
            ("author", Any::from(p.id)),
            ("author_name", Any::from(p.name)),
            ("organisation", Any::from(p.organisation)),
            ("role", Any::from(p.role)),
            ("body", Any::from(body)),
            ("created_ms", Any::from(epoch_ms())),
            ("phase", Any::from(phase)),
            ("kind", Any::from("comment")),
        ]);
        let mut made = None;
        self.send(now(), |txn| made = Some(remarks.insert(txn, id, fields)))
            .await;
        self.remark = made;
    }

    /// One keystroke, stamped with the sender's clock.
    pub async fn keystroke(&mut self) {
        let Some(writes) = self.spec.writes else {
            return;
        };
        if self.closed.is_some() {
            return;
        }
        let letter = LETTERS[(self.random() * LETTERS.len() as f64) as usize % LETTERS.len()];
        let at = now();
        let stamp = format!("~T{at:.3}~W{}~", self.spec.index);
        let measured = self.measuring.is_some_and(|(s, e)| at >= s && at < e);
        if writes == Writes::Remark {
            self.typed.push(letter);
            let skip = self.typed.chars().count().saturating_sub(60);
            self.typed = self.typed.chars().skip(skip).collect();
            let body = format!(
                "Synpunkt från {}: {} {stamp}",
                self.spec.person.name, self.typed
            );
            let Some(remark) = self.remark.clone() else {
                return;
            };
            self.send(at, |txn| {
                remark.insert(txn, "body", body);
                remark.insert(txn, "edited_ms", Any::from(epoch_ms()));
            })
            .await;
        } else {
            // Typing at the caret: the previous stamp goes, the letter and a new stamp come.
            let Some(text) = self.text.clone() else {
                return;
            };
            let (caret, marker) = (self.caret, self.marker);
            let chunk = format!("{letter}{stamp}");
            self.send(at, |txn| {
                if marker > 0 {
                    text.remove_range(txn, caret, marker);
                }
                text.insert(txn, caret, &chunk);
            })
            .await;
            self.caret += 1;
            self.marker = stamp.len() as u32;
        }
        if measured {
            self.stats.writes += 1;
            self.stats.expected += self.spec.peers as u64;
        }
    }

    /// Runs `change` in one transaction and sends what it made as a y-websocket Update.
    async fn send(&mut self, at: f64, change: impl FnOnce(&mut TransactionMut)) {
        let own = self.doc.client_id();
        // The transaction's own update, as Yjs's `update` event gives it: a diff against
        // the state vector would carry the document's whole delete set, growing with every
        // keystroke that replaces a stamp.
        let (update, clock) = {
            let mut txn = self.doc.transact_mut();
            let before = txn.state_vector();
            change(&mut txn);
            let after = txn.state_vector();
            if after == before {
                return;
            }
            (txn.encode_update_v1(), after.get(&own))
        };
        self.send_frame(sync_frame(SyncMessage::Update(update)))
            .await;
        // Saved once the server's state vector passes this write's last clock (Samråd only:
        // the Node server stores nothing and says nothing).
        if self.spec.acks {
            self.pending.push_back((clock.saturating_sub(1), at));
        }
    }
}
