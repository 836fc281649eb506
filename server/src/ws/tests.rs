//! The socket loop driven through channels standing in for a websocket, against a real room
//! thread and a store in a temporary file: transport rules, session re-checks, and rooms
//! unloading when idle.

use super::*;
use crate::rooms::Rooms;
use crate::store::{AgreementInfo, Store};
use axum::body::Bytes;
use samrad_domain::{demo, Agreement, SyncClient};
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};
use yrs::{ReadTxn, Transact};

/// When the demo was seeded: a past the real clock has passed, so what clients claim to have
/// written "now" (the real clock) lies between it and the server's clock.
const SEEDED: f64 = 1_700_000_000_000.0;

fn now() -> f64 {
    crate::now_ms() as f64
}
const WAIT: Duration = Duration::from_secs(5);

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    rooms: Rooms,
    stop: watch::Sender<bool>,
}

fn fixture() -> Fixture {
    fixture_with_idle(crate::rooms::DEFAULT_IDLE)
}

/// A fixture whose rooms unload after `idle` without connections.
fn fixture_with_idle(idle: Duration) -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("ws.db")).expect("store");
    let seed = demo::agreement(1, SEEDED).expect("demo");
    let info = AgreementInfo {
        id: demo::AGREEMENT_ID.into(),
        title: seed.title(),
    };
    store
        .create_agreement(&info, 0, &demo::participants(), &seed.encode_state())
        .expect("seed");
    let rooms = Rooms::new(store.clone()).idle_after(idle);
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

/// A session check whose verdict the test sets, counting how often it is asked.
#[derive(Clone)]
struct FakeSession {
    status: Arc<Mutex<SessionStatus>>,
    asked: Arc<Mutex<u32>>,
}

impl FakeSession {
    fn new() -> FakeSession {
        FakeSession {
            status: Arc::new(Mutex::new(SessionStatus::Valid)),
            asked: Arc::new(Mutex::new(0)),
        }
    }

    fn set(&self, status: SessionStatus) {
        *self.status.lock().expect("lock") = status;
    }

    fn asked(&self) -> u32 {
        *self.asked.lock().expect("lock")
    }

    fn check(&self) -> impl FnMut() -> std::future::Ready<SessionStatus> {
        let this = self.clone();
        move || {
            *this.asked.lock().expect("lock") += 1;
            std::future::ready(this.status.lock().expect("lock").clone())
        }
    }
}

impl Client {
    fn connect(fx: &Fixture, config: WsConfig, client_id: u64) -> Client {
        Client::connect_checked(fx, config, client_id, FakeSession::new().check())
    }

    /// Connects with `session` as the session check.
    fn connect_checked<C, F>(fx: &Fixture, config: WsConfig, client_id: u64, session: C) -> Client
    where
        C: FnMut() -> F + Send + 'static,
        F: std::future::Future<Output = SessionStatus> + Send + 'static,
    {
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
        let checks = Checks {
            shutdown: fx.stop.subscribe(),
            session,
            recheck: fx.rooms.session_changes(),
        };
        tokio::spawn(serve(sink, stream, room, who, config, checks));
        let agreement = Agreement::new(client_id);
        let sync = SyncClient::new(&agreement, || now() as u64);
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
        self.close_frame().await.0
    }

    /// Waits for the close frame, skipping anything else; returns its code and reason.
    async fn close_frame(&mut self) -> (u16, String) {
        tokio::time::timeout(WAIT, async {
            loop {
                match self.from_server.recv().await {
                    Some(Message::Close(Some(frame))) => {
                        return (frame.code, frame.reason.to_string())
                    }
                    Some(Message::Close(None)) | None => panic!("closed without a code"),
                    Some(_) => {}
                }
            }
        })
        .await
        .expect("closed in time")
    }

    async fn join(fx: &Fixture, config: WsConfig, client_id: u64) -> Client {
        Client::join_checked(fx, config, client_id, FakeSession::new().check()).await
    }

