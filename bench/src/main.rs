//! `samrad-fixture`: the real-size agreement for the browser benchmark (`scripts/bench.sh`),
//! written through the real server by its participants over the sync websocket, so the
//! browser loads it the way a participant's would.
//!
//! ```text
//! samrad-fixture build --server BIN --app DIST --dir DIR --remarks N
//!     creates DIR/samrad.db holding the fixture and DIR/fixture.json describing it
//! samrad-fixture links --dir DIR --base URL
//!     fresh sign-in links for the benchmark's readers (the server at URL runs over DIR)
//! samrad-fixture type --dir DIR --base URL --clause NUMBER --keys N --per-sec R
//!     the coordinator types N characters into a clause's text at R a second
//! ```

mod build;
mod content;
mod peer;
mod server;

use samrad_bench::session::{self, Error};
use samrad_domain::{Participant, Role};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn args() -> (String, HashMap<String, String>) {
    let mut all = std::env::args().skip(1);
    let command = all.next().unwrap_or_default();
    let mut options = HashMap::new();
    while let Some(key) = all.next() {
        if let Some(key) = key.strip_prefix("--") {
            options.insert(key.to_string(), all.next().unwrap_or_default());
        }
    }
    (command, options)
}

fn option<'a>(options: &'a HashMap<String, String>, key: &str) -> Result<&'a str, Error> {
    options
        .get(key)
        .map(String::as_str)
        .ok_or_else(|| format!("--{key} is missing").into())
}

fn fixture(dir: &Path) -> Result<Value, Error> {
    Ok(serde_json::from_str(&std::fs::read_to_string(
        dir.join("fixture.json"),
    )?)?)
}

fn coordinator_cookie(fixture: &Value) -> Result<String, Error> {
    fixture["coordinator"]["cookie"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| "fixture.json has no coordinator session".into())
}

async fn run() -> Result<(), Error> {
    let (command, options) = args();
    let dir = PathBuf::from(option(&options, "dir")?);
    match command.as_str() {
        "build" => {
            std::fs::create_dir_all(&dir)?;
            let setup = server::Setup {
                binary: option(&options, "server")?.into(),
                db: dir.join("samrad.db"),
                app: option(&options, "app")?.into(),
            };
            let remarks = option(&options, "remarks")?.parse()?;
            build::build(&setup, &dir, remarks).await
        }
        "links" => {
            let base = option(&options, "base")?;
            let fixture = fixture(&dir)?;
            let cookie = coordinator_cookie(&fixture)?;
            let mut links = serde_json::Map::new();
            if let Some(readers) = fixture["readers"].as_object() {
                for (key, reader) in readers {
                    let id = reader["id"].as_str().ok_or("a reader without an id")?;
                    let link = session::renew(base, &cookie, id).await?;
                    links.insert(key.clone(), json!(link));
                }
            }
            println!("{}", Value::Object(links));
            Ok(())
        }
        "type" => {
            let base = option(&options, "base")?;
            let number = option(&options, "clause")?;
            let keys: usize = option(&options, "keys")?.parse()?;
            let per_sec: f64 = option(&options, "per-sec")?.parse()?;
            type_into(&dir, base, number, keys, per_sec).await
        }
        _ => Err("usage: samrad-fixture build|links|type --dir DIR … (see the source)".into()),
    }
}

/// The coordinator types `keys` characters into clause `number`, one update per keystroke.
async fn type_into(
    dir: &Path,
    base: &str,
    number: &str,
    keys: usize,
    per_sec: f64,
) -> Result<(), Error> {
    let fixture = fixture(dir)?;
    let cookie = coordinator_cookie(&fixture)?;
    let me = Participant {
        id: fixture["coordinator"]["id"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
        name: "Karin Lindqvist".into(),
        organisation: content::organisation(0),
        role: Role::Coordinator,
    };
    let client = 900_000 + peer::now_ms() % 100_000;
    let typist = peer::Peer::connect(base, build::AGREEMENT, &cookie, me, client).await?;
    let clause = typist
        .agreement
        .outline()
        .into_iter()
        .flat_map(|c| c.clauses)
        .find(|c| c.number == number)
        .ok_or_else(|| format!("no clause {number}"))?
        .id;
    let gap = Duration::from_secs_f64(1.0 / per_sec);
    let start = Instant::now();
    let word = "samverkan ";
    for i in 0..keys {
        let ch = &word[i % word.len()..i % word.len() + 1];
        typist
            .write(|a, me| a.edit_clause_text(me, &clause, 40 + i as u32, 0, ch))
            .await??;
        let next = gap * (i as u32 + 1);
        if let Some(wait) = next.checked_sub(start.elapsed()) {
            tokio::time::sleep(wait).await;
        }
    }
    // Let the last keystrokes reach the server before the connection goes.
    tokio::time::sleep(Duration::from_millis(500)).await;
    Ok(())
}

fn main() {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("samrad-fixture: {e}");
            std::process::exit(1);
        }
    };
    let local = tokio::task::LocalSet::new();
    if let Err(e) = local.block_on(&runtime, run()) {
        eprintln!("samrad-fixture: {e}");
        std::process::exit(1);
    }
}
