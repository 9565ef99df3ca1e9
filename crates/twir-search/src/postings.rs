//! The inverted index in memory: term -> sorted postings `(section id, weight)`.

use rayon::prelude::*;

use crate::hash::FastMap;
use crate::tokenize::tokenize;

/// Weight byte of a posting: bits 0-4 the term's BM25-style frequency score in the section
/// text (see [`tf_score`]; 0 when the term is only in the heading or title), bit 5 set when
/// the term is in the section heading, bit 6 when it is in the issue title (only on the
/// issue's first section).
pub(crate) const TF_MASK: u8 = 31;
pub(crate) const IN_HEADING: u8 = 1 << 5;
pub(crate) const IN_TITLE: u8 = 1 << 6;

/// The text of one section to index.
pub(crate) struct SectionInput<'a> {
    pub heading: &'a str,
    pub text: &'a str,
    /// The issue title, for the first section of each issue only.
    pub title: Option<&'a str>,
}

/// One term and its postings, sorted by section id.
pub(crate) struct TermPostings {
    pub term: String,
    pub postings: Vec<(u32, u8)>,
}

/// Postings of a contiguous run of sections: terms interned to ids, one list per id.
#[derive(Default)]
struct Partial {
    ids: FastMap<String, u32>,
    /// While building, bits 0-4 count occurrences (saturating); [`tf_score`] replaces them.
    lists: Vec<Vec<(u32, u8)>>,
    /// Number of text tokens of each section of the run.
    lens: Vec<u32>,
}

impl Partial {
    /// Applies `f` to the weight of `term` in section `sec` (sections come in order, so a
    /// term's current section is the last posting of its list).
    fn add(&mut self, term: &str, sec: u32, f: impl Fn(u8) -> u8) {
        let id = match self.ids.get(term) {
            Some(&id) => id,
            None => {
                let id = self.lists.len() as u32;
                self.ids.insert(term.to_owned(), id);
                self.lists.push(Vec::new());
                id
            }
        };
        let list = &mut self.lists[id as usize];
        match list.last_mut() {
            Some((s, w)) if *s == sec => *w = f(*w),
            _ => list.push((sec, f(0))),
        }
    }
}

/// Builds the sorted term list. Section ids are the indices in `sections`.
pub(crate) fn build(sections: &[SectionInput<'_>]) -> Vec<TermPostings> {
    // One contiguous run per thread keeps each partial's postings sorted and makes the
    // merge a plain concatenation in run order.
    let runs = rayon::current_num_threads().max(1);
    let per_run = sections.len().div_ceil(runs).max(1);
    let partials: Vec<Partial> = sections
        .par_chunks(per_run)
        .enumerate()
        .map(|(run, chunk)| {
            let mut p = Partial::default();
            for (k, s) in chunk.iter().enumerate() {
                // Fits: write_index checks the section count first.
                let sec = (run * per_run + k) as u32;
                let mut len = 0u32;
                tokenize(s.text, |t| {
                    len += 1;
                    p.add(t, sec, |w| if w & TF_MASK < TF_MASK { w + 1 } else { w })
                });
                p.lens.push(len);
                tokenize(s.heading, |t| p.add(t, sec, |w| w | IN_HEADING));
                if let Some(title) = s.title {
                    tokenize(title, |t| p.add(t, sec, |w| w | IN_TITLE));
                }
            }
            p
        })
        .collect();
    let lens: Vec<u32> = partials
        .iter()
        .flat_map(|p| p.lens.iter().copied())
        .collect();
    let avg = (lens.iter().map(|&l| f64::from(l)).sum::<f64>() / lens.len().max(1) as f64).max(1.0);
    let mut merged: FastMap<String, Vec<(u32, u8)>> = FastMap::default();
    for p in partials {
        let mut lists: Vec<Option<Vec<(u32, u8)>>> = p.lists.into_iter().map(Some).collect();
        for (term, id) in p.ids {
            let Some(list) = lists[id as usize].take() else {
                continue;
            };
            match merged.get_mut(&term) {
                Some(all) => all.extend(list),
                None => {
                    merged.insert(term, list);
                }
            }
        }
    }
    let mut terms: Vec<TermPostings> = merged
        .into_par_iter()
        .map(|(term, mut postings)| {
            for (sec, w) in &mut postings {
                let len = lens.get(*sec as usize).copied().unwrap_or(0);
                *w = (*w & !TF_MASK) | tf_score(*w & TF_MASK, len, avg);
            }
            TermPostings { term, postings }
        })
        .collect();
    terms.par_sort_unstable_by(|a, b| a.term.cmp(&b.term));
    terms
}

/// BM25's saturating, length-normalised term frequency (k1 = 1.2, b = 0.75), scaled so that
/// one occurrence in a section of average length scores 14, and kept within 1..=31 (0 for
/// no occurrence). Long sections (a list of fifty links) thus count a word less than a short
/// one about it.
fn tf_score(count: u8, len: u32, avg: f64) -> u8 {
    if count == 0 {
        return 0;
    }
    let tf = f64::from(count);
    let norm = tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * f64::from(len) / avg));
    (norm * 14.0).round().clamp(1.0, 31.0) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(heading: &'a str, text: &'a str, title: Option<&'a str>) -> SectionInput<'a> {
        SectionInput {
            heading,
            text,
            title,
        }
    }

    #[test]
    fn postings_are_sorted_and_weighted() {
        let mut sections = vec![
            input("", "async async rust", Some("Issue One")),
            input("Async news", "nothing", None),
        ];
        // Enough sections to make rayon split the work.
        for _ in 0..500 {
            sections.push(input("", "filler async", None));
        }
        let terms = build(&sections);
        assert!(terms.windows(2).all(|w| w[0].term < w[1].term));
        let asy = terms
            .iter()
            .find(|t| t.term == "async")
            .expect("async indexed");
        assert_eq!(asy.postings.len(), 502);
        assert!(asy.postings.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(asy.postings[0].0, 0);
        assert!(
            asy.postings[0].1 & TF_MASK > 14,
            "twice in a short section: {:?}",
            asy.postings[..3].to_vec()
        );
        assert_eq!(asy.postings[0].1 & !TF_MASK, 0);
        assert_eq!(asy.postings[1], (1, IN_HEADING));
        let issue = terms
            .iter()
            .find(|t| t.term == "issue")
            .expect("title indexed");
        assert_eq!(issue.postings, [(0, IN_TITLE)]);
    }

    #[test]
    fn tf_score_saturates_and_normalises_length() {
        assert_eq!(tf_score(0, 10, 10.0), 0);
        assert_eq!(tf_score(1, 10, 10.0), 14);
        assert!(tf_score(3, 10, 10.0) > tf_score(1, 10, 10.0));
        assert!(tf_score(1, 100, 10.0) < tf_score(1, 10, 10.0));
        assert!(tf_score(1, 1, 10.0) > tf_score(1, 10, 10.0));
        assert_eq!(tf_score(31, 0, 10.0), 31);
        assert!(tf_score(1, 100_000, 10.0) >= 1);
    }
}
