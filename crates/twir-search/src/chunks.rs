//! The JSON chunks fetched for the results shown: issue metadata (`search/d/N.json`) and
//! section text for snippets (`search/x/N.json`).

use serde::Serialize;

use crate::hash::FastMap;

/// One issue as the docs chunks need it.
pub(crate) struct DocMeta<'a> {
    pub url: &'a str,
    pub title: &'a str,
    pub date: &'a str,
    /// `(anchor, heading)` of each section, in order.
    pub sections: Vec<(&'a str, &'a str)>,
}

/// A docs chunk: `{"h": [[anchor, heading], ...], "d": [[url, title, date, [h index per
/// section]], ...]}`. Headings repeat from issue to issue, so each chunk lists its distinct
/// ones once.
#[derive(Serialize, Default)]
struct DocsChunk<'a> {
    h: Vec<(&'a str, &'a str)>,
    d: Vec<(&'a str, &'a str, &'a str, Vec<u32>)>,
}

/// Packs the issues, in order, into chunks of about `target` bytes (at least one issue
/// each). Returns `(number of issues, JSON)` per chunk.
pub(crate) fn docs_chunks(docs: &[DocMeta<'_>], target: usize) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    let mut chunk = DocsChunk::default();
    let mut index: FastMap<(&str, &str), u32> = FastMap::default();
    let mut size = 0usize;
    for doc in docs {
        let mut new_headings = 0;
        for s in &doc.sections {
            if !index.contains_key(s) {
                new_headings += json_len(s) + 1;
            }
        }
        let entry_size = json_len(&(doc.url, doc.title, doc.date)) + doc.sections.len() * 4 + 4;
        if !chunk.d.is_empty() && size + entry_size + new_headings > target {
            out.push(finish(&mut chunk, &mut index));
            size = 0;
        }
        let mut ids = Vec::with_capacity(doc.sections.len());
        for &s in &doc.sections {
            let next = chunk.h.len() as u32;
            let id = *index.entry(s).or_insert_with(|| {
                size += json_len(&s) + 1;
                next
            });
            if id == next {
                chunk.h.push(s);
            }
            ids.push(id);
        }
        size += entry_size;
        chunk.d.push((doc.url, doc.title, doc.date, ids));
    }
    if !chunk.d.is_empty() {
        out.push(finish(&mut chunk, &mut index));
    }
    out
}

fn finish<'a>(
    chunk: &mut DocsChunk<'a>,
    index: &mut FastMap<(&'a str, &'a str), u32>,
) -> (u32, String) {
    let done = std::mem::take(chunk);
    index.clear();
    let json = serde_json::to_string(&done).unwrap_or_default();
    (done.d.len() as u32, json)
}

fn json_len<T: Serialize>(v: &T) -> usize {
    serde_json::to_string(v).map_or(0, |s| s.len())
}

/// Longest line kept for snippets, in characters.
const LINE_MAX_CHARS: usize = 240;

/// Packs section texts, in order, into JSON arrays of strings of at most `cap` bytes each.
/// Text is cut to fit: lines to [`LINE_MAX_CHARS`], sections to what fits in one chunk.
/// Returns `(number of sections, JSON)` per chunk.
pub(crate) fn text_chunks(texts: &[&str], cap: usize) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    let mut size = 2; // "[]"
    for text in texts {
        let encoded = fit(text, cap - 2);
        let add = encoded.len() + usize::from(!cur.is_empty());
        if !cur.is_empty() && size + add > cap {
            out.push((cur.len() as u32, format!("[{}]", cur.join(","))));
            cur.clear();
            size = 2;
        }
        size += encoded.len() + usize::from(!cur.is_empty());
        cur.push(encoded);
    }
    if !cur.is_empty() {
        out.push((cur.len() as u32, format!("[{}]", cur.join(","))));
    }
    out
}

