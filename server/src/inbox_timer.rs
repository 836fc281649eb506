//! The clock's part of being told: every so often, organisations whose deadline lies within
//! `samrad_domain::DEADLINE_WARNING_MS` get one warning per participant (the store's
//! `once_key` keeps it to one per deadline however often this runs), told live to those
//! connected.

use crate::rooms::{Command, Rooms};
use crate::store::{OpenDeadline, Store};
use samrad_domain::{deadline_notices, InboxMessage, DEADLINE_WARNING_MS};
use std::time::Duration;
use tokio::sync::watch;

/// How often deadlines are checked, by default.
pub const DEFAULT_DEADLINE_CHECK: Duration = Duration::from_secs(10 * 60);

/// Checks deadlines every `every` until `stop` turns true.
pub(crate) async fn run(
    store: Store,
    rooms: Rooms,
    every: Duration,
    mut stop: watch::Receiver<bool>,
) {
    let mut ticks = tokio::time::interval(every);
    loop {
        tokio::select! {
            _ = ticks.tick() => {}
            _ = stop.wait_for(|s| *s) => return,
        }
        let now = crate::now_ms() as f64;
        let s = store.clone();
        let warned = tokio::task::spawn_blocking(move || warn(&s, now)).await;
        match warned {
            Ok(Ok(told)) => {
                for (agreement, participant, message) in told {
                    if let Some(room) = rooms.loaded(&agreement) {
                        room.send(Command::Tell {
                            participant,
                            message,
                        })
                        .await;
                    }
                }
            }
            Ok(Err(e)) => tracing::warn!(error = %e, "checking deadlines failed"),
            Err(e) => tracing::warn!(error = %e, "checking deadlines failed"),
        }
    }
}

/// Stores the warnings due at `now_ms`; returns what to tell whom, live.
type Told = Vec<(String, String, InboxMessage)>;

fn warn(store: &Store, now_ms: f64) -> Result<Told, crate::store::StoreError> {
    let due = store.deadlines_between(now_ms, now_ms + DEADLINE_WARNING_MS)?;
    let mut told = Vec::new();
    let mut agreements: Vec<&str> = due.iter().map(|d| d.agreement.as_str()).collect();
    agreements.dedup();
    for agreement in agreements {
        let deadlines: Vec<(String, f64)> = due
            .iter()
            .filter(|d| d.agreement == agreement)
            .map(
                |OpenDeadline {
                     organisation,
                     deadline_ms,
                     ..
                 }| (organisation.clone(), *deadline_ms),
            )
            .collect();
        let people = store.participants(agreement)?;
        let notices = deadline_notices(&deadlines, &people, now_ms);
        for item in store.add_notices(agreement, &notices, now_ms as i64)? {
            let participant = item.notice.recipient.clone();
            told.push((
                agreement.to_string(),
                participant,
                InboxMessage::New { item },
            ));
        }
    }
    Ok(told)
}
