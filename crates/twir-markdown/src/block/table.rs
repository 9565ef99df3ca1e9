//! Pipe tables (the `tables` extension).

use std::collections::HashMap;

use super::lines::{line_end, lines};
use super::{Blocks, Parser, shape};
use crate::tree::NodeId;

impl Parser {
    /// A block whose first line has cells and whose second line is a
    /// matching `---|:--:` separator.
    pub(super) fn table(&mut self, parent: NodeId, blocks: &mut Blocks) -> bool {
        let Some(b) = blocks.last() else { return false };
        if b.shape & shape::KNOWN != 0 && b.shape & shape::PIPE == 0 {
            return false;
        }
        let Some(align) = table_test(b.text()) else {
            return false;
        };
        let Some(b) = blocks.pop() else { return false };
        let mut rows = lines(b.text()).map(|(_, r)| r);
        let header = rows.next().unwrap_or("").trim_matches(' ');
        let border = Border::of(header);
        rows.next();
        let table = self.tree.sub(parent, "table");
        let thead = self.tree.sub(table, "thead");
        self.table_row(thead, "th", header, border, &align);
        let tbody = self.tree.sub(table, "tbody");
        let mut any = false;
        for row in rows {
            any = true;
            self.table_row(tbody, "td", row.trim_matches(' '), border, &align);
        }
        if !any {
            let tr = self.tree.sub(tbody, "tr");
            for _ in &align {
                self.tree.sub(tr, "td");
            }
        }
        true
    }

    fn table_row(
        &mut self,
        parent: NodeId,
        tag: &'static str,
        row: &str,
        border: Border,
        align: &[Option<&'static str>],
    ) {
        let tr = self.tree.sub(parent, "tr");
        let cells = split_row(row, border);
        for (i, a) in align.iter().enumerate() {
            let c = self.tree.sub(tr, tag);
            self.tree.nodes[c].text = cells.get(i).map_or("", |s| s.trim_matches(' ')).to_string();
            if let Some(a) = a {
                self.tree.nodes[c]
                    .attrs
                    .push(("style", format!("text-align: {a};")));
            }
        }
    }
}

/// Whether the header row has outer pipes (decided once per table).
#[derive(Clone, Copy)]
struct Border {
    left: bool,
    right: bool,
}

impl Border {
    fn of(header: &str) -> Self {
        Border {
            left: header.starts_with('|'),
            right: ends_with_pipe(header),
        }
    }

    fn any(self) -> bool {
        self.left || self.right
    }
}

/// Ends with a `|` not escaped by a backslash.
fn ends_with_pipe(s: &str) -> bool {
    let Some(body) = s.strip_suffix('|') else {
        return false;
    };
    body.bytes().rev().take_while(|&c| c == b'\\').count() % 2 == 0
}

/// Column alignments if the block is a table.
fn table_test(block: &str) -> Option<Vec<Option<&'static str>>> {
    let b = block.as_bytes();
    // Most blocks have no pipe in their first line.
    memchr::memchr(b'|', &b[..line_end(b, 0)])?;
    let mut rows = lines(block).map(|(_, r)| r.trim_matches(' '));
    let header = rows.next()?;
    let sep = rows.next()?;
    let border = Border::of(header);
    let n = split_row(header, border).len();
    let mut is_table = n > 1;
    if !is_table && n == 1 && border.any() {
        is_table = std::iter::once(sep)
            .chain(rows)
            .all(|r| r.starts_with('|') || ends_with_pipe(r));
    }
    if !is_table {
        return None;
    }
    let cells = split_row(sep, border);
    if cells.len() != n
        || !cells
            .iter()
            .all(|c| c.bytes().all(|b| matches!(b, b'|' | b':' | b'-' | b' ')))
    {
        return None;
    }
    Some(
        cells
            .iter()
            .map(|c| {
                let c = c.trim_matches(' ');
                match (c.starts_with(':'), c.ends_with(':')) {
                    (true, true) => Some("center"),
                    (true, false) => Some("left"),
                    (false, true) => Some("right"),
                    _ => None,
                }
            })
            .collect(),
    )
}

/// Splits a row at pipes that are neither escaped nor inside a code span.
fn split_row(row: &str, border: Border) -> Vec<&str> {
    let mut row = row;
    if border.any() {
        row = row.strip_prefix('|').unwrap_or(row);
        if ends_with_pipe(row) {
            let body = &row[..row.len() - 1];
            let bs = body.bytes().rev().take_while(|&c| c == b'\\').count();
            row = &body[..body.len() - bs];
        }
    }
    let b = row.as_bytes();
    // Backtick runs: (start, end inclusive, size usable to open, size to close).
    let mut runs: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut pipes = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' if b.get(i + 1) == Some(&b'\\') || b.get(i + 1) == Some(&b'|') => i += 2,
            b'\\' if b.get(i + 1) == Some(&b'`') => {
                let n = b[i + 1..].iter().take_while(|&&c| c == b'`').count();
                runs.push((i, i + n, n - 1, n));
                i += 1 + n;
            }
            b'`' => {
                let n = b[i..].iter().take_while(|&&c| c == b'`').count();
                runs.push((i, i + n - 1, n, n));
                i += n;
            }
            b'|' => {
                pipes.push(i);
                i += 1;
            }
            _ => i += 1,
        }
    }
    // Runs pair left to right with the next run of the same length; an
    // escaped run opens with one backtick less (but closes with all).
    let mut by_len: HashMap<usize, Vec<usize>> = HashMap::new();
    for (k, r) in runs.iter().enumerate() {
        by_len.entry(r.3).or_default().push(k);
    }
    let mut regions = Vec::new();
    let mut k = 0;
    while k < runs.len() {
        let size = runs[k].2;
        let partner = (size > 0)
            .then(|| by_len.get(&size))
            .flatten()
            .and_then(|v| v.get(v.partition_point(|&j| j <= k)).copied());
        match partner {
            Some(j) => {
                regions.push((runs[k].0, runs[j].1));
                k = j + 1;
            }
            None => k += 1,
        }
    }
    let mut cells = Vec::new();
    let mut start = 0;
    let mut r = 0;
    for p in pipes {
        while r < regions.len() && regions[r].1 < p {
            r += 1;
        }
        if r < regions.len() && regions[r].0 <= p {
            continue;
        }
        cells.push(&row[start..p]);
        start = p + 1;
    }
    cells.push(&row[start..]);
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_tables() {
        assert_eq!(
            table_test("a | b\n--|:-:"),
            Some(vec![None, Some("center")])
        );
        assert_eq!(table_test("| a |\n| - |\n| x |"), Some(vec![None]));
        assert_eq!(table_test("a | b\nc | d"), None);
        assert_eq!(table_test("no pipes\n---"), None);
    }

    #[test]
    fn code_spans_keep_pipes() {
        let b = Border {
            left: true,
            right: true,
        };
        assert_eq!(
            split_row("| `a|b` | c \\| d |", b),
            vec![" `a|b` ", " c \\| d "]
        );
    }
}
