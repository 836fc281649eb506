//! Who holds the store: an exclusive lock on a file beside it (`samrad.db.lock` for
//! `samrad.db`), taken by the server for as long as it runs and by an admin command for as long
//! as it works on the store directly.
//!
//! An agreement's log must have one writer at a time: the room that has it loaded folds the log
//! into one snapshot of what *it* holds, so a row appended behind its back would be dropped. The
//! lock makes "is a server using this store?" a question the kernel answers, not a guess: an
//! advisory `flock`, released when its holder exits however it exits (even on SIGKILL), so a
//! crash never leaves a stale lock behind. The file is kept between runs (deleting a lock file
//! races with whoever is about to take it); it holds the holder's process id for the messages.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// The lock on a store, held until dropped.
#[derive(Debug)]
pub struct StoreLock {
    /// Open for as long as the lock is held; closing it releases the lock.
    file: File,
}

/// The lock file of the store at `db`.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

impl StoreLock {
    /// Takes the lock of the store at `db` if nobody holds it; `Ok(None)` if somebody does.
    pub fn try_acquire(db: &Path) -> std::io::Result<Option<StoreLock>> {
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        // Only the server's own user can open it, so nobody else can hold it to keep the
        // server from starting.
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(lock_path(db))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Ok(None),
            Err(TryLockError::Error(e)) => return Err(e),
        }
        file.set_len(0)?;
        file.rewind()?;
        writeln!(file, "{}", std::process::id())?;
        Ok(Some(StoreLock { file }))
    }

    /// Who holds the lock of the store at `db`, as its lock file says ("process 1234"), for
    /// messages; `None` if the file says nothing readable.
    pub fn holder(db: &Path) -> Option<String> {
        let mut text = String::new();
        File::open(lock_path(db))
            .ok()?
            .take(64)
            .read_to_string(&mut text)
            .ok()?;
        let pid: u32 = text.trim().parse().ok()?;
        Some(format!("process {pid}"))
    }
}

impl Drop for StoreLock {
    fn drop(&mut self) {
        // Closing the file releases the lock too; unlocking first says so explicitly.
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_holder_at_a_time_and_released_on_drop() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("s.db");
        let first = StoreLock::try_acquire(&db).expect("lock").expect("free");
        assert!(
            StoreLock::try_acquire(&db).expect("lock").is_none(),
            "a second holder is refused, even in the same process"
        );
        assert_eq!(
            StoreLock::holder(&db),
            Some(format!("process {}", std::process::id()))
        );
        drop(first);
        assert!(StoreLock::try_acquire(&db).expect("lock").is_some());
    }
}
