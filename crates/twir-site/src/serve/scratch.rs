//! The temporary folder `twir serve` builds into: removed on exit (signals included), and
//! folders left by earlier runs that were killed are removed by the next one.

use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::time::{Duration, SystemTime};

/// Prefix of the folder's name, followed by the server's process id.
pub const PREFIX: &str = "twir-serve-";

/// A folder named without a process id (earlier versions) counts as left over after this long.
const UNOWNED_AGE: Duration = Duration::from_secs(24 * 3600);

/// The site folder of one server. Writers go through [`SiteDir::with`] (several at once: the
/// rebuild and the search indexer), so that closing it waits for the writes in progress and
/// nothing is written after it is removed.
#[derive(Debug)]
pub struct SiteDir {
    path: PathBuf,
    closed: RwLock<bool>,
}

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
            closed: RwLock::new(false),
        })
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` on the folder unless it was closed; holds off [`SiteDir::close`] meanwhile.
    pub fn with<R>(&self, f: impl FnOnce(&Path) -> R) -> Option<R> {
        let closed = self.closed.read().unwrap_or_else(|e| e.into_inner());
        if *closed {
            return None;
        }
        Some(f(&self.path))
    }

    /// Waits for the writer in progress, then removes the folder; later writes are refused.
    pub fn close(&self) {
        let mut closed = self.closed.write().unwrap_or_else(|e| e.into_inner());
        if !*closed {
            *closed = true;
            let _ = std::fs::remove_dir_all(&self.path);
        }
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
    // SAFETY: getuid has no preconditions and cannot fail.
    meta.uid() == unsafe { libc::getuid() }
}

#[cfg(not(unix))]
fn owned_by_us(_meta: &std::fs::Metadata) -> bool {
    true
}

/// Whether process `pid` exists (a process we may not signal still exists).
#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 only checks that the process exists and may be signalled.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
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
}
