//! The device copy's storage edge: one IndexedDB database per agreement (`samrad.{id}`),
//! through the `idb` crate. It only moves what the domain's sans-IO `DeviceCopy` decides —
//! records appended, compacted, the server's acknowledgements — sealed at rest (sealed.rs).
//!
//! Stores: `records` (key → sealed record), `meta` (`key`: the CryptoKey, `acks`, `session`:
//! who opened it last, sealed), `drafts` (a field's id → its sealed unsent text).
//!
//! Writes go through one queue, in order, so acknowledgements never overtake the records
//! they speak of. Of several tabs of the agreement only one writes records and
//! acknowledgements — the one holding the Web Lock (see the domain's tabs.rs); the others keep
//! only their drafts. A write the browser refuses (storage full) turns the copy off for this page
//! and says so; the app keeps working online.

mod sealed;

use crate::session::local_storage;
use idb::{Database, DatabaseEvent, Factory, KeyRange, ObjectStoreParams, Query, TransactionMode};
use leptos::prelude::*;
use samrad_domain::device::{Acks, DeviceCopy, Opened, Write};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::CryptoKey;

const RECORDS: &str = "records";
const META: &str = "meta";
const DRAFTS: &str = "drafts";

/// Why the device copy is off.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeviceError {
    /// The browser offers no IndexedDB (private mode, a policy) or refused to open it.
    #[error("IndexedDB is unavailable")]
    Unavailable,
    /// The browser refused a write: its storage for this site is full.
    #[error("storage is full")]
    Full,
    /// WebCrypto refused to make or use the key.
    #[error("encryption failed: {0}")]
    Crypto(String),
    /// A read or write failed otherwise.
    #[error("storage failed: {0}")]
    Storage(String),
}

/// Where the device copy stands, for the header's notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeviceState {
    /// Being opened.
    Opening,
    /// On: the agreement and unsent writing are kept on this device.
    On,
    /// The reader turned it off.
    TurnedOff,
    /// Off because the browser could not keep it.
    Failed(DeviceError),
}

fn idb(e: idb::Error) -> DeviceError {
    let text = e.to_string();
    if text.contains("Quota") {
        DeviceError::Full
    } else {
        DeviceError::Storage(text)
    }
}

/// The database's name for `agreement`.
pub fn database_name(agreement: &str) -> String {
    format!("samrad.{agreement}")
}

/// One write of the queue.
enum Job {
    /// What the copy's bookkeeping decided.
    Copy(Write),
    /// A field's unsent text (`None`: the draft is gone — sent, or discarded).
    Draft(String, Option<String>),
}

/// An open device copy.
pub struct Device {
    /// The agreement's id, for the marker saying the device keeps a copy of it.
    agreement: String,
    /// Whether that marker is set.
    marked: Cell<bool>,
    db: Database,
    key: CryptoKey,
    copy: RefCell<DeviceCopy>,
    queue: RefCell<VecDeque<Job>>,
    busy: Cell<bool>,
    state: RwSignal<DeviceState>,
    /// Whether writes are queued or under way: until it is false again, closing the page may
    /// lose the newest of them (the badge tells tests and tools when all is kept).
    writing: RwSignal<bool>,
    /// When drafts were last written (ms since the epoch), and whether a timer will write
    /// the text typed since, once [`DRAFT_GAP_MS`] have passed.
    last_draft: Cell<f64>,
    draft_timer: Cell<bool>,
    /// Whether this tab writes the records and acknowledgements (it holds the lock).
    writer: Cell<bool>,
}

/// Unsent text is written at most this often while it is typed: a write per key would cost
/// every keystroke the encryption's and IndexedDB's tasks (the slowest keys of the composer at
/// a real consultation's size). The text typed last is kept within this time of the last key.
const DRAFT_GAP_MS: f64 = 300.0;

impl std::fmt::Debug for Device {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Device")
            .field("db", &self.db.name())
            .finish()
    }
}

/// Opens (creating if need be) the database of `agreement`.
async fn open_database(agreement: &str) -> Result<Database, DeviceError> {
    let factory = Factory::new().map_err(|_| DeviceError::Unavailable)?;
    let mut request = factory
        .open(&database_name(agreement), Some(1))
        .map_err(|_| DeviceError::Unavailable)?;
    request.on_upgrade_needed(|event| {
        let Ok(db) = event.database() else {
            return;
        };
        for store in [RECORDS, META, DRAFTS] {
            if !db.store_names().iter().any(|s| s == store) {
                let _ = db.create_object_store(store, ObjectStoreParams::new());
            }
        }
    });
    request.await.map_err(|_| DeviceError::Unavailable)
}

