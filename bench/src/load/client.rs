//! One plain Yjs client over a plain websocket — the Rust twin of tests/bench/load/client.mjs:
//! the y-websocket handshake, a participant's presence and, for writers, keystrokes (a member
//! editing the body of their own remark, a coordinator typing into a clause's wording), the
//! same frames to both servers.
//!
//! Every write carries its sender's clock (`~T<ms>~W<writer>~`); a receiving client reads the
//! clock the moment its frame has been read off the socket and takes the difference. Receivers
//! do not integrate what they receive once the load runs (as the Node tool).

use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio::net::TcpStream;
use tokio::sync::{mpsc, oneshot};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use yrs::sync::protocol::{MSG_AWARENESS, MSG_SYNC, MSG_SYNC_UPDATE};
use yrs::sync::{Message as SyncFrame, MessageReader, SyncMessage};
use yrs::updates::decoder::{Decode, DecoderV1};
use yrs::updates::encoder::Encode;
use yrs::{Doc, MapRef, OffsetKind, Options, ReadTxn, StateVector, TextRef, Transact, Update};

use crate::machine::now;
use crate::stats::Stats;

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Set once the tool closes its clients: closes after that are not counted as the server's.
pub static STOPPING: AtomicBool = AtomicBool::new(false);

#[derive(Clone, Debug)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub organisation: String,
    pub role: String,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Writes {
    Text,
    Remark,
}

/// Who a client is, where it connects, and what it writes.
#[derive(Clone, Debug)]
pub struct Spec {
    pub index: usize,
    pub agreement: String,
    pub url: String,
    pub origin: String,
    pub cookie: Option<String>,
    pub person: Person,
    pub first: bool,
    pub peers: usize,
    pub writes: Option<Writes>,
    /// Whether the server acknowledges writes with its state vector (Samråd).
    pub acks: bool,
    /// The agreement the first client of an agreement brings to the Node server.
    pub seed: Option<Arc<Vec<u8>>>,
}

/// The measured window and the load, on [`now`]'s clock.
#[derive(Clone, Copy, Debug)]
pub struct Run {
    pub window_start: f64,
    pub window_end: f64,
    pub stop_at: f64,
    pub rate: f64,
    pub presence_hz: f64,
}

/// What the coordinator asks a connected client.
pub enum Cmd {
    Seed(oneshot::Sender<Vec<u8>>),
    Prepare(oneshot::Sender<()>),
    Run(Run),
    Close(oneshot::Sender<Stats>),
}

/// What went wrong connecting.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

pub struct Client {
    pub spec: Spec,
    pub doc: Doc,
    pub sink: SplitSink<Socket, Message>,
    pub synced: bool,
    pub closed: Option<String>,
    pub presence_clock: u32,
    pub typed: String,
    /// (clock, sent at) of writes waiting for the server's "saved".
    pub pending: VecDeque<(u32, f64)>,
    /// writer → the newest write stamp received from them.
    pub last_seen: HashMap<usize, f64>,
    pub clause: Option<String>,
    pub remark: Option<MapRef>,
    pub text: Option<TextRef>,
    pub caret: u32,
    pub marker: u32,
    pub rng: u64,
    pub measuring: Option<(f64, f64)>,
    pub stats: Stats,
}

/// Connects, waits for the server's SyncStep2, and leaves the client running on its own task.
pub async fn connect(spec: Spec) -> Result<mpsc::Sender<Cmd>, Error> {
    let mut request = spec.url.as_str().into_client_request()?;
    if let Some(cookie) = &spec.cookie {
        request
            .headers_mut()
            .insert("cookie", HeaderValue::from_str(cookie)?);
    }
    request
        .headers_mut()
        .insert("origin", HeaderValue::from_str(&spec.origin)?);
    // Small frames go out at once, as the Node tool's `ws` sockets (setNoDelay) send them.
    let (socket, _) = tokio_tungstenite::connect_async_with_config(request, None, true).await?;
    let (sink, mut stream) = socket.split();
    let mut client = Client::new(spec, sink);
    let hello = sync_frame(SyncMessage::SyncStep1(client.doc.transact().state_vector()));
    client.sink.send(Message::Binary(hello.into())).await?;
    client.send_presence(false).await;
    let index = client.spec.index;
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(60);
    while !client.synced {
        let frame = tokio::time::timeout_at(deadline, stream.next())
            .await
            .map_err(|_| format!("client {index}: not synced in 60 s"))?;
        match frame {
            Some(Ok(Message::Binary(b))) => client.receive(&b, now()).await,
            Some(Ok(Message::Close(f))) => {
                return Err(format!("client {index}: closed {}", close_key(f)).into())
            }
            Some(Ok(_)) => {}
            Some(Err(e)) => return Err(format!("client {index}: {e}").into()),
            None => return Err(format!("client {index}: closed").into()),
        }
    }
    let (tx, rx) = mpsc::channel(4);
    tokio::spawn(client.serve(stream, rx));
    Ok(tx)
}

