//! `search/index.json`: what the client loads first, and the sizes it plans its fetches by.

use serde::{Deserialize, Serialize};

/// Format version written in [`Manifest::v`]; bump on any incompatible change.
pub const FORMAT_VERSION: u32 = 1;

/// The contents of `search/index.json`. Field names are short because every byte is
/// downloaded by every searcher; see the README for the layout.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    /// Format version ([`FORMAT_VERSION`]).
    pub v: u32,
    /// Build id (hash of all index files), appended as `?v=` to fetches for cache busting.
    pub id: String,
    /// Number of sections; section ids are `0..n`.
    pub n: u32,
    /// Number of sections of each issue, issues newest first.
    pub ds: Vec<u32>,
    /// `(first term, bytes)` of each term shard `s/N.bin`, in term order.
    pub shards: Vec<(String, u64)>,
    /// `(number of issues, bytes)` of each docs chunk `d/N.json`, in issue order.
    pub dc: Vec<(u32, u64)>,
    /// Number of sections of each text chunk `x/N.json`, in section order.
    pub tc: Vec<u32>,
    /// Upper bound on the size of a text chunk, in bytes.
    pub tcap: u64,
    /// Size of `search.js`, counted in the first query's budget.
    pub js: u64,
    /// Stop words, so that the client drops the same words as the indexer.
    pub stop: Vec<String>,
    /// Download budget and result paging.
    pub budget: Budget,
}

/// How much one search may download, and how results are paged.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Budget {
    /// Bytes one query (or one "more results" click) may download, counting `search.js`
    /// and this manifest on the first query. The first query of a session stays under it
    /// unless its exact terms' shards alone exceed it (then only those are fetched).
    pub total: u64,
    /// Bytes that completing the last word (type-ahead) may add in extra shards.
    pub prefix: u64,
    /// Results shown per page.
    pub page: u32,
    /// At most this many sections of one issue among the results.
    pub per_doc: u32,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            total: 300_000,
            prefix: 64 * 1024,
            page: 10,
            per_doc: 2,
        }
    }
}
