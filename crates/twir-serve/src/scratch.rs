//! The temporary folder `twir serve` builds into: removed on exit (signals included), and
//! folders left by earlier runs that were killed are removed by the next one.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{RwLock, TryLockError};
use std::time::{Duration, Instant, SystemTime};

/// Prefix of the folder's name, followed by the server's process id.
pub const PREFIX: &str = "twir-serve-";

/// A folder named without a process id (earlier versions) counts as left over after this long.
const UNOWNED_AGE: Duration = Duration::from_secs(24 * 3600);

/// The site folder of one server. Writers go through [`SiteDir::with`] (several at once: the
/// rebuild and the search indexer), so that closing it waits for the writes in progress (for a
/// while) and nothing is written after it is removed.
#[derive(Debug)]
pub struct SiteDir {
    path: PathBuf,
    writers: RwLock<()>,
    closing: AtomicBool,
}

/// How long closing waits for a write in progress (a search index of the whole archive takes
/// a few seconds on a busy machine) before removing the folder anyway: the process is about
/// to exit, and what a writer might still add is removed by the next server.
pub const CLOSE_WAIT: Duration = Duration::from_millis(1500);

impl SiteDir {
    /// Removes leftovers of earlier runs in `parent` (the temporary folder), then creates the
    /// folder of this process there.
    pub fn create(parent: &Path) -> std::io::Result<SiteDir> {
        remove_leftovers(parent);
        let path = tempfile::Builder::new()
            .prefix(&format!("{PREFIX}{}-", std::process::id()))
            .tempdir_in(parent)?
            .keep();
        Ok(SiteDir {
            path,
            writers: RwLock::new(()),
            closing: AtomicBool::new(false),
        })
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` on the folder unless it is being closed; holds off [`SiteDir::close`]
    /// meanwhile.
    pub fn with<R>(&self, f: impl FnOnce(&Path) -> R) -> Option<R> {
        let _writing = self.writers.read().unwrap_or_else(|e| e.into_inner());
        if self.closing.load(Ordering::Acquire) {
            return None;
        }
        Some(f(&self.path))
    }

    /// Refuses new writes, waits up to [`CLOSE_WAIT`] for those in progress, then removes the
    /// folder.
    pub fn close(&self) {
        if self.closing.swap(true, Ordering::AcqRel) {
            return;
        }
        let deadline = Instant::now() + CLOSE_WAIT;
        loop {
            match self.writers.try_write() {
                Ok(_idle) => break,
                Err(TryLockError::Poisoned(_)) => break,
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(TryLockError::WouldBlock) => break,
            }
        }
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

impl Drop for SiteDir {
    fn drop(&mut self) {
        self.close();
    }
}

/// Removes the `twir-serve-PID-*` folders of `parent` whose process is gone (and are ours),
/// returning how many.
pub fn remove_leftovers(parent: &Path) -> usize {
    let Ok(rd) = std::fs::read_dir(parent) else {
        return 0;
    };
    let mut removed = 0;
    for entry in rd.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(PREFIX) else {
            continue;
        };
        let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
            continue;
        };
        if !meta.is_dir() || !owned_by_us(&meta) {
            continue;
        }
        let gone = match rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) {
            Some(pid) => pid != std::process::id() && !process_alive(pid),
            None => meta
                .modified()
                .ok()
                .and_then(|m| SystemTime::now().duration_since(m).ok())
                .is_some_and(|age| age > UNOWNED_AGE),
        };
        if gone && std::fs::remove_dir_all(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(unix)]
fn owned_by_us(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.uid() == rustix::process::getuid().as_raw()
}

#[cfg(not(unix))]
fn owned_by_us(_meta: &std::fs::Metadata) -> bool {
    true
}

/// Whether process `pid` exists (a process we may not signal still exists).
#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    // Signal 0 only checks that the process exists and may be signalled.
    !matches!(
        rustix::process::test_kill_process(pid),
        Err(rustix::io::Errno::SRCH)
    )
}

/// Without a way to ask, every other server is taken to be running.
#[cfg(not(unix))]
fn process_alive(_pid: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftovers_of_dead_servers_are_removed_and_live_ones_kept() {
        let tmp = tempfile::tempdir().unwrap();
        // A process that has exited: its id is free (reuse within the test is unlikely, and
        // would only keep the folder).
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let stale = tmp.path().join(format!("{PREFIX}{dead}-abc"));
        std::fs::create_dir_all(stale.join("blog")).unwrap();
        std::fs::write(stale.join("blog/index.html"), "x").unwrap();
        let live = tmp.path().join(format!("{PREFIX}1-abc"));
        std::fs::create_dir_all(&live).unwrap();
        let other = tmp.path().join("twir-other");
        std::fs::create_dir_all(&other).unwrap();

        let dir = SiteDir::create(tmp.path()).unwrap();
        assert!(!stale.exists(), "a dead server's folder was kept");
        assert!(live.exists(), "pid 1 is alive");
        assert!(other.exists());
        assert!(dir.path().starts_with(tmp.path()));
        // Closing removes it and refuses later writes.
        let p = dir.path().to_path_buf();
        assert_eq!(dir.with(|p| p.to_path_buf()), Some(p.clone()));
        dir.close();
        assert!(!p.exists());
        assert_eq!(dir.with(|_| ()), None);
    }

    #[test]
    fn closing_waits_a_while_for_a_writer_then_removes_anyway() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = std::sync::Arc::new(SiteDir::create(tmp.path()).unwrap());
        let (tx, rx) = std::sync::mpsc::channel();
        let writer = {
            let dir = dir.clone();
            std::thread::spawn(move || {
                dir.with(|p| {
                    std::fs::write(p.join("a.html"), "a").unwrap();
                    tx.send(()).unwrap();
                    std::thread::sleep(Duration::from_millis(300));
                    std::fs::write(p.join("b.html"), "b").unwrap();
                })
            })
        };
        rx.recv().unwrap();
        let start = Instant::now();
        dir.close();
        // It waited for the write in progress, which completed before the removal.
        assert!(start.elapsed() >= Duration::from_millis(200));
        assert!(writer.join().unwrap().is_some());
        assert!(!dir.path().exists());

        // A writer that never ends does not hold the exit up for long.
        let dir = std::sync::Arc::new(SiteDir::create(tmp.path()).unwrap());
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let (started_tx, started) = std::sync::mpsc::channel();
        let d = dir.clone();
        std::thread::spawn(move || {
            d.with(|_| {
                started_tx.send(()).unwrap();
                let _ = rx.recv();
            })
        });
        started.recv().unwrap();
        let start = Instant::now();
        dir.close();
        assert!(start.elapsed() < CLOSE_WAIT + Duration::from_secs(1));
        assert!(!dir.path().exists());
        drop(tx);
    }
}
