//! The submissions' patch reader never panics on what GitHub (or anyone) sends: a patch is
//! parsed, applied to a draft, read as a three-way change, and each added line goes through the
//! editors' fixes (bullet, title, tags). The input is a draft and a patch separated by a NUL
//! byte (no NUL: the whole input is the patch, against a small fixed draft).
#![no_main]

use libfuzzer_sys::fuzz_target;
use twir_submissions::archive::tags_before;
use twir_submissions::change::{from_patch, line_key, three_way};
use twir_submissions::editing::{bullet_fixed, with_title};
use twir_submissions::patch::parse_patch;
use twir_submissions::place::apply;
use twir_submissions::title::{editor_title, stated_title};

const DRAFT: &str = "Title: T\n\n## Updates from Rust Community\n\n### Official\n* [a](https://a)\n\n### Miscellaneous\n\n## Jobs\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (draft, patch) = text.split_once('\0').unwrap_or((DRAFT, text));
    if let Ok(hunks) = parse_patch(patch) {
        let applied = apply(draft, &hunks);
        let lines = applied.text.lines().count().max(1);
        for &n in &applied.added_lines {
            assert!(n >= 1 && n <= lines, "added line {n} of {lines}");
        }
        let change = from_patch(draft, "draft/d.md", &hunks, String::new());
        for l in &change.added {
            let k = line_key(&l.text);
            let _ = bullet_fixed(k);
            let _ = editor_title(k, "https://example.com/x");
            if let Some(open) = k.find('[')
                && let Some(close) = k[open..].find("](")
            {
                let title = &k[open + 1..open + close];
                let _ = tags_before(k, title);
                let _ = with_title(k, title, "T");
            }
        }
    }
    // The same text read as a head against the draft as base and as current draft.
    let base = vec![("draft/d.md".to_string(), draft.to_string())];
    let head = vec![("draft/d.md".to_string(), patch.to_string())];
    let (added, removed, _) = three_way(&base, &head, draft);
    for l in &added {
        assert!(patch.contains(l.text.as_str()));
    }
    for r in &removed {
        assert!(draft.contains(r.as_str()));
    }
    let _ = stated_title(patch, draft);
});
