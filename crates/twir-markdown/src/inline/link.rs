//! Links, images, reference links, autolinks and footnote references.

use std::ops::Range;

use super::{Inliner, Outcome, PElem, is_space};

/// Bracket matching for one pass, and the remaining link-scanning budget.
///
/// A `[` is matched by scanning forward while a per-pass budget lasts (link
/// texts are short); once it is spent, every pair of the text is computed in
/// one pass with a stack, so many unmatched brackets stay linear.
pub(crate) struct Brackets {
    /// (open, close) offsets sorted by `open`, once computed.
    pairs: Option<Vec<(usize, usize)>>,
    /// Bytes that forward scans may still look at.
    scan_budget: usize,
    /// Bytes that link destination scans may still look at at full length.
    budget: usize,
    /// Index in `pairs` of the last lookup: a pass asks for ever later
    /// openings, so lookups walk forward instead of searching.
    cursor: usize,
}

/// Longest bracketed text looked up as a shortcut reference id.
const MAX_REF_TEXT: usize = 4096;

/// Longest link destination scanned while the budget lasts, and after.
const DEST_CAP: usize = 4096;
const DEST_CAP_SPENT: usize = 64;

impl Brackets {
    pub(crate) fn new(data: &str) -> Self {
        Brackets {
            pairs: None,
            scan_budget: data.len() / 2 + 4096,
            budget: 4 * data.len() + (1 << 20),
            cursor: 0,
        }
    }

    /// The `]` matching the `[` at `open` (brackets nest).
    fn close(&mut self, data: &str, open: usize) -> Option<usize> {
        let b = data.as_bytes();
        if self.pairs.is_none() {
            let limit = b.len().min(open + 1 + self.scan_budget);
            let mut depth = 0usize;
            let mut i = open + 1;
            let mut found = None;
            while let Some(n) = memchr::memchr2(b'[', b']', &b[i..limit]) {
                i += n;
                if b[i] == b'[' {
                    depth += 1;
                } else if depth == 0 {
                    found = Some(i);
                    break;
                } else {
                    depth -= 1;
                }
                i += 1;
            }
            let scanned = found.unwrap_or(limit) - open;
            self.scan_budget = self.scan_budget.saturating_sub(scanned);
            if found.is_some() {
                return found;
            }
            if limit == b.len() {
                return None;
            }
            self.pairs = Some(all_pairs(b));
        }
        let pairs = self.pairs.as_deref().unwrap_or_default();
        if pairs.get(self.cursor).is_some_and(|p| p.0 > open) {
            // Not expected (lookups move forward), but still answered.
            self.cursor = pairs.partition_point(|p| p.0 < open);
        }
        while pairs.get(self.cursor).is_some_and(|p| p.0 < open) {
            self.cursor += 1;
        }
        pairs.get(self.cursor).filter(|p| p.0 == open).map(|p| p.1)
    }
}

/// Every matched bracket pair of `b`, sorted by the opening offset.
fn all_pairs(b: &[u8]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut stack = Vec::new();
    for i in memchr::memchr2_iter(b'[', b']', b) {
        if b[i] == b'[' {
            stack.push(i);
        } else if let Some(o) = stack.pop() {
            pairs.push((o, i));
        }
    }
    pairs.sort_unstable();
    pairs
}

/// Python-Markdown's reference id normalisation: lower case, whitespace
/// runs collapsed to one space.
fn ref_id(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    if s.is_ascii() {
        for &c in s.as_bytes() {
            if is_space(c as char) {
                if !in_space {
                    out.push(' ');
                }
                in_space = true;
            } else {
                out.push(c.to_ascii_lowercase() as char);
                in_space = false;
            }
        }
        return out;
    }
    for c in s.chars() {
        if is_space(c) {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.extend(c.to_lowercase());
            in_space = false;
        }
    }
    out
}

/// `"x"` → `x` when both ends carry the same quote.
fn dequote(s: &str) -> &str {
    for q in ['"', '\''] {
        if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) {
            return &s[1..s.len() - 1];
        }
    }
    s
}

