//! Speed of `twir check` on the real archive: every issue (duplicates against the 25 before
//! each), and the default run (the draft against the 25 most recent issues). Reading and
//! parsing the files is part of what is measured.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "benchmark code: a panic is the failure report"
)]

use criterion::{Criterion, criterion_group, criterion_main};

// The `twir` binary's allocator, so that the figures are the command's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::path::{Path, PathBuf};
use std::time::Duration;
use twir_check::run::{RunSettings, Session};
use twir_content::Site;

fn corpus() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    p.join("content").is_dir().then_some(p)
}

fn run(site: &Site, paths: &[PathBuf]) -> usize {
    let settings = RunSettings {
        recent: 25,
        deny_project_tooling_links: false,
    };
    let mut session = Session::open(site, paths, &settings).expect("session");
    session.check_all().iter().map(Vec::len).sum()
}

fn bench(c: &mut Criterion) {
    let Some(root) = corpus() else {
        eprintln!("SKIPPED: corpus not found (benchmarks need ../shared/corpus)");
        return;
    };
    let site = Site::open(&root).unwrap();
    let all: Vec<PathBuf> = site.issues().unwrap().into_iter().map(|f| f.path).collect();
    let mut g = c.benchmark_group("check");
    g.sample_size(20).measurement_time(Duration::from_secs(8));
    g.bench_function("whole_corpus", |b| b.iter(|| run(&site, &all)));
    g.bench_function("default_draft_plus_25", |b| b.iter(|| run(&site, &[])));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
