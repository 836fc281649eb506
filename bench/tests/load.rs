//! The Rust load tool against a real Samråd server on a free port: every write a writer types
//! in the measured window reaches each other client of its agreement, and the figures carry
//! its latency, the "saved" latency and no closed connections.
//!
//! Needs the server binary beside this crate's (`cargo build -p samrad-server`; `cargo test
//! --workspace` builds it), or its path in SAMRAD_SERVER_BIN.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

const AGREEMENT: &str = "# Belastningsprov\n\n## 1 Kapitel 1\n\n### 1.1 Punkt 1\n\nParterna ska gemensamt planera insatser.\n\n### 1.2 Punkt 2\n\nRegionen ansvarar för en fast vårdkontakt.\n";

fn server_binary() -> PathBuf {
    if let Ok(bin) = std::env::var("SAMRAD_SERVER_BIN") {
        return bin.into();
    }
    let load = PathBuf::from(env!("CARGO_BIN_EXE_samrad-load"));
    let bin = load.with_file_name("samrad-server");
    assert!(
        bin.exists(),
        "{} is missing: run `cargo build -p samrad-server` first",
        bin.display()
    );
    bin
}

fn admin(bin: &Path, db: &Path, args: &[&str]) -> String {
    let out = Command::new(bin)
        .arg("--db")
        .arg(db)
        .arg("admin")
        .args(args)
        .output()
        .expect("admin runs");
    assert!(
        out.status.success(),
        "admin {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Two agreements with three participants each (a coordinator and two members).
fn store(bin: &Path, dir: &Path) -> PathBuf {
    let db = dir.join("samrad.db");
    let md = dir.join("agreement.md");
    std::fs::write(&md, AGREEMENT).expect("agreement written");
    let mut links = String::new();
    for a in ["bench-000", "bench-001"] {
        admin(bin, &db, &["create", a, md.to_str().expect("utf-8 path")]);
        for p in 1..=3 {
            let role = if p == 1 { "coordinator" } else { "member" };
            let name = format!("Deltagare {p}");
            let link = admin(
                bin,
                &db,
                &[
                    "invite",
                    a,
                    "--name",
                    &name,
                    "--organisation",
                    "Kommun",
                    "--role",
                    role,
                ],
            );
            links.push_str(&format!("{a} {link}\n"));
        }
    }
    std::fs::write(dir.join("links.txt"), links).expect("links written");
    db
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(bin: &Path, dir: &Path, db: &Path) -> (Server, String) {
    std::fs::create_dir_all(dir.join("dist")).expect("app dir");
    let mut child = Command::new(bin)
        .args(["--addr", "127.0.0.1:0", "--db"])
        .arg(db)
        .arg("--app")
        .arg(dir.join("dist"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("server starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let base = loop {
        let line = lines
            .next()
            .expect("server says where it runs")
            .expect("a line");
        if let Some(url) = line.strip_prefix("Samråd is running at ") {
            break url.trim().to_string();
        }
    };
    std::thread::spawn(move || lines.for_each(drop));
    (Server(child), base)
}

#[test]
fn every_write_reaches_the_agreements_other_clients() {
    let bin = server_binary();
    let dir = std::env::temp_dir().join(format!("samrad-load-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let db = store(&bin, &dir);
    let (server, base) = start(&bin, &dir, &db);
    let json = dir.join("figures.json");
    let out = Command::new(env!("CARGO_BIN_EXE_samrad-load"))
        .args([
            "--server",
            "samrad",
            "--base",
            &base,
            "--pid",
            &server.0.id().to_string(),
        ])
        .arg("--links")
        .arg(dir.join("links.txt"))
        .args(["--writers", "3", "--rate", "10", "--presence-hz", "5"])
        .args([
            "--warmup",
            "0.5",
            "--duration",
            "2",
            // Long enough for the last writes to arrive on a machine busy with other work:
            // the test asks that each arrives exactly once, not how fast.
            "--drain",
            "5",
            "--json",
        ])
        .arg(&json)
        .output()
        .expect("load tool runs");
    drop(server);
    let text = std::fs::read_to_string(&json).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "load tool: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let f: serde_json::Value = serde_json::from_str(&text).expect("JSON figures");
    let num = |k: &str| f[k].as_f64().unwrap_or(f64::NAN);
    assert_eq!(f["connections"], 6);
    assert_eq!(f["unsavedRemarks"], 0, "{f}");
    assert!(num("writesPerSec") > 20.0, "six writers at 10/s: {f}");
    // Each write reaches the two other clients of its agreement, exactly once.
    assert_eq!(num("delivered"), 1.0, "{f}");
    assert!(
        (num("deliveriesPerSec") - 2.0 * num("writesPerSec")).abs() < 1e-9,
        "{f}"
    );
    for k in ["p50", "p99", "savedP99", "presenceP99"] {
        assert!(num(k).is_finite() && num(k) >= 0.0, "{k}: {f}");
    }
    assert_eq!(f["stillOpen"], 6, "{f}");
    assert_eq!(f["closes"], serde_json::json!({}), "{f}");
}
