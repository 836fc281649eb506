//! The socket loop driven through channels standing in for a websocket, against a real room
//! thread and a store in a temporary file.

use super::*;
use crate::rooms::Rooms;
use crate::store::{AgreementInfo, Store};
use axum::body::Bytes;
use samrad_domain::{demo, Agreement, SyncClient};
use std::convert::Infallible;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};
use yrs::{ReadTxn, Transact};

const NOW: f64 = 1_800_000_000_000.0;
const WAIT: Duration = Duration::from_secs(5);

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    rooms: Rooms,
    stop: watch::Sender<bool>,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("ws.db")).expect("store");
    let seed = demo::agreement(1, NOW).expect("demo");
    let info = AgreementInfo {
        id: demo::AGREEMENT_ID.into(),
        title: seed.title(),
    };
    store
        .create_agreement(&info, 0, &demo::participants(), &seed.encode_state())
        .expect("seed");
    let rooms = Rooms::new(store.clone());
    let (stop, _) = watch::channel(false);
    Fixture {
        _dir: dir,
        store,
        rooms,
        stop,
    }
}

/// The client's end of a channel "socket", plus a protocol client over its own replica.
struct Client {
    to_server: UnboundedSender<Message>,
    from_server: UnboundedReceiver<Message>,
    agreement: Agreement,
    sync: SyncClient,
}

impl Client {
    fn connect(fx: &Fixture, config: WsConfig, client_id: u64) -> Client {
        let (to_server, mut server_rx) = unbounded_channel::<Message>();
        let (server_tx, from_server) = unbounded_channel::<Message>();
        let stream = futures_util::stream::poll_fn(move |cx| {
            server_rx.poll_recv(cx).map(|m| m.map(Ok::<_, Infallible>))
        });
        let sink = Box::pin(futures_util::sink::unfold(
            server_tx,
            |tx, message: Message| async move {
                tx.send(message)?;
                Ok::<_, mpsc::error::SendError<Message>>(tx)
            },
        ));
        let room = fx.rooms.get(demo::AGREEMENT_ID).expect("room");
        // Every test client signs in as Erik (the remarks they write are his).
        let who = demo::participants()[1].clone();
        tokio::spawn(serve(sink, stream, room, who, config, fx.stop.subscribe()));
        let agreement = Agreement::new(client_id);
        let sync = SyncClient::new(&agreement, || NOW as u64);
        Client {
            to_server,
            from_server,
            agreement,
            sync,
        }
    }

    fn send(&self, frame: Vec<u8>) {
        self.to_server
            .send(Message::Binary(Bytes::from(frame)))
            .expect("socket open");
    }

    /// Feeds server frames to the protocol client (answering it) until `done` holds.
    async fn sync_until(&mut self, done: impl Fn(&Agreement) -> bool) {
        tokio::time::timeout(WAIT, async {
            while !done(&self.agreement) {
                match self.from_server.recv().await.expect("socket open") {
                    Message::Binary(frame) => {
                        for reply in self.sync.receive(&frame).expect("valid frame") {
                            self.send(reply);
                        }
                    }
                    Message::Close(close) => panic!("closed: {close:?}"),
                    _ => {}
                }
            }
        })
        .await
        .expect("condition reached in time");
    }

    /// Waits for the close frame, skipping anything else; returns its code.
    async fn closed_with(&mut self) -> u16 {
        tokio::time::timeout(WAIT, async {
            loop {
                match self.from_server.recv().await {
                    Some(Message::Close(Some(frame))) => return frame.code,
                    Some(Message::Close(None)) | None => panic!("closed without a code"),
                    Some(_) => {}
                }
            }
        })
        .await
        .expect("closed in time")
    }

    async fn join(fx: &Fixture, config: WsConfig, client_id: u64) -> Client {
        let mut client = Client::connect(fx, config, client_id);
        client.send(client.sync.hello());
        client.sync_until(|a| a.chapters().len() == 3).await;
        client
    }
}

fn clause(agreement: &Agreement) -> String {
    agreement.chapters()[2].clauses[0].id.clone()
}

fn remark_frame(agreement: &Agreement, body: &str) -> Vec<u8> {
    let before = agreement.doc().transact().state_vector();
    agreement
        .add_remark(&clause(agreement), &demo::participants()[1], body, NOW)
        .expect("remark");
    SyncClient::update_frame(
        &agreement
            .doc()
            .transact()
            .encode_state_as_update_v1(&before),
    )
}

#[tokio::test]
async fn an_update_is_stored_before_it_is_relayed() {
    let fx = fixture();
    let a = Client::join(&fx, WsConfig::default(), 100).await;
    let mut b = Client::join(&fx, WsConfig::default(), 200).await;
    assert_eq!(
        fx.store
            .load_updates(demo::AGREEMENT_ID)
            .expect("load")
            .len(),
        1
    );

    a.send(remark_frame(&a.agreement, "Via kanaler."));
    let c = clause(&b.agreement);
    b.sync_until(|ag| ag.remark_count(&c) == 1).await;
    // B holds the relayed update now, so the store must already have it.
    let log = fx.store.load_updates(demo::AGREEMENT_ID).expect("load");
    assert_eq!(log.len(), 2, "seed + the remark, stored before B saw it");
    let replica = Agreement::new(9);
    for update in &log {
        replica.apply_update(update).expect("stored update applies");
    }
    assert_eq!(replica.remarks_of(&c)[0].body, "Via kanaler.");
    drop(a.to_server);
}

#[tokio::test]
async fn bad_frames_close_only_their_own_connection() {
    let fx = fixture();
    let config = WsConfig {
        max_frame: 64 * 1024,
        ..WsConfig::default()
    };
    let a = Client::join(&fx, config, 100).await;
    let mut b = Client::join(&fx, config, 200).await;

    let mut big = Client::connect(&fx, config, 300);
    big.send(vec![0; 64 * 1024 + 1]);
    assert_eq!(big.closed_with().await, 1009, "oversized frame");

    let mut text = Client::connect(&fx, config, 400);
    text.to_server
        .send(Message::Text("hej".into()))
        .expect("open");
    assert_eq!(text.closed_with().await, 1003, "text frame");

    let mut garbage = Client::connect(&fx, config, 500);
    garbage.send(vec![0, 2, 5, 1, 2, 3, 4, 5]);
    assert_eq!(garbage.closed_with().await, 1007, "undecodable frame");

    a.send(remark_frame(&a.agreement, "Fortfarande här."));
    let c = clause(&b.agreement);
    b.sync_until(|ag| ag.remark_count(&c) == 1).await;
}

#[tokio::test]
async fn silent_clients_are_pinged_and_then_closed() {
    let fx = fixture();
    let config = WsConfig {
        ping_every: Duration::from_millis(50),
        idle_timeout: Duration::from_millis(300),
        ..WsConfig::default()
    };
    let mut silent = Client::connect(&fx, config, 100);
    let mut pings = 0;
    let code = tokio::time::timeout(WAIT, async {
        loop {
            match silent.from_server.recv().await.expect("open") {
                Message::Ping(_) => pings += 1,
                Message::Close(Some(frame)) => return frame.code,
                _ => {}
            }
        }
    })
    .await
    .expect("closed in time");
    assert!(pings >= 2, "pinged {pings} times before closing");
    assert_eq!(code, 1001);
}

#[tokio::test]
async fn shutdown_closes_connections_with_going_away() {
    let fx = fixture();
    let mut a = Client::join(&fx, WsConfig::default(), 100).await;
    fx.stop.send(true).expect("receivers exist");
    assert_eq!(a.closed_with().await, 1001);
}
