//! Samråd's sync server: serves the app, signs participants in with single-use invitation
//! links, and keeps one live yrs document per agreement in sync over the y-websocket protocol,
//! storing every change in SQLite before anybody else sees it.
//!
//! Layers, from pure to I/O:
//! - [`docx`]: Word documents in and out (bytes in, a draft out; a version in, bytes out);
//! - [`room`]: the protocol state of one agreement (bytes in, frames and updates out);
//! - [`store`]: the SQLite file;
//! - [`rooms`]: one thread per live room, which stores before it relays and unloads when idle;
//! - [`ws`] and `http`: the socket and HTTP edges.
//!
//! [`start`] takes an already bound listener so tests can use port 0, and returns a
//! [`RunningServer`] that shuts down gracefully.

pub mod admin;
mod admission;
pub mod compilation;
mod csp;
pub mod docx;
mod error;
mod http;
mod inbox_timer;
mod listener;
pub mod mail;
mod messages;
pub mod room;
pub mod rooms;
pub mod store;
pub mod ws;

pub use error::AppError;
pub use ws::WsConfig;

use axum::http::HeaderValue;
use samrad_domain::{demo, DomainError, Participant};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use store::{AgreementInfo, Grant, Store, StoreError};
use thiserror::Error;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;

/// How long a printed sign-in link stays valid.
pub const INVITATION_TTL_MS: i64 = 7 * 24 * 3_600_000;

/// How long shutdown waits for open sync connections and room threads to finish.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// How the server is set up.
#[derive(Debug, Clone)]
pub struct Config {
    /// The SQLite file (created if missing).
    pub db_path: PathBuf,
    /// The built front end (Trunk's `dist`).
    pub app_dir: PathBuf,
    /// The URL people open, for printed links and the origin check; `None` means
    /// `http://<bound address>`.
    pub public_url: Option<String>,
    /// Further origins allowed to open sync connections (e.g. a dev server).
    pub allowed_origins: Vec<String>,
    /// Websocket limits.
    pub ws: WsConfig,
    /// How long an agreement's room stays loaded without connections.
    pub room_idle: Duration,
    /// The most bytes an agreement's stored log may hold; updates past it are refused (1009).
    pub agreement_quota: u64,
    /// How often organisations' deadlines are checked for warnings.
    pub deadline_check: Duration,
    /// Notices by e-mail; `None` (the default): no e-mail.
    pub mail: Option<mail::MailConfig>,
}

impl Config {
    /// Defaults for everything but the two paths.
    pub fn new(db_path: impl Into<PathBuf>, app_dir: impl Into<PathBuf>) -> Config {
        Config {
            db_path: db_path.into(),
            app_dir: app_dir.into(),
            public_url: None,
            allowed_origins: Vec::new(),
            ws: WsConfig::default(),
            room_idle: rooms::DEFAULT_IDLE,
            agreement_quota: room::DEFAULT_QUOTA,
            deadline_check: inbox_timer::DEFAULT_DEADLINE_CHECK,
            mail: None,
        }
    }
}

/// Why the server could not start or stop cleanly.
#[derive(Debug, Error)]
pub enum ServerError {
    /// Opening, seeding or querying the store failed.
    #[error("store: {0}")]
    Store(#[from] StoreError),
    /// The demo agreement could not be built.
    #[error("demo agreement: {0}")]
    Demo(#[from] DomainError),
    /// A socket or thread operation failed.
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    /// A configured URL or origin is not an http(s) URL.
    #[error("not an http(s) URL: {0}")]
    BadUrl(String),
    /// Another server or an admin command holds the store.
    #[error(
        "{db} is in use by {holder} (another Samråd server, or an admin command working on it); \
         one server per store"
    )]
    StoreInUse {
        /// The store.
        db: String,
        /// Who holds its lock.
        holder: String,
    },
}

/// A fresh single-use sign-in link for one participant.
#[derive(Debug, Clone)]
pub struct SignInLink {
    /// Who the link signs in.
    pub participant: Participant,
    /// The full URL, `<public url>/join/<token>`.
    pub url: String,
}

