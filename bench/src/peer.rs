//! A participant connected over the sync websocket, as the app is: its own replica, the
//! sans-IO [`SyncClient`] answering the server, and a task that keeps reading frames. Writes
//! go through the domain's own operations on the replica (so the server's guard judges them
//! as it judges the app's), and what they changed is sent as one update frame.

use futures_util::stream::{SplitSink, StreamExt};
use futures_util::SinkExt;
use samrad_domain::yrs::{ReadTxn, StateVector, Transact};
use samrad_domain::{Agreement, Participant, SyncClient};
use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use samrad_bench::session::Error;

type Sink = SplitSink<WebSocketStream<MaybeTlsStream<TcpStream>>, Message>;

/// Frames a second this peer sends at most: well inside the server's per-connection limit.
const FRAMES_PER_SEC: f64 = 40.0;

/// A connected participant.
pub struct Peer {
    pub me: Participant,
    pub agreement: Agreement,
    sink: Rc<tokio::sync::Mutex<Sink>>,
    /// Set by the reading task if the server closed the connection.
    closed: Rc<RefCell<Option<String>>>,
    last_sent: RefCell<Instant>,
}

impl Peer {
    /// Connects to `agreement` on the server at `base` with a session `cookie`, and waits
    /// until the server's state has arrived.
    pub async fn connect(
        base: &str,
        agreement_id: &str,
        cookie: &str,
        me: Participant,
        client_id: u64,
    ) -> Result<Peer, Error> {
        let ws_url = format!("{}/sync/{agreement_id}", base.replacen("http", "ws", 1));
        let mut request = ws_url.as_str().into_client_request()?;
        request
            .headers_mut()
            .insert("cookie", HeaderValue::from_str(cookie)?);
        request
            .headers_mut()
            .insert("origin", HeaderValue::from_str(base)?);
        let (socket, _) = tokio_tungstenite::connect_async(request).await?;
        let (mut sink, mut stream) = socket.split();
        let agreement = Agreement::new(client_id);
        let mut sync = SyncClient::new(&agreement, now_ms);
        sink.send(Message::Binary(sync.hello().into())).await?;
        let sink = Rc::new(tokio::sync::Mutex::new(sink));
        let closed: Rc<RefCell<Option<String>>> = Rc::default();
        let (synced_tx, synced_rx) = tokio::sync::oneshot::channel::<()>();
        let reader_sink = sink.clone();
        let reader_closed = closed.clone();
        tokio::task::spawn_local(async move {
            let mut synced = Some(synced_tx);
            while let Some(frame) = stream.next().await {
                match frame {
                    Ok(Message::Binary(frame)) => match sync.receive(&frame) {
                        Ok(replies) => {
                            for reply in replies {
                                let _ = reader_sink
                                    .lock()
                                    .await
                                    .send(Message::Binary(reply.into()))
                                    .await;
                            }
                            if sync.synced() {
                                if let Some(tx) = synced.take() {
                                    let _ = tx.send(());
                                }
                            }
                        }
                        Err(e) => eprintln!("an unreadable frame: {e}"),
                    },
                    Ok(Message::Close(frame)) => {
                        *reader_closed.borrow_mut() =
                            Some(frame.map(|f| f.reason.to_string()).unwrap_or_default());
                        break;
                    }
                    Ok(_) => {}
                    Err(e) => {
                        *reader_closed.borrow_mut() = Some(e.to_string());
                        break;
                    }
                }
            }
            if reader_closed.borrow().is_none() {
                *reader_closed.borrow_mut() = Some("connection ended".into());
            }
        });
        tokio::time::timeout(Duration::from_secs(60), synced_rx)
            .await
            .map_err(|_| format!("{} did not sync within a minute", me.name))??;
        Ok(Peer {
            me,
            agreement,
            sink,
            closed,
            last_sent: RefCell::new(Instant::now()),
        })
    }

    /// Makes a change through the domain and sends it as one update.
    pub async fn write<R>(
        &self,
        change: impl FnOnce(&Agreement, &Participant) -> R,
    ) -> Result<R, Error> {
        // Pace before the change, not between the change and its frame: a change made but not
        // yet sent would go into our answer to the server's next SyncStep1 merged with the
        // changes sent before it, and the server refuses an update overlapping what it holds.
        self.pace().await;
        let before = self.agreement.doc().transact().state_vector();
        let out = change(&self.agreement, &self.me);
        self.send_since(&before).await?;
        Ok(out)
    }

    /// Sends what the replica holds beyond `before`, if anything.
    pub async fn send_since(&self, before: &StateVector) -> Result<(), Error> {
        let (after, update) = {
            let txn = self.agreement.doc().transact();
            (txn.state_vector(), txn.encode_state_as_update_v1(before))
        };
        if after == *before {
            return Ok(());
        }
        if let Some(reason) = self.closed.borrow().as_ref() {
            return Err(format!(
                "{}: the server closed the connection: {reason}",
                self.me.name
            )
            .into());
        }
        let frame = SyncClient::update_frame(&update);
        self.sink
            .lock()
            .await
            .send(Message::Binary(frame.into()))
            .await?;
        Ok(())
    }

    /// Keeps to [`FRAMES_PER_SEC`].
    async fn pace(&self) {
        let gap = Duration::from_secs_f64(1.0 / FRAMES_PER_SEC);
        let since = self.last_sent.borrow().elapsed();
        if since < gap {
            tokio::time::sleep(gap - since).await;
        }
        *self.last_sent.borrow_mut() = Instant::now();
    }

    /// The replica's state vector: equal on two peers that hold the same changes.
    pub fn state(&self) -> StateVector {
        self.agreement.doc().transact().state_vector()
    }

    /// The replica's state vector, readable.
    pub fn describe(&self) -> String {
        format!("{:?}", self.agreement.doc().transact().state_vector())
    }

    /// Why the server closed the connection, if it did.
    pub fn closed(&self) -> Option<String> {
        self.closed.borrow().clone()
    }
}

/// Milliseconds since the Unix epoch: the time a participant's app would write.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}
