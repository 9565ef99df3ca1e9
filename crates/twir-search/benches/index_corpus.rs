//! Index building on the real archive (/work/shared/corpus): `write_index` for all issues,
//! and `sections_from_html` over all reference bodies. Skips with a message without corpus.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "benchmark code: a panic is the failure report"
)]

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "../tests/common/corpus.rs"]
#[allow(dead_code)]
mod corpus;

fn bench(c: &mut Criterion) {
    let Some(dir) = corpus::corpus_dir() else {
        eprintln!("SKIPPED: no corpus at ../shared/corpus (relative to the repo root)");
        return;
    };
    let raw = corpus::read_raw(&dir);
    let docs = corpus::to_docs(&raw);
    let text: usize = docs
        .iter()
        .flat_map(|d| &d.sections)
        .map(|s| s.text.len())
        .sum();
    eprintln!("{} issues, {} bytes of section text", docs.len(), text);
    let out = tempfile::tempdir().expect("temp dir");
    // CPU time is less disturbed than wall time when other work shares the 2 cores.
    if let Some(before) = cpu_ms() {
        let runs = 5;
        let wall = std::time::Instant::now();
        for _ in 0..runs {
            twir_search::write_index(&docs, out.path()).expect("index written");
        }
        if let Some(after) = cpu_ms() {
            eprintln!(
                "write_index: {:.0} ms CPU (user+sys, all threads) and {:.0} ms wall per run, mean of {runs}",
                (after - before) / f64::from(runs),
                wall.elapsed().as_secs_f64() * 1000.0 / f64::from(runs)
            );
        }
    }
    let mut g = c.benchmark_group("corpus");
    g.sample_size(10);
    g.bench_function("write_index", |b| {
        b.iter(|| twir_search::write_index(&docs, out.path()).expect("index written"))
    });
    g.bench_function("sections_from_html", |b| {
        b.iter(|| {
            raw.iter()
                .filter_map(|r| r.3.as_deref())
                .map(|h| twir_search::sections_from_html(h).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

/// User+system CPU time of this process in ms, from /proc (Linux; `None` elsewhere).
fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks * 10.0) // USER_HZ is 100 on Linux
}

criterion_group!(benches, bench);
criterion_main!(benches);
