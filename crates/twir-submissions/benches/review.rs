//! Review of 50 single-link pull requests against a mock GitHub API on 127.0.0.1 (list,
//! files, statuses and check runs of each, permissions, the merged-PR search), with each
//! head fetched from a bare "GitHub" remote as `refs/pull/N/head` into a fresh clone (the
//! clone is made outside the timing), then the three-way reading, classification, check
//! rules, archive model, guidelines and the merge plan. Target: under 2 s.
//!
//! Two sites: the small fixture, and (when `../shared/corpus` is there) the real archive and
//! draft of TWiR, whose 25 recent issues and 150 learnt issues are what a real run reads.
//! Run with `cargo bench -p twir-submissions --bench review`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "benchmark code: a panic is the failure report"
)]

#[path = "../tests/support/mod.rs"]
mod support;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use git2::Repository;
use std::path::{Path, PathBuf};
use std::time::Duration;
use support::week::{Files, WeekPull, add_after, commit, mock_github_for};
use twir_content::Site;
use twir_submissions::Context;
use twir_submissions::review::{ReviewOptions, review};

const SECTIONS: [&str; 4] = [
    "### Observations/Thoughts",
    "### Rust Walkthroughs",
    "### Research",
    "### Miscellaneous",
];

/// A bare remote with `files` on main and `n` single-link pull requests.
fn remote_with_pulls(dir: &Path, files: &Files, n: usize) -> (PathBuf, git2::Oid, Vec<WeekPull>) {
    let remote_path = dir.join("remote.git");
    let repo = Repository::init_bare(&remote_path).expect("bare");
    let main = commit(&repo, Some("refs/heads/main"), files, &[], "start");
    repo.set_head("refs/heads/main").expect("head");
    let pulls: Vec<WeekPull> = (0..n)
        .map(|i| {
            let line = format!(
                "* [Notes from building thing number {i} in Rust](https://author{i}.example.org/posts/thing-{i}/)"
            );
            let f = add_after(files, SECTIONS[i % SECTIONS.len()], &[&line]);
            let head = commit(&repo, None, &f, &[main], "add link");
            let number = 1000 + i as u64;
            repo.reference(&format!("refs/pull/{number}/head"), head, true, "pr")
                .expect("ref");
            WeekPull {
                number,
                author: format!("author{i}"),
                title: format!("Add thing {i}"),
                head,
            }
        })
        .collect();
    (remote_path, main, pulls)
}

fn corpus_files() -> Option<Files> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let draft = root.join("draft").join(
        support::week::DRAFT
            .strip_prefix("draft/")
            .expect("draft path"),
    );
    if !draft.is_file() {
        eprintln!(
            "SKIPPED the corpus site: {} not found (the TWiR archive is not on this machine)",
            draft.display()
        );
        return None;
    }
    let mut f = Files::new();
    for e in std::fs::read_dir(root.join("content")).ok()?.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") {
            f.insert(
                format!("content/{name}"),
                std::fs::read_to_string(e.path()).ok()?,
            );
        }
    }
    f.insert(
        support::week::DRAFT.into(),
        std::fs::read_to_string(&draft).ok()?,
    );
    Some(f)
}

fn bench_site(c: &mut Criterion, name: &str, files: &Files) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (remote, main, pulls) = remote_with_pulls(dir.path(), files, 50);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let server = rt.block_on(mock_github_for(&remote, main, &pulls, &[]));
    let mut k = 0;
    let mut group = c.benchmark_group("submissions");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function(name, |b| {
        b.iter_batched(
            || {
                // A fresh clone: the heads are fetched in every timed run.
                k += 1;
                let local = dir.path().join(format!("local-{k}"));
                git2::build::RepoBuilder::new()
                    .clone_local(git2::build::CloneLocal::None)
                    .clone(remote.to_str().expect("utf8"), &local)
                    .expect("clone");
                support::write_config(&local, &server.uri());
                local
            },
            |local| {
                let site = Site::open(&local).expect("site");
                let ctx = Context::open(&site).expect("context");
                let (gh, repo) = support::client(&site);
                let r = rt
                    .block_on(review(&ctx, &gh, &repo, &ReviewOptions::default()))
                    .expect("review");
                assert_eq!(r.plan.picks.len(), 50, "{:?}", r.plan.left);
                assert!(r.pulls.iter().all(|p| p.change.from == "git"));
                r
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

fn bench(c: &mut Criterion) {
    let fixture = support::week::start_files();
    bench_site(c, "review_50_prs_fixture", &fixture);
    if let Some(files) = corpus_files() {
        bench_site(c, "review_50_prs_corpus", &files);
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
