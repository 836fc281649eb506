//! Durability under crashes: three writers add remarks as fast as the server acknowledges
//! them while the server process is killed with SIGKILL at random moments, 20 times, and
//! restarted on the same database. Every remark whose storage the server acknowledged (its
//! state vector covered the writer's change) must be there afterwards.

use crate::support::{now, person, WAIT};
use futures_util::{SinkExt, StreamExt};
use samrad_domain::{demo, Agreement, SyncClient};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;
use yrs::{ReadTxn, Transact};

struct Server {
    child: Child,
    base: String,
    links: Vec<(String, String)>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spawn(dir: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_samrad-server"))
        .args(["--addr", "127.0.0.1:0", "--db"])
        .arg(dir.join("samrad.db"))
        .arg("--app")
        .arg(dir.join("dist"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn samrad-server");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().expect("a line").expect("utf-8");
    let base = first
        .strip_prefix("Samråd is running at ")
        .expect("banner")
        .to_string();
    let mut links = Vec::new();
    for line in lines.by_ref().take(5) {
        let line = line.expect("utf-8");
        if let Some((head, url)) = line.rsplit_once(": ") {
            if let Some(role) = head.split_whitespace().next() {
                if url.contains("/join/") {
                    links.push((role.to_string(), url.to_string()));
                }
            }
        }
    }
    Server { child, base, links }
}

/// A tiny deterministic generator, so a failing run can be repeated from its printed seed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Signs in with `link` and opens the sync socket; `None` if the server is gone.
async fn connect(base: &str, link: &str) -> Option<Socket> {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .ok()?;
    // The sign-in page's button: a same-origin form POST of the link's token.
    let token = link.rsplit('/').next()?;
    let response = http
        .post(format!("{base}/join"))
        .header("origin", base)
        .header("sec-fetch-site", "same-origin")
        .form(&[("token", token)])
        .send()
        .await
        .ok()?;
    let cookie = response
        .headers()
        .get("set-cookie")?
        .to_str()
        .ok()?
        .split(';')
        .next()?
        .to_string();
    let url = format!(
        "{}/sync/{}",
        base.replace("http://", "ws://"),
        demo::AGREEMENT_ID
    );
    let mut request = url.as_str().into_client_request().ok()?;
    request
        .headers_mut()
        .insert("cookie", HeaderValue::from_str(&cookie).ok()?);
    request
        .headers_mut()
        .insert("origin", HeaderValue::from_str(base).ok()?);
    tokio_tungstenite::connect_async(request)
        .await
        .ok()
        .map(|(socket, _)| socket)
}

/// Writes remarks until the connection dies; records each one the server acknowledged.
async fn writer(
    base: String,
    link: String,
    role: String,
    client_id: u64,
    acked: Arc<Mutex<Vec<String>>>,
) -> usize {
    let Some(mut socket) = connect(&base, &link).await else {
        return 0;
    };
    let agreement = Agreement::new(client_id);
    let mut sync = SyncClient::new(&agreement, || now() as u64);
    if socket
        .send(Message::Binary(sync.hello().into()))
        .await
        .is_err()
    {
        return 0;
    }
    let who = person(&role);
    let mut written = 0;
    let mut pending: Vec<String> = Vec::new();
    loop {
        // Write the next remark once the initial sync is in and the last one is acknowledged.
        if agreement.chapters().len() >= 3 && pending.is_empty() {
            let clause = agreement.clauses()[written % 12].id.clone();
            let body = format!("{role}-{client_id}-{written}");
            let before = agreement.doc().transact().state_vector();
            if agreement.add_remark(&clause, &who, &body, now()).is_err() {
                return written;
            }
            let update = agreement
                .doc()
                .transact()
                .encode_state_as_update_v1(&before);
            sync.note_local_change();
            if socket
                .send(Message::Binary(SyncClient::update_frame(&update).into()))
                .await
                .is_err()
            {
                return written;
            }
            pending.push(body);
            written += 1;
        }
        match tokio::time::timeout(Duration::from_secs(5), socket.next()).await {
            Ok(Some(Ok(Message::Binary(frame)))) => {
                let Ok(replies) = sync.receive(&frame) else {
                    return written;
                };
                for reply in replies {
                    if socket.send(Message::Binary(reply.into())).await.is_err() {
                        return written;
                    }
                }
                if sync.saved() && !pending.is_empty() {
                    acked.lock().expect("lock").append(&mut pending);
                }
            }
            Ok(Some(Ok(_))) => {}
            _ => return written,
        }
    }
}

#[tokio::test]
async fn acknowledged_remarks_survive_sigkill() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("dist")).expect("dist");
    let seed = std::env::var("CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64 | 1)
                .unwrap_or(88172645463325252)
        });
    println!("crash test seed {seed} (CRASH_SEED={seed} repeats it)");
    let mut rng = Rng(seed);
    let acked: Arc<Mutex<Vec<String>>> = Arc::default();
    let mut written_total = 0;
    for round in 0..20u64 {
        let mut server = spawn(dir.path());
        let mut writers = Vec::new();
        for (i, role) in ["coordinator", "member", "jurist"].into_iter().enumerate() {
            let link = server
                .links
                .iter()
                .find(|(r, _)| r == role)
                .map(|(_, url)| url.clone())
                .expect("a link per role");
            let client_id = 100_000 + round * 10 + i as u64;
            writers.push(writer(
                server.base.clone(),
                link,
                role.to_string(),
                client_id,
                acked.clone(),
            ));
        }
        // The replicas are not `Send`; the writers and the killer share this one task.
        let life = 150 + rng.next() % 450;
        let child = &mut server.child;
        let kill = async move {
            tokio::time::sleep(Duration::from_millis(life)).await;
            child.kill().expect("SIGKILL");
            let _ = child.wait();
        };
        let (_, written) = tokio::join!(
            kill,
            tokio::time::timeout(WAIT, futures_util::future::join_all(writers))
        );
        written_total += written.expect("writers end").into_iter().sum::<usize>();
        println!(
            "round {round}: killed after {life} ms; {} acknowledged so far",
            acked.lock().expect("lock").len()
        );
    }

