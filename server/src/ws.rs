//! The websocket edge: moves frames between one socket and its room, nothing more.
//!
//! Generic over the socket halves so tests can drive it with channels. It enforces the
//! transport rules the room cannot see: binary frames only (text → 1003), a size limit
//! (→ 1009), message and byte rates (token buckets; a flood → 1008), liveness (a ping every
//! `ping_every`, close after `idle_timeout` of silence) and server shutdown (→ 1001). Protocol
//! errors (→ 1007) and storage come from the room thread; every close affects this connection
//! only.
//!
//! Sessions are checked at the handshake, and again while the socket is open: every
//! `session_every`, and at once when [`Checks::recheck`] changes (the registry's
//! [`Rooms::sessions_changed`](crate::rooms::Rooms::sessions_changed), called after a
//! revocation). A session found expired or revoked closes the socket with 1008 and
//! [`SESSION_ENDED`], so an open socket never outlives its session by more than one check
//! interval. A check that cannot decide (the store failed) keeps the socket: the next one
//! decides. Checks run beside the frame traffic, never blocking it.

use crate::rooms::{next_conn_id, Command, Outgoing, Relayed, RoomHandle};
use axum::extract::ws::{CloseFrame, Message};
use futures_util::{Sink, SinkExt, Stream, StreamExt};
use samrad_domain::Participant;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::sync::{mpsc, watch};
use tokio::time::{interval_at, Instant, MissedTickBehavior};

#[cfg(test)]
mod tests;

/// Transport limits of a sync connection.
#[derive(Debug, Clone, Copy)]
pub struct WsConfig {
    /// Largest binary frame accepted; larger ones close the connection with 1009.
    pub max_frame: usize,
    /// How often the server pings.
    pub ping_every: Duration,
    /// Silence (no frame, no pong) after which the connection is closed.
    pub idle_timeout: Duration,
    /// Frames queued for a slow client before it is dropped.
    pub outbox: usize,
    /// Sustained frames per second a client may send (bursts of twice that pass).
    pub messages_per_sec: f64,
    /// Sustained bytes per second a client may send (bursts up to two frames pass).
    pub bytes_per_sec: f64,
    /// How often an open connection re-checks that its session still holds.
    pub session_every: Duration,
}

impl Default for WsConfig {
    fn default() -> Self {
        WsConfig {
            max_frame: 8 * 1024 * 1024,
            ping_every: Duration::from_secs(20),
            idle_timeout: Duration::from_secs(60),
            outbox: 1024,
            // A person typing fast sends ~20 frames a second; reconnect sync is one big frame.
            messages_per_sec: 100.0,
            bytes_per_sec: 1024.0 * 1024.0,
            session_every: Duration::from_secs(15),
        }
    }
}

/// The close reason when a connection's session has expired or been revoked.
pub const SESSION_ENDED: &str = "session expired or revoked, please sign in again";

/// The verdict of re-checking the session behind an open connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionStatus {
    /// The session still holds.
    Valid,
    /// The session has expired or been revoked; the text is the close reason.
    Ended(String),
    /// The check itself failed (e.g. the store); the connection stays until a check decides.
    Unknown,
}

/// What, besides the socket itself, can end a connection.
#[derive(Debug)]
pub struct Checks<C> {
    /// Flips to `true` when the server stops (→ 1001).
    pub shutdown: watch::Receiver<bool>,
    /// Re-checks the connection's session (→ 1008 once it has ended); called every
    /// [`WsConfig::session_every`] and whenever `recheck` changes, never twice at once.
    pub session: C,
    /// Changes when sessions may have been revoked.
    pub recheck: watch::Receiver<u64>,
}

/// A session check against the store: the session behind `cookie` must still exist, be
/// unexpired and belong to `participant` and `agreement`.
pub(crate) fn store_session(
    store: crate::store::Store,
    cookie: String,
    participant: String,
    agreement: String,
) -> impl FnMut() -> Pin<Box<dyn Future<Output = SessionStatus> + Send>> + Send {
    move || {
        let (store, cookie) = (store.clone(), cookie.clone());
        let (participant, agreement) = (participant.clone(), agreement.clone());
        Box::pin(async move {
            let now = crate::now_ms();
            match store.run(move |store| store.session(&cookie, now)).await {
                Ok(Some(s)) if s.participant.id == participant && s.agreement.id == agreement => {
                    SessionStatus::Valid
                }
                Ok(_) => SessionStatus::Ended(SESSION_ENDED.into()),
                Err(error) => {
                    tracing::warn!(%error, "re-checking a session failed");
                    SessionStatus::Unknown
                }
            }
        })
    }
}

