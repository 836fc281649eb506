//! Shared helpers: start a server in a temp dir, sign in through an invitation link, and a
//! y-websocket peer (tokio-tungstenite + `SyncClient`) that sends a browser's headers.

use futures_util::{SinkExt, StreamExt};
use samrad_domain::{demo, Agreement, SyncClient};
use samrad_server::{start, Config, RunningServer};
use std::path::Path;
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::{self, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use yrs::{ReadTxn, Transact};

pub const WAIT: Duration = Duration::from_secs(10);
pub const NOW: f64 = 1_800_000_000_000.0;

/// What Trunk's index.html looks like: one inline module script that loads the wasm.
pub const INLINE_SCRIPT: &str = "import init, * as bindings from '/samrad-1234.js';\nwindow.wasmBindings = bindings;\ninit('/samrad-1234_bg.wasm');";

/// Starts a server whose database and app live in `dir` (reused across restarts).
pub async fn start_in(dir: &Path) -> RunningServer {
    start_configured(dir, |_| {}).await
}

/// Starts a server in `dir` like [`start_in`], with its configuration changed by `adjust`.
pub async fn start_configured(dir: &Path, adjust: impl FnOnce(&mut Config)) -> RunningServer {
    let app = dir.join("dist");
    std::fs::create_dir_all(&app).expect("app dir");
    let index = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Samråd</title>\n\
         <script type=\"module\">{INLINE_SCRIPT}</script></head><body></body></html>\n"
    );
    std::fs::write(app.join("index.html"), index).expect("index.html");
    let mut config = Config::new(dir.join("samrad.db"), app);
    adjust(&mut config);
    start_with(config).await
}

/// Starts a server in `dir` whose rooms unload after `idle` without connections.
pub async fn start_idle(dir: &Path, idle: Duration) -> RunningServer {
    start_configured(dir, |config| config.room_idle = idle).await
}

