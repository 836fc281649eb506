//! Shared helpers: start a server in a temp dir, sign in through an invitation link, and a
//! y-websocket peer (tokio-tungstenite + `SyncClient`) that sends a browser's headers.

pub mod smtp_sink;

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

/// The real clock, in milliseconds since the epoch: the server refuses a time a writer claims
/// in the future or before the agreement was created (at the server's start).
pub fn now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as f64)
        .unwrap_or_default()
}

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

/// The agreement's stored rows (oldest first), read beside the running server.
pub fn stored_rows(dir: &Path) -> Vec<Vec<u8>> {
    let db = rusqlite::Connection::open(dir.join("samrad.db")).expect("open the database");
    db.busy_timeout(WAIT).expect("busy timeout");
    let mut rows = db
        .prepare("SELECT data FROM updates WHERE agreement = ?1 ORDER BY seq")
        .expect("query");
    rows.query_map([demo::AGREEMENT_ID], |row| row.get::<_, Vec<u8>>(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("read")
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
        let sync = SyncClient::new(&agreement, || now() as u64);
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
                self.sync_until_next_frame().await;
            }
        })
        .await
        .expect("synced in time");
    }

    /// Handles the next server frame (answering it).
    pub async fn sync_until_next_frame(&mut self) {
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

    /// Makes a local edit and sends it as an update frame.
    pub async fn edit(&mut self, edit: impl FnOnce(&Agreement)) {
        self.edit_returning(edit).await
    }

    /// [`Peer::edit`], returning what `edit` returns.
    pub async fn edit_returning<T>(&mut self, edit: impl FnOnce(&Agreement) -> T) -> T {
        let before = self.agreement.doc().transact().state_vector();
        let out = edit(&self.agreement);
        let update = self
            .agreement
            .doc()
            .transact()
            .encode_state_as_update_v1(&before);
        self.send(SyncClient::update_frame(&update)).await;
        out
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
        Peer::close_of(socket).await.0
    }

    /// Waits for the server's close frame on `socket`, skipping anything else; returns its code
    /// and reason.
    pub async fn close_of(socket: &mut Socket) -> (u16, String) {
        tokio::time::timeout(WAIT, async {
            loop {
                match socket.next().await {
                    Some(Ok(Message::Close(Some(frame)))) => {
                        return (u16::from(frame.code), frame.reason.to_string())
                    }
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

/// The client id the attacker's replica writes as.
pub const ATTACKER: u64 = 666;

/// The malicious-client setting: an honest coordinator and member, and an attacker signed in
/// with a demo participant's own link, on a server in a temporary directory.
pub struct Scene {
    pub dir: tempfile::TempDir,
    pub server: RunningServer,
    pub karin: Peer,
    pub erik: Peer,
    pub attacker: Peer,
    /// Rows in the log before the attack.
    pub rows: i64,
}

impl Scene {
    /// Starts a server; the coordinator, the member and the attacker (as `attacker_role`)
    /// connect and sync.
    pub async fn new(attacker_role: &str) -> Scene {
        let dir = tempfile::tempdir().expect("tempdir");
        let server = start_in(dir.path()).await;
        let karin = Peer::join(&server, "coordinator", 100).await;
        let erik = Peer::join(&server, "member", 200).await;
        // A link works once: a coordinator or member attacks with that person's session.
        let attacker = match attacker_role {
            "coordinator" => Peer::connect(&server, karin.cookie.clone(), ATTACKER).await,
            "member" => Peer::connect(&server, erik.cookie.clone(), ATTACKER).await,
            role => Peer::join(&server, role, ATTACKER).await,
        };
        let rows = log_rows(dir.path());
        Scene {
            dir,
            server,
            karin,
            erik,
            attacker,
            rows,
        }
    }

    /// The attacker's connection is closed with `code` and a reason, and nothing was stored.
    pub async fn refused(&mut self, what: &str, code: u16) -> String {
        let (got, reason) = Peer::close_of(&mut self.attacker.socket).await;
        println!("{what}: closed with {got}: {reason}");
        assert_eq!(got, code, "{what}: {reason}");
        assert!(!reason.is_empty(), "{what}: a close says why");
        assert_eq!(
            log_rows(self.dir.path()),
            self.rows,
            "{what}: nothing stored"
        );
        reason
    }

    /// After an attack the honest two still write and read both ways, a participant joining
    /// now gets everything the honest ones wrote, and `check` holds on all three replicas —
    /// none of which holds anything written under the attacker's client id.
    pub async fn honest_still_converge(&mut self, check: impl Fn(&Agreement) -> bool) {
        let c = clause(&self.karin.agreement, "1.4");
        let before = self.karin.agreement.remark_count(&c);
        self.karin
            .edit(|a| {
                a.add_remark(&c, &person("coordinator"), "Efter attacken.", now())
                    .expect("remark");
            })
            .await;
        self.erik
            .sync_until(|a| a.remark_count(&c) == before + 1)
            .await;
        let remark = self.erik.agreement.remarks_of(&c)[0].id.clone();
        self.erik
            .edit(|a| {
                a.reply(&remark, &person("member"), "Uppfattat.", now())
                    .expect("reply");
            })
            .await;
        self.karin
            .sync_until(|a| a.remark_count(&c) == before + 2)
            .await;
        let mut late = Peer::connect(&self.server, self.karin.cookie.clone(), 777).await;
        late.sync_until(|a| a.remark_count(&c) == before + 2).await;
        for (who, replica) in [
            ("coordinator", &self.karin.agreement),
            ("member", &self.erik.agreement),
            ("a participant joining after the attack", &late.agreement),
        ] {
            let sv = replica.doc().transact().state_vector();
            assert!(
                !sv.contains_client(&yrs::ClientID::new(ATTACKER)),
                "{who}'s replica holds the attacker's writing"
            );
            assert!(check(replica), "{who}'s replica");
        }
    }

    pub async fn shutdown(self) {
        self.server.shutdown().await.expect("clean shutdown");
    }

    /// The whole ending of an attack that must fail: the attacker is closed with `code` and a
    /// reason naming `because`, nothing was stored, the honest still converge with `check`
    /// holding everywhere, and the server stops cleanly.
    pub async fn ends_refused(
        mut self,
        what: &str,
        (code, because): (u16, &str),
        check: impl Fn(&Agreement) -> bool,
    ) {
        let reason = self.refused(what, code).await;
        assert!(reason.contains(because), "{what}: {reason}");
        self.honest_still_converge(check).await;
        self.shutdown().await;
    }
}

/// A hand-made update of `blocks` (see `samrad_domain::wire`), as an update frame.
pub fn crafted_frame(blocks: Vec<samrad_domain::wire::Block>) -> Vec<u8> {
    SyncClient::update_frame(&samrad_domain::wire::encode_update(
        &samrad_domain::wire::ParsedUpdate {
            blocks,
            deleted: Vec::new(),
        },
    ))
}

/// The id of the item that created the entry `key` of root map `root`.
pub fn entry_id(a: &Agreement, root: &str, key: &str) -> samrad_domain::wire::Id {
    use yrs::{Map, Out};
    let map = a.doc().get_or_insert_map(root);
    let txn = a.doc().transact();
    let Some(Out::YMap(entry)) = map.get(&txn, key) else {
        panic!("{root}/{key} is no entry")
    };
    match AsRef::<yrs::branch::Branch>::as_ref(&entry).id() {
        yrs::BranchID::Nested(id) => samrad_domain::wire::Id::new(id.client.get(), id.clock),
        yrs::BranchID::Root(_) => panic!("a root"),
    }
}

/// Keeps a document the tests wrote in `$SAMRAD_DOCX_OUT`, if set, for a look.
pub fn keep(name: &str, bytes: &[u8]) {
    if let Ok(dir) = std::env::var("SAMRAD_DOCX_OUT") {
        let path = std::path::Path::new(&dir).join(name);
        std::fs::write(&path, bytes).expect("write the document");
        println!("kept {}", path.display());
    }
}

/// A spreadsheet as Excel reads it: after its byte-order mark (which must be there), rows of
/// fields split by `delimiter`.
pub fn csv_rows(bytes: &[u8], delimiter: u8) -> Vec<Vec<String>> {
    let text = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("starts with a byte-order mark");
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(text)
        .records()
        .map(|r| r.expect("a record").iter().map(str::to_string).collect())
        .collect()
}

/// The compilation of the six-organisation round (`demo::consultation`).
pub fn consultation_round() -> samrad_domain::Compilation {
    let (a, remiss) = demo::consultation::agreement(1).expect("the round builds");
    a.compilation(&remiss).expect("it compiles")
}

/// The inbox of the session `cookie` (`GET /api/inbox`): `items` newest first and `unread`.
pub async fn inbox(server: &RunningServer, cookie: &str) -> serde_json::Value {
    let url = format!("{}/api/inbox", server.public_url);
    let response = http()
        .get(url)
        .header("cookie", cookie)
        .send()
        .await
        .expect("GET /api/inbox");
    assert_eq!(response.status(), 200);
    response.json().await.expect("json")
}