/// A server accepting connections; call [`RunningServer::shutdown`] to stop it.
#[derive(Debug)]
pub struct RunningServer {
    /// The address actually bound.
    pub local_addr: SocketAddr,
    /// The base URL people open (no trailing slash).
    pub public_url: String,
    /// The demo agreement's title.
    pub agreement_title: String,
    /// Fresh sign-in links for the demo participants, issued at this start.
    pub links: Vec<SignInLink>,
    stop: watch::Sender<bool>,
    serve: JoinHandle<std::io::Result<()>>,
    alive: mpsc::Receiver<()>,
    rooms: rooms::Rooms,
    /// Where admin commands come in, if the socket could be made.
    #[cfg(unix)]
    admin: Option<admin::socket::AdminSocket>,
    /// The store's lock, held until the rooms have stopped writing.
    lock: admin::lock::StoreLock,
}

/// Milliseconds since the Unix epoch.
pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}

/// Opens the store, seeds the demo agreement on first start, issues fresh sign-in links and
/// serves on `listener` until [`RunningServer::shutdown`].
pub async fn start(config: Config, listener: TcpListener) -> Result<RunningServer, ServerError> {
    let local_addr = listener.local_addr()?;
    let public_url = config
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{local_addr}"))
        .trim_end_matches('/')
        .to_string();
    let mut origins = Vec::new();
    for url in std::iter::once(&public_url).chain(&config.allowed_origins) {
        origins.push(http::guard::origin_of(url).ok_or_else(|| ServerError::BadUrl(url.clone()))?);
    }

    let db_path = config.db_path.clone();
    let (lock, store, title, invitations) = tokio::task::spawn_blocking(move || {
        // The lock first: with it held, nobody else writes the logs while rooms have them.
        let lock = admin::lock::StoreLock::try_acquire(&db_path)?.ok_or_else(|| {
            ServerError::StoreInUse {
                db: db_path.display().to_string(),
                holder: admin::lock::StoreLock::holder(&db_path)
                    .unwrap_or_else(|| "another process".into()),
            }
        })?;
        let store = Store::open(&db_path)?;
        let (title, invitations) = seed_and_invite(&store)?;
        Ok::<_, ServerError>((lock, store, title, invitations))
    })
    .await
    .map_err(|e| ServerError::Io(std::io::Error::other(e)))??;
    let links = invitations
        .into_iter()
        .map(|(participant, token)| SignInLink {
            url: format!("{public_url}/join/{token}"),
            participant,
        })
        .collect();

    let index = std::fs::read_to_string(config.app_dir.join("index.html")).ok();
    let stylesheets = index.as_deref().map(http::pages::stylesheets);
    let csp = HeaderValue::from_str(&csp::policy(index.as_deref()))
        .map_err(|e| ServerError::Io(std::io::Error::other(e)))?;
    let (stop, stopped) = watch::channel(false);
    let (alive_tx, alive) = mpsc::channel(1);
    let rooms = rooms::Rooms::new(store.clone())
        .idle_after(config.room_idle)
        .with_quota(config.agreement_quota);
    tokio::spawn(inbox_timer::run(
        store.clone(),
        rooms.clone(),
        config.deadline_check,
        stopped.clone(),
    ));
    let mail_enabled = start_mailer(&config, &store, &rooms, &public_url, &stopped);
    let state = http::AppState {
        mail_enabled,
        store,
        rooms: rooms.clone(),
        origins: Arc::new(origins),
        public_url: Arc::from(public_url.as_str()),
        secure_cookie: public_url.starts_with("https://"),
        stylesheets: Arc::new(stylesheets.unwrap_or_default()),
        ws: config.ws,
        shutdown: stopped.clone(),
        alive: alive_tx,
        log_blocks: Default::default(),
    };
    #[cfg(unix)]
    let admin = admin_socket(&config, &state, stopped.clone());
    let app = http::router(state, &config.app_dir, csp);
    let mut stopped_http = stopped;
    let serve = tokio::spawn(async move {
        axum::serve(listener::accepting(listener), app)
            .with_graceful_shutdown(async move {
                let _ = stopped_http.wait_for(|stop| *stop).await;
            })
            .await
    });
    Ok(RunningServer {
        local_addr,
        public_url,
        agreement_title: title,
        links,
        stop,
        serve,
        alive,
        rooms,
        #[cfg(unix)]
        admin,
        lock,
    })
}

