//! Building the email edition of corpus issues (target: at most 50 ms each).
//!
//! Reads `../shared/corpus` (relative to the repository root) and prints a skip message when it
//! is missing. Before the Criterion runs, every issue is built once and the slowest are
//! printed, so the target is checked over the whole archive, not only the benched issues.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "benchmark code: a panic is the failure report"
)]

use criterion::Criterion;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use twir_content::{Document, Site};
use twir_email::{Options, build};

/// A large recent issue and the largest ones (by Markdown source and by email HTML).
const BENCHED: &[&str] = &[
    "2026-08-19-this-week-in-rust.md",
    "2024-11-20-this-week-in-rust.md",
    "2014-06-10-this-week-in-rust.markdown",
];

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    dir.join("content").is_dir().then_some(dir)
}

fn options() -> Options {
    Options {
        theme: None,
        to: None,
        now: jiff::Timestamp::from_second(1_755_600_000).unwrap_or(jiff::Timestamp::UNIX_EPOCH),
    }
}

/// Builds every issue once; prints the slowest and the biggest HTML.
fn sweep(site: &Site) {
    let Ok(files) = site.issues() else { return };
    let mut timings: Vec<(Duration, usize, String)> = Vec::new();
    for file in &files {
        let Ok(doc) = Document::load(&file.path) else {
            continue;
        };
        let start = Instant::now();
        match build(site, &doc, &options()) {
            Ok(ed) => timings.push((start.elapsed(), ed.html.len(), file.stem.clone())),
            Err(e) => eprintln!("{}: {e}", file.stem),
        }
    }
    timings.sort_by_key(|t| std::cmp::Reverse(t.0));
    println!("built {} editions once each; slowest:", timings.len());
    for (t, html, stem) in timings.iter().take(5) {
        println!(
            "  {stem}: {:.1} ms (HTML {html} bytes)",
            t.as_secs_f64() * 1000.0
        );
    }
    if let Some((t, html, stem)) = timings.iter().max_by_key(|t| t.1) {
        println!(
            "  biggest HTML: {stem}: {html} bytes, {:.1} ms",
            t.as_secs_f64() * 1000.0
        );
    }
    let over: Vec<_> = timings
        .iter()
        .filter(|t| t.0 > Duration::from_millis(50))
        .collect();
    println!("  over 50 ms: {}", over.len());
}

fn main() {
    let Some(dir) = corpus() else {
        println!("email_corpus: skipped, no corpus at ../shared/corpus");
        return;
    };
    let site = match Site::open(&dir) {
        Ok(s) => s,
        Err(e) => {
            println!("email_corpus: skipped, cannot open the corpus: {e}");
            return;
        }
    };
    let mut c = Criterion::default()
        .sample_size(30)
        .measurement_time(Duration::from_secs(4))
        .configure_from_args();
    sweep(&site);
    let mut group = c.benchmark_group("email_edition");
    for name in BENCHED {
        let Ok(doc) = Document::load(&dir.join("content").join(name)) else {
            println!("email_corpus: {name} missing, not benched");
            continue;
        };
        group.bench_function(*name, |b| {
            b.iter(|| build(black_box(&site), black_box(&doc), &options()))
        });
    }
    group.finish();

    // TWiR's own email theme (themes/newsletter through pelicanconf.py), as `twir email N`
    // makes it in the editors' repository: the newest issue, and every issue of the
    // reference editions once.
    match twir_repository(&dir) {
        Ok(repo) => {
            let site = Site::open(repo.path()).expect("repository opens");
            let mut group = c.benchmark_group("email_edition_twir_theme");
            let newest = repo.path().join("content").join(BENCHED[0]);
            if let Ok(doc) = Document::load(&newest) {
                let mut slowest = Duration::ZERO;
                for entry in std::fs::read_dir(dir.join("pelican-email"))
                    .into_iter()
                    .flatten()
                {
                    let name = entry.map(|e| e.file_name().to_string_lossy().into_owned());
                    let Some(stem) = name
                        .ok()
                        .and_then(|n| n.strip_suffix("-in.html").map(str::to_string))
                    else {
                        continue;
                    };
                    let Ok(d) =
                        Document::load(&repo.path().join("content").join(format!("{stem}.md")))
                    else {
                        continue;
                    };
                    let start = Instant::now();
                    let _ = build(&site, &d, &options());
                    slowest = slowest.max(start.elapsed());
                }
                println!(
                    "TWiR theme: slowest of the reference issues built once: {:.1} ms",
                    slowest.as_secs_f64() * 1000.0
                );
                group.bench_function(BENCHED[0], |b| {
                    b.iter(|| build(black_box(&site), black_box(&doc), &options()))
                });
            }
            group.finish();
        }
        Err(e) => println!("email_corpus: TWiR theme not benched: {e}"),
    }
    c.final_summary();
}

/// A repository like TWiR's: its `pelicanconf.py` and themes, the archive as `content/`.
fn twir_repository(corpus: &Path) -> std::io::Result<tempfile::TempDir> {
    let dir = tempfile::tempdir()?;
    std::fs::copy(
        corpus.join("repo/pelicanconf.py"),
        dir.path().join("pelicanconf.py"),
    )?;
    std::os::unix::fs::symlink(corpus.join("repo/themes"), dir.path().join("themes"))?;
    std::os::unix::fs::symlink(corpus.join("content"), dir.path().join("content"))?;
    Ok(dir)
}
