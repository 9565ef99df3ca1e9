//! Interrupted work recovers: `twir publish` and `twir build` are killed (SIGKILL) at random
//! moments, then run again. After each kill the repository is in a state the rerun
//! understands, and after the rerun it is exactly what an uninterrupted run gives: the issue
//! published once, the next draft, no draft lost, no temporary file, journal or staging folder
//! left, and (for build) an output folder at every instant.
//!
//! The normal suite runs a few kills of each; the long version (200 each) is ignored by
//! default: `cargo test -p twir --test kill -- --ignored`. `TWIR_KILL_SEED` picks another
//! random sequence.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use twir_testkit::copy_dir;

const DRAFT: &str = "draft/2026-11-25-this-week-in-crabs.md";
const PUBLISHED: &str = "content/2026-11-25-this-week-in-crabs.md";
const NEXT: &str = "draft/2026-12-02-this-week-in-crabs.md";

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/newsletter")
}

/// A copy of the example whose draft can be published.
fn publishable(dir: &Path) {
    copy_dir(&example(), dir);
    let path = dir.join(DRAFT);
    let mut text = std::fs::read_to_string(&path).unwrap();
    for (from, to) in [
        (
            "<!-- COTW goes here -->",
            "This week's crate is [shell](https://crates.io/crates/shell), a crate for shells.",
        ),
        (
            "<!-- PR count goes here -->",
            "400 pull requests were merged in the last week.",
        ),
        (
            "<!-- QOTW goes here -->",
            "> Quote.\n\n– [Someone](https://forum.crabs.example.org/t/quotes/60)",
        ),
    ] {
        text = text.replacen(from, to, 1);
    }
    std::fs::write(&path, text).unwrap();
}

const PUBLISH: &[&str] = &[
    "publish",
    "--reddit",
    "https://www.reddit.com/r/rust/comments/zz/this_week_in_crabs_5/",
    "--jobs",
    "https://forum.crabs.example.org/t/hiring/5",
];

fn twir(root: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_twir"));
    c.arg("--root").arg(root).args(args);
    c.stdin(Stdio::null());
    c
}

/// A small deterministic random sequence (xorshift64*).
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let seed = std::env::var("TWIR_KILL_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0x9e37_79b9_7f4a_7c15u64);
        Rng(seed | 1)
    }

    /// A moment to kill a run that takes `took`: half the time anywhere in it, half in its
    /// second half, where the writes are.
    fn moment(&mut self, took: Duration) -> Duration {
        let t = took.as_micros() as u64;
        let us = if self.below(2) == 0 {
            self.below(t * 13 / 10 + 1)
        } else {
            t / 2 + self.below(t * 7 / 10 + 1)
        };
        Duration::from_micros(us)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n.max(1)
    }
}

/// Starts `cmd`, kills it (SIGKILL) after `delay`, and waits for it. True when it was still
/// running at that moment.
fn kill_after(mut cmd: Command, delay: Duration) -> bool {
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    let running = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    child.wait().unwrap();
    running
}

/// Names of the hidden files in `dir` (temporary files, journals, staging folders).
fn hidden(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// What an uninterrupted publish gives, and how long it takes.
fn publish_reference() -> (Vec<u8>, Vec<u8>, Duration) {
    let mut times = Vec::new();
    let mut result = None;
    for _ in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        publishable(dir.path());
        let t = Instant::now();
        let out = twir(dir.path(), PUBLISH).output().unwrap();
        times.push(t.elapsed());
        assert!(out.status.success(), "{out:?}");
        result = Some((
            std::fs::read(dir.path().join(PUBLISHED)).unwrap(),
            std::fs::read(dir.path().join(NEXT)).unwrap(),
        ));
    }
    let (published, next) = result.unwrap();
    (published, next, median(times))
}