async fn get(db: &Database, store: &str, key: &str) -> Result<Option<JsValue>, DeviceError> {
    let tx = db
        .transaction(&[store], TransactionMode::ReadOnly)
        .map_err(idb)?;
    let value = tx
        .object_store(store)
        .map_err(idb)?
        .get(JsValue::from_str(key))
        .map_err(idb)?
        .await
        .map_err(idb)?;
    Ok(value.filter(|v| !v.is_undefined()))
}

async fn put(
    db: &Database,
    store: &str,
    key: &JsValue,
    value: &JsValue,
) -> Result<(), DeviceError> {
    let tx = db
        .transaction(&[store], TransactionMode::ReadWrite)
        .map_err(idb)?;
    tx.object_store(store)
        .map_err(idb)?
        .put(value, Some(key))
        .map_err(idb)?
        .await
        .map_err(idb)?;
    committed(tx).await
}

async fn committed(tx: idb::Transaction) -> Result<(), DeviceError> {
    match tx.await {
        Ok(result) if result.is_committed() => Ok(()),
        // Our transactions only abort when the browser refuses the write: its quota.
        Ok(_) => Err(DeviceError::Full),
        Err(e) => Err(idb(e)),
    }
}

/// The agreement's key, made on first use.
async fn crypto_key(db: &Database) -> Result<CryptoKey, DeviceError> {
    if let Some(key) = get(db, META, "key").await?.and_then(sealed::as_key) {
        return Ok(key);
    }
    let key = sealed::new_key().await?;
    put(db, META, &"key".into(), &key).await?;
    Ok(key)
}

/// Every record, unsealed; one that fails to open comes back empty, so the domain reports it
/// as damaged and loads the rest.
async fn read_records(db: &Database, key: &CryptoKey) -> Result<Vec<(u64, Vec<u8>)>, DeviceError> {
    let tx = db
        .transaction(&[RECORDS], TransactionMode::ReadOnly)
        .map_err(idb)?;
    let store = tx.object_store(RECORDS).map_err(idb)?;
    let keys = store
        .get_all_keys(None, None)
        .map_err(idb)?
        .await
        .map_err(idb)?;
    let values = store.get_all(None, None).map_err(idb)?.await.map_err(idb)?;
    let mut records = Vec::with_capacity(keys.len());
    for (k, v) in keys.into_iter().zip(values) {
        let Some(k) = k.as_f64() else { continue };
        let bytes = js_sys::Uint8Array::new(&v).to_vec();
        let plain = sealed::open(key, &bytes).await.unwrap_or_default();
        records.push((k as u64, plain));
    }
    Ok(records)
}

/// The last key and number of the records, and those from `from` on, unsealed (one that
/// fails to open comes back empty, and is skipped).
async fn read_newer(
    db: &Database,
    key: &CryptoKey,
    from: u64,
) -> Result<(Option<u64>, usize, Vec<(u64, Vec<u8>)>), DeviceError> {
    let tx = db
        .transaction(&[RECORDS], TransactionMode::ReadOnly)
        .map_err(idb)?;
    let store = tx.object_store(RECORDS).map_err(idb)?;
    let keys = store
        .get_all_keys(None, None)
        .map_err(idb)?
        .await
        .map_err(idb)?;
    let values = store.get_all(None, None).map_err(idb)?.await.map_err(idb)?;
    let keys: Vec<u64> = keys
        .iter()
        .filter_map(|k| k.as_f64())
        .map(|k| k as u64)
        .collect();
    let (last, count) = (keys.iter().max().copied(), keys.len());
    let mut newer = Vec::new();
    for (k, v) in keys.into_iter().zip(values).filter(|(k, _)| *k >= from) {
        let bytes = js_sys::Uint8Array::new(&v).to_vec();
        newer.push((k, sealed::open(key, &bytes).await.unwrap_or_default()));
    }
    Ok((last, count, newer))
}

