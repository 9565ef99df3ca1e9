//! Running a query against a written index the way `search.js` does, to measure what a
//! reader downloads and to test ranking without a browser.
//!
//! [`Index::first_query`] follows the client's plan step by step (same shards, same budget
//! decisions, same ranking with integer arithmetic, same chunks), for a reader's first
//! query in a fresh page where the whole query was typed at once.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use crate::SearchError;
use crate::manifest::{FORMAT_VERSION, Manifest};
use crate::shards::decode;
use crate::tokenize::{completion_prefix, tokenize_raw};

/// A parsed query: whole terms (AND) and the last word to complete, if it is being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Distinct terms that must all occur (at most 8, in query order).
    pub exact: Vec<String>,
    /// `(term, prefix)` of the last word when the query ends inside a word: sections must
    /// contain a term starting with `prefix` (the term itself scores highest).
    pub prefix: Option<(String, String)>,
}

/// Parses a query as `search.js` does.
pub fn parse_query(q: &str) -> ParsedQuery {
    let mut toks: Vec<(String, String)> = Vec::new();
    tokenize_raw(q, |raw, term| toks.push((raw.to_owned(), term.to_owned())));
    let lowered: String = q.chars().flat_map(char::to_lowercase).collect();
    let mut prefix = None;
    if let (Some((raw, term)), Some(last)) = (toks.last(), q.chars().last())
        && last.is_alphanumeric()
    {
        let p = completion_prefix(raw, term);
        if lowered.ends_with(raw.as_str()) && p.chars().count() >= 2 {
            prefix = Some((term.clone(), p.to_owned()));
            toks.pop();
        }
    }
    let mut exact: Vec<String> = Vec::new();
    for (_, t) in toks {
        if !exact.contains(&t) && exact.len() < 8 {
            exact.push(t);
        }
    }
    ParsedQuery { exact, prefix }
}

/// One result as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Section id.
    pub id: u32,
    /// Link target: the document URL plus `#anchor` when the section has one.
    pub href: String,
    /// Document title.
    pub title: String,
    /// Section heading (`""` for the top of a document).
    pub heading: String,
    /// Document date.
    pub date: String,
}

/// What a first query downloads and shows.
#[derive(Debug, Clone)]
pub struct QueryReport {
    /// Files fetched, relative to the site root, with their sizes, in fetch order.
    pub files: Vec<(String, u64)>,
    /// Sum of `files` sizes.
    pub bytes: u64,
    /// Number of results (after the per-document cap).
    pub total: usize,
    /// The results on the first page.
    pub shown: Vec<Hit>,
}

/// A written index, read from disk.
pub struct Index {
    dir: PathBuf,
    manifest: Manifest,
    manifest_bytes: u64,
    ds_start: Vec<u32>,
    dc_start: Vec<u32>,
    tc_start: Vec<u32>,
}

type DocsChunk = (
    Vec<(String, String)>,
    Vec<(String, String, String, Vec<u32>)>,
);

impl Index {
    /// Opens the index that [`crate::write_index`] wrote under `out_dir`.
    pub fn open(out_dir: &Path) -> Result<Index, SearchError> {
        let path = out_dir.join("search/index.json");
        let bytes = fs::read(&path).map_err(|e| SearchError::io(&path, e))?;
        let manifest: Manifest = serde_json::from_slice(&bytes)
            .map_err(|e| SearchError::malformed(&path, e.to_string()))?;
        if manifest.v != FORMAT_VERSION || manifest.shards.is_empty() {
            return Err(SearchError::malformed(
                &path,
                "unsupported version or no shards",
            ));
        }
        let sums = |v: &mut dyn Iterator<Item = u32>| {
            let mut out = vec![0u32];
            for c in v {
                out.push(out[out.len() - 1] + c);
            }
            out
        };
        Ok(Index {
            dir: out_dir.to_owned(),
            ds_start: sums(&mut manifest.ds.iter().copied()),
            dc_start: sums(&mut manifest.dc.iter().map(|c| c.0)),
            tc_start: sums(&mut manifest.tc.iter().copied()),
            manifest_bytes: bytes.len() as u64,
            manifest,
        })
    }

