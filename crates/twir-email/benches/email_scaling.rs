//! How the email edition's time grows with hostile input (issue 13): many links, many
//! unclosed `<div>`, deep quotes, each at 1x, 2x and 4x. Linear means 4x the input in about
//! 4x the time; the target is 4x < 10x (the tests only bound each build's time: a ratio
//! fails on a loaded machine).
//!
//! `cargo bench -p twir-email --bench email_scaling`: Criterion prints each size's time; the
//! ratio of the 4x median to the 1x one is the figure to watch.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "benchmark code: a panic is the failure report"
)]

use criterion::{BenchmarkId, Criterion};
use std::hint::black_box;
use std::time::Duration;
use twir_content::{Document, Site};
use twir_email::{Options, build};

fn site() -> Site {
    Site {
        root: ".".into(),
        config: Default::default(),
    }
}

fn issue(body: &str) -> Document {
    Document::parse(format!(
        "Title: This Week in Rust 9\nNumber: 9\nDate: 2024-01-03\n\n{body}"
    ))
}

fn options() -> Options {
    Options {
        theme: None,
        to: None,
        now: jiff::Timestamp::from_second(1_705_500_000).unwrap_or(jiff::Timestamp::UNIX_EPOCH),
    }
}

/// Links in one section, about `kb` KB of Markdown.
fn links(kb: usize) -> String {
    let mut s = String::from("## Links\n\n");
    let mut i = 0;
    while s.len() < kb * 1024 {
        s.push_str(&format!(
            "* [A link to something interesting](https://example.org/some/path/article-{i})\n"
        ));
        i += 1;
    }
    s
}

fn divs(thousands: usize) -> String {
    format!("{}\nx\n", "<div>\n".repeat(thousands * 1000))
}

fn quotes(thousands: usize) -> String {
    format!("{} x\n", ">".repeat(thousands * 1000))
}

type Shape = (&'static str, fn(usize) -> String, [usize; 3]);

fn main() {
    let mut c = Criterion::default()
        .sample_size(10)
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();
    let shapes: [Shape; 3] = [
        ("links_kb", links, [256, 512, 1024]),
        ("unclosed_divs_k", divs, [5, 10, 20]),
        ("nested_quotes_k", quotes, [5, 10, 20]),
    ];
    for (name, make, sizes) in shapes {
        let mut group = c.benchmark_group(format!("email_scaling_{name}"));
        for size in sizes {
            let doc = issue(&make(size));
            group.bench_with_input(BenchmarkId::from_parameter(size), &doc, |b, doc| {
                b.iter(|| build(&site(), black_box(doc), &options()))
            });
        }
        group.finish();
    }
    c.final_summary();
}
