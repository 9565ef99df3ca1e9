//! Time and politeness budgets: a deadline for a whole command, and per host a cap on
//! requests in flight and a breaker that stops calling a host that no longer answers.
//!
//! Without them `twir events` fetched 122 Meetup groups one after another, each with four
//! tries of 30 s: about four hours against a hanging server.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The default time budget of a command's network work.
pub const DEFAULT_COMMAND_BUDGET: Duration = Duration::from_secs(180);

/// When a command's network work must stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    /// The instant requests stop.
    pub at: Instant,
    /// The budget it was set from (for messages).
    pub budget: Duration,
}

impl Deadline {
    /// A deadline `budget` from now.
    pub fn after(budget: Duration) -> Deadline {
        let now = Instant::now();
        Deadline {
            at: now
                .checked_add(budget)
                .unwrap_or(now + Duration::from_secs(86_400 * 365)),
            budget,
        }
    }

    /// Time left (zero once passed).
    pub fn remaining(&self) -> Duration {
        self.at.saturating_duration_since(Instant::now())
    }
}

static COMMAND: RwLock<Option<Deadline>> = RwLock::new(None);

/// Sets the deadline of the running command: every client configured afterwards (with
/// [`crate::ServiceConfig::builder`]) stops its requests at that point. The `twir` binary calls
/// it once at start with `--net-deadline` (default [`DEFAULT_COMMAND_BUDGET`]).
pub fn set_command_deadline(budget: Duration) {
    if let Ok(mut d) = COMMAND.write() {
        *d = Some(Deadline::after(budget));
    }
}

/// The deadline of the running command, if one was set.
pub fn command_deadline() -> Option<Deadline> {
    COMMAND.read().ok().and_then(|d| *d)
}

/// Per-host state shared by the clones of one client.
#[derive(Debug)]
pub(crate) struct HostGate {
    per_host: usize,
    failure_limit: u32,
    hosts: Mutex<HashMap<String, HostState>>,
}

#[derive(Debug)]
struct HostState {
    permits: Arc<Semaphore>,
    /// Transport failures (time-outs, refused connections) since the last answer.
    failures: u32,
    /// Set once `failures` reaches the limit; stays for the life of the client.
    down: bool,
}

impl HostGate {
    pub(crate) fn new(per_host: usize, failure_limit: u32) -> HostGate {
        HostGate {
            per_host: per_host.max(1),
            failure_limit,
            hosts: Mutex::new(HashMap::new()),
        }
    }

    fn with<R>(&self, host: &str, f: impl FnOnce(&mut HostState) -> R) -> R {
        let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
        let state = hosts.entry(host.to_owned()).or_insert_with(|| HostState {
            permits: Arc::new(Semaphore::new(self.per_host)),
            failures: 0,
            down: false,
        });
        f(state)
    }

    /// Waits for a free slot for `host`.
    pub(crate) async fn acquire(&self, host: &str) -> Option<OwnedSemaphorePermit> {
        let permits = self.with(host, |s| s.permits.clone());
        permits.acquire_owned().await.ok()
    }

    /// The failures that put `host` down, if it is.
    pub(crate) fn down(&self, host: &str) -> Option<u32> {
        self.with(host, |s| s.down.then_some(s.failures))
    }

    /// Records a transport failure.
    pub(crate) fn failed(&self, host: &str) {
        let limit = self.failure_limit;
        self.with(host, |s| {
            s.failures = s.failures.saturating_add(1);
            if limit > 0 && s.failures >= limit {
                s.down = true;
            }
        });
    }

    /// Records an answer (any status): the host is alive.
    pub(crate) fn answered(&self, host: &str) {
        self.with(host, |s| {
            if !s.down {
                s.failures = 0;
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_goes_down_after_consecutive_failures_only() {
        let g = HostGate::new(2, 3);
        g.failed("a");
        g.failed("a");
        g.answered("a");
        g.failed("a");
        g.failed("a");
        assert_eq!(g.down("a"), None);
        g.failed("a");
        assert_eq!(g.down("a"), Some(3));
        g.answered("a");
        assert_eq!(g.down("a"), Some(3), "down stays down");
        assert_eq!(g.down("b"), None);
        let never = HostGate::new(1, 0);
        for _ in 0..10 {
            never.failed("a");
        }
        assert_eq!(never.down("a"), None);
    }

    #[test]
    fn deadlines_count_down() {
        let d = Deadline::after(Duration::from_secs(60));
        assert!(d.remaining() > Duration::from_secs(59));
        let past = Deadline::after(Duration::ZERO);
        assert_eq!(past.remaining(), Duration::ZERO);
        let huge = Deadline::after(Duration::MAX);
        assert!(huge.remaining() > Duration::from_secs(86_400));
    }
}
