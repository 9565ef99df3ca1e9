//! [`write_index`]: from documents to the files under `search/`.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::chunks::{DocMeta, docs_chunks, text_chunks};
use crate::hash::{FNV_START, fnv1a};
use crate::manifest::{Budget, FORMAT_VERSION, Manifest};
use crate::postings::{SectionInput, build};
use crate::search_page::search_page_html;
use crate::tokenize::STOP_WORDS;
use crate::{IndexStats, SEARCH_JS, SearchDoc, SearchError, SearchSection};

/// Shards are packed to about this size; a shard of one very common term can be larger.
pub const SHARD_TARGET: usize = 16 * 1024;
/// Docs chunks are packed to about this size.
pub const DOCS_TARGET: usize = 8 * 1024;
/// Hard cap on a text (snippet) chunk.
pub const TEXT_CAP: usize = 8 * 1024;

/// Builds the index of `docs` and writes it to `out_dir/search/` with the client at
/// `out_dir/search.js` and a fallback search page at `out_dir/search/index.html`.
/// Old `search/s`, `search/d` and `search/x` directories are replaced.
pub fn write_index(docs: &[SearchDoc], out_dir: &Path) -> Result<IndexStats, SearchError> {
    write_index_with(docs, out_dir, true)
}

/// Like [`write_index`]; without `fallback_page`, `search/index.html` is left to the site
/// (which renders it in its own layout with [`crate::search_box_html`]).
pub fn write_index_with(
    docs: &[SearchDoc],
    out_dir: &Path,
    fallback_page: bool,
) -> Result<IndexStats, SearchError> {
    // Newest first: ids then encode recency, which ranking uses without metadata.
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| docs[b].date.cmp(&docs[a].date));

    let top = SearchSection {
        anchor: String::new(),
        heading: String::new(),
        text: String::new(),
    };
    let mut inputs = Vec::new();
    let mut texts = Vec::new();
    let mut metas = Vec::with_capacity(docs.len());
    let mut ds = Vec::with_capacity(docs.len());
    for &i in &order {
        let d = &docs[i];
        let secs: Vec<&SearchSection> = if d.sections.is_empty() {
            vec![&top]
        } else {
            d.sections.iter().collect()
        };
        for (k, s) in secs.iter().enumerate() {
            inputs.push(SectionInput {
                heading: &s.heading,
                text: &s.text,
                title: (k == 0).then_some(d.title.as_str()),
            });
            texts.push(s.text.as_str());
        }
        ds.push(secs.len() as u32);
        metas.push(DocMeta {
            url: &d.url,
            title: &d.title,
            date: &d.date,
            sections: secs
                .iter()
                .map(|s| (s.anchor.as_str(), s.heading.as_str()))
                .collect(),
        });
    }
    if u32::try_from(inputs.len()).is_err() {
        return Err(SearchError::TooLarge(inputs.len()));
    }

    let ((terms, shards), (docs_json, texts_json)) = rayon::join(
        || {
            let terms = build(&inputs);
            let shards = crate::shards::encode(&terms, SHARD_TARGET);
            (terms.len(), shards)
        },
        || {
            rayon::join(
                || docs_chunks(&metas, DOCS_TARGET),
                || text_chunks(&texts, TEXT_CAP),
            )
        },
    );

    let search = out_dir.join("search");
    for sub in ["s", "d", "x"] {
        let dir = search.join(sub);
        fs::create_dir_all(&dir).map_err(|e| SearchError::io(&dir, e))?;
    }

    let mut files: Vec<(PathBuf, &[u8])> = Vec::new();
    for (i, s) in shards.iter().enumerate() {
        files.push((search.join(format!("s/{i}.bin")), &s.bytes));
    }
    for (i, (_, json)) in docs_json.iter().enumerate() {
        files.push((search.join(format!("d/{i}.json")), json.as_bytes()));
    }
    for (i, (_, json)) in texts_json.iter().enumerate() {
        files.push((search.join(format!("x/{i}.json")), json.as_bytes()));
    }
    let id = files
        .iter()
        .fold(FNV_START, |h, (_, bytes)| fnv1a(h, bytes));

    let manifest = Manifest {
        v: FORMAT_VERSION,
        id: format!("{id:016x}"),
        n: inputs.len() as u32,
        ds,
        shards: shards
            .iter()
            .map(|s| (s.first_term.clone(), s.bytes.len() as u64))
            .collect(),
        dc: docs_json
            .iter()
            .map(|(n, j)| (*n, j.len() as u64))
            .collect(),
        tc: texts_json.iter().map(|(n, _)| *n).collect(),
        tcap: TEXT_CAP as u64,
        js: SEARCH_JS.len() as u64,
        stop: STOP_WORDS.iter().map(|s| (*s).to_owned()).collect(),
        budget: Budget::default(),
    };
    let manifest_json = serde_json::to_string(&manifest)
        .map_err(|e| SearchError::malformed(search.join("index.json"), e.to_string()))?;
    let page = search_page_html();
    files.push((search.join("index.json"), manifest_json.as_bytes()));
    if fallback_page {
        files.push((search.join("index.html"), page.as_bytes()));
    }
    files.push((out_dir.join("search.js"), SEARCH_JS.as_bytes()));

    files
        .par_iter()
        .with_min_len(16)
        .try_for_each(|(path, bytes)| {
            fs::write(path, bytes).map_err(|e| SearchError::io(path, e))
        })?;
    // Files are overwritten in place rather than their directories recreated: creating
    // hundreds of inodes right after deleting as many is slow on ext4. Leftovers of a
    // larger earlier index are removed.
    remove_stale(&search.join("s"), "bin", shards.len())?;
    remove_stale(&search.join("d"), "json", docs_json.len())?;
    remove_stale(&search.join("x"), "json", texts_json.len())?;

    Ok(IndexStats {
        files: files.len(),
        bytes: files.iter().map(|(_, b)| b.len() as u64).sum(),
        largest_shard: shards
            .iter()
            .map(|s| s.bytes.len() as u64)
            .max()
            .unwrap_or(0),
        terms,
    })
}

/// Removes `dir/N.ext` files with `N >= keep`.
fn remove_stale(dir: &Path, ext: &str, keep: usize) -> Result<(), SearchError> {
    let entries = fs::read_dir(dir).map_err(|e| SearchError::io(dir, e))?;
    for entry in entries {
        let path = entry.map_err(|e| SearchError::io(dir, e))?.path();
        let stale = path.extension().is_some_and(|e| e == ext)
            && path
                .file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| s.parse::<usize>().ok())
                .is_some_and(|n| n >= keep);
        if stale {
            fs::remove_file(&path).map_err(|e| SearchError::io(&path, e))?;
        }
    }
    Ok(())
}
