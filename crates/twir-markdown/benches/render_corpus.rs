//! Renders the whole TWiR corpus (bodies only) per iteration; falls back to
//! the crate's own fixtures when `../shared/corpus` is absent.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "benchmark code: a panic is the failure report"
)]

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

fn body(src: &str) -> &str {
    let mut pos = 0;
    for line in src.split_inclusive('\n') {
        pos += line.len();
        if line.trim().is_empty() {
            return &src[pos..];
        }
    }
    ""
}

fn load(dir: &Path, exts: &[&str], strip_header: bool) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| exts.iter().any(|x| e == *x)))
        .collect();
    files.sort();
    files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(|s| {
            if strip_header {
                body(&s).to_string()
            } else {
                s
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut docs = load(
        &root.join("../../../shared/corpus/content"),
        &["md", "markdown"],
        true,
    );
    let name = if docs.is_empty() {
        eprintln!("corpus not found (../shared/corpus): benchmarking the fixtures instead");
        docs = load(&root.join("tests/fixtures"), &["md"], false);
        "render_fixtures"
    } else {
        "render_corpus"
    };
    let bytes: usize = docs.iter().map(String::len).sum();
    eprintln!("{name}: {} documents, {bytes} bytes", docs.len());
    let mut g = c.benchmark_group("twir-markdown");
    g.sample_size(10);
    g.bench_function(name, |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| twir_markdown::render(d).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