/// The close codes a sync connection ends with (RFC 6455 §7.4.1), declared once; each close
/// carries a reason. The app tells a refusal (1008 with a reason) from a lost connection.
pub mod close {
    /// The server stops, or the client went silent.
    pub const GOING_AWAY: u16 = 1001;
    /// A text frame, or a message type clients may not send.
    pub const UNSUPPORTED: u16 = 1003;
    /// A frame that is not a y-websocket message sequence (or an update that is not v1).
    pub const INVALID_DATA: u16 = 1007;
    /// A refused change, an ended session, a flood, or a cap reached.
    pub const POLICY: u16 = 1008;
    /// A frame, value or agreement larger than the server takes.
    pub const TOO_BIG: u16 = 1009;
    /// The server could not handle the frame (a fault on its side; nothing was changed).
    pub const INTERNAL: u16 = 1011;
    /// The room was reloaded: reconnect.
    pub const RESTART: u16 = 1012;
}

/// A token bucket: `rate` tokens a second, holding at most `burst`.
#[derive(Debug)]
struct Bucket {
    tokens: f64,
    rate: f64,
    burst: f64,
    at: Instant,
}

impl Bucket {
    fn new(rate: f64, burst: f64) -> Bucket {
        Bucket {
            tokens: burst,
            rate,
            burst,
            at: Instant::now(),
        }
    }

    /// Takes `n` tokens if there are enough.
    fn take(&mut self, n: f64) -> bool {
        let now = Instant::now();
        self.tokens =
            (self.tokens + now.duration_since(self.at).as_secs_f64() * self.rate).min(self.burst);
        self.at = now;
        if self.tokens >= n {
            self.tokens -= n;
            true
        } else {
            false
        }
    }
}

/// Serves one connection of `participant` until either side ends it, the server stops or the
/// session ends (see [`Checks`]).
pub async fn serve<Si, St, E, C, F>(
    mut sink: Si,
    mut stream: St,
    room: RoomHandle,
    participant: Participant,
    config: WsConfig,
    checks: Checks<C>,
) where
    Si: Sink<Message> + Unpin,
    St: Stream<Item = Result<Message, E>> + Unpin,
    C: FnMut() -> F,
    F: Future<Output = SessionStatus>,
{
    let Checks {
        mut shutdown,
        session: mut check_session,
        mut recheck,
    } = checks;
    let conn = next_conn_id();
    let (outbox, mut inbox) = mpsc::channel(config.outbox.max(1));
    let mut messages = Bucket::new(config.messages_per_sec, config.messages_per_sec * 2.0);
    let max_frame = config.max_frame as f64;
    let mut bytes = Bucket::new(
        config.bytes_per_sec,
        (config.bytes_per_sec * 2.0).max(max_frame * 2.0),
    );
    if !room
        .send(Command::Join {
            conn,
            participant,
            outbox,
        })
        .await
    {
        close(&mut sink, close::INTERNAL, "room unavailable").await;
        return;
    }
    let mut last_heard = Instant::now();
    let mut ticker = interval_at(Instant::now() + config.ping_every, config.ping_every);
    ticker.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut session_ticker =
        interval_at(Instant::now() + config.session_every, config.session_every);
    session_ticker.set_missed_tick_behavior(MissedTickBehavior::Delay);
    // The session check under way, if any; polled beside the traffic so a slow store never
    // holds up frames.
    let mut checking: Option<Pin<Box<F>>> = None;

    let ending: Option<(u16, String)> = loop {
        tokio::select! {
            incoming = stream.next() => {
                let Some(Ok(message)) = incoming else { break None };
                last_heard = Instant::now();
                match message {
                    Message::Binary(frame) if frame.len() > config.max_frame => {
                        break Some((close::TOO_BIG, format!("frames are limited to {} bytes", config.max_frame)));
                    }
                    Message::Binary(frame) if !messages.take(1.0) || !bytes.take(frame.len() as f64) => {
                        break Some((close::POLICY, "too many messages, slow down".into()));
                    }
                    Message::Binary(frame) => {
                        if !room.frame(conn, frame).await {
                            break Some((close::INTERNAL, "room unavailable".into()));
                        }
                    }
                    Message::Text(_) => break Some((close::UNSUPPORTED, "binary frames only".into())),
                    // The websocket library answers pings itself; a close is echoed by it too.
                    Message::Ping(_) | Message::Pong(_) => {}
                    Message::Close(_) => break None,
                }
            }
            out = inbox.recv() => match out {
                Some(Outgoing::Close(code, reason)) => break Some((code, reason)),
                Some(first) => match write_queued(&mut sink, first, &mut inbox).await {
                    Ok(None) => {}
                    Ok(Some(ending)) => break Some(ending),
                    Err(()) => break None,
                },
                None => break Some(behind()),
            },
            _ = ticker.tick() => {
                if last_heard.elapsed() >= config.idle_timeout {
                    break Some((close::GOING_AWAY, "no sign of life".into()));
                }
                if sink.send(Message::Ping(Default::default())).await.is_err() { break None }
            }
            _ = stopping(&mut shutdown) => {
                break Some((close::GOING_AWAY, "server shutting down".into()));
            }
            _ = session_ticker.tick(), if checking.is_none() => {
                checking = Some(Box::pin(check_session()));
            }
            // A change seen while a check is under way waits for it, then starts another: a
            // revocation after the running check's query is never missed.
            _ = nudged(&mut recheck), if checking.is_none() => {
                checking = Some(Box::pin(check_session()));
            }
            status = finished(&mut checking), if checking.is_some() => {
                checking = None;
                if let SessionStatus::Ended(reason) = status {
                    break Some((close::POLICY, reason));
                }
            }
        }
    };
    if let Some((code, reason)) = ending {
        close(&mut sink, code, &reason).await;
    }
    room.send(Command::Leave { conn }).await;
}

