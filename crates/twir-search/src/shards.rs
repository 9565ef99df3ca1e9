//! The binary term shards `search/s/N.bin`: encoding (build) and decoding (queries in Rust).
//!
//! A shard is a run of entries for consecutive terms in byte order:
//!
//! ```text
//! entry    := common:u8 suffix_len:varint suffix:bytes df:varint plen:varint postings
//! postings := df × (delta:varint weight:u8)
//! ```
//!
//! `common` is how many leading bytes the term shares with the previous term of the same
//! shard (0 for the first), `suffix` the rest of its UTF-8 bytes; `plen` is the byte length
//! of `postings` so a reader can skip terms it does not need. `delta` is the section id minus
//! the previous posting's (the first is the id itself). Varints are LEB128 (7 bits a byte,
//! low first, high bit = more).

use rayon::prelude::*;

use crate::postings::TermPostings;

/// Appends `v` as a LEB128 varint.
pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a varint at `*pos`, advancing it; `None` on truncated or over-long input.
pub(crate) fn get_varint(buf: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *buf.get(*pos)?;
        *pos += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// One encoded shard and the first term it holds.
pub(crate) struct Shard {
    pub first_term: String,
    pub bytes: Vec<u8>,
}

/// Packs the sorted terms into shards of about `target` bytes; a term whose postings alone
/// exceed `target` gets a shard of its own.
pub(crate) fn encode(terms: &[TermPostings], target: usize) -> Vec<Shard> {
    let encoded: Vec<Vec<u8>> = terms
        .par_iter()
        .with_min_len(256)
        .map(|t| {
            let mut p = Vec::with_capacity(t.postings.len() * 2 + 4);
            put_varint(&mut p, t.postings.len() as u64);
            let mut body = Vec::with_capacity(t.postings.len() * 2);
            let mut prev = 0u32;
            for &(id, w) in &t.postings {
                put_varint(&mut body, u64::from(id - prev));
                body.push(w);
                prev = id;
            }
            put_varint(&mut p, body.len() as u64);
            p.extend_from_slice(&body);
            p
        })
        .collect();
    let mut shards = Vec::new();
    let mut cur: Option<Shard> = None;
    let mut prev_term = "";
    for (t, post) in terms.iter().zip(&encoded) {
        let entry_estimate = t.term.len() + post.len() + 3;
        if let Some(s) = &cur
            && s.bytes.len() + entry_estimate > target
        {
            shards.extend(cur.take());
        }
        let shard = cur.get_or_insert_with(|| {
            prev_term = "";
            Shard {
                first_term: t.term.clone(),
                bytes: Vec::with_capacity(target + 64),
            }
        });
        let common = common_prefix(prev_term.as_bytes(), t.term.as_bytes()).min(255);
        shard.bytes.push(common as u8);
        let suffix = &t.term.as_bytes()[common..];
        put_varint(&mut shard.bytes, suffix.len() as u64);
        shard.bytes.extend_from_slice(suffix);
        shard.bytes.extend_from_slice(post);
        prev_term = &t.term;
    }
    shards.extend(cur);
    shards
}

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// One decoded term of a shard; postings stay encoded until asked for.
pub(crate) struct Entry<'a> {
    pub term: String,
    pub df: u32,
    postings: &'a [u8],
}

impl Entry<'_> {
    /// The `(section id, weight)` pairs; `None` if malformed.
    pub fn postings(&self) -> Option<Vec<(u32, u8)>> {
        let mut out = Vec::with_capacity(self.df as usize);
        let mut pos = 0;
        let mut id = 0u64;
        for _ in 0..self.df {
            id += get_varint(self.postings, &mut pos)?;
            let w = *self.postings.get(pos)?;
            pos += 1;
            out.push((u32::try_from(id).ok()?, w));
        }
        Some(out)
    }
}

/// Decodes the term list of a shard; `None` if malformed.
pub(crate) fn decode(buf: &[u8]) -> Option<Vec<Entry<'_>>> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut term: Vec<u8> = Vec::new();
    while pos < buf.len() {
        let common = usize::from(buf[pos]);
        pos += 1;
        let slen = usize::try_from(get_varint(buf, &mut pos)?).ok()?;
        let suffix = buf.get(pos..pos.checked_add(slen)?)?;
        pos += slen;
        if common > term.len() {
            return None;
        }
        term.truncate(common);
        term.extend_from_slice(suffix);
        let df = u32::try_from(get_varint(buf, &mut pos)?).ok()?;
        let plen = usize::try_from(get_varint(buf, &mut pos)?).ok()?;
        let postings = buf.get(pos..pos.checked_add(plen)?)?;
        pos += plen;
        out.push(Entry {
            term: String::from_utf8(term.clone()).ok()?,
            df,
            postings,
        });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tp(term: &str, postings: &[(u32, u8)]) -> TermPostings {
        TermPostings {
            term: term.into(),
            postings: postings.to_vec(),
        }
    }

    #[test]
    fn varints_round_trip() {
        let mut buf = Vec::new();
        for v in [0, 1, 127, 128, 300, u64::from(u32::MAX)] {
            put_varint(&mut buf, v);
        }
        let mut pos = 0;
        for v in [0, 1, 127, 128, 300, u64::from(u32::MAX)] {
            assert_eq!(get_varint(&buf, &mut pos), Some(v));
        }
        assert_eq!(get_varint(&[0x80], &mut 0), None);
    }

    #[test]
    fn shards_round_trip_and_split() {
        let terms = vec![
            tp("async", &[(0, 1), (5, 33), (300, 2)]),
            tp("asynchronous", &[(7, 1)]),
            tp("café", &[(1, 64)]),
            tp("caféine", &[(2, 1)]),
            tp("zebra", &(0..100).map(|i| (i * 3, 1)).collect::<Vec<_>>()),
        ];
        let shards = encode(&terms, 40);
        assert!(shards.len() >= 3, "small target splits: {}", shards.len());
        let mut seen = Vec::new();
        for s in &shards {
            let entries = decode(&s.bytes).expect("decodes");
            assert_eq!(entries[0].term, s.first_term);
            for e in entries {
                seen.push((e.term.clone(), e.postings().expect("postings")));
            }
        }
        let expected: Vec<_> = terms
            .iter()
            .map(|t| (t.term.clone(), t.postings.clone()))
            .collect();
        assert_eq!(seen, expected);
        // One shard when everything fits, with front coding making it smaller than the sum.
        let one = encode(&terms, 1 << 20);
        assert_eq!(one.len(), 1);
    }

    #[test]
    fn decode_rejects_garbage() {
        assert!(decode(&[5, 1, b'a']).is_none());
        assert!(decode(&[0, 9, b'a']).is_none());
    }
}
