//! `twir publish`'s check, fill and prune steps on arbitrary text: placeholders found, filled,
//! past events and empty sections pruned, the result formatted and checked as it ships, and
//! the findings pointed back at the draft. Nothing may panic, every span it reports must lie
//! on character boundaries of the draft, and pruning only removes text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twir_check::remap::LineMap;
use twir_check::{CheckOptions, IssueInfo, Mode, check_document};
use twir_content::Document;
use twir_content::placeholder::{Boilerplate, find};
use twir_workflow::{Finalize, finalize_report};

const TEMPLATE: &str = "Title: T\n\n## Updates from Rust Community\n\n<!-- one link per line -->\n\n### Official\n\n## Crate of the Week\n\n<!-- COTW goes here -->\n\n[Please vote](https://u.example/cotw)\n\n## Jobs\n\nSee the [thread](INSERT_LINK_HERE)\n\n# Quote of the Week\n\n<!-- QOTW goes here -->\n\n<small>[Discuss on r/rust](REDDIT_LINK_HERE)</small>\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let bp = Boilerplate::from_template(&Document::parse(TEMPLATE));
    let doc = Document::parse(text);
    for p in find(&doc, Some(&bp)) {
        assert!(p.span.end <= text.len());
        assert!(text.is_char_boundary(p.span.start) && text.is_char_boundary(p.span.end));
        let _ = p.message(&doc);
    }
    let f = finalize_report(
        &doc,
        &Finalize {
            reddit: Some("https://www.reddit.com/r/rust/comments/x/this_week_in_rust_1/"),
            jobs: Some("https://jobs.example/"),
            date: None,
            boilerplate: Some(&bp),
            drop_unfilled: data.len() % 2 == 0,
            keep_stale_events: data.len() % 3 == 0,
        },
    );
    let shipped = twir_check::fmt::format(&f.text);
    let opts = CheckOptions {
        mode: Mode::Published,
        template: Some(std::sync::Arc::new(bp)),
        ..Default::default()
    };
    let diags = check_document(&Document::parse(shipped.as_str()), &opts, &IssueInfo::default());
    let map = LineMap::new(text, &shipped);
    for d in map.diagnostics(diags) {
        assert!(d.span.start <= d.span.end && d.span.end <= text.len(), "{d:?}");
        assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
    }
});
