//! Parse a whole events section (the lines under `## Upcoming Events`) into
//! its header line, region blocks and entries.
//!
//! Entries that do not parse are kept with their raw lines and error, so a
//! formatter can leave them untouched and a checker can point at them.

use jiff::civil::Date;

use crate::entry::{EntryError, parse_entry};
use crate::model::{Event, Region, sort_key};

/// The title of the events section (`## Upcoming Events`): where `twir events` writes, what
/// `twir new` carries over, what the linter and the formatter check and sort.
pub const SECTION_TITLE: &str = "Upcoming Events";

/// The parsed section.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The `Rusty Events between START - END 🦀` line, if present.
    pub window: Option<Window>,
    /// 0-based index of the window line.
    pub window_line: Option<usize>,
    /// Region blocks in the order they appear.
    pub regions: Vec<RegionBlock>,
    /// Lines that are neither blank, the window line, headings, entries nor
    /// the trailing calendar paragraph (0-based index, text).
    pub stray: Vec<(usize, String)>,
}

/// The inclusive date window of the section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// First day (the issue date).
    pub start: Date,
    /// Last day (issue date + 28 days).
    pub end: Date,
}

impl Window {
    /// TWiR's window for an issue published on `date`: `days` days on (28 in TWiR). A window
    /// reaching past the last representable day (`--days 4294967295`) ends on that day.
    pub fn for_issue(date: Date, days: u32) -> Window {
        let end = jiff::Span::new()
            .try_days(i64::from(days))
            .and_then(|span| date.checked_add(span))
            .unwrap_or(Date::MAX);
        Window { start: date, end }
    }

    /// True when the event has a day inside the window.
    pub fn contains(&self, event: &Event) -> bool {
        event.overlaps(self.start, self.end)
    }

    /// The header line, `Rusty Events between 2026-08-19 - 2026-09-16 🦀`.
    pub fn header_line(&self) -> String {
        format!("Rusty Events between {} - {} 🦀", self.start, self.end)
    }

    /// Reads a header line as printed by [`Window::header_line`].
    pub fn parse_header(line: &str) -> Option<Window> {
        // Decorations after the dates vary (`🦀`, `💕 🦀 💕`), so only the
        // two dates are read.
        let rest = line
            .trim()
            .strip_prefix("Rusty Events between")?
            .trim_start();
        let start = rest.get(..10)?.parse().ok()?;
        let rest = rest.get(10..)?.trim_start().strip_prefix('-')?.trim_start();
        let end = rest.get(..10)?.parse().ok()?;
        Some(Window { start, end })
    }
}

/// One `### Region` heading and the entries below it.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionBlock {
    /// The region, or `None` for a heading that names no known region.
    pub region: Option<Region>,
    /// The heading line as written (e.g. `### Oceania:`).
    pub heading: String,
    /// 0-based index of the heading line.
    pub line: usize,
    /// The entries under it.
    pub entries: Vec<ParsedEntry>,
}

/// One entry (line pair) of a region block.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedEntry {
    /// 0-based index of the first line.
    pub line: usize,
    /// The two raw lines (the second is empty when the entry has no title line).
    pub raw: [String; 2],
    /// The parsed event, or why it did not parse.
    pub result: Result<Event, EntryError>,
}

impl ParsedEntry {
    /// True when the entry parsed and its raw text is already canonical.
    pub fn is_canonical(&self) -> bool {
        match &self.result {
            Ok(e) => {
                let raw = format!("{}\n{}", self.raw[0], self.raw[1]);
                e.to_markdown() == raw
            }
            Err(_) => false,
        }
    }
}

/// The first line of the calendar paragraph that ends the section.
pub const CALENDAR_PARAGRAPH_START: &str = "If you are running a Rust event";