/// Polls the server's room count until `done` holds (panics after `WAIT`).
pub async fn rooms_until(server: &RunningServer, what: &str, done: impl Fn(usize) -> bool) {
    let start = std::time::Instant::now();
    while !done(server.room_stats().live) {
        assert!(start.elapsed() < WAIT, "{what}: not within {WAIT:?}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// Handles server frames until the server has confirmed storing every local change.
pub async fn until_saved(peer: &mut Peer) {
    tokio::time::timeout(WAIT, async {
        while !peer.sync.saved() {
            match peer.socket.next().await {
                Some(Ok(Message::Binary(frame))) => {
                    for reply in peer.sync.receive(&frame).expect("valid frame") {
                        peer.send(reply).await;
                    }
                }
                Some(Ok(Message::Close(close))) => panic!("closed: {close:?}"),
                Some(Ok(_)) => {}
                other => panic!("socket ended: {other:?}"),
            }
        }
    })
    .await
    .expect("saved in time");
}

/// Closes the socket cleanly and waits for the server's side of the close.
pub async fn hang_up(mut peer: Peer) {
    peer.socket.send(Message::Close(None)).await.expect("close");
    while peer.socket.next().await.is_some() {}
}

/// The number of rows in an agreement's stored log, read beside the running server.
pub fn log_rows(dir: &Path) -> i64 {
    let db = rusqlite::Connection::open(dir.join("samrad.db")).expect("open the database");
    db.busy_timeout(WAIT).expect("busy timeout");
    db.query_row(
        "SELECT COUNT(*) FROM updates WHERE agreement = ?1",
        [demo::AGREEMENT_ID],
        |row| row.get(0),
    )
    .expect("count")
}

pub async fn start_with(config: Config) -> RunningServer {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind port 0");
    let server = start(config, listener).await.expect("server starts");
    println!("started: {}", server.public_url);
    server
}

/// An HTTP client that does not follow redirects, so the 303 and its cookie are visible.
pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// The sign-in link printed for the demo participant with `role`.
pub fn link(server: &RunningServer, role: &str) -> String {
    server
        .links
        .iter()
        .find(|l| l.participant.role.key() == role)
        .map(|l| l.url.clone())
        .expect("a link per demo role")
}

/// The secret token at the end of a sign-in link.
pub fn token_of(link: &str) -> &str {
    link.rsplit('/').next().expect("a token")
}

/// Presses the sign-in page's button as a browser showing that page would: a form POST of the
/// link's token to `/join` from the server's own origin.
pub async fn press_sign_in(server: &RunningServer, link: &str) -> reqwest::Response {
    post_sign_in(
        server,
        link,
        &[
            ("origin", server.public_url.as_str()),
            ("sec-fetch-site", "same-origin"),
        ],
    )
    .await
}

/// A form POST of the link's token to `/join` with exactly the given extra headers.
pub async fn post_sign_in(
    server: &RunningServer,
    link: &str,
    headers: &[(&str, &str)],
) -> reqwest::Response {
    let mut request = http()
        .post(format!("{}/join", server.public_url))
        .form(&[("token", token_of(link))]);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.expect("POST /join");
    println!("POST /join {headers:?} -> {}", response.status());
    response
}

/// The `name=value` pair of a response's `Set-Cookie`, for a `Cookie` header.
pub fn cookie_of(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .expect("Set-Cookie")
        .split(';')
        .next()
        .expect("name=value")
        .trim()
        .to_string()
}

/// Signs in through a link as a person would: opens it (the page with the button), presses
/// the button, and returns the `Cookie` header value the sign-in earns.
pub async fn sign_in_with(server: &RunningServer, link: &str) -> String {
    let page = http().get(link).send().await.expect("GET /join/…");
    println!("GET {link} -> {}", page.status());
    assert_eq!(page.status(), 200, "the link opens its sign-in page");
    let response = press_sign_in(server, link).await;
    assert_eq!(response.status(), 303, "the button signs in");
    cookie_of(&response)
}

/// Signs in as the demo participant with `role` through their printed link.
pub async fn sign_in(server: &RunningServer, role: &str) -> String {
    sign_in_with(server, &link(server, role)).await
}

pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Opens the sync websocket with the given `Cookie` and `Origin` headers.
pub async fn open_socket(
    server: &RunningServer,
    cookie: Option<&str>,
    origin: Option<&str>,
) -> Result<Socket, tungstenite::Error> {
    open_socket_to(server, demo::AGREEMENT_ID, cookie, origin).await
}

/// Opens the sync websocket of `agreement` with the given `Cookie` and `Origin` headers.
pub async fn open_socket_to(
    server: &RunningServer,
    agreement: &str,
    cookie: Option<&str>,
    origin: Option<&str>,
) -> Result<Socket, tungstenite::Error> {
    let url = format!("ws://{}/sync/{agreement}", server.local_addr);
    let mut request = url.as_str().into_client_request()?;
    if let Some(cookie) = cookie {
        request
            .headers_mut()
            .insert("cookie", HeaderValue::from_str(cookie).expect("header"));
    }
    if let Some(origin) = origin {
        request
            .headers_mut()
            .insert("origin", HeaderValue::from_str(origin).expect("header"));
    }
    tokio_tungstenite::connect_async(request)
        .await
        .map(|(socket, _)| socket)
}

/// A browser-like sync participant: socket + protocol client + its own replica.
pub struct Peer {
    /// The session cookie it signed in with, to connect again.
    pub cookie: String,
    pub socket: Socket,
    pub agreement: Agreement,
    pub sync: SyncClient,
}

impl Peer {
    /// Signs in as `role`, connects and waits for the initial sync.
    pub async fn join(server: &RunningServer, role: &str, client_id: u64) -> Peer {
        let cookie = sign_in(server, role).await;
        Peer::connect(server, cookie, client_id).await
    }

    /// Connects with an existing session cookie and waits for the initial sync.
    pub async fn connect(server: &RunningServer, cookie: String, client_id: u64) -> Peer {
        let socket = open_socket(server, Some(&cookie), Some(&server.public_url))
            .await
            .expect("handshake accepted");
        let agreement = Agreement::new(client_id);
        let sync = SyncClient::new(&agreement, || NOW as u64);
        let mut peer = Peer {
            cookie,
            socket,
            agreement,
            sync,
        };
        peer.send(peer.sync.hello()).await;
        peer.sync_until(|a| a.chapters().len() >= 3).await;
        println!("client {client_id} connected and synced");
        peer
    }

    pub async fn send(&mut self, frame: Vec<u8>) {
        self.socket
            .send(Message::Binary(frame.into()))
            .await
            .expect("send");
    }

    /// Handles server frames (answering them) until `done` holds.
    pub async fn sync_until(&mut self, done: impl Fn(&Agreement) -> bool) {
        tokio::time::timeout(WAIT, async {
            while !done(&self.agreement) {
                match self.socket.next().await {
                    Some(Ok(Message::Binary(frame))) => {
                        for reply in self.sync.receive(&frame).expect("valid frame") {
                            self.send(reply).await;
                        }
                    }
                    Some(Ok(Message::Close(close))) => panic!("closed: {close:?}"),
                    Some(Ok(_)) => {}
                    Some(Err(e)) => panic!("socket error: {e}"),
                    None => panic!("socket ended"),
                }
            }
        })
        .await
        .expect("synced in time");
    }

    /// Makes a local edit and sends it as an update frame.
    pub async fn edit(&mut self, edit: impl FnOnce(&Agreement)) {
        let before = self.agreement.doc().transact().state_vector();
        edit(&self.agreement);
        let update = self
            .agreement
            .doc()
            .transact()
            .encode_state_as_update_v1(&before);
        self.send(SyncClient::update_frame(&update)).await;
    }

    /// Waits for the server's close frame (answering sync frames meanwhile); returns its code
    /// and reason.
    pub async fn close_frame(&mut self) -> (u16, String) {
        tokio::time::timeout(WAIT, async {
            loop {
                match self.socket.next().await {
                    Some(Ok(Message::Close(Some(frame)))) => {
                        return (u16::from(frame.code), frame.reason.to_string())
                    }
                    Some(Ok(Message::Binary(frame))) => {
                        for reply in self.sync.receive(&frame).unwrap_or_default() {
                            let _ = self.socket.send(Message::Binary(reply.into())).await;
                        }
                    }
                    Some(Ok(_)) => {}
                    other => panic!("expected a close frame, got {other:?}"),
                }
            }
        })
        .await
        .expect("closed in time")
    }

    /// Waits for the server's close frame; returns its code.
    pub async fn closed_with(socket: &mut Socket) -> u16 {
        tokio::time::timeout(WAIT, async {
            loop {
                match socket.next().await {
                    Some(Ok(Message::Close(Some(frame)))) => return u16::from(frame.code),
                    Some(Ok(_)) => {}
                    other => panic!("expected a close frame, got {other:?}"),
                }
            }
        })
        .await
        .expect("closed in time")
    }
}

/// The id of the clause numbered `number`.
pub fn clause(agreement: &Agreement, number: &str) -> String {
    agreement
        .chapters()
        .into_iter()
        .flat_map(|c| c.clauses)
        .find(|c| c.number == number)
        .map(|c| c.id)
        .expect("clause exists")
}

/// The demo participant with `role`.
pub fn person(role: &str) -> samrad_domain::Participant {
    demo::participants()
        .into_iter()
        .find(|p| p.role.key() == role)
        .expect("demo participant")
}
