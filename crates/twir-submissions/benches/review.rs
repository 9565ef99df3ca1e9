//! Review of 50 single-link pull requests against a mock GitHub API on 127.0.0.1: list (two
//! pages), files, statuses and check runs of each, the merged-PR search, then placement, check
//! rules and guidelines. Target: under 2 s. Run with
//! `cargo bench -p twir-submissions --bench review`.

#[path = "../tests/support/mod.rs"]
mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use std::time::Duration;
use twir_content::Site;
use twir_submissions::Context;
use twir_submissions::review::{ReviewOptions, review};

fn bench(c: &mut Criterion) {
    let pulls = support::synthetic_pulls(50);
    let repos = support::build_repos(&pulls);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let server = rt.block_on(support::mock_github(&pulls, &repos));
    support::write_config(&repos.local, &server.uri());
    let site = Site::open(&repos.local).expect("site");
    let (gh, repo) = support::client(&site);
    let opts = ReviewOptions::default();

    let mut group = c.benchmark_group("submissions");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("review_50_prs", |b| {
        b.iter(|| {
            let ctx = Context::open(&site).expect("context");
            let r = rt
                .block_on(review(&ctx, &gh, &repo, &opts))
                .expect("review");
            assert_eq!(r.pulls.len(), 50);
            r
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