/// Reads sealed JSON under `name` in the meta store.
async fn read_meta<T: serde::de::DeserializeOwned>(
    db: &Database,
    key: &CryptoKey,
    name: &str,
) -> Option<T> {
    let value = get(db, META, name).await.ok()??;
    let bytes = js_sys::Uint8Array::new(&value).to_vec();
    let plain = sealed::open(key, &bytes).await?;
    samrad_domain::json::from_bytes(&plain).ok()
}

impl Device {
    /// Opens the device copy of `agreement` into a replica writing as `client_id`, and the
    /// acknowledgements kept beside it. `state` shows how it went, `writing` whether writes
    /// are still under way.
    pub async fn open(
        agreement: &str,
        client_id: u64,
        state: RwSignal<DeviceState>,
        writing: RwSignal<bool>,
    ) -> Result<(Rc<Device>, Opened), DeviceError> {
        let db = open_database(agreement).await?;
        let key = crypto_key(&db).await?;
        let records = read_records(&db, &key).await?;
        let acks: Option<Acks> = read_meta(&db, &key, "acks").await;
        let kept = !records.is_empty();
        let opened = DeviceCopy::open(client_id, records, acks)
            .map_err(|e| DeviceError::Storage(e.to_string()))?;
        super::prefetch::mark_kept(agreement, kept);
        let device = Rc::new(Device {
            agreement: agreement.to_string(),
            marked: Cell::new(kept),
            db,
            key,
            copy: RefCell::new(DeviceCopy::empty()),
            queue: RefCell::new(VecDeque::new()),
            busy: Cell::new(false),
            state,
            writing,
            last_draft: Cell::new(0.0),
            draft_timer: Cell::new(false),
            writer: Cell::new(false),
        });
        Ok((device, opened))
    }

    /// Takes over the bookkeeping of the copy just opened.
    pub fn adopt(&self, copy: DeviceCopy) {
        *self.copy.borrow_mut() = copy;
    }

    /// The acknowledgements as kept.
    pub fn acks(&self) -> Acks {
        self.copy.borrow().acks().clone()
    }

    /// Own replicas (this page's and earlier ones) with changes the server has not
    /// acknowledged.
    pub fn waiting_clients(&self) -> Vec<u64> {
        self.copy.borrow().waiting_clients()
    }

    /// Runs `f` on the bookkeeping and queues what it decides to write — in the tab that
    /// writes the copy only.
    pub fn decide(self: &Rc<Self>, f: impl FnOnce(&mut DeviceCopy) -> Vec<Write>) {
        // Off, or the page's view already gone (signed out): nothing more is kept. Another
        // tab writes the copy: it keeps this tab's changes as they are relayed.
        if self.state.try_get_untracked() != Some(DeviceState::On) || !self.writer.get() {
            return;
        }
        let writes = f(&mut self.copy.borrow_mut());
        if writes.is_empty() {
            return;
        }
        self.queue
            .borrow_mut()
            .extend(writes.into_iter().map(Job::Copy));
        self.run_queue();
    }

    /// Runs `f` (a message from another tab) on the bookkeeping — `None` unless this tab
    /// writes the copy — and queues what it decides to write.
    pub fn relay<R>(
        self: &Rc<Self>,
        f: impl FnOnce(Option<&mut DeviceCopy>) -> (R, Vec<Write>),
    ) -> R {
        let writes = self.state.try_get_untracked() == Some(DeviceState::On) && self.writer.get();
        let (answer, writes) = if writes {
            f(Some(&mut self.copy.borrow_mut()))
        } else {
            f(None)
        };
        if !writes.is_empty() {
            self.queue
                .borrow_mut()
                .extend(writes.into_iter().map(Job::Copy));
            self.run_queue();
        }
        answer
    }

    /// Shows the acknowledgements the writing tab keeps.
    pub fn set_acks(&self, acks: Acks) {
        self.copy.borrow_mut().set_acks(acks);
    }

    /// Whether this tab writes the copy.
    pub fn writes(&self) -> bool {
        self.writer.get()
    }

    /// This tab got the lock: it reads what the tab that wrote before it stored since this
    /// one opened the copy, and writes the copy from now on. Returns what those records hold
    /// that the replica must take in first.
    pub async fn take_over(&self) -> Result<Option<Vec<u8>>, DeviceError> {
        let from = self.copy.borrow().next_key();
        let (last, count, newer) = read_newer(&self.db, &self.key, from).await?;
        let acks: Option<Acks> = read_meta(&self.db, &self.key, "acks").await;
        let update = self.copy.borrow_mut().take_over(last, count, newer, acks);
        self.writer.set(true);
        Ok(update)
    }

