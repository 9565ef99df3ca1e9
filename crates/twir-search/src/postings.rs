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

type Map = FastMap<String, Vec<(u32, u8)>>;

/// Builds the sorted term list. Section ids are the indices in `sections`.
pub(crate) fn build(sections: &[SectionInput<'_>]) -> Vec<TermPostings> {
    let map = sections
        .par_iter()
        .enumerate()
        .with_min_len(64)
        .fold(
            || (Map::default(), FastMap::<String, u8>::default()),
            |(mut map, mut scratch), (id, s)| {
                weigh_section(s, &mut scratch);
                for (term, w) in scratch.drain() {
                    // `id` fits: write_index checks the section count first.
                    let posting = (id as u32, w);
                    match map.get_mut(&term) {
                        Some(list) => list.push(posting),
                        None => {
                            map.insert(term, vec![posting]);
                        }
                    }
                }
                (map, scratch)
            },
        )
        .map(|(map, _)| map)
        .reduce(Map::default, merge);
    let mut terms: Vec<TermPostings> = map
        .into_par_iter()
        .map(|(term, mut postings)| {
            // Fold/reduce keep sequence order, so this is normally already sorted.
            if !postings.is_sorted_by_key(|p| p.0) {
                postings.sort_unstable_by_key(|p| p.0);
            }
            TermPostings { term, postings }
        })
        .collect();
    terms.par_sort_unstable_by(|a, b| a.term.cmp(&b.term));
    terms
}

/// Fills `scratch` with term -> weight byte for one section.
fn weigh_section(s: &SectionInput<'_>, scratch: &mut FastMap<String, u8>) {
    scratch.clear();
    let mut add = |term: &str, f: &dyn Fn(u8) -> u8| match scratch.get_mut(term) {
        Some(w) => *w = f(*w),
        None => {
            scratch.insert(term.to_owned(), f(0));
        }
    };
    let bump = |w: u8| if w & TF_MASK < TF_MASK { w + 1 } else { w };
    tokenize(s.text, |t| add(t, &bump));
    tokenize(s.heading, |t| add(t, &|w| w | IN_HEADING));
    if let Some(title) = s.title {
        tokenize(title, |t| add(t, &|w| w | IN_TITLE));
    }
}

/// Appends `right`'s postings after `left`'s (right holds later sections), merging the
/// smaller map into the larger one.
fn merge(mut left: Map, mut right: Map) -> Map {
    if left.len() >= right.len() {
        for (term, list) in right.drain() {
            left.entry(term).or_default().extend(list);
        }
        left
    } else {
        for (term, mut list) in left.drain() {
            let slot = right.entry(term).or_default();
            list.append(slot);
            *slot = list;
        }
        right
    }
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
