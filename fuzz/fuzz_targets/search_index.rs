//! Search indexing on arbitrary text: section extraction from HTML (tags, comments,
//! character references next to any character), the tokenizer, snippet chunks (JSON within
//! their byte cap, cut on word boundaries) and the snippet window; the query parser on the
//! same text. None may panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use twir_search::query::{parse_query, snippet_window};
use twir_search::sections_from_html;
use twir_search::tokenize::{MAX_TERM_BYTES, tokenize};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let sections = sections_from_html(&text);
    for s in &sections {
        for part in [&s.anchor, &s.heading, &s.text] {
            tokenize(part, |t| assert!(!t.is_empty() && t.len() <= MAX_TERM_BYTES));
        }
    }
    let texts: Vec<&str> = sections.iter().map(|s| s.text.as_str()).collect();
    for cap in [64, 1024] {
        for (n, json) in twir_search::fuzzing::text_chunks(&texts, cap) {
            assert!(json.len() <= cap, "chunk over its cap");
            let parsed: Vec<String> = serde_json::from_str(&json).expect("chunks are JSON");
            assert_eq!(parsed.len(), n as usize);
        }
    }
    let chars: Vec<char> = text.chars().collect();
    for hit in [0, chars.len() / 2, chars.len()] {
        let (from, to) = snippet_window(&text, hit, 40, 180);
        assert!(from <= to && to <= chars.len());
        assert!(from == 0 || chars[from - 1].is_whitespace());
        assert!(to == chars.len() || chars[to].is_whitespace());
    }
    let _ = parse_query(&text);
});
