//! What "stored" means: the settings it rests on, read back from SQLite; appends grouped into
//! shared commits without anyone being told "stored" early; and a room that relays and
//! acknowledges nothing while its append has not committed.

use super::*;
use crate::rooms::{Command, Outgoing, Rooms};
use samrad_domain::{Agreement, SyncClient};
use std::sync::Barrier;
use std::time::Duration;
use tokio::sync::mpsc;

const WAIT: Duration = Duration::from_secs(10);

#[test]
fn the_store_runs_in_wal_mode_with_full_sync_and_refuses_otherwise() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("t.db");
    let store = Store::open(&path).expect("open");
    let durability = store.durability().expect("pragmas");
    println!("read back: {durability:?}");
    assert_eq!(durability.journal_mode, "wal");
    assert_eq!(durability.synchronous, 2, "2 is FULL: every commit fsyncs");
    // WAL is a property of the file: another connection sees it too.
    let other = Connection::open(&path).expect("second connection");
    let mode: String = other
        .pragma_query_value(None, "journal_mode", |row| row.get(0))
        .expect("journal_mode");
    assert_eq!(mode.to_lowercase(), "wal");

    // An in-memory database cannot be in WAL mode; SQLite says so only by reporting
    // "memory", and the store refuses to run on it rather than promise what it cannot keep.
    let refused = Store::open(Path::new(":memory:"));
    println!("in memory: {refused:?}");
    assert!(
        matches!(
            refused,
            Err(StoreError::Durability {
                setting: "journal_mode",
                ..
            })
        ),
        "{refused:?}"
    );
}

fn append(agreement: &str, update: &[u8]) -> Append {
    Append {
        agreement: agreement.into(),
        bindings: Vec::new(),
        update: Some(update.to_vec()),
    }
}

/// Holds the store's appends and starts one to the demo agreement from a thread of its own;
/// returns once it leads its own commit and waits at the gate, as if its fsync were slow.
fn held_lead(
    store: &Store,
    update: &'static [u8],
) -> (gate::Hold, std::thread::JoinHandle<Result<(), StoreError>>) {
    let hold = store.hold_appends();
    let lead = {
        let store = store.clone();
        std::thread::spawn(move || store.append(append(demo::AGREEMENT_ID, update)))
    };
    assert!(
        hold.until_waiting(WAIT),
        "the first append reaches the gate"
    );
    (hold, lead)
}

#[test]
fn appends_arriving_during_a_commit_share_the_next_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = super::seeded(&dir.path().join("t.db"));
    // The first append is held at the gate; ten more arrive meanwhile, from ten threads.
    let (hold, first) = held_lead(&store, b"first");
    let start = Arc::new(Barrier::new(11));
    let others: Vec<_> = (0..10)
        .map(|i| {
            let (store, start) = (store.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                store.append(append(demo::AGREEMENT_ID, format!("u{i}").as_bytes()))
            })
        })
        .collect();
    start.wait();
    // Nobody is told "stored" while the commit is held.
    std::thread::sleep(Duration::from_millis(200));
    assert!(!first.is_finished() && others.iter().all(|t| !t.is_finished()));
    assert_eq!(store.log_length(demo::AGREEMENT_ID).expect("len"), 1);
    drop(hold);
    first.join().expect("thread").expect("first stored");
    for other in others {
        other.join().expect("thread").expect("stored");
    }
    let stats = store.commit_stats();
    println!("{stats:?}");
    assert_eq!(stats.appends, 11);
    assert_eq!(
        stats.commits, 2,
        "the ten waiting appends went in one commit"
    );
    let log = store.load_updates(demo::AGREEMENT_ID).expect("load");
    assert_eq!(log.len(), 12);
    assert_eq!(log[1], b"first");
}

