//! The content parser never panics, is lossless, and its spans stay inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twir_content::{BlockKind, Document, Entry};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let doc = Document::parse(text);
    assert_eq!(doc.print(), text);
    let covered: usize = doc.meta.span.len() + doc.blocks.iter().map(|b| b.span.len()).sum::<usize>();
    assert_eq!(covered, text.len());
    for link in &doc.links {
        assert!(link.span.end <= text.len());
        if let Some(s) = link.url_span {
            assert!(text.get(s.range()).is_some());
        }
        let _ = (link.url(text), link.text(text));
    }
    for block in &doc.blocks {
        if let BlockKind::List(list) = &block.kind {
            for item in &list.items {
                assert!(block.span.contains(item.span));
                match &item.entry {
                    Entry::Link(li) => {
                        assert!(text.get(li.link.url_span.range()).is_some());
                        let _ = (li.link.text(text), li.link.url(text));
                        for p in &li.prefixes {
                            let _ = p.tag(text);
                        }
                    }
                    Entry::Event(ev) => {
                        let _ = (ev.date.text(text), ev.location.text(text));
                        let _ = ev.organizer.text(text);
                        let _ = ev.title.map(|t| t.text(text));
                    }
                    Entry::Other => {}
                }
            }
        }
    }
    for s in doc.sections.walk() {
        assert!(s.span.end <= text.len());
    }
});