fn is_heading(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

fn is_first_line(line: &str) -> bool {
    let t = line.trim_start();
    let indent = line.len() - t.len();
    indent <= 1
        && (t.starts_with("* ")
            || t.starts_with("- ")
            || t.starts_with(|c: char| c.is_ascii_digit()))
}

/// Parses the section body (everything between `## Upcoming Events` and the
/// next `## ` heading). Line indices in the result are 0-based within `text`.
pub fn parse_section(text: &str) -> Section {
    let lines: Vec<&str> = text.lines().collect();
    let mut section = Section {
        window: None,
        window_line: None,
        regions: Vec::new(),
        stray: Vec::new(),
    };
    let mut i = 0;
    let mut in_trailer = false;
    while i < lines.len() {
        let line = lines[i];
        let t = line.trim();
        if in_trailer || t.is_empty() {
            i += 1;
            continue;
        }
        if t.starts_with(CALENDAR_PARAGRAPH_START) {
            in_trailer = true;
            i += 1;
            continue;
        }
        if section.window.is_none()
            && let Some(w) = Window::parse_header(t)
        {
            section.window = Some(w);
            section.window_line = Some(i);
            i += 1;
            continue;
        }
        if is_heading(line) {
            section.regions.push(RegionBlock {
                region: Region::from_heading(t),
                heading: line.to_string(),
                line: i,
                entries: Vec::new(),
            });
            i += 1;
            continue;
        }
        if is_first_line(line)
            && let Some(block) = section.regions.last_mut()
        {
            // The title line is the next line unless that starts another entry.
            let second = lines
                .get(i + 1)
                .filter(|l| !l.trim().is_empty() && !is_first_line(l) && !is_heading(l))
                .copied();
            let raw = [line.to_string(), second.unwrap_or("").to_string()];
            block.entries.push(ParsedEntry {
                line: i,
                result: parse_entry(&raw[0], &raw[1]),
                raw,
            });
            i += if second.is_some() { 2 } else { 1 };
            continue;
        }
        section.stray.push((i, line.to_string()));
        i += 1;
    }
    section
}

impl ParsedEntry {
    /// Number of lines the entry occupies (1 when it has no title line).
    pub fn line_count(&self) -> usize {
        if self.raw[1].is_empty() { 1 } else { 2 }
    }
}

impl RegionBlock {
    /// 0-based index one past the block's last entry line (the heading's
    /// next line for an empty block).
    pub fn end_line(&self) -> usize {
        self.entries
            .last()
            .map_or(self.line + 1, |e| e.line + e.line_count())
    }

    /// The block as `fmt` should print it: the heading in canonical form
    /// (`### Oceania:` -> `### Oceania`), parsed entries in canonical form and
    /// sorted by [`sort_key`]. Entries that do not parse are kept verbatim
    /// and stay where they are: they split the block into runs that are
    /// sorted separately, so nothing moves across text the tool cannot read.
    /// No trailing newline.
    pub fn to_markdown_sorted(&self) -> String {
        let heading = match self.region {
            Some(r) => format!("### {r}"),
            None => self.heading.trim_end().to_string(),
        };
        let mut lines = vec![heading];
        let mut run: Vec<&Event> = Vec::new();
        let flush = |run: &mut Vec<&Event>, lines: &mut Vec<String>| {
            run.sort_by_cached_key(|e| sort_key(e));
            lines.extend(run.drain(..).map(Event::to_markdown));
        };
        for entry in &self.entries {
            match &entry.result {
                Ok(e) => run.push(e),
                Err(_) => {
                    flush(&mut run, &mut lines);
                    lines.push(entry.raw[0].clone());
                    if !entry.raw[1].is_empty() {
                        lines.push(entry.raw[1].clone());
                    }
                }
            }
        }
        flush(&mut run, &mut lines);
        lines.join("\n")
    }
}

impl Section {
    /// All entries in order, with their region.
    pub fn entries(&self) -> impl Iterator<Item = (Option<Region>, &ParsedEntry)> {
        self.regions
            .iter()
            .flat_map(|b| b.entries.iter().map(move |e| (b.region, e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\
Rusty Events between 2026-08-19 - 2026-09-16 🦀

### Virtual
* 2026-08-19 | Hybrid (Vancouver, CA) | [Vancouver Rust](https://v/)
    * [**Deps**](https://v/1)
* 2026-08-21 | Virtual | [Girona](https://g/)
    * [**Weekly**](https://g/1)

### Oceania:
- 2026-08-27 | Melbourne, AU | [Rust Melbourne](https://m/)
  - [**August**](https://m/1)
* 2026-08-28 | Melbourne, AU | [Rust Melbourne](https://m/)
* 2026-08-29 | Perth, WA, AU | [Perth](https://p/)
    * $[**Broken**](https://p/1)

If you are running a Rust event please add it to the [calendar] to get
it mentioned here.

[calendar]: https://example.invalid/
";

    #[test]
    fn splits_regions_and_entries() {
        let s = parse_section(TEXT);
        assert_eq!(
            s.window,
            Some(Window {
                start: "2026-08-19".parse().unwrap(),
                end: "2026-09-16".parse().unwrap()
            })
        );
        assert_eq!(s.window_line, Some(0));
        let regions: Vec<_> = s.regions.iter().map(|b| b.region).collect();
        assert_eq!(regions, vec![Some(Region::Virtual), Some(Region::Oceania)]);
        assert_eq!(s.regions[0].entries.len(), 2);
        assert!(s.regions[0].entries.iter().all(ParsedEntry::is_canonical));
        let oceania = &s.regions[1].entries;
        assert_eq!(oceania.len(), 3);
        assert!(oceania[0].result.is_ok());
        assert!(!oceania[0].is_canonical());
        assert_eq!(oceania[1].line, 11);
        assert_eq!(oceania[1].raw[1], "");
        assert!(oceania[1].result.is_err());
        assert!(oceania[2].result.is_err());
        assert!(s.stray.is_empty(), "{:?}", s.stray);
    }

    #[test]
    fn blocks_sort_around_unparsable_entries() {
        let text = "\
### Europe:
* 2026-08-21 | Paris, FR | [B](https://b/)
    * [**B**](https://b/1)
* 2026-08-20 | Berlin, DE | [A](https://a/)
    * [**A**](https://a/1)
* 2026-08-19 Broken line
* 2026-08-23 | Rome, IT | [D](https://d/)
    * [**D**](https://d/1)
* 2026-08-22 | Oslo, NO | [C](https://c/)
    * [**C**](https://c/1)
";
        let s = parse_section(text);
        let block = &s.regions[0];
        assert_eq!(block.end_line(), 10);
        let out = block.to_markdown_sorted();
        let firsts: Vec<&str> = out.lines().filter(|l| !l.starts_with("    ")).collect();
        assert_eq!(
            firsts,
            [
                "### Europe",
                "* 2026-08-20 | Berlin, DE | [A](https://a/)",
                "* 2026-08-21 | Paris, FR | [B](https://b/)",
                "* 2026-08-19 Broken line",
                "* 2026-08-22 | Oslo, NO | [C](https://c/)",
                "* 2026-08-23 | Rome, IT | [D](https://d/)",
            ]
        );
    }

    #[test]
    fn decorated_header_is_read() {
        let w =
            Window::parse_header("Rusty Events between 2024-02-14 - 2024-03-13 💕 🦀 💕").unwrap();
        assert_eq!(w.end.to_string(), "2024-03-13");
        assert_eq!(
            Window::parse_header("Rusty Events between 2024-02-14"),
            None
        );
    }

    #[test]
    fn window_for_issue_is_28_days() {
        let w = Window::for_issue("2026-08-19".parse().unwrap(), 28);
        assert_eq!(
            w.header_line(),
            "Rusty Events between 2026-08-19 - 2026-09-16 🦀"
        );
        assert_eq!(Window::parse_header(&w.header_line()), Some(w));
    }
}
