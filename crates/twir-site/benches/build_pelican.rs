//! Full build of TWiR's real repository as a Pelican site (`pelicanconf.py`, the rusted
//! theme, Pelican's page set), with and without the search index. Targets: 0.3 s without
//! search, 1 s with it, on a 2-core machine. The working copy is assembled once with
//! `../shared/tools/mk-twir-repo`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "benchmark code: a panic is the failure report"
)]

use criterion::{Criterion, criterion_group, criterion_main};
use std::path::Path;
use std::time::Duration;
use twir_site::Options;

fn bench(c: &mut Criterion) {
    let tool = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/tools/mk-twir-repo"
    ));
    if !tool.is_file() {
        eprintln!(
            "SKIPPED build_pelican: {} not found (../shared is needed)",
            tool.display()
        );
        return;
    }
    // tmpfs when there is one (see build_corpus); TWIR_BENCH_DISK=1 measures on disk.
    let shm = Path::new("/dev/shm");
    let tmp = if shm.is_dir() && std::env::var_os("TWIR_BENCH_DISK").is_none() {
        tempfile::tempdir_in(shm)
    } else {
        tempfile::tempdir()
    }
    .expect("temporary folder");
    let repo = tmp.path().join("repo");
    let ok = std::process::Command::new(tool)
        .arg(&repo)
        .arg("--no-git")
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "mk-twir-repo failed");
    let out = tmp.path().join("site");
    eprintln!("build_pelican: {} -> {}", repo.display(), out.display());
    let mut group = c.benchmark_group("build_pelican");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    for (name, search) in [("no_search", false), ("with_search", true)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let site = twir_content::Site::open(&repo).expect("working copy");
                let options = Options {
                    search,
                    ..Options::default()
                };
                twir_site::build(site, &out, options).expect("the repository builds")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