fn kill_publish(runs: usize) {
    let (published, next, took) = publish_reference();
    let mut rng = Rng::new();
    let (mut before_end, mut recovered) = (0, 0);
    for run in 0..runs {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        publishable(root);
        let draft = std::fs::read(root.join(DRAFT)).unwrap();
        let delay = rng.moment(took);
        if kill_after(twir(root, PUBLISH), delay) {
            before_end += 1;
        }
        // After the kill: the draft is intact, or the publication is journaled, or done.
        let journal = root.join("draft/.twir-publish.json").exists();
        let draft_now = std::fs::read(root.join(DRAFT)).ok();
        let done = draft_now.is_none() && !journal;
        assert!(
            draft_now.as_ref().is_none_or(|d| *d == draft),
            "run {run} ({delay:?}): the draft changed"
        );
        assert!(
            journal || done || !root.join(PUBLISHED).exists(),
            "run {run} ({delay:?}): published with no journal but the draft still there"
        );
        if !done {
            let out = twir(root, PUBLISH).output().unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success(),
                "run {run} ({delay:?}): the rerun failed: {out:?}"
            );
            if journal {
                recovered += 1;
                assert!(
                    stdout.contains("found an interrupted `twir publish`"),
                    "run {run}: {stdout}"
                );
            }
        }
        assert!(!root.join(DRAFT).exists(), "run {run} ({delay:?})");
        assert_eq!(
            std::fs::read(root.join(PUBLISHED)).unwrap(),
            published,
            "run {run} ({delay:?})"
        );
        assert_eq!(
            std::fs::read(root.join(NEXT)).unwrap(),
            next,
            "run {run} ({delay:?})"
        );
        for sub in ["draft", "content"] {
            let left = hidden(&root.join(sub));
            assert!(
                left.is_empty(),
                "run {run} ({delay:?}): {sub}/ has {left:?}"
            );
        }
    }
    eprintln!(
        "publish ({took:?} a run): {runs} kills, {before_end} before the end, {recovered} journals finished on rerun"
    );
}

/// Watches `dir/index.html` in a loop until stopped; counts the moments it was missing.
fn watch(path: PathBuf, stop: Arc<AtomicBool>, missing: Arc<AtomicUsize>) {
    while !stop.load(Ordering::Relaxed) {
        if !path.exists() {
            missing.fetch_add(1, Ordering::Relaxed);
        }
    }
}

fn kill_build(runs: usize) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_dir(&example(), root);
    let build = ["build", "--no-search"];
    let mut times = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        assert!(twir(root, &build).output().unwrap().status.success());
        times.push(t.elapsed());
    }
    let took = median(times);
    let reference = std::fs::read(root.join("output/index.html")).unwrap();

    let stop = Arc::new(AtomicBool::new(false));
    let missing = Arc::new(AtomicUsize::new(0));
    let watcher = {
        let (p, s, m) = (
            root.join("output/index.html"),
            stop.clone(),
            missing.clone(),
        );
        std::thread::spawn(move || watch(p, s, m))
    };
    let mut rng = Rng::new();
    let mut killed = 0;
    for run in 0..runs {
        let delay = rng.moment(took);
        if kill_after(twir(root, &build), delay) {
            killed += 1;
        }
        // A complete site is there, whatever the moment of the kill.
        assert!(
            root.join("output/.twir-site").is_file(),
            "run {run} ({delay:?}): no complete output folder"
        );
        assert_eq!(
            std::fs::read(root.join("output/index.html")).unwrap(),
            reference
        );
        // Every few kills, rerun and check that the leftovers are gone.
        if run % 3 == 2 || run + 1 == runs {
            assert!(twir(root, &build).output().unwrap().status.success());
            let left = hidden(root);
            assert!(left.is_empty(), "run {run} ({delay:?}): left {left:?}");
        }
    }
    stop.store(true, Ordering::Relaxed);
    watcher.join().unwrap();
    assert_eq!(
        missing.load(Ordering::Relaxed),
        0,
        "the output folder was missing at some instant"
    );
    eprintln!("build ({took:?} a run): {runs} kills, {killed} before the end");
}

#[test]
fn publish_killed_at_random_moments_recovers() {
    kill_publish(12);
}

#[test]
fn build_killed_at_random_moments_recovers() {
    kill_build(12);
}

#[test]
#[ignore = "long: 200 kills each of publish and build (about a minute on 2 cores)"]
fn long_kill_test_200_each() {
    kill_publish(200);
    kill_build(200);
}