/// `1000 reason` as the Node tool's close keys.
pub fn close_key(frame: Option<tokio_tungstenite::tungstenite::protocol::CloseFrame>) -> String {
    match frame {
        Some(f) => format!("{} {}", u16::from(f.code), f.reason),
        None => "1005 ".into(),
    }
}

/// A y-websocket sync message as a frame (`yrs::sync`'s encoding, as the server reads it).
pub fn sync_frame(message: SyncMessage) -> Vec<u8> {
    SyncFrame::Sync(message).encode_v1()
}

impl Client {
    fn new(spec: Spec, sink: SplitSink<Socket, Message>) -> Self {
        let doc = Doc::with_options(Options {
            // Lengths and positions as Yjs counts them.
            offset_kind: OffsetKind::Utf16,
            ..Options::default()
        });
        if let Some(seed) = &spec.seed {
            if let Ok(update) = Update::decode_v1(seed) {
                let _ = doc.transact_mut().apply_update(update);
            }
        }
        let rng = (spec.index as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        Client {
            spec,
            doc,
            sink,
            synced: false,
            closed: None,
            presence_clock: 0,
            typed: String::new(),
            pending: VecDeque::new(),
            last_seen: HashMap::new(),
            clause: None,
            remark: None,
            text: None,
            caret: 0,
            marker: 0,
            rng,
            measuring: None,
            stats: Stats::default(),
        }
    }

    /// A frame read at `at`: stamps are read from its bytes before anything else is done.
    pub async fn receive(&mut self, buf: &[u8], at: f64) {
        self.stats.frames_in += 1;
        match (buf.first(), buf.get(1)) {
            (Some(&MSG_AWARENESS), _) => {
                self.stats.presence_in += 1;
                self.presence_stamps(buf, at);
            }
            (Some(&MSG_SYNC), Some(&MSG_SYNC_UPDATE)) => self.write_stamps(buf, at),
            (Some(&MSG_SYNC), _) => self.sync_messages(buf).await,
            _ => {}
        }
    }

    fn presence_stamps(&mut self, buf: &[u8], at: f64) {
        let Some((start, end)) = self.measuring else {
            return;
        };
        let me = self.spec.index;
        let stats = &mut self.stats;
        stamps(buf, b"~P", |ms, writer| {
            if writer != me && ms >= start && ms < end {
                stats.presence_latency.push(at - ms);
            }
        });
    }

    fn write_stamps(&mut self, buf: &[u8], at: f64) {
        let me = self.spec.index;
        let window = self.measuring;
        let (stats, last_seen) = (&mut self.stats, &mut self.last_seen);
        stamps(buf, b"~T", |ms, writer| {
            // The Node server echoes writes to their sender.
            if writer == me {
                return;
            }
            // A write is delivered once: Samråd keeps a remark's replaced wording (with the
            // previous keystroke's stamp) in the same update as the new one. One writer's
            // stamps only grow.
            if last_seen.get(&writer).is_some_and(|seen| ms <= *seen) {
                return;
            }
            last_seen.insert(writer, ms);
            if let Some((start, end)) = window {
                if ms >= start && ms < end {
                    stats.deliveries += 1;
                    stats.latency.push(at - ms);
                }
            }
        });
    }

    /// SyncStep1/SyncStep2 messages, possibly several in one frame.
    async fn sync_messages(&mut self, buf: &[u8]) {
        let mut decoder = DecoderV1::from(buf);
        let messages: Vec<_> = MessageReader::new(&mut decoder).collect();
        for message in messages {
            match message {
                Ok(SyncFrame::Sync(SyncMessage::SyncStep1(sv))) => self.server_state(&sv).await,
                Ok(SyncFrame::Sync(SyncMessage::SyncStep2(body))) => {
                    if let Ok(update) = Update::decode_v1(&body) {
                        let _ = self.doc.transact_mut().apply_update(update);
                    }
                    self.synced = true;
                }
                Ok(_) => {}
                Err(_) => return,
            }
        }
    }

    /// The server's state vector: answers with what it lacks (only when it lacks something),
    /// and takes it as "saved" for our writes it covers.
    async fn server_state(&mut self, sv: &StateVector) {
        let stored = sv.get(&self.doc.client_id());
        let at = now();
        while let Some(&(clock, sent)) = self.pending.front() {
            if clock >= stored {
                break;
            }
            self.pending.pop_front();
            if let Some((start, end)) = self.measuring {
                if sent >= start && sent < end {
                    self.stats.ack_latency.push(at - sent);
                }
            }
        }
        let (ours, update) = {
            let txn = self.doc.transact();
            (txn.state_vector(), txn.encode_state_as_update_v1(sv))
        };
        let lacking = ours.iter().any(|(client, clock)| *clock > sv.get(client));
        if lacking {
            self.send_frame(sync_frame(SyncMessage::SyncStep2(update)))
                .await;
        }
    }

    pub async fn send_frame(&mut self, frame: Vec<u8>) {
        if self.closed.is_some() {
            return;
        }
        if let Err(e) = self.sink.send(Message::Binary(frame.into())).await {
            self.closed = Some(format!("1006 {e}"));
        }
    }

    /// The client's loop once connected: frames, the coordinator's commands, its timers.
    async fn serve(mut self, mut stream: SplitStream<Socket>, mut rx: mpsc::Receiver<Cmd>) {
        let mut timers = crate::timers::Timers::default();
        let mut prepared: Option<oneshot::Sender<()>> = None;
        loop {
            tokio::select! {
                frame = stream.next(), if self.closed.is_none() => {
                    let at = now();
                    self.frame(frame, at).await;
                    if self.pending.is_empty() {
                        if let Some(tx) = prepared.take() {
                            let _ = tx.send(());
                        }
                    }
                }
                cmd = rx.recv() => match cmd {
                    Some(Cmd::Seed(tx)) => {
                        let _ = tx.send(self.doc.transact().encode_state_as_update_v1(&StateVector::default()));
                    }
                    Some(Cmd::Prepare(tx)) => {
                        self.prepare().await;
                        if self.pending.is_empty() { let _ = tx.send(()); } else { prepared = Some(tx); }
                    }
                    Some(Cmd::Run(run)) => {
                        self.measuring = Some((run.window_start, run.window_end));
                        timers.start(&run, self.spec.writes.is_some(), &mut self.rng);
                    }
                    Some(Cmd::Close(tx)) => {
                        self.stats.open = self.closed.is_none();
                        let _ = self.sink.send(Message::Close(None)).await;
                        let _ = tx.send(std::mem::take(&mut self.stats));
                        return;
                    }
                    None => return,
                },
                tick = timers.next() => match tick {
                    crate::timers::Tick::Keystroke => self.keystroke().await,
                    crate::timers::Tick::Presence => {
                        let typing = self.spec.writes.is_some();
                        self.send_presence(typing).await;
                    }
                    crate::timers::Tick::Stop => {
                        timers.stop();
                    }
                },
            }
        }
    }

    async fn frame(
        &mut self,
        frame: Option<Result<Message, tokio_tungstenite::tungstenite::Error>>,
        at: f64,
    ) {
        let ended = match frame {
            Some(Ok(Message::Binary(b))) => return self.receive(&b, at).await,
            Some(Ok(Message::Close(f))) => close_key(f),
            Some(Ok(_)) => return,
            Some(Err(e)) => format!("1006 {e}"),
            None => "1006 ".into(),
        };
        if !STOPPING.load(Ordering::Relaxed) {
            *self.stats.closes.entry(ended.clone()).or_default() += 1;
        }
        self.closed = Some(ended);
    }

    /// A pseudo-random number in 0..1 (xorshift; the letters typed need no better).
    pub fn random(&mut self) -> f64 {
        crate::timers::random(&mut self.rng)
    }
}

/// Reads the `~T<ms>~W<writer>~` (or `~P…`) stamps in `buf`; calls `seen(ms, writer)`.
pub fn stamps(buf: &[u8], mark: &[u8; 2], mut seen: impl FnMut(f64, usize)) {
    let find = |from: usize, what: &[u8]| {
        buf.get(from..)
            .and_then(|rest| rest.windows(what.len()).position(|w| w == what))
            .map(|i| i + from)
    };
    let mut at = find(0, mark);
    while let Some(start) = at {
        let Some(w) = find(start + 2, b"~W") else {
            return;
        };
        let Some(end) = find(w + 2, b"~") else { return };
        let text = |a: usize, b: usize| std::str::from_utf8(&buf[a..b]).ok();
        if let (Some(ms), Some(writer)) = (
            text(start + 2, w).and_then(|t| t.parse::<f64>().ok()),
            text(w + 2, end).and_then(|t| t.parse::<usize>().ok()),
        ) {
            seen(ms, writer);
        }
        at = find(end, mark);
    }
}

#[cfg(test)]
mod tests {
    use super::stamps;

    #[test]
    fn stamps_are_read_from_bytes() {
        let mut seen = vec![];
        stamps(b"xx~T12.500~W3~ and ~T13.000~W4~ ~T", b"~T", |ms, w| {
            seen.push((ms, w))
        });
        assert_eq!(seen, vec![(12.5, 3), (13.0, 4)]);
    }
}
