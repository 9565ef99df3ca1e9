//! Index building on the real archive (/work/shared/corpus): `write_index` for all issues,
//! and `sections_from_html` over all reference bodies. Skips with a message without corpus.

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

criterion_group!(benches, bench);
criterion_main!(benches);
