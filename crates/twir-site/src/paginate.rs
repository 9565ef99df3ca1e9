//! Splitting a list of posts into pages of `per_page` (the index, each category), and the
//! `pagination` value their templates see.

use serde::Serialize;
use std::ops::Range;

/// Number of pages a list of `len` items takes: at least one, so an empty list still has its
/// page.
pub fn page_count(len: usize, per_page: usize) -> usize {
    len.div_ceil(per_page.max(1)).max(1)
}

/// Positions of the items on page `n` (1-based); empty past the last page.
pub fn page_range(len: usize, per_page: usize, n: usize) -> Range<usize> {
    let per_page = per_page.max(1);
    let start = n.saturating_sub(1).saturating_mul(per_page).min(len);
    start..start.saturating_add(per_page).min(len)
}

/// The page (1-based) holding the item at `position`.
pub fn page_of(position: usize, per_page: usize) -> usize {
    position / per_page.max(1) + 1
}

/// What a paginated template knows about where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pagination {
    /// This page, 1-based.
    pub page: usize,
    /// Number of pages.
    pub pages: usize,
    /// Link to the previous page (newer posts), if any.
    pub newer: Option<String>,
    /// Link to the next page (older posts), if any.
    pub older: Option<String>,
}

impl Pagination {
    /// Page `page` of `pages`, linking to its neighbours through `href_of(n)`.
    pub fn new(page: usize, pages: usize, href_of: impl Fn(usize) -> String) -> Pagination {
        Pagination {
            page,
            pages,
            newer: (page > 1).then(|| href_of(page - 1)),
            older: (page < pages).then(|| href_of(page + 1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_of_ten() {
        assert_eq!(page_count(0, 10), 1);
        assert_eq!(page_count(10, 10), 1);
        assert_eq!(page_count(11, 10), 2);
        assert_eq!(page_count(5, 0), 5);
        assert_eq!(page_range(11, 10, 1), 0..10);
        assert_eq!(page_range(11, 10, 2), 10..11);
        assert_eq!(page_range(11, 10, 3), 11..11);
        assert_eq!(page_range(0, 10, 1), 0..0);
        assert_eq!(page_of(9, 10), 1);
        assert_eq!(page_of(10, 10), 2);
    }

    #[test]
    fn neighbours_are_linked_only_when_they_exist() {
        let href = |n: usize| format!("/p{n}");
        let only = Pagination::new(1, 1, href);
        assert_eq!((only.newer, only.older), (None, None));
        let first = Pagination::new(1, 3, href);
        assert_eq!((first.newer, first.older.as_deref()), (None, Some("/p2")));
        let middle = Pagination::new(2, 3, href);
        assert_eq!(middle.newer.as_deref(), Some("/p1"));
        assert_eq!(middle.older.as_deref(), Some("/p3"));
        let last = Pagination::new(3, 3, href);
        assert_eq!((last.newer.as_deref(), last.older), (Some("/p2"), None));
    }
}