    /// The manifest.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    fn read(&self, rel: &str) -> Result<Vec<u8>, SearchError> {
        let path = self.dir.join("search").join(rel);
        fs::read(&path).map_err(|e| SearchError::io(&path, e))
    }

    fn shard_of(&self, term: &str) -> usize {
        // Largest i with first_term(i) <= term.
        self.manifest
            .shards
            .partition_point(|s| s.0.as_str() <= term)
            .saturating_sub(1)
    }

    /// Runs `q` as a reader's first query in a fresh page and reports what was fetched.
    pub fn first_query(&self, q: &str) -> Result<QueryReport, SearchError> {
        let m = &self.manifest;
        let b = &m.budget;
        let mut files = vec![
            ("search.js".to_owned(), m.js),
            ("search/index.json".to_owned(), self.manifest_bytes),
        ];
        let pq = parse_query(q);
        if pq.exact.is_empty() && pq.prefix.is_none() {
            return Ok(report(files, 0, Vec::new()));
        }
        let mut spent = m.js + self.manifest_bytes;

        // Shards: the exact terms' (always), then completions within the budget.
        let mut want: Vec<usize> = Vec::new();
        let need = |i: usize, want: &mut Vec<usize>| {
            if !want.contains(&i) {
                want.push(i);
            }
        };
        for t in &pq.exact {
            need(self.shard_of(t), &mut want);
        }
        let mut range = Vec::new();
        if let Some((term, prefix)) = &pq.prefix {
            need(self.shard_of(term), &mut want);
            let p0 = self.shard_of(prefix);
            need(p0, &mut want);
            range.push(p0);
            range.extend(
                (p0 + 1..m.shards.len())
                    .take_while(|&i| m.shards[i].0.starts_with(prefix.as_str())),
            );
        }
        for &i in &want {
            spent += m.shards[i].1;
        }
        let reserve = m.dc.iter().map(|c| c.1).max().unwrap_or(0);
        let mut extra = 0;
        for &j in range.iter().skip(1) {
            if want.contains(&j) {
                continue;
            }
            let size = m.shards[j].1;
            if extra + size > b.prefix || spent + size + reserve > b.total {
                break;
            }
            extra += size;
            spent += size;
            want.push(j);
        }
        let mut shards = HashMap::new();
        for &i in &want {
            let rel = format!("s/{i}.bin");
            let bytes = self.read(&rel)?;
            files.push((format!("search/{rel}"), bytes.len() as u64));
            shards.insert(i, bytes);
        }

        let ids = self.rank(&pq, &range, &shards)?;

        // Docs chunks for the first page, then text chunks for snippets.
        let (mut shown, mut docs, mut texts) = (Vec::new(), Vec::new(), Vec::new());
        for &id in &ids {
            if shown.len() >= b.page as usize {
                break;
            }
            let c = locate(&self.dc_start, locate(&self.ds_start, id) as u32);
            if !docs.contains(&c) {
                if !shown.is_empty() && spent + m.dc[c].1 > b.total {
                    break;
                }
                docs.push(c);
                spent += m.dc[c].1;
            }
            shown.push(id);
        }
        let mut chunks = HashMap::new();
        for &c in &docs {
            let rel = format!("d/{c}.json");
            let bytes = self.read(&rel)?;
            files.push((format!("search/{rel}"), bytes.len() as u64));
            let chunk: DocsChunk = parse_docs_chunk(&bytes).ok_or_else(|| {
                SearchError::malformed(self.dir.join("search").join(&rel), "docs chunk")
            })?;
            chunks.insert(c, chunk);
        }
        for &id in &shown {
            let t = locate(&self.tc_start, id);
            if texts.contains(&t) {
                continue;
            }
            if spent + m.tcap > b.total {
                break;
            }
            texts.push(t);
            spent += m.tcap;
        }
        for &t in &texts {
            let rel = format!("x/{t}.json");
            let path = self.dir.join("search").join(&rel);
            let len = fs::metadata(&path)
                .map_err(|e| SearchError::io(&path, e))?
                .len();
            files.push((format!("search/{rel}"), len));
        }
        let hits = shown
            .iter()
            .map(|&id| self.hit(id, &chunks))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| SearchError::malformed(self.dir.join("search/d"), "section missing"))?;
        Ok(report(files, ids.len(), hits))
    }

    fn hit(&self, id: u32, chunks: &HashMap<usize, DocsChunk>) -> Option<Hit> {
        let d = locate(&self.ds_start, id);
        let c = locate(&self.dc_start, d as u32);
        let (headings, docs) = chunks.get(&c)?;
        let doc = docs.get(d - self.dc_start[c] as usize)?;
        let h = doc.3.get((id - self.ds_start[d]) as usize)?;
        let (anchor, heading) = headings.get(*h as usize)?;
        let href = if anchor.is_empty() {
            doc.0.clone()
        } else {
            format!("{}#{anchor}", doc.0)
        };
        Some(Hit {
            id,
            href,
            title: doc.1.clone(),
            heading: heading.clone(),
            date: doc.2.clone(),
        })
    }

    fn rank(
        &self,
        pq: &ParsedQuery,
        range: &[usize],
        shards: &HashMap<usize, Vec<u8>>,
    ) -> Result<Vec<u32>, SearchError> {
        let n = i64::from(self.manifest.n);
        let weight = |w: u8, df: u32| -> i64 {
            let x = ((n + 1) / (i64::from(df) + 1)) as u32;
            let idf = 1 + 31 - i64::from(x.leading_zeros());
            let base =
                i64::from(w & 31) + i64::from((w >> 5) & 1) * 24 + i64::from((w >> 6) & 1) * 16;
            base * idf
        };
        let bad =
            |i: usize| SearchError::malformed(self.dir.join(format!("search/s/{i}.bin")), "shard");
        let mut maps: Vec<HashMap<u32, i64>> = Vec::new();
        for t in &pq.exact {
            let i = self.shard_of(t);
            let entries = shards
                .get(&i)
                .and_then(|b| decode(b))
                .ok_or_else(|| bad(i))?;
            let Some(e) = entries.iter().find(|e| &e.term == t) else {
                return Ok(Vec::new());
            };
            let posts = e.postings().ok_or_else(|| bad(i))?;
            maps.push(posts.iter().map(|&(id, w)| (id, weight(w, e.df))).collect());
        }
        if let Some((term, prefix)) = &pq.prefix {
            let mut pm: HashMap<u32, i64> = HashMap::new();
            let mut list = range.to_vec();
            let own = self.shard_of(term);
            if !list.contains(&own) {
                list.push(own);
            }
            for i in list {
                let Some(bytes) = shards.get(&i) else {
                    continue;
                };
                for e in decode(bytes).ok_or_else(|| bad(i))? {
                    if !e.term.starts_with(prefix.as_str()) {
                        continue;
                    }
                    let exact = &e.term == term;
                    for (id, w) in e.postings().ok_or_else(|| bad(i))? {
                        let mut s = weight(w, e.df);
                        if !exact {
                            s = s * 3 / 4;
                        }
                        let slot = pm.entry(id).or_insert(s);
                        *slot = (*slot).max(s);
                    }
                }
            }
            maps.push(pm);
        }
        if maps.is_empty() {
            return Ok(Vec::new());
        }
        maps.sort_by_key(HashMap::len);
        let mut hits: Vec<(u32, i64)> = maps[0]
            .iter()
            .filter_map(|(&id, &s)| {
                let rest: Option<i64> = maps[1..].iter().map(|m| m.get(&id).copied()).sum();
                let total = s + rest?;
                Some((id, total * (64 + 16 * (n - i64::from(id)) / n)))
            })
            .collect();
        hits.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut per_doc: BTreeMap<usize, u32> = BTreeMap::new();
        let mut out = Vec::new();
        for (id, _) in hits {
            let c = per_doc.entry(locate(&self.ds_start, id)).or_insert(0);
            if *c < self.manifest.budget.per_doc {
                *c += 1;
                out.push(id);
            }
        }
        Ok(out)
    }
}