    /// Keeps `text` as the draft of the field `key` (`None` deletes it). Typing queues one
    /// write per field at a time: a newer text replaces one not yet written, and while the
    /// writer types, drafts are written at most every [`DRAFT_GAP_MS`].
    pub fn keep_draft(self: &Rc<Self>, key: &str, text: Option<String>) {
        if self.state.try_get_untracked() != Some(DeviceState::On) {
            return;
        }
        let deleting = text.is_none();
        let _ = self.writing.try_set(true);
        {
            let mut queue = self.queue.borrow_mut();
            let waiting = queue
                .iter_mut()
                .find(|job| matches!(job, Job::Draft(k, _) if k == key));
            match waiting {
                Some(job) => *job = Job::Draft(key.to_string(), text),
                None => queue.push_back(Job::Draft(key.to_string(), text)),
            }
        }
        let wait = self.last_draft.get() + DRAFT_GAP_MS - js_sys::Date::now();
        // A draft going away (sent, discarded) is written at once, as is the first key.
        if !deleting && wait > 0.0 {
            self.write_drafts_in(wait);
            return;
        }
        self.write_drafts_now();
    }

    /// Writes the drafts waiting after `wait` ms, unless a timer for them runs already.
    fn write_drafts_in(self: &Rc<Self>, wait: f64) {
        if self.draft_timer.replace(true) {
            return;
        }
        let device = self.clone();
        gloo_timers::callback::Timeout::new(wait.ceil() as u32, move || {
            if device.draft_timer.get() {
                device.write_drafts_now();
            }
        })
        .forget();
    }

    /// Writes the drafts waiting now (the page being hidden may be its last moment).
    pub fn write_drafts_now(self: &Rc<Self>) {
        self.draft_timer.set(false);
        self.last_draft.set(js_sys::Date::now());
        self.run_queue();
    }

    fn run_queue(self: &Rc<Self>) {
        if !self.busy.replace(true) {
            let _ = self.writing.try_set(true);
            let device = self.clone();
            wasm_bindgen_futures::spawn_local(async move { device.drain().await });
        }
    }

    async fn drain(self: Rc<Self>) {
        loop {
            let next = self.queue.borrow_mut().pop_front();
            let Some(write) = next else { break };
            if let Err(e) = self.store(write).await {
                leptos::logging::warn!("the device copy is off: {e}");
                self.queue.borrow_mut().clear();
                let _ = self.state.try_set(DeviceState::Failed(e));
                break;
            }
        }
        self.busy.set(false);
        let _ = self.writing.try_set(false);
    }

    async fn store(&self, job: Job) -> Result<(), DeviceError> {
        let write = match job {
            Job::Copy(write) => write,
            Job::Draft(key, text) => return self.store_draft(&key, text.as_deref()).await,
        };
        match write {
            Write::Append { key, record } => {
                let sealed = sealed::seal(&self.key, &record).await?;
                let value = js_sys::Uint8Array::from(&sealed[..]);
                put(&self.db, RECORDS, &(key as f64).into(), &value).await?;
                self.mark();
                Ok(())
            }
            Write::Compact { key, record } => {
                self.compact(key, &record).await?;
                self.mark();
                Ok(())
            }
            Write::Acks(acks) => self.put_meta("acks", &acks).await,
        }
    }

    /// Says (once) that the device now keeps a copy: the next visit asks with its state.
    fn mark(&self) {
        if !self.marked.replace(true) {
            super::prefetch::mark_kept(&self.agreement, true);
        }
    }

    /// Stores the whole state under `key` and deletes every record below it, together.
    async fn compact(&self, key: u64, record: &[u8]) -> Result<(), DeviceError> {
        let sealed = sealed::seal(&self.key, record).await?;
        let tx = self
            .db
            .transaction(&[RECORDS], TransactionMode::ReadWrite)
            .map_err(idb)?;
        let store = tx.object_store(RECORDS).map_err(idb)?;
        let below = KeyRange::upper_bound(&(key as f64).into(), Some(true)).map_err(idb)?;
        store
            .delete(Query::from(below))
            .map_err(idb)?
            .await
            .map_err(idb)?;
        let value = js_sys::Uint8Array::from(&sealed[..]);
        store
            .put(&value, Some(&(key as f64).into()))
            .map_err(idb)?
            .await
            .map_err(idb)?;
        committed(tx).await
    }