#[test]
fn a_bad_append_fails_alone_and_nothing_of_it_is_stored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = super::seeded(&dir.path().join("t.db"));
    let (hold, lead) = held_lead(&store, b"lead");
    // Queued behind it, one group: an append to an agreement that does not exist (the foreign
    // key refuses it) between two good ones.
    let queued: Vec<_> = ["good-1", "no-such-agreement", "good-2"]
        .into_iter()
        .enumerate()
        .map(|(i, what)| {
            let agreement = if what == "no-such-agreement" {
                what
            } else {
                demo::AGREEMENT_ID
            };
            let mine = store.clone();
            let t = std::thread::spawn(move || mine.append(append(agreement, what.as_bytes())));
            // In this order.
            while store.appends.waiting() < i + 1 {
                std::thread::yield_now();
            }
            t
        })
        .collect();
    drop(hold);
    lead.join().expect("thread").expect("stored");
    let outcomes: Vec<_> = queued
        .into_iter()
        .map(|t| t.join().expect("thread"))
        .collect();
    println!("{outcomes:?}");
    assert!(outcomes[0].is_ok() && outcomes[2].is_ok());
    assert!(matches!(outcomes[1], Err(StoreError::Commit(_))));
    let log = store.load_updates(demo::AGREEMENT_ID).expect("load");
    assert_eq!(
        log[1..],
        [b"lead".to_vec(), b"good-1".to_vec(), b"good-2".to_vec()]
    );
    assert!(store
        .load_updates("no-such-agreement")
        .expect("load")
        .is_empty());
}

/// The demo agreement's room over `store`, with two connections: a politician who writes and
/// a coordinator who only watches. Returns the room's outboxes for both.
async fn two_in_a_room(
    rooms: &Rooms,
) -> (
    crate::rooms::RoomHandle,
    mpsc::Receiver<Outgoing>,
    mpsc::Receiver<Outgoing>,
) {
    let room = rooms.get(demo::AGREEMENT_ID).expect("room");
    let mut outs = Vec::new();
    for (conn, who) in [(901, 1), (902, 0)] {
        let (outbox, out) = mpsc::channel(64);
        let participant = demo::participants()[who].clone();
        let joined = room
            .send(Command::Join {
                conn: crate::room::ConnId(conn),
                participant,
                outbox,
            })
            .await;
        assert!(joined);
        outs.push(out);
    }
    let watcher = outs.pop().expect("watcher");
    let writer = outs.pop().expect("writer");
    (room, writer, watcher)
}

/// Frames that arrive within `wait`, as (first byte, second byte) pairs.
async fn frames(out: &mut mpsc::Receiver<Outgoing>, wait: Duration) -> Vec<(u8, u8)> {
    let mut seen = Vec::new();
    while let Ok(Some(next)) = tokio::time::timeout(wait, out.recv()).await {
        match next {
            Outgoing::Frame(f) | Outgoing::Relay(f, _) => {
                seen.push((f[0], f.get(1).copied().unwrap_or(0)))
            }
            Outgoing::Close(code, reason) => panic!("closed {code}: {reason}"),
        }
    }
    seen
}

const UPDATE: (u8, u8) = (0, 2);
const STATE_VECTOR: (u8, u8) = (0, 0);

/// The demo agreement's room over a fresh store, with a politician who writes (connection 901)
/// and a coordinator who only watches (902); the frames of their joins (state vector,
/// presence) are already read.
struct Scene {
    store: Store,
    seed: Vec<u8>,
    now: i64,
    rooms: Rooms,
    room: crate::rooms::RoomHandle,
    writer: mpsc::Receiver<Outgoing>,
    watcher: mpsc::Receiver<Outgoing>,
}

impl Scene {
    async fn open(dir: &Path) -> Scene {
        let (store, seed, now) = demo_store(dir);
        let rooms = Rooms::new(store.clone());
        let (room, mut writer, mut watcher) = two_in_a_room(&rooms).await;
        frames(&mut writer, Duration::from_millis(300)).await;
        frames(&mut watcher, Duration::from_millis(300)).await;
        Scene {
            store,
            seed,
            now,
            rooms,
            room,
            writer,
            watcher,
        }
    }

    /// The update of a remark the politician writes, holding what the server holds.
    fn remark(&self) -> Vec<u8> {
        let erik = demo::participants()[1].clone();
        let replica = Agreement::load(0x5eed, &self.seed).expect("replica");
        let before = replica.state_vector();
        let clause = replica.clauses()[0].id.clone();
        replica
            .add_remark(
                &clause,
                &erik,
                "Formuleringen bör förtydligas.",
                self.now as f64,
            )
            .expect("remark");
        replica.encode_diff(&before).expect("diff")
    }

    /// Hands `frame` to the room as connection `conn`'s.
    async fn send(&self, conn: u64, frame: Vec<u8>) {
        let sent = self
            .room
            .send(Command::Frame {
                conn: crate::room::ConnId(conn),
                frame: frame.into(),
                at: std::time::Instant::now(),
            })
            .await;
        assert!(sent);
    }