impl Inliner<'_> {
    /// `[text][id]`, `[text] [id]`, `[text][]` and (short) `[text]`.
    pub(super) fn reference(
        &mut self,
        data: &str,
        p: usize,
        image: bool,
        short: bool,
        br: &mut Brackets,
    ) -> Outcome {
        let b = data.as_bytes();
        let open = if image {
            if b.get(p + 1) != Some(&b'[') {
                return Outcome::NoMatch;
            }
            p + 1
        } else {
            p
        };
        let Some(close) = br.close(data, open) else {
            return Outcome::NoMatch;
        };
        let text = &data[open + 1..close];
        let mut end = close + 1;
        if short && text.len() > MAX_REF_TEXT {
            // No definition has an id this long: skip without building it.
            return Outcome::Skip(end);
        }
        let id = if short {
            ref_id(text)
        } else {
            let mut i = end;
            if let Some(c) = data[i..].chars().next()
                && is_space(c)
            {
                i += c.len_utf8();
            }
            if b.get(i) != Some(&b'[') {
                return Outcome::NoMatch;
            }
            let Some(len) = b[i + 1..].iter().position(|&c| c == b']') else {
                return Outcome::NoMatch;
            };
            let id = &data[i + 1..i + 1 + len];
            end = i + 1 + len + 1;
            ref_id(if id.is_empty() { text } else { id })
        };
        let Some((href, title)) = self.refs.get(&id) else {
            return Outcome::Skip(end);
        };
        let mut el = if image {
            let mut el = PElem::new("img");
            el.attrs.push(("alt", self.plain(text)));
            el.attrs.push(("src", href.clone()));
            el.atomic = true;
            el
        } else {
            let mut el = PElem::new("a");
            el.attrs.push(("href", href.clone()));
            el.text = self.new_string(text.len());
            el.text.push_str(text);
            el
        };
        if let Some(t) = title.as_ref().filter(|t| !t.is_empty()) {
            el.attrs.push(("title", t.clone()));
        }
        Outcome::Elem(p, end, el)
    }

    /// `[text](url "title")` and `![alt](src "title")`.
    pub(super) fn link(&mut self, data: &str, p: usize, image: bool, br: &mut Brackets) -> Outcome {
        let b = data.as_bytes();
        let open = if image {
            if b.get(p + 1) != Some(&b'[') {
                return Outcome::NoMatch;
            }
            p + 1
        } else {
            p
        };
        let Some(close) = br.close(data, open) else {
            return Outcome::NoMatch;
        };
        if b.get(close + 1) != Some(&b'(') {
            return Outcome::NoMatch;
        }
        let Some((href, title, end)) = link_dest(data, close + 1, br) else {
            return Outcome::NoMatch;
        };
        let mut href = self.plain(&data[href]);
        trim_space_in_place(&mut href);
        let title = title.map(|t| {
            let t = self.plain(data[t].trim_matches(is_space));
            dequote(&t)
                .chars()
                .map(|c| if is_space(c) { ' ' } else { c })
                .collect::<String>()
        });
        let text = &data[open + 1..close];
        let mut el;
        if image {
            el = PElem::new("img");
            el.attrs.push(("alt", self.plain(text)));
            el.attrs.push(("src", href));
            el.atomic = true;
        } else {
            el = PElem::new("a");
            el.attrs.push(("href", href));
            el.text = self.new_string(text.len());
            el.text.push_str(text);
        }
        if let Some(t) = title {
            el.attrs.push(("title", t));
        }
        Outcome::Elem(p, end, el)
    }

    /// `<http://…>`: a link showing its URL.
    pub(super) fn autolink(&mut self, data: &str, p: usize) -> Outcome {
        let rest = &data[p + 1..];
        let scheme = rest
            .bytes()
            .take(8)
            .map(|c| c.to_ascii_lowercase())
            .collect::<Vec<_>>();
        let ok = scheme.starts_with(b"http://")
            || scheme.starts_with(b"https://")
            || scheme.starts_with(b"ftp://")
            || scheme.starts_with(b"ftps://");
        if !ok {
            return Outcome::NoMatch;
        }
        let Some(len) = rest.bytes().position(|c| c == b'>' || c == b'<') else {
            return Outcome::NoMatch;
        };
        if rest.as_bytes()[len] != b'>' {
            return Outcome::NoMatch;
        }
        let url = &rest[..len];
        let mut el = PElem::new("a");
        el.attrs.push(("href", self.plain(url)));
        el.text = url.to_string();
        el.atomic = true;
        Outcome::Elem(p, p + 1 + len + 1, el)
    }

    /// `<user@example.com>`: an entity-obfuscated mailto link.
    pub(super) fn automail(&mut self, data: &str, p: usize) -> Outcome {
        let rest = &data[p + 1..];
        let body_start = if rest.starts_with("mailto:") { 7 } else { 0 };
        let body = &rest[body_start..];
        let len = body
            .find(|c: char| c == '<' || c == '>' || is_space(c))
            .unwrap_or(body.len());
        if body.as_bytes().get(len) != Some(&b'>') {
            return Outcome::NoMatch;
        }
        let addr = &body[..len];
        let Some(at) = addr.find('@') else {
            return Outcome::NoMatch;
        };
        if at == 0 || at + 1 == addr.len() {
            return Outcome::NoMatch;
        }
        let mut email = self.plain(addr);
        if let Some(e) = email.strip_prefix("mailto:") {
            email = e.to_string();
        }
        let mut text = String::new();
        for c in email.chars() {
            match c {
                '&' => text.push_str("&amp;"),
                '<' => text.push_str("&lt;"),
                '>' => text.push_str("&gt;"),
                '"' => text.push_str("&quot;"),
                _ => text.push_str(&format!("&#{};", c as u32)),
            }
        }
        let href: String = "mailto:"
            .chars()
            .chain(email.chars())
            .map(|c| format!("&#{};", c as u32))
            .collect();
        let mut el = PElem::new("a");
        el.attrs.push(("href", href));
        el.text = text;
        el.atomic = true;
        Outcome::Elem(p, p + 1 + body_start + len + 1, el)
    }

    /// `[^id]` for a defined footnote.
    pub(super) fn footnote_ref(&mut self, data: &str, p: usize) -> Outcome {
        let rest = &data[p..];
        let Some(r) = rest.strip_prefix("[^") else {
            return Outcome::NoMatch;
        };
        let Some(len) = r.find(']') else {
            return Outcome::NoMatch;
        };
        let id = &r[..len];
        let Some(n) = self.footnotes.index_of(id) else {
            return Outcome::NoMatch;
        };
        let mut a = PElem::new("a");
        a.attrs.push(("class", "footnote-ref".into()));
        a.attrs.push(("href", format!("#fn:{id}")));
        a.text = (n + 1).to_string();
        a.atomic = true;
        let mut sup = PElem::new("sup");
        sup.attrs.push(("id", format!("fnref:{id}")));
        sup.children.push((a, String::new()));
        sup.atomic = true;
        Outcome::Elem(p, p + 2 + len + 1, sup)
    }
}