    async fn store_draft(&self, key: &str, text: Option<&str>) -> Result<(), DeviceError> {
        let Some(text) = text else {
            let tx = self
                .db
                .transaction(&[DRAFTS], TransactionMode::ReadWrite)
                .map_err(idb)?;
            tx.object_store(DRAFTS)
                .map_err(idb)?
                .delete(Query::from(JsValue::from_str(key)))
                .map_err(idb)?
                .await
                .map_err(idb)?;
            return committed(tx).await;
        };
        let sealed = sealed::seal(&self.key, text.as_bytes()).await?;
        let value = js_sys::Uint8Array::from(&sealed[..]);
        put(&self.db, DRAFTS, &key.into(), &value).await
    }

    /// Every draft kept on the device: field key and text.
    pub async fn drafts(&self) -> Vec<(String, String)> {
        let Ok(tx) = self.db.transaction(&[DRAFTS], TransactionMode::ReadOnly) else {
            return Vec::new();
        };
        let Ok(store) = tx.object_store(DRAFTS) else {
            return Vec::new();
        };
        let (Ok(keys), Ok(values)) = (store.get_all_keys(None, None), store.get_all(None, None))
        else {
            return Vec::new();
        };
        let (Ok(keys), Ok(values)) = (keys.await, values.await) else {
            return Vec::new();
        };
        let mut drafts = Vec::new();
        for (k, v) in keys.into_iter().zip(values) {
            let bytes = js_sys::Uint8Array::new(&v).to_vec();
            let text = sealed::open(&self.key, &bytes).await;
            if let (Some(k), Some(text)) = (k.as_string(), text) {
                drafts.push((k, String::from_utf8_lossy(&text).into_owned()));
            }
        }
        drafts
    }

    async fn put_meta<T: serde::Serialize>(
        &self,
        name: &str,
        value: &T,
    ) -> Result<(), DeviceError> {
        let json = serde_json::to_vec(value).map_err(|e| DeviceError::Storage(e.to_string()))?;
        let sealed = sealed::seal(&self.key, &json).await?;
        put(
            &self.db,
            META,
            &name.into(),
            &js_sys::Uint8Array::from(&sealed[..]),
        )
        .await
    }

    /// Keeps who opened the agreement, so it opens on this device without the network.
    pub fn keep_session(self: &Rc<Self>, session: &crate::session::Session) {
        let device = self.clone();
        let session = session.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(e) = device.put_meta("session", &session).await {
                let _ = device.state.try_set(DeviceState::Failed(e));
            }
        });
    }

    /// Closes the connection to the database (before it is deleted).
    pub fn close(&self) {
        self.db.close();
    }
}

/// Who last opened `agreement` on this device, if its copy is kept.
pub async fn cached_session(agreement: &str) -> Option<crate::session::Session> {
    let db = open_database(agreement).await.ok()?;
    let key = get(&db, META, "key").await.ok()??;
    let key = sealed::as_key(key)?;
    let session = read_meta(&db, &key, "session").await;
    db.close();
    session
}

/// Deletes the device copy of `agreement`.
pub async fn forget(agreement: &str) -> Result<(), DeviceError> {
    super::prefetch::mark_kept(agreement, false);
    let factory = Factory::new().map_err(|_| DeviceError::Unavailable)?;
    factory
        .delete(&database_name(agreement))
        .map_err(idb)?
        .await
        .map_err(idb)
}

/// Where the reader's choice to keep no device copy is remembered (this browser, every
/// agreement): a flag only, nothing of the agreement.
const CHOICE: &str = "samrad-device-copy";

/// Whether the reader wants agreements kept on this device (the default).
pub fn wanted() -> bool {
    local_storage()
        .and_then(|s| s.get_item(CHOICE).ok().flatten())
        .is_none_or(|v| v != "off")
}

/// Remembers the reader's choice; turning the copy off deletes the copy of `agreement`.
pub async fn set_wanted(agreement: &str, on: bool) -> Result<(), DeviceError> {
    if let Some(storage) = local_storage() {
        let _ = if on {
            storage.remove_item(CHOICE)
        } else {
            storage.set_item(CHOICE, "off")
        };
    }
    if on {
        Ok(())
    } else {
        forget(agreement).await
    }
}
