//! `twir check` of a whole archive, timed in wall-clock and CPU time. Criterion's bench
//! (`benches/check_corpus.rs`) gives the wall-clock median, which on a machine shared with
//! other jobs measures the queue as much as the check; the CPU time the process used per run
//! (all threads, from /proc/self/stat) says what the check costs, and CPU time divided by the
//! cores is what an idle machine would take when the work spreads over them.
//!
//! ```text
//! cargo run --release -p twir-check --example archive_time -- ROOT [RUNS]
//! ```
#![allow(
    clippy::expect_used,
    reason = "a measuring tool run by hand: a panic with its message is the report"
)]

use std::path::PathBuf;
use std::time::Instant;
use twir_check::run::{RunSettings, Session};
use twir_content::Site;

// The `twir` binary's allocator, so that the figures are the command's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// User + system CPU seconds of this process so far (Linux), all threads included.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(root) = args.first().map(PathBuf::from) else {
        eprintln!("usage: archive_time ROOT [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(20);
    let site = Site::open(&root).expect("open the site");
    let all: Vec<PathBuf> = site
        .issues()
        .expect("list the issues")
        .into_iter()
        .map(|f| f.path)
        .collect();
    let settings = RunSettings {
        recent: 25,
        deny_project_tooling_links: false,
    };
    let threads = rayon::current_num_threads();
    let mut wall = Vec::new();
    let mut cpu = Vec::new();
    let mut findings = 0;
    for _ in 0..runs {
        let (t0, c0) = (Instant::now(), cpu_seconds());
        let mut session = Session::open(&site, &all, &settings).expect("session");
        findings = session.check_all().iter().map(Vec::len).sum::<usize>();
        wall.push(t0.elapsed().as_secs_f64());
        cpu.push(cpu_seconds() - c0);
    }
    let total_cpu: f64 = cpu.iter().sum();
    println!(
        "{} issues, {findings} findings, {runs} runs, {threads} threads",
        all.len()
    );
    println!("wall per run: median {:.1} ms", 1000.0 * median(&mut wall));
    println!(
        "CPU per run (all threads): mean {:.1} ms, median {:.1} ms; over {threads} cores: {:.1} ms",
        1000.0 * total_cpu / runs as f64,
        1000.0 * median(&mut cpu),
        1000.0 * total_cpu / runs as f64 / threads as f64
    );
}
