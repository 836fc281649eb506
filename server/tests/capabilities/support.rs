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
    let app = dir.join("dist");
    std::fs::create_dir_all(&app).expect("app dir");
    let index = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Samråd</title>\n\
         <script type=\"module\">{INLINE_SCRIPT}</script></head><body></body></html>\n"
    );
    std::fs::write(app.join("index.html"), index).expect("index.html");
    start_with(Config::new(dir.join("samrad.db"), app)).await
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

/// Opens the invitation link like a browser and returns the `Cookie` header value it earns.
pub async fn sign_in(server: &RunningServer, role: &str) -> String {
    sign_in_at(&link(server, role)).await
}

/// Opens an invitation link `url` like a browser; returns the `Cookie` header value it earns.
pub async fn sign_in_at(url: &str) -> String {
    let response = http().get(url).send().await.expect("GET /join");
    println!("GET {url} -> {}", response.status());
    assert_eq!(response.status(), 303);
    let set_cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .expect("Set-Cookie")
        .to_string();
    set_cookie
        .split(';')
        .next()
        .expect("name=value")
        .trim()
        .to_string()
}

pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Opens the demo's sync websocket with the given `Cookie` and `Origin` headers.
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
