//! The server as a separate process, as it runs for real: `admin` commands on its store, and
//! the server itself on a free port.

use samrad_bench::session::Error;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// Where the server binary, its store and the built app are.
#[derive(Debug, Clone)]
pub struct Setup {
    pub binary: PathBuf,
    pub db: PathBuf,
    pub app: PathBuf,
}

impl Setup {
    /// Runs `samrad-server admin …` on the store; returns what it printed.
    pub async fn admin(&self, args: &[&str]) -> Result<String, Error> {
        let out = Command::new(&self.binary)
            .arg("--db")
            .arg(&self.db)
            .arg("admin")
            .args(args)
            .output()
            .await?;
        if !out.status.success() {
            return Err(format!(
                "samrad-server admin {}: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr)
            )
            .into());
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Starts the server on a free port over the store; returns it and its base URL.
    pub async fn start(&self) -> Result<Running, Error> {
        let mut child = Command::new(&self.binary)
            .arg("--addr")
            .arg("127.0.0.1:0")
            .arg("--db")
            .arg(&self.db)
            .arg("--app")
            .arg(&self.app)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        while let Some(line) = lines.next_line().await? {
            if let Some(url) = line.strip_prefix("Samråd is running at ") {
                // Keep draining stdout so the server never blocks on a full pipe.
                tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
                return Ok(Running {
                    child,
                    base: url.trim().to_string(),
                });
            }
        }
        Err("the server ended without saying where it runs".into())
    }
}

/// A running server.
#[derive(Debug)]
pub struct Running {
    child: Child,
    pub base: String,
}

impl Running {
    /// Stops the server gracefully (SIGTERM), so everything received is stored and each loaded
    /// agreement's log folded into one row, as a real store's is after its rooms went idle.
    pub async fn stop(mut self) -> Result<(), Error> {
        if let Some(pid) = self.child.id() {
            Command::new("kill").arg(pid.to_string()).status().await?;
        }
        self.child.wait().await?;
        Ok(())
    }
}

/// `dir/name`, for files the fixture writes.
pub fn file(dir: &Path, name: &str) -> PathBuf {
    dir.join(name)
}