fn report(files: Vec<(String, u64)>, total: usize, shown: Vec<Hit>) -> QueryReport {
    let bytes = files.iter().map(|f| f.1).sum();
    QueryReport {
        files,
        bytes,
        total,
        shown,
    }
}

fn parse_docs_chunk(bytes: &[u8]) -> Option<DocsChunk> {
    #[derive(serde::Deserialize)]
    struct Raw {
        h: Vec<(String, String)>,
        d: Vec<(String, String, String, Vec<u32>)>,
    }
    let raw: Raw = serde_json::from_slice(bytes).ok()?;
    Some((raw.h, raw.d))
}

/// The part of a result's line `search.js` shows as its snippet (`snippetWindow` there;
/// both must agree): about `before` characters before the first match at character
/// `hit`, `len` characters in all, moved so that it starts and ends on word boundaries
/// (whitespace). Returns character positions `(from, to)` into `line`.
pub fn snippet_window(line: &str, hit: usize, before: usize, len: usize) -> (usize, usize) {
    let chars: Vec<char> = line.chars().collect();
    let hit = hit.min(chars.len());
    let space = |i: usize| chars.get(i).is_some_and(|c| c.is_whitespace());
    let mut from = hit.saturating_sub(before);
    if from > 0 && !space(from - 1) {
        let mut f = from;
        while f < hit && !space(f - 1) {
            f += 1;
        }
        if f < hit {
            from = f;
        }
        while from > 0 && !space(from - 1) {
            from -= 1;
        }
    }
    while from < hit && space(from) {
        from += 1;
    }
    let mut to = chars.len().min(from + len);
    if to < chars.len() && !space(to) {
        let mut t = to;
        while t > from && !space(t - 1) {
            t -= 1;
        }
        if t > hit {
            to = t;
        } else {
            while to < chars.len() && !space(to) {
                to += 1;
            }
        }
    }
    while to > from && space(to - 1) {
        to -= 1;
    }
    (from, to)
}