/// Where to cut `text` at or before byte `at` (a char boundary) so that no word is split:
/// after the last whitespace before `at` (trailing whitespace dropped), or `at` itself
/// when the text before has none.
fn word_cut(text: &str, at: usize) -> usize {
    let next_is_space = text[at..].chars().next().is_none_or(char::is_whitespace);
    let head = &text[..at];
    if next_is_space {
        return head.trim_end().len();
    }
    match head.rfind(char::is_whitespace) {
        Some(i) => head[..i].trim_end().len(),
        None => at,
    }
}

/// The JSON string for a section's snippet text, at most `max` bytes.
fn fit(text: &str, max: usize) -> String {
    let mut short = String::with_capacity(text.len().min(max));
    for line in text.split('\n') {
        if short.len() >= max {
            break;
        }
        if !short.is_empty() {
            short.push('\n');
        }
        match line.char_indices().nth(LINE_MAX_CHARS) {
            Some((cut, _)) => {
                short.push_str(&line[..word_cut(line, cut)]);
                short.push('\u{2026}');
            }
            None => short.push_str(line),
        }
    }
    let mut limit = short.len();
    loop {
        let mut end = limit.min(short.len());
        while !short.is_char_boundary(end) {
            end -= 1;
        }
        if end < short.len() {
            end = word_cut(&short, end);
        }
        let json = serde_json::to_string(&short[..end]).unwrap_or_else(|_| "\"\"".into());
        if json.len() <= max || end == 0 {
            return json;
        }
        // Escapes make JSON longer than the text: cut by the excess and try again.
        limit = end.saturating_sub(json.len() - max);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_chunks_share_headings_and_split() {
        let docs: Vec<DocMeta<'_>> = (0..50)
            .map(|_| DocMeta {
                url: "/blog/x/",
                title: "Issue",
                date: "2024-01-01",
                sections: vec![("", ""), ("news", "News"), ("jobs", "Jobs")],
            })
            .collect();
        let chunks = docs_chunks(&docs, 600);
        assert!(chunks.len() > 1);
        assert_eq!(chunks.iter().map(|c| c.0).sum::<u32>(), 50);
        let v: serde_json::Value = serde_json::from_str(&chunks[0].1).expect("json");
        assert_eq!(v["h"].as_array().map(Vec::len), Some(3));
        assert_eq!(v["d"][1][3], serde_json::json!([0, 1, 2]));
        assert!(chunks.iter().all(|c| c.1.len() <= 700), "about the target");
    }

    #[test]
    fn text_chunks_respect_the_cap() {
        let long = "word \"quoted\" ".repeat(2000);
        let lines = "line\n".repeat(3000);
        let texts = vec!["short", long.as_str(), "", lines.as_str(), "tail"];
        let chunks = text_chunks(&texts, 1024);
        assert_eq!(chunks.iter().map(|c| c.0).sum::<u32>(), 5);
        for (_, json) in &chunks {
            assert!(json.len() <= 1024, "{}", json.len());
            let v: Vec<String> = serde_json::from_str(json).expect("json");
            assert!(!v.is_empty());
        }
        let first: Vec<String> = serde_json::from_str(&chunks[0].1).expect("json");
        assert_eq!(first[0], "short");
    }

    #[test]
    fn long_lines_and_texts_end_on_word_boundaries() {
        let line = "Welcome to another issue of This Week in Rust ".repeat(12);
        let s: String = serde_json::from_str(&fit(&line, 10_000)).expect("json");
        let kept = s.strip_suffix('\u{2026}').expect("cut");
        assert!(line.starts_with(kept) && kept.chars().count() <= LINE_MAX_CHARS);
        assert!(line[kept.len()..].starts_with(' '), "{kept:?}");
        let s: String =
            serde_json::from_str(&fit("alpha beta gamma délta epsilon", 20)).expect("json");
        assert_eq!(s, "alpha beta gamma");
        let s: String = serde_json::from_str(&fit("unbreakable_long_word", 10)).expect("json");
        assert_eq!(s, "unbreaka");
        assert_eq!(word_cut("ab cd", 4), 2);
        assert_eq!(word_cut("ab cd", 3), 2);
        assert_eq!(word_cut("ab cd", 2), 2);
        assert_eq!(word_cut("ab cd", 5), 5);
    }
}
