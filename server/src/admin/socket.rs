//! The running server's admin socket: a Unix socket beside the store (`samrad.db.sock` for
//! `samrad.db`), where the server takes admin commands so it stays the one writer of its logs.
//!
//! Reachable only by the user the server runs as: the socket file is made `0600`, and each
//! connection's peer credentials are checked against the file's owner as well, which also covers
//! the moment between binding and the change of mode. Nothing listens on the network. One
//! connection carries one command: a line of JSON ([`Request`]) in, a line of JSON out
//! (`{"ok": text}` or `{"error": message}`).

use super::{AdminError, Request};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The admin socket of the store at `db`.
pub fn socket_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".sock");
    PathBuf::from(name)
}

/// The server's answer to one command.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Answer {
    /// Done; the text to print.
    Ok(String),
    /// Refused or failed; why.
    Error(String),
}

/// Largest command accepted (an agreement's Markdown travels in it).
#[cfg(unix)]
const MAX_REQUEST: u64 = 16 * 1024 * 1024;

/// How long the command line waits for the server to answer.
#[cfg(unix)]
const ANSWER_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// Hands `request` to the server running on the store at `db`; returns its text.
pub fn call(db: &Path, request: &Request) -> Result<String, AdminError> {
    let socket = socket_path(db);
    let unreachable = |why: String| AdminError::Unreachable {
        db: db.display().to_string(),
        holder: super::StoreLock::holder(db).unwrap_or_else(|| "another process".into()),
        socket: socket.display().to_string(),
        why,
    };
    #[cfg(unix)]
    {
        use std::io::{Read, Write};
        let mut stream = std::os::unix::net::UnixStream::connect(&socket)
            .map_err(|e| unreachable(e.to_string()))?;
        stream.set_read_timeout(Some(ANSWER_WAIT))?;
        let mut line = serde_json::to_vec(request).map_err(std::io::Error::other)?;
        line.push(b'\n');
        stream.write_all(&line)?;
        stream.shutdown(std::net::Shutdown::Write)?;
        let mut answer = String::new();
        stream.read_to_string(&mut answer)?;
        match serde_json::from_str(answer.trim()) {
            Ok(Answer::Ok(text)) => Ok(text),
            Ok(Answer::Error(message)) => Err(AdminError::Server(message)),
            Err(e) => Err(unreachable(format!("unreadable answer: {e}"))),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = request;
        Err(unreachable("admin sockets need a Unix system".into()))
    }
}

#[cfg(unix)]
pub(crate) use server::{AdminSocket, Served};

#[cfg(unix)]
mod server {
    use super::{Answer, Request, MAX_REQUEST};
    use crate::admin::{execute, Done};
    use crate::admission;
    use crate::rooms::Rooms;
    use crate::store::Store;
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::path::{Path, PathBuf};
    use std::sync::Arc;
    use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
    use tokio::net::{UnixListener, UnixStream};
    use tokio::sync::watch;
    use tokio::task::JoinHandle;

    /// What carrying out a command needs of the running server.
    #[derive(Clone)]
    pub(crate) struct Served {
        pub store: Store,
        pub rooms: Rooms,
        /// The base of the links it prints.
        pub public_url: Arc<str>,
    }

    /// The listening socket; [`AdminSocket::close`] stops it and removes the file.
    #[derive(Debug)]
    pub(crate) struct AdminSocket {
        path: PathBuf,
        task: JoinHandle<()>,
    }

    impl AdminSocket {
        /// Listens at `path` until `stop` turns true. The caller holds the store's lock, so a
        /// file left at `path` is a stale one from a server that is gone.
        pub(crate) fn listen(
            path: &Path,
            served: Served,
            mut stop: watch::Receiver<bool>,
        ) -> std::io::Result<AdminSocket> {
            match std::fs::remove_file(path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
            let listener = UnixListener::bind(path)?;
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
            let owner = std::fs::metadata(path)?.uid();
            let task = tokio::spawn(async move {
                loop {
                    tokio::select! {
                        accepted = listener.accept() => match accepted {
                            Ok((stream, _)) => {
                                tokio::spawn(handle(stream, owner, served.clone()));
                            }
                            Err(error) => tracing::warn!(%error, "admin socket accept failed"),
                        },
                        _ = stop.wait_for(|stop| *stop) => break,
                    }
                }
            });
            Ok(AdminSocket {
                path: path.to_path_buf(),
                task,
            })
        }

        /// Stops listening and removes the socket file.
        pub(crate) fn close(self) {
            self.task.abort();
            let _ = std::fs::remove_file(&self.path);
        }
    }

    /// One connection: one command in, one answer out.
    async fn handle(stream: UnixStream, owner: u32, served: Served) {
        let peer = stream.peer_cred().map(|c| c.uid());
        if peer.as_ref().ok() != Some(&owner) {
            tracing::warn!(?peer, "admin command from another user refused");
            return;
        }
        let (read, mut write) = stream.into_split();
        let mut line = String::new();
        let read = BufReader::new(read.take(MAX_REQUEST))
            .read_line(&mut line)
            .await;
        let answer = match read
            .map_err(|e| e.to_string())
            .and_then(|_| serde_json::from_str::<Request>(line.trim()).map_err(|e| e.to_string()))
        {
            Ok(request) => carry_out(&served, request).await,
            Err(why) => Answer::Error(format!("unreadable command: {why}")),
        };
        if let Ok(mut bytes) = serde_json::to_vec(&answer) {
            bytes.push(b'\n');
            let _ = write.write_all(&bytes).await;
        }
    }

    /// Carries out a command as the server: on the store, and an invited participant registered
    /// in the document by the agreement's room.
    async fn carry_out(served: &Served, request: Request) -> Answer {
        tracing::info!(command = request.kind(), "admin command");
        let base = served.public_url.to_string();
        let done = served
            .store
            .run(move |store| execute(store, &request, &base))
            .await;
        match done {
            Ok(Done { text, invited }) => {
                if let Some((agreement, participant)) = invited {
                    admission::enter(&served.rooms, &agreement, participant).await;
                }
                Answer::Ok(text)
            }
            Err(e) => Answer::Error(e.to_string()),
        }
    }
}