/// Most frames written to a socket with one flush.
const MAX_FRAMES_PER_FLUSH: usize = 64;

/// The close when the room dropped our outbox: we fell too far behind.
fn behind() -> (u16, String) {
    (close::POLICY, "too far behind, please reconnect".into())
}

/// Writes `first` and whatever else the room has queued for this socket already (up to
/// [`MAX_FRAMES_PER_FLUSH`]), then flushes once: a busy room's frames reach the client in one
/// write instead of one system call each. Each message stays its own websocket frame (a
/// y-websocket client reads one message per frame). Returns how the connection should end if
/// the queue said so (a close, or the outbox dropped), `Err` if the socket failed.
async fn write_queued<Si: Sink<Message> + Unpin>(
    sink: &mut Si,
    first: Outgoing,
    inbox: &mut mpsc::Receiver<Outgoing>,
) -> Result<Option<(u16, String)>, ()> {
    // The relays among them, timed once they are written.
    let mut relays = Vec::new();
    let mut next = Some(first);
    let mut ending = None;
    for _ in 0..MAX_FRAMES_PER_FLUSH {
        let outgoing = match next.take() {
            Some(outgoing) => Ok(outgoing),
            None => inbox.try_recv(),
        };
        match outgoing {
            Ok(Outgoing::Frame(frame)) => {
                sink.feed(Message::Binary(frame)).await.map_err(|_| ())?
            }
            Ok(Outgoing::Relay(frame, relayed)) => {
                sink.feed(Message::Binary(frame)).await.map_err(|_| ())?;
                relays.push(relayed);
            }
            Ok(Outgoing::Close(code, reason)) => {
                ending = Some((code, reason));
                break;
            }
            Err(mpsc::error::TryRecvError::Empty) => break,
            Err(mpsc::error::TryRecvError::Disconnected) => {
                ending = Some(behind());
                break;
            }
        }
    }
    sink.flush().await.map_err(|_| ())?;
    relays.iter().for_each(Relayed::written);
    Ok(ending)
}

/// Resolves when the server starts shutting down (never, if the server's handle is gone).
async fn stopping(shutdown: &mut watch::Receiver<bool>) {
    if shutdown.wait_for(|stopping| *stopping).await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// Resolves when `recheck` changes (never, if its sender is gone).
async fn nudged(recheck: &mut watch::Receiver<u64>) {
    if recheck.changed().await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// The result of the running check (never resolves if there is none).
async fn finished<F: Future>(checking: &mut Option<Pin<Box<F>>>) -> F::Output {
    match checking {
        Some(check) => check.as_mut().await,
        None => std::future::pending().await,
    }
}

async fn close<Si: Sink<Message> + Unpin>(sink: &mut Si, code: u16, reason: &str) {
    // A close reason is limited to 123 bytes; cut on a character boundary.
    let mut end = reason.len().min(123);
    while !reason.is_char_boundary(end) {
        end -= 1;
    }
    let frame = CloseFrame {
        code,
        reason: reason[..end].into(),
    };
    let _ = sink.send(Message::Close(Some(frame))).await;
    let _ = sink.close().await;
}
