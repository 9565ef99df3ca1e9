//! The inverted index in memory: term -> sorted postings `(section id, weight)`.

use rayon::prelude::*;

use crate::hash::FastMap;
use crate::tokenize::tokenize;

/// Weight byte of a posting: bits 0-4 the term frequency in the section text (capped at
/// 31), bit 5 set when the term is in the section heading, bit 6 when it is in the issue
/// title (only on the issue's first section).
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
    lists: Vec<Vec<(u32, u8)>>,
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
                tokenize(s.text, |t| {
                    p.add(t, sec, |w| if w & TF_MASK < TF_MASK { w + 1 } else { w })
                });
                tokenize(s.heading, |t| p.add(t, sec, |w| w | IN_HEADING));
                if let Some(title) = s.title {
                    tokenize(title, |t| p.add(t, sec, |w| w | IN_TITLE));
                }
            }
            p
        })
        .collect();
    let mut merged: FastMap<String, Vec<(u32, u8)>> = FastMap::default();
    for p in partials {
        let mut lists: Vec<Option<Vec<(u32, u8)>>> = p.lists.into_iter().map(Some).collect();
        for (term, id) in p.ids {
            let Some(list) = lists[id as usize].take() else { continue };
            match merged.get_mut(&term) {
                Some(all) => all.extend(list),
                None => {
                    merged.insert(term, list);
                }
            }
        }
    }
    let mut terms: Vec<TermPostings> =
        merged.into_iter().map(|(term, postings)| TermPostings { term, postings }).collect();
    terms.par_sort_unstable_by(|a, b| a.term.cmp(&b.term));
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(heading: &'a str, text: &'a str, title: Option<&'a str>) -> SectionInput<'a> {
        SectionInput { heading, text, title }
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
        let asy = terms.iter().find(|t| t.term == "async").expect("async indexed");
        assert_eq!(asy.postings.len(), 502);
        assert!(asy.postings.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(asy.postings[0], (0, 2));
        assert_eq!(asy.postings[1], (1, IN_HEADING));
        let issue = terms.iter().find(|t| t.term == "issue").expect("title indexed");
        assert_eq!(issue.postings, [(0, IN_TITLE)]);
    }

    #[test]
    fn term_frequency_saturates() {
        let text = "x ".repeat(100);
        let terms = build(&[input("", &text, None)]);
        assert_eq!(terms[0].postings, [(0, TF_MASK)]);
    }
}
