//! The binary: the exact start-up lines end-to-end tooling parses, and a graceful exit on
//! SIGTERM.

use crate::support::*;
use samrad_domain::demo;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// Kills the server if the test fails before stopping it.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn the_binary_prints_sign_in_links_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut child = Running(
        Command::new(env!("CARGO_BIN_EXE_samrad-server"))
            .args(["--addr", "127.0.0.1:0", "--db"])
            .arg(dir.path().join("samrad.db"))
            .arg("--app")
            .arg(dir.path().join("dist"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn samrad-server"),
    );
    let stdout = child.0.stdout.take().expect("stdout");
    let read = tokio::task::spawn_blocking(move || {
        BufReader::new(stdout)
            .lines()
            .take(5)
            .collect::<Result<Vec<String>, _>>()
    });
    let lines = tokio::time::timeout(WAIT, read)
        .await
        .expect("printed in time")
        .expect("reader")
        .expect("utf-8 lines");
    for line in &lines {
        println!("stdout: {line}");
    }

    let base = lines[0]
        .strip_prefix("Samråd is running at ")
        .expect("first line")
        .to_string();
    let port: u16 = base
        .strip_prefix("http://127.0.0.1:")
        .and_then(|p| p.parse().ok())
        .expect("the bound address, not port 0");
    assert_ne!(port, 0);
    let title = demo::agreement(1, 0.0).expect("demo").title();
    assert_eq!(
        lines[1],
        format!("Sign-in links for \"{title}\" (open one and press its button; each signs in once; restart the server for new ones):")
    );
    let expected = [
        "  coordinator  Karin Lindqvist (Region Norrvik): ",
        "  member       Erik Johansson (Strandviks kommun): ",
        "  jurist       Sara Nyström (Kommunalförbundet Sjöbygden): ",
    ];
    let mut urls = Vec::new();
    for (line, prefix) in lines[2..].iter().zip(expected) {
        let url = line.strip_prefix(prefix).expect("participant line");
        let token = url
            .strip_prefix(&format!("{base}/join/"))
            .expect("join link");
        assert_eq!(token.len(), 43, "32 random bytes, base64url");
        urls.push(url.to_string());
    }

    let page = http().get(&urls[1]).send().await.expect("GET link");
    println!("GET {} -> {}", urls[1], page.status());
    assert_eq!(page.status(), 200, "a link opens its sign-in page");
    let response = http()
        .post(format!("{base}/join"))
        .header("origin", &base)
        .header("sec-fetch-site", "same-origin")
        .form(&[("token", token_of(&urls[1]))])
        .send()
        .await
        .expect("POST /join");
    println!("POST /join -> {}", response.status());
    assert_eq!(response.status(), 303, "its button signs in");

    let pid = child.0.id().to_string();
    let signalled = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    assert!(signalled.success());
    let exit = tokio::time::timeout(WAIT, async {
        loop {
            if let Some(status) = child.0.try_wait().expect("wait") {
                return status;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    })
    .await
    .expect("exited in time after SIGTERM");
    println!("exit after SIGTERM: {exit}");
    assert!(exit.success(), "graceful shutdown exits 0, got {exit}");
}