    // A last start: everything acknowledged must be there.
    let server = spawn(dir.path());
    let (_, link) = server
        .links
        .iter()
        .find(|(r, _)| r == "observer")
        .expect("observer link")
        .clone();
    let mut socket = connect(&server.base, &link).await.expect("connect");
    let reader = Agreement::new(999_999);
    let mut sync = SyncClient::new(&reader, || now() as u64);
    socket
        .send(Message::Binary(sync.hello().into()))
        .await
        .expect("hello");
    let acked = acked.lock().expect("lock").clone();
    let present = |a: &Agreement| {
        let bodies: std::collections::HashSet<String> = a
            .find_remarks(&Default::default())
            .into_iter()
            .map(|r| r.body)
            .collect();
        acked.iter().filter(|b| bodies.contains(*b)).count()
    };
    tokio::time::timeout(WAIT, async {
        while reader.chapters().len() < 3 || present(&reader) < acked.len() {
            match socket.next().await {
                Some(Ok(Message::Binary(frame))) => {
                    for reply in sync.receive(&frame).expect("frame") {
                        socket
                            .send(Message::Binary(reply.into()))
                            .await
                            .expect("send");
                    }
                }
                Some(Ok(_)) => {}
                other => panic!("socket ended: {other:?}"),
            }
        }
    })
    .await
    .unwrap_or_else(|_| {
        panic!(
            "only {} of {} acknowledged remarks survived",
            present(&reader),
            acked.len()
        )
    });
    println!(
        "20 SIGKILLs: {written_total} remarks written, {} acknowledged, {} of them present after restart",
        acked.len(),
        present(&reader)
    );
    assert!(acked.len() >= 20, "the writers got acknowledgements at all");
}