/// A link destination: href range, title range and the end offset.
type Dest = (Range<usize>, Option<Range<usize>>, usize);

/// Bytes that change the state of a destination scan; the others only
/// matter as "the last non-space byte".
const DEST_SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    t[b'(' as usize] = true;
    t[b')' as usize] = true;
    t[b'"' as usize] = true;
    t[b'\'' as usize] = true;
    t
};

/// Parses `(url "title")` starting at the `(` at `open`: href range, title
/// range and the end offset. Parentheses nest; a quote starts a possible
/// title whose closing quote must be followed (spaces aside) by `)`.
fn link_dest(data: &str, open: usize, br: &mut Brackets) -> Option<Dest> {
    let b = data.as_bytes();
    let mut i = open + 1;
    while i < b.len() && (b[i] as char).is_ascii_whitespace() {
        i += 1;
    }
    if b.get(i) == Some(&b'<')
        && let Some(r) = angle_dest(data, i)
    {
        return Some(r);
    }
    let start = i;
    let cap = if br.budget > 0 {
        DEST_CAP
    } else {
        DEST_CAP_SPENT
    };
    let limit = b.len().min(start + cap);
    let mut depth: i64 = 1;
    let mut backup: i64 = 1;
    let mut last_bracket: Option<usize> = None;
    let mut quote: Option<u8> = None;
    let mut quote_start = 0;
    let mut quote_exit: Option<usize> = None;
    let mut in_title = false;
    let mut alt: Option<u8> = None;
    let mut alt_start = 0;
    let mut alt_exit: Option<usize> = None;
    let mut last: u8 = 0;
    let mut result = None;
    let mut pos = start;
    while pos < limit {
        let c = b[pos];
        if !DEST_SPECIAL[c as usize] {
            // A run of ordinary bytes: only the last non-space one counts.
            let run_end = b[pos..limit]
                .iter()
                .position(|&x| DEST_SPECIAL[x as usize])
                .map_or(limit, |n| pos + n);
            if let Some(&l) = b[pos..run_end].iter().rev().find(|&&x| x != b' ') {
                last = l;
            }
            pos = run_end;
            continue;
        }
        let idx = pos + 1;
        match c {
            b'(' => {
                if !in_title {
                    depth += 1;
                } else if backup > 0 {
                    backup -= 1;
                }
            }
            b')' => {
                if (quote_exit.is_some() && Some(last) == quote)
                    || (alt_exit.is_some() && Some(last) == alt)
                {
                    depth = 0;
                } else if !in_title {
                    depth -= 1;
                } else if backup > 0 {
                    backup -= 1;
                    if backup == 0 {
                        last_bracket = Some(idx);
                    }
                }
            }
            _ => {
                // A quote.
                if quote.is_none() {
                    in_title = true;
                    backup = depth;
                    depth = 1;
                    quote_start = idx;
                    quote = Some(c);
                } else if Some(c) != quote && alt.is_none() {
                    alt_start = idx;
                    alt = Some(c);
                } else if Some(c) == quote {
                    quote_exit = Some(idx);
                } else if Some(c) == alt {
                    alt_exit = Some(idx);
                }
            }
        }
        if depth == 0 {
            result = Some(
                if let (Some(exit), true) = (quote_exit, Some(last) == quote) {
                    (start..quote_start - 1, Some(quote_start..exit - 1), idx)
                } else if let (Some(exit), true) = (alt_exit, Some(last) == alt) {
                    (start..alt_start - 1, Some(alt_start..exit - 1), idx)
                } else {
                    (start..idx - 1, None, idx)
                },
            );
            break;
        }
        last = c;
        pos += 1;
    }
    br.budget = br.budget.saturating_sub(pos - start);
    if result.is_none()
        && backup == 0
        && let Some(lb) = last_bracket
    {
        result = Some((start..lb - 1, None, lb));
    }
    result
}

