//! Watching the sources: file-system events are gathered until the editor is done saving
//! (a short quiet period), then handed over as one batch of paths.

use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

/// How long to wait for more events after one arrives: editors write, rename and chmod in
/// quick succession.
pub const QUIET: Duration = Duration::from_millis(25);

/// A running watcher; dropping it stops watching.
pub struct Watch {
    _watcher: notify::RecommendedWatcher,
    rx: Receiver<PathBuf>,
}

/// What to watch: folders recursively, and a few folders only at their top level.
#[derive(Debug, Default)]
pub struct Targets {
    /// Watched with everything below them.
    pub recursive: Vec<PathBuf>,
    /// Watched for their direct children only (the root, for `twir.toml`).
    pub shallow: Vec<PathBuf>,
}

/// Whether a path is an editor's scratch file rather than a real change.
pub fn is_noise(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913"
}

impl Watch {
    /// Starts watching `targets`; folders that do not exist are skipped.
    pub fn start(targets: &Targets) -> notify::Result<Watch> {
        let (tx, rx) = channel();
        let mut watcher =
            notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
                if let Ok(ev) = res {
                    if matches!(ev.kind, notify::EventKind::Access(_)) {
                        return;
                    }
                    for p in ev.paths {
                        if !is_noise(&p) {
                            let _ = tx.send(p);
                        }
                    }
                }
            })?;
        for (dirs, mode) in [
            (&targets.recursive, RecursiveMode::Recursive),
            (&targets.shallow, RecursiveMode::NonRecursive),
        ] {
            for d in dirs.iter().filter(|d| d.exists()) {
                watcher.watch(d, mode)?;
            }
        }
        Ok(Watch {
            _watcher: watcher,
            rx,
        })
    }

    /// Blocks until something changes, then returns every path changed until a quiet period.
    /// Returns `None` when the watcher has stopped.
    pub fn next_batch(&self) -> Option<Vec<PathBuf>> {
        let first = self.rx.recv().ok()?;
        let mut batch = BTreeSet::from([first]);
        loop {
            match self.rx.recv_timeout(QUIET) {
                Ok(p) => {
                    batch.insert(p);
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        Some(batch.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_scratch_files_are_noise() {
        assert!(is_noise(Path::new("content/.a.md.swp")));
        assert!(is_noise(Path::new("content/a.md~")));
        assert!(is_noise(Path::new("content/4913")));
        assert!(!is_noise(Path::new("content/2024-01-01-a.md")));
    }
}
