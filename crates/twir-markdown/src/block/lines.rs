//! Line scanning for the block processors.
//!
//! Blocks are short and numerous, and most processors only care about lines
//! that start (at most three spaces in) with one particular character, so
//! they search for that character instead of visiting every line.

/// Lines of `s` (split at `\n`, like `str::split('\n')`) with their byte
/// offsets: `(start, line)`.
pub(crate) fn lines(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let b = s.as_bytes();
    let mut pos = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let start = pos;
        match memchr::memchr(b'\n', &b[start..]) {
            Some(n) => {
                pos = start + n + 1;
                Some((start, &s[start..start + n]))
            }
            None => {
                done = true;
                Some((start, &s[start..]))
            }
        }
    })
}

/// End of the line containing `i` (the offset of its `\n`, or the length).
pub(crate) fn line_end(b: &[u8], i: usize) -> usize {
    memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n)
}

/// The lines of `block` whose first non-space byte, at most three spaces
/// in, is one of `firsts` (one to three bytes), in order, as `(start, end)`
/// byte ranges without the newline. Linear: each line is looked at once.
pub(crate) fn marked_lines<'a>(
    block: &'a str,
    firsts: &'static [u8],
) -> impl Iterator<Item = (usize, usize)> + 'a {
    let b = block.as_bytes();
    // Always the start of a line not yet looked at.
    let mut from = 0;
    std::iter::from_fn(move || {
        while from <= b.len() {
            let hay = &b[from..];
            let hit = match *firsts {
                [a] => memchr::memchr(a, hay),
                [a, c] => memchr::memchr2(a, c, hay),
                [a, c, d] => memchr::memchr3(a, c, d, hay),
                _ => None,
            }?;
            let h = from + hit;
            let start = memchr::memrchr(b'\n', &b[from..h]).map_or(from, |n| from + n + 1);
            let end = line_end(b, h);
            from = end + 1;
            if h - start <= 3 && b[start..h].iter().all(|&c| c == b' ') {
                return Some((start, end));
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_match_split() {
        for s in ["", "a", "a\n", "\n\nb\nc", "x\n\n"] {
            let ours: Vec<&str> = lines(s).map(|(_, l)| l).collect();
            let std: Vec<&str> = s.split('\n').collect();
            assert_eq!(ours, std, "{s:?}");
            for (start, l) in lines(s) {
                assert_eq!(&s[start..start + l.len()], l);
            }
        }
    }

    #[test]
    fn marked_lines_by_first_byte() {
        let block = "a > b\n > q\n    > code\n-x-\n   -\n";
        let found: Vec<&str> = marked_lines(block, b">")
            .map(|(s, e)| &block[s..e])
            .collect();
        assert_eq!(found, vec![" > q"]);
        let found: Vec<&str> = marked_lines(block, b"-_*")
            .map(|(s, e)| &block[s..e])
            .collect();
        assert_eq!(found, vec!["-x-", "   -"]);
        assert_eq!(marked_lines("", b"#").count(), 0);
    }
}
