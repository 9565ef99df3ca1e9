//! Full build of the TWiR corpus (`../shared/corpus`, about 610 issues), with and without the
//! search index. Targets: 0.3 s without search, 1 s with it, on a 2-core machine.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "benchmark code: a panic is the failure report"
)]

use criterion::{Criterion, criterion_group, criterion_main};
use std::path::Path;
use std::time::Duration;
use twir_site::Options;

fn corpus() -> Option<&'static Path> {
    let p = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus"
    ));
    p.join("content").is_dir().then_some(p)
}

fn bench(c: &mut Criterion) {
    let Some(root) = corpus() else {
        eprintln!("skipping build_corpus: ../shared/corpus not found (the TWiR archive is needed)");
        return;
    };
    // The output goes to tmpfs when there is one: on a disk mounted with `discard` (as this
    // project's VMs are), unlinking the previous 25 MB site costs 0.1-3 s of disk time that
    // says nothing about the build. Set TWIR_BENCH_DISK=1 to measure on disk instead.
    let shm = std::path::Path::new("/dev/shm");
    let tmp = if shm.is_dir() && std::env::var_os("TWIR_BENCH_DISK").is_none() {
        tempfile::tempdir_in(shm)
    } else {
        tempfile::tempdir()
    }
    .expect("temporary folder");
    eprintln!("build_corpus: writing to {}", tmp.path().display());
    let out = tmp.path().join("site");
    let mut group = c.benchmark_group("build_corpus");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    for (name, search) in [("no_search", false), ("with_search", true)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let site = twir_content::Site::open(root).expect("corpus config");
                let options = Options {
                    search,
                    ..Options::default()
                };
                twir_site::build(site, &out, options).expect("corpus builds")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
