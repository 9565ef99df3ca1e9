//! How time grows with the size of an input: the harness of the `scaling` benchmarks of the
//! linter and the renderer. Each shape runs at a base size and at 4x; the median of 15 runs of
//! each and their ratio are printed, and the run fails when 4x the input takes 10x the time or
//! more (linear work gives about 4x, quadratic 16x). Only meaningful on an otherwise idle
//! machine, so it is a benchmark, never a test.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// Runs per size under `cargo bench`.
const RUNS: usize = 15;
/// The ratio (4x time over 1x time) at which a shape counts as superlinear.
pub const LIMIT: f64 = 10.0;

/// One shape: its name, the base input and the input 4x as large.
pub struct Case {
    /// What the input is made of.
    pub name: &'static str,
    /// The base input.
    pub small: String,
    /// The same shape, 4x as large.
    pub large: String,
}

fn median(input: &str, runs: usize, run: &impl Fn(&str)) -> Duration {
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            run(black_box(input));
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// The `main` of a scaling benchmark: `cargo bench --bench scaling [NAME...]` (names filter the
/// shapes). Without `--bench` (`cargo test --benches`) each input runs once and no ratio is
/// checked. Exits with status 1 when a shape is superlinear.
pub fn bench_main(cases: Vec<Case>, run: impl Fn(&str)) {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bench = args.iter().any(|a| a == "--bench");
    let filter: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let runs = if bench { RUNS } else { 1 };
    let mut slow = Vec::new();
    println!(
        "{:<26} {:>12} {:>12} {:>6}",
        "shape", "1x median", "4x median", "ratio"
    );
    for case in cases {
        if !filter.is_empty() && !filter.iter().any(|f| case.name.contains(f.as_str())) {
            continue;
        }
        // Warm the allocator and caches on the large input once.
        median(&case.large, 1, &run);
        let t1 = median(&case.small, runs, &run);
        let t4 = median(&case.large, runs, &run);
        let ratio = t4.as_secs_f64() / t1.as_secs_f64().max(1e-9);
        println!("{:<26} {t1:>12.2?} {t4:>12.2?} {ratio:>5.1}x", case.name);
        if bench && ratio >= LIMIT {
            slow.push(case.name);
        }
    }
    if !slow.is_empty() {
        eprintln!(
            "4x the input took {LIMIT}x the time or more: {}",
            slow.join(", ")
        );
        std::process::exit(1);
    }
}