/// Starts the mailer if the operator configured SMTP; returns whether it runs. A setting that
/// cannot be read is logged and leaves e-mail off: the server itself runs on.
fn start_mailer(
    config: &Config,
    store: &Store,
    rooms: &rooms::Rooms,
    public_url: &str,
    stop: &watch::Receiver<bool>,
) -> bool {
    let Some(mail) = &config.mail else {
        return false;
    };
    match mail::Mailer::new(store.clone(), mail, Arc::from(public_url)) {
        Ok(mailer) => {
            tokio::spawn(mail::run(mailer, rooms.told(), mail.every, stop.clone()));
            true
        }
        Err(error) => {
            tracing::error!(%error, "e-mail is off: its settings could not be used");
            false
        }
    }
}

/// Opens the admin socket beside the store. Without it the server still runs; admin
/// commands then say they cannot reach it and change nothing.
#[cfg(unix)]
fn admin_socket(
    config: &Config,
    state: &http::AppState,
    stop: watch::Receiver<bool>,
) -> Option<admin::socket::AdminSocket> {
    let path = admin::socket::socket_path(&config.db_path);
    let served = admin::socket::Served {
        store: state.store.clone(),
        rooms: state.rooms.clone(),
        public_url: state.public_url.clone(),
    };
    match admin::socket::AdminSocket::listen(&path, served, stop) {
        Ok(socket) => Some(socket),
        Err(error) => {
            tracing::warn!(path = %path.display(), %error, "no admin socket; admin commands will be refused while the server runs");
            None
        }
    }
}

/// Creates the demo agreement if the store lacks it, then issues one invitation per demo
/// participant. Returns the title and (participant, token) pairs.
fn seed_and_invite(store: &Store) -> Result<(String, Vec<(Participant, String)>), ServerError> {
    let info = match store.agreement(demo::AGREEMENT_ID)? {
        Some(info) => info,
        None => {
            let now = now_ms();
            let agreement = demo::agreement(room::SERVER_CLIENT_ID, now as f64)?;
            let info = AgreementInfo {
                id: demo::AGREEMENT_ID.to_string(),
                title: agreement.title(),
            };
            store.create_agreement(&info, now, &demo::participants(), &agreement.encode_state())?;
            info
        }
    };
    let expires = now_ms() + INVITATION_TTL_MS;
    let mut invitations = Vec::new();
    for participant in store.participants(&info.id)? {
        let grant = Grant {
            participant: participant.id.clone(),
            agreement: info.id.clone(),
        };
        let token = store.create_invitation(&grant, expires)?;
        invitations.push((participant, token));
    }
    Ok((info.title, invitations))
}

impl RunningServer {
    /// The start-up text: where the server runs and the sign-in links.
    pub fn banner(&self) -> String {
        let mut out = format!(
            "Samråd is running at {}\nSign-in links for \"{}\" (open one and press its button; each signs in once; restart the server for new ones):\n",
            self.public_url, self.agreement_title
        );
        for link in &self.links {
            let p = &link.participant;
            out.push_str(&format!(
                "  {:<12} {} ({}): {}\n",
                p.role.key(),
                p.name,
                p.organisation,
                link.url
            ));
        }
        out
    }

    /// How many agreement rooms are loaded, and how many were ever started.
    pub fn room_stats(&self) -> rooms::RoomStats {
        self.rooms.stats()
    }

    /// Stops accepting, closes sync connections (1001), waits for them and for the rooms to
    /// drain their queues, so every update received has been stored.
    pub async fn shutdown(mut self) -> Result<(), ServerError> {
        let _ = self.stop.send(true);
        let served = self
            .serve
            .await
            .map_err(|e| ServerError::Io(std::io::Error::other(e)))?;
        // Every sync connection holds a sender; `None` means all have ended.
        let _ = tokio::time::timeout(SHUTDOWN_GRACE, self.alive.recv()).await;
        let rooms = self.rooms;
        let drained = tokio::task::spawn_blocking(move || rooms.shutdown());
        if tokio::time::timeout(SHUTDOWN_GRACE, drained).await.is_err() {
            tracing::warn!("room threads did not stop in time");
        }
        // The socket goes before the lock, so a server starting next never has its own
        // socket removed by this one.
        #[cfg(unix)]
        if let Some(admin) = self.admin {
            admin.close();
        }
        drop(self.lock);
        Ok(served?)
    }
}
