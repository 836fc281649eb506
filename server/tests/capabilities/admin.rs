//! (l) One writer of the log: `samrad-server admin …` run beside a running server goes through
//! that server (its admin socket), so what it writes is written by the agreement's room and
//! survives the room's compaction; a server that cannot be reached gets the command refused with
//! nothing changed; one server per store.

use crate::support::*;
use samrad_domain::demo;
use samrad_server::{start, Config};
use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

/// Runs `samrad-server --db <dir>/samrad.db admin <args…>` and returns its output.
async fn admin(dir: &Path, args: &[&str]) -> Output {
    let db = dir.join("samrad.db");
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let shown = args.clone();
    let output = tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_samrad-server"))
            .arg("--db")
            .arg(&db)
            .arg("admin")
            .args(&args)
            .output()
            .expect("run samrad-server admin")
    })
    .await
    .expect("admin command");
    println!(
        "admin {:?} -> {}\n  stdout: {}\n  stderr: {}",
        shown,
        output.status,
        String::from_utf8_lossy(&output.stdout).trim(),
        String::from_utf8_lossy(&output.stderr).trim()
    );
    output
}

fn invite_ingrid() -> [&'static str; 8] {
    [
        "invite",
        demo::AGREEMENT_ID,
        "--name",
        "Ingrid Berg",
        "--organisation",
        "Ekby kommun",
        "--role",
        "jurist",
    ]
}

/// Whether `agreement`'s document names a participant called `name`.
fn names(agreement: &samrad_domain::Agreement, name: &str) -> bool {
    agreement.participants().iter().any(|p| p.name == name)
}

#[tokio::test]
async fn an_invite_while_the_room_is_loaded_survives_its_compaction() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_idle(dir.path(), Duration::from_millis(300)).await;
    let mut karin = Peer::join(&server, "coordinator", 100).await;
    let c = clause(&karin.agreement, "1.2");
    karin
        .edit(|a| {
            a.add_remark(&c, &person("coordinator"), "Före inbjudan.", now())
                .expect("remark");
        })
        .await;
    until_saved(&mut karin).await;
    println!("the room is loaded and has a remark in its log");

    let invited = admin(dir.path(), &invite_ingrid()).await;
    assert!(invited.status.success());
    let link = String::from_utf8(invited.stdout).expect("utf-8");
    let link = link.trim();

    hang_up(karin).await;
    rooms_until(&server, "the idle room unloads", |live| live == 0).await;
    let rows = log_rows(dir.path());
    println!("unloaded; the log has {rows} row(s)");
    assert_eq!(rows, 1, "the room compacted its log before unloading");

    // A room loaded afresh from the compacted log: she is there, before she ever connected.
    let reader = Peer::join(&server, "member", 200).await;
    assert!(
        names(&reader.agreement, "Ingrid Berg"),
        "the invitation is in the document after compaction: {:?}",
        reader.agreement.participants()
    );
    assert_eq!(reader.agreement.remarks_of(&c)[0].body, "Före inbjudan.");
    let cookie = sign_in_with(&server, link).await;
    assert!(cookie.starts_with("samrad_session="));
    server.shutdown().await.expect("clean shutdown");
}

#[tokio::test]
async fn admin_commands_go_through_the_running_server() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    let mut karin = Peer::join(&server, "coordinator", 100).await;

    // Its links carry the server's own address (the command line alone would say :8080).
    let invited = admin(dir.path(), &invite_ingrid()).await;
    assert!(invited.status.success());
    let link = String::from_utf8(invited.stdout).expect("utf-8");
    assert!(
        link.starts_with(&format!("{}/join/", server.public_url)),
        "{link}"
    );
    // The room registered her: colleagues see her (and can @mention her) at once.
    karin.sync_until(|a| names(a, "Ingrid Berg")).await;
    println!("the connected coordinator sees the new participant");

    let listed = admin(dir.path(), &["list", demo::AGREEMENT_ID]).await;
    assert!(String::from_utf8_lossy(&listed.stdout).contains("Ingrid Berg\tEkby kommun"));
    let md = dir.path().join("sa.md");
    std::fs::write(
        &md,
        "# Samarbeidsavtale\n\n## 1 Formål\n\n### 1.1 Partene\n\nTekst.\n",
    )
    .expect("markdown");
    let created = admin(
        dir.path(),
        &["create", "sa-lillevik", &md.to_string_lossy()],
    )
    .await;
    assert!(created.status.success());
    let all = admin(dir.path(), &["list"]).await;
    assert!(String::from_utf8_lossy(&all.stdout).contains("sa-lillevik\tSamarbeidsavtale"));
    let refused = admin(
        dir.path(),
        &["create", "sa lillevik", &md.to_string_lossy()],
    )
    .await;
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("agreement id"));

    // One server per store.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let second = start(
        Config::new(dir.path().join("samrad.db"), dir.path().join("dist")),
        listener,
    )
    .await;
    let error = second
        .expect_err("a second server on the same store")
        .to_string();
    println!("second server: {error}");
    assert!(error.contains("is in use by process"), "{error}");

    // Stopped, the server leaves no socket; commands then work on the store directly.
    hang_up(karin).await;
    server.shutdown().await.expect("clean shutdown");
    assert!(!dir.path().join("samrad.db.sock").exists());
    let listed = admin(dir.path(), &["list", demo::AGREEMENT_ID]).await;
    assert!(listed.status.success());
    assert!(String::from_utf8_lossy(&listed.stdout).contains("Ingrid Berg"));
}

#[tokio::test]
async fn an_unreachable_server_gets_the_command_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start_in(dir.path()).await;
    std::fs::remove_file(dir.path().join("samrad.db.sock")).expect("remove the socket");
    let rows = log_rows(dir.path());
    let participants = |dir: &Path| -> i64 {
        let db = rusqlite::Connection::open(dir.join("samrad.db")).expect("open");
        db.query_row("SELECT COUNT(*) FROM participants", [], |r| r.get(0))
            .expect("count")
    };
    let before = participants(dir.path());

    let refused = admin(dir.path(), &invite_ingrid()).await;
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("a Samråd server is using") && stderr.contains("nothing was changed"),
        "{stderr}"
    );
    assert_eq!(participants(dir.path()), before, "no participant added");
    assert_eq!(log_rows(dir.path()), rows, "no row appended");
    server.shutdown().await.expect("clean shutdown");
}