/// `(<url> "title")`: the angle-bracket form, all on its own.
fn angle_dest(data: &str, lt: usize) -> Option<Dest> {
    let b = data.as_bytes();
    let len = b[lt + 1..].iter().position(|&c| c == b'>' || c == b'<')?;
    if b[lt + 1 + len] != b'>' {
        return None;
    }
    let raw = &data[lt + 1..lt + 1 + len];
    let trimmed = raw.trim_start_matches(is_space);
    let href_start = lt + 1 + (raw.len() - trimmed.len());
    let href = href_start..href_start + trimmed.trim_end_matches(is_space).len();
    let skip_ws = |mut i: usize| {
        while i < b.len() && (b[i] as char).is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    let mut i = skip_ws(lt + 1 + len + 1);
    let mut title = None;
    if let Some(&q @ (b'"' | b'\'')) = b.get(i) {
        let tl = b[i + 1..].iter().position(|&c| c == q)?;
        title = Some(i + 1..i + 1 + tl);
        i = skip_ws(i + 1 + tl + 1);
    }
    (b.get(i) == Some(&b')')).then_some((href, title, i + 1))
}

/// Trims Python whitespace from both ends of `s` without reallocating.
fn trim_space_in_place(s: &mut String) {
    let b = s.as_bytes();
    if b.first().is_some_and(|c| c.is_ascii_graphic())
        && b.last().is_some_and(|c| c.is_ascii_graphic())
    {
        return;
    }
    let end = s.trim_end_matches(is_space).len();
    s.truncate(end);
    let lead = s.len() - s.trim_start_matches(is_space).len();
    s.drain(..lead);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dest(s: &str) -> Option<(String, Option<String>, usize)> {
        let mut br = Brackets::new(s);
        link_dest(s, 0, &mut br)
            .map(|(h, t, end)| (s[h].to_string(), t.map(|t| s[t].to_string()), end))
    }

    #[test]
    fn brackets_match_with_and_without_budget() {
        let text = "[a [b] c] [d [e] ] [open";
        let mut small = Brackets::new(text);
        small.scan_budget = 3;
        for open in [0, 3, 10, 13, 19] {
            let want = Brackets::new(text).close(text, open);
            assert_eq!(small.close(text, open), want, "open at {open}");
        }
        assert_eq!(Brackets::new(text).close(text, 0), Some(8));
        assert_eq!(Brackets::new(text).close(text, 19), None);
    }

    #[test]
    fn destinations() {
        assert_eq!(dest("(http://x)"), Some(("http://x".into(), None, 10)));
        assert_eq!(
            dest("(http://x/(y)z) more"),
            Some(("http://x/(y)z".into(), None, 15))
        );
        assert_eq!(
            dest("(http://x \"t\" )"),
            Some(("http://x ".into(), Some("t".into()), 15))
        );
        assert_eq!(
            dest("(<a b> 'z')"),
            Some(("a b".into(), Some("z".into()), 11))
        );
        assert_eq!(dest("(unclosed"), None);
    }

    #[test]
    fn ids() {
        assert_eq!(ref_id("Foo\n  Bar"), "foo bar");
        assert_eq!(dequote("'a'"), "a");
    }
}