/// Largest `i` with `starts[i] <= x`, for prefix sums `starts` (starting at 0).
fn locate(starts: &[u32], x: u32) -> usize {
    starts[..starts.len().saturating_sub(1)]
        .partition_point(|&s| s <= x)
        .saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_start_and_end_on_word_boundaries() {
        let line = "Hello and welcome to another issue of This Week in Rust! Rust is a programming language empowering everyone to build reliable and efficient software. This is a weekly summary of its progress and community.";
        let hit = line
            .find("programming")
            .map(|b| line[..b].chars().count())
            .unwrap();
        let (from, to) = snippet_window(line, hit, 40, 60);
        let chars: Vec<char> = line.chars().collect();
        let shown: String = chars[from..to].iter().collect();
        assert_eq!(
            shown,
            "Week in Rust! Rust is a programming language empowering"
        );
        assert_eq!(snippet_window(line, 3, 40, 500), (0, chars.len()));
        // One long word: kept whole rather than cut.
        let long = format!("x {} y", "a".repeat(300));
        let (f, t) = snippet_window(&long, 100, 40, 180);
        assert_eq!((f, t), (2, 302));
        for hit in 0..chars.len() {
            let (f, t) = snippet_window(line, hit, 40, 60);
            assert!(f <= t && t <= chars.len());
            assert!(f == 0 || chars[f - 1].is_whitespace(), "{hit}");
            assert!(t == chars.len() || chars[t].is_whitespace(), "{hit}");
        }
    }

    #[test]
    fn parse_query_completes_only_a_word_being_typed() {
        let q = parse_query("const generics");
        assert_eq!(q.exact, ["const"]);
        assert_eq!(q.prefix, Some(("generic".into(), "generic".into())));
        let q = parse_query("const generics ");
        assert_eq!(q.exact, ["const", "generic"]);
        assert_eq!(q.prefix, None);
        // The last word is a stop word: nothing to complete.
        let q = parse_query("async the");
        assert_eq!(q.exact, ["async"]);
        assert_eq!(q.prefix, None);
        // One letter is too short to complete.
        assert_eq!(parse_query("rust c").prefix, None);
        assert_eq!(
            parse_query("tokio 1.0").prefix,
            Some(("1.0".into(), "1.0".into()))
        );
    }

    #[test]
    fn locate_finds_the_bucket() {
        let starts = [0, 3, 5, 9];
        assert_eq!(locate(&starts, 0), 0);
        assert_eq!(locate(&starts, 2), 0);
        assert_eq!(locate(&starts, 3), 1);
        assert_eq!(locate(&starts, 8), 2);
        assert_eq!(locate(&starts, 100), 2);
    }
}