    async fn join_checked<C, F>(
        fx: &Fixture,
        config: WsConfig,
        client_id: u64,
        session: C,
    ) -> Client
    where
        C: FnMut() -> F + Send + 'static,
        F: std::future::Future<Output = SessionStatus> + Send + 'static,
    {
        let mut client = Client::connect_checked(fx, config, client_id, session);
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
        .add_remark(&clause(agreement), &demo::participants()[1], body, now())
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

/// Whatever the server has sent so far, without waiting; panics on a close frame.
fn assert_still_open(client: &mut Client, what: &str) {
    while let Ok(message) = client.from_server.try_recv() {
        assert!(
            !matches!(message, Message::Close(_)),
            "{what}: closed with {message:?}"
        );
    }
}

#[tokio::test]
async fn an_ended_session_closes_its_open_socket_with_1008() {
    let fx = fixture();
    let every = Duration::from_millis(50);
    let config = WsConfig {
        session_every: every,
        ..WsConfig::default()
    };
    let session = FakeSession::new();
    let mut a = Client::join_checked(&fx, config, 100, session.check()).await;

    // A check that cannot decide (the store failed) keeps the socket, and so does a valid one.
    session.set(SessionStatus::Unknown);
    tokio::time::sleep(every * 4).await;
    session.set(SessionStatus::Valid);
    tokio::time::sleep(every * 4).await;
    let asked = session.asked();
    println!("checked {asked} times in {:?}", every * 8);
    assert!(asked >= 4, "the session is re-checked every {every:?}");
    assert_still_open(&mut a, "while the session holds");

    session.set(SessionStatus::Ended(SESSION_ENDED.into()));
    let ended = Instant::now();
    let (code, reason) = a.close_frame().await;
    println!(
        "closed {:?} after the session ended: {code} {reason:?}",
        ended.elapsed()
    );
    assert_eq!(code, 1008);
    assert_eq!(reason, SESSION_ENDED);
    assert!(
        ended.elapsed() < every * 4,
        "closed within a check interval or so, not {:?}",
        ended.elapsed()
    );
}

#[tokio::test]
async fn a_revocation_signal_rechecks_sessions_at_once() {
    let fx = fixture();
    let config = WsConfig {
        session_every: Duration::from_secs(3600),
        ..WsConfig::default()
    };
    let session = FakeSession::new();
    let mut a = Client::join_checked(&fx, config, 100, session.check()).await;
    session.set(SessionStatus::Ended("revoked by the coordinator".into()));
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(session.asked(), 0, "no periodic check within the hour");
    assert_still_open(&mut a, "before the signal");

    let signalled = Instant::now();
    fx.rooms.sessions_changed();
    let (code, reason) = a.close_frame().await;
    println!(
        "closed {:?} after the signal: {code} {reason:?}",
        signalled.elapsed()
    );
    assert_eq!(
        (code, reason.as_str()),
        (1008, "revoked by the coordinator")
    );
    assert!(signalled.elapsed() < Duration::from_secs(1));
}

#[tokio::test]
async fn a_slow_session_check_does_not_hold_up_frames() {
    let fx = fixture();
    let config = WsConfig {
        session_every: Duration::from_millis(10),
        ..WsConfig::default()
    };
    // A check that never answers, as with a store stuck behind a long write.
    let a = Client::join_checked(&fx, config, 100, std::future::pending::<SessionStatus>).await;
    let mut b = Client::join(&fx, WsConfig::default(), 200).await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    a.send(remark_frame(&a.agreement, "Medan kontrollen dröjer."));
    let c = clause(&b.agreement);
    b.sync_until(|ag| ag.remark_count(&c) == 1).await;
}

/// Polls `done` until it holds (panics after `WAIT`).
async fn eventually(what: &str, done: impl Fn() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < WAIT, "{what}: not within {WAIT:?}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

#[tokio::test]
async fn an_idle_room_unloads_and_comes_back_with_the_same_state() {
    use crate::rooms::RoomStats;
    let idle = Duration::from_millis(100);
    let fx = fixture_with_idle(idle);
    let a = Client::join(&fx, WsConfig::default(), 100).await;
    a.send(remark_frame(&a.agreement, "Före avlastningen."));
    eventually("the remark is stored", || {
        fx.store.log_length(demo::AGREEMENT_ID).unwrap_or(0) == 2
    })
    .await;

    // A quiet but open connection keeps the room, however long.
    tokio::time::sleep(idle * 3).await;
    assert_eq!(
        fx.rooms.stats(),
        RoomStats {
            live: 1,
            started: 1
        }
    );

    let left = Instant::now();
    drop(a);
    eventually("the room unloads", || fx.rooms.stats().live == 0).await;
    println!(
        "unloaded {:?} after the last connection left",
        left.elapsed()
    );
    assert!(left.elapsed() >= idle, "not before the idle period");
    assert_eq!(fx.rooms.stats().started, 1);
    assert_eq!(
        fx.store.log_length(demo::AGREEMENT_ID).expect("log"),
        1,
        "the log was folded into one snapshot on unloading"
    );

    let mut b = Client::join(&fx, WsConfig::default(), 200).await;
    let c = clause(&b.agreement);
    b.sync_until(|ag| ag.remark_count(&c) == 1).await;
    assert_eq!(b.agreement.remarks_of(&c)[0].body, "Före avlastningen.");
    assert_eq!(
        fx.rooms.stats(),
        RoomStats {
            live: 1,
            started: 2
        },
        "a fresh room was loaded for the new connection"
    );
}

#[tokio::test]
async fn a_handle_taken_before_the_unload_keeps_the_room_for_its_join() {
    use crate::rooms::{next_conn_id, Command, Outgoing, RoomStats};
    let idle = Duration::from_millis(30);
    let fx = fixture_with_idle(idle);
    // Like a connection that has its handle but has not sent its Join yet, while the room's
    // idle period passes several times over.
    let handle = fx.rooms.get(demo::AGREEMENT_ID).expect("room");
    tokio::time::sleep(idle * 8).await;
    assert_eq!(
        fx.rooms.stats(),
        RoomStats {
            live: 1,
            started: 1
        },
        "a room with a handle out does not unload"
    );

    let conn = next_conn_id();
    let (outbox, mut inbox) = mpsc::channel(8);
    let participant = demo::participants()[1].clone();
    let joined = handle
        .send(Command::Join {
            conn,
            participant,
            outbox,
        })
        .await;
    assert!(joined, "the late Join reaches the room");
    let first = tokio::time::timeout(WAIT, inbox.recv())
        .await
        .expect("answered in time");
    assert!(matches!(first, Some(Outgoing::Frame(_))), "{first:?}");

    assert!(handle.send(Command::Leave { conn }).await);
    drop(handle);
    eventually("the room unloads once the handle is gone", || {
        fx.rooms.stats().live == 0
    })
    .await;
    let _again = fx.rooms.get(demo::AGREEMENT_ID).expect("room");
    assert_eq!(
        fx.rooms.stats().started,
        2,
        "the next get starts a fresh room"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn joins_racing_unloads_are_always_answered() {
    use crate::rooms::{next_conn_id, Command, Outgoing};
    const TASKS: u64 = 4;
    const ROUNDS: u64 = 50;
    let idle = Duration::from_millis(5);
    let fx = fixture_with_idle(idle);
    // Each round takes a handle, waits 0–2 idle periods before joining (as a slow upgrade
    // would) and leaves; once all have left, they pause 0.5–2.5 idle periods (one draw per
    // round, plus up to half an idle period of jitter each). So the room
    // keeps reaching its idle deadline while handles are out, joins are queued, or nobody is
    // there.
    let round_over = Arc::new(tokio::sync::Barrier::new(TASKS as usize));
    let tasks = (0..TASKS).map(|t| {
        let rooms = fx.rooms.clone();
        let round_over = round_over.clone();
        tokio::spawn(async move {
            let mut rng = t * 7919 + 1;
            let mut pause = move || {
                rng = rng
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                Duration::from_micros((rng >> 33) % (2 * idle.as_micros() as u64))
            };
            for round in 0..ROUNDS {
                let handle = rooms.get(demo::AGREEMENT_ID).expect("room");
                tokio::time::sleep(pause()).await;
                let conn = next_conn_id();
                let (outbox, mut inbox) = mpsc::channel(8);
                let participant = demo::participants()[1].clone();
                let join = Command::Join {
                    conn,
                    participant,
                    outbox,
                };
                assert!(handle.send(join).await, "task {t} round {round}: room gone");
                let first = tokio::time::timeout(WAIT, inbox.recv()).await;
                assert!(
                    matches!(first, Ok(Some(Outgoing::Frame(_)))),
                    "task {t} round {round}: join not answered: {first:?}"
                );
                assert!(handle.send(Command::Leave { conn }).await);
                drop(handle);
                round_over.wait().await;
                let micros = idle.as_micros() as u64;
                let shared =
                    Duration::from_micros(round.wrapping_mul(2_654_435_761) % (2 * micros));
                tokio::time::sleep(idle / 2 + shared + pause() / 4).await;
            }
        })
    });
    for task in tasks.collect::<Vec<_>>() {
        task.await.expect("task");
    }
    let stats = fx.rooms.stats();
    println!("{} joins; rooms started: {}", TASKS * ROUNDS, stats.started);
    assert!(stats.started > 1, "the room unloaded during the run");
}