    /// Holds the store's appends and sends the politician's `update`; returns once the room's
    /// append of it waits at the gate.
    async fn send_held(&self, update: &[u8]) -> gate::Hold {
        let hold = self.store.hold_appends();
        self.send(901, SyncClient::update_frame(update)).await;
        let (reached, hold) = tokio::task::spawn_blocking(move || (hold.until_waiting(WAIT), hold))
            .await
            .expect("task");
        assert!(
            reached,
            "the room's append reaches the store and waits there"
        );
        hold
    }

    fn close(self) {
        drop(self.room);
        self.rooms.shutdown();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_is_relayed_or_acknowledged_while_the_append_is_blocked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut scene = Scene::open(dir.path()).await;
    let update = scene.remark();
    let rows = scene.store.log_length(demo::AGREEMENT_ID).expect("len");
    let hold = scene.send_held(&update).await;
    // While it waits: the coordinator has not seen the remark, the politician has not been
    // told "saved", and the log has not grown.
    let early_watcher = frames(&mut scene.watcher, Duration::from_millis(300)).await;
    let early_writer = frames(&mut scene.writer, Duration::from_millis(50)).await;
    println!("while the append is held: watcher {early_watcher:?}, writer {early_writer:?}");
    assert!(
        !early_watcher.contains(&UPDATE),
        "relayed before it was stored"
    );
    assert!(
        !early_writer.contains(&STATE_VECTOR),
        "acknowledged before it was stored"
    );
    assert_eq!(
        scene.store.log_length(demo::AGREEMENT_ID).expect("len"),
        rows
    );

    drop(hold);
    let late_watcher = frames(&mut scene.watcher, Duration::from_millis(500)).await;
    let late_writer = frames(&mut scene.writer, Duration::from_millis(50)).await;
    println!("after: watcher {late_watcher:?}, writer {late_writer:?}");
    assert!(late_watcher.contains(&UPDATE), "relayed once stored");
    assert!(
        late_writer.contains(&STATE_VECTOR),
        "acknowledged once stored"
    );
    assert_eq!(
        scene.store.log_length(demo::AGREEMENT_ID).expect("len"),
        rows + 1
    );
    scene.close();
}

const PRESENCE: u8 = 1;
const STATE_DIFF: (u8, u8) = (0, 1);

/// The room goes on while a change is being stored: presence (never stored) passes at once,
/// but what reads the document — the state a connection asks for — waits until the change in
/// it is stored, and comes after the change's relay.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn presence_passes_a_held_append_but_the_state_waits_for_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut scene = Scene::open(dir.path()).await;
    let now = scene.now;
    // The watcher's presence client id is bound (and stored) before anything is held.
    let watching = Agreement::new(0xc0);
    let mut presence = SyncClient::new(&watching, move || now as u64);
    let at = presence
        .set_presence(r#"{"clause":null}"#)
        .expect("presence");
    scene.send(902, at).await;
    assert!(frames(&mut scene.writer, Duration::from_millis(300))
        .await
        .iter()
        .any(|f| f.0 == PRESENCE));

    let update = scene.remark();
    let hold = scene.send_held(&update).await;

    // While it waits, the watcher moves (presence) and asks for the whole state.
    let moved = presence
        .set_presence(r#"{"clause":"moved"}"#)
        .expect("presence");
    scene.send(902, moved).await;
    let asks = SyncClient::new(&Agreement::new(0xc1), move || now as u64).hello();
    scene.send(902, asks).await;
    let early_writer = frames(&mut scene.writer, Duration::from_millis(300)).await;
    let early_watcher = frames(&mut scene.watcher, Duration::from_millis(50)).await;
    println!("while held: writer {early_writer:?}, watcher {early_watcher:?}");
    assert!(
        early_writer.iter().any(|f| f.0 == PRESENCE),
        "presence waited behind the store"
    );
    assert!(
        !early_watcher.contains(&STATE_DIFF) && !early_watcher.contains(&UPDATE),
        "the unstored remark left the server"
    );

    drop(hold);
    let late_watcher = frames(&mut scene.watcher, Duration::from_millis(500)).await;
    println!("after: watcher {late_watcher:?}");
    let at = |f| late_watcher.iter().position(|x| *x == f);
    assert!(at(UPDATE).is_some() && at(STATE_DIFF).is_some());
    assert!(at(UPDATE) < at(STATE_DIFF), "in the order the room decided");
    scene.close();
}
