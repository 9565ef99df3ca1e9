//! Checks that the formatters reproduce the newsletter's current layout:
//! items are read back out of recent archived issues, re-rendered, and
//! compared with the archived text byte for byte.
//!
//! Reads the read-only archive at `<repo>/../shared/corpus`; listed as
//! ignored when it is absent.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::path::PathBuf;

use jiff::civil::Date;
use twir_github::rfcs::{
    CallForTesting, Disposition, FcpItem, Group, ListItem, TrackedRepo, format_approved_rfcs,
    format_calls_for_testing, format_fcp, format_new_rfcs,
};
use twir_github::{RfcsConfig, RfcsData, Window};

/// Issues in the layout the formatter targets, with whether their FCP part
/// is machine-shaped. (2026-08-05 and 2026-08-12 carry hand edits in FCP:
/// two links joined on one line, and commented-out stale items.)
const CANONICAL: &[(&str, bool)] = &[
    ("2026-08-05-this-week-in-rust.md", false),
    ("2026-08-12-this-week-in-rust.md", false),
    ("2026-08-19-this-week-in-rust.md", true),
];

fn corpus_dir() -> PathBuf {
    twir_testkit::corpus().join("content")
}

/// Text from the line starting with `start` up to (not including) the first
/// later line for which `stop` is true, with trailing blank lines removed.
fn section(text: &str, start: &str, stop: impl Fn(&str) -> bool) -> Option<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        if !inside {
            inside = line.starts_with(start);
        } else if stop(line) {
            break;
        }
        if inside {
            out.push(line);
        }
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    (!out.is_empty()).then(|| out.join("\n") + "\n")
}

/// `* [prefix ][title](url)` -> (prefix, title, url).
fn parse_item(line: &str) -> Option<(String, ListItem)> {
    let rest = line.strip_prefix("* ")?;
    let (prefix, rest) = match rest.strip_prefix("[disposition: ") {
        Some(r) => {
            let end = r.find("] ")?;
            (r[..end].to_owned(), &r[end + 2..])
        }
        None => (String::new(), rest),
    };
    let rest = rest.strip_prefix('[')?.strip_suffix(')')?;
    let split = rest.rfind("](")?;
    Some((
        prefix,
        ListItem {
            title: rest[..split].to_owned(),
            url: rest[split + 2..].to_owned(),
        },
    ))
}

/// One parsed entry: disposition prefix, item, testing-steps link.
type Entry = (String, ListItem, Option<String>);
/// Entries under one `##### [Name](...)` heading.
type Heading = (String, Vec<Entry>);

/// Items listed under each `##### [Name](...)` heading of a section.
fn items_by_heading(text: &str) -> Vec<Heading> {
    let mut out: Vec<Heading> = Vec::new();
    for line in text.lines() {
        if let Some(h) = line.strip_prefix("##### [") {
            let name = h.split("](").next().unwrap_or("").to_owned();
            out.push((name, Vec::new()));
        } else if let Some(steps) = line.strip_prefix("  * [Testing steps](") {
            if let Some(last) = out.last_mut().and_then(|(_, items)| items.last_mut()) {
                last.2 = Some(steps.trim_end_matches(')').to_owned());
            }
        } else if let Some((prefix, item)) = parse_item(line)
            && let Some((_, items)) = out.last_mut()
        {
            items.push((prefix, item, None));
        }
    }
    out
}

fn groups<T>(
    tracked: &[TrackedRepo],
    parsed: &[Heading],
    make: impl Fn(&TrackedRepo, &Entry) -> T,
) -> Vec<Group<T>> {
    tracked
        .iter()
        .map(|t| Group {
            name: t.display_name.clone(),
            link: t.link.clone(),
            suffix: t.suffix.clone(),
            items: parsed
                .iter()
                .filter(|(name, _)| *name == t.display_name)
                .flat_map(|(_, items)| items.iter().map(|i| make(t, i)))
                .collect(),
        })
        .collect()
}

fn plain_items(text: &str) -> Vec<ListItem> {
    text.lines()
        .filter_map(parse_item)
        .map(|(_, item)| item)
        .collect()
}

fn disposition(t: &TrackedRepo, prefix: &str) -> Disposition {
    match prefix {
        "" if t.uses_dispositions => Disposition::Merge,
        "" => Disposition::NotApplicable,
        "close" => Disposition::Close,
        "postpone" => Disposition::Postpone,
        _ => Disposition::Unspecified,
    }
}

fn issue_date(file: &str) -> Date {
    file[..10].parse().expect("file names start with a date")
}

#[test]
#[cfg_attr(twir_no_corpus, ignore = "needs ../shared/corpus (the TWiR archive)")]
fn recent_issues_are_reproduced_exactly() {
    let dir = corpus_dir();
    let cfg = RfcsConfig::default();
    let epoch = jiff::Timestamp::UNIX_EPOCH;
    for &(file, check_fcp) in CANONICAL {
        // The archive keeps a stray trailing space of one GitHub title; the
        // formatter trims titles, so compare against the trimmed form.
        let text = std::fs::read_to_string(dir.join(file))
            .expect("corpus file readable")
            .replace(" ](https://", "](https://");
        let cft_text = section(&text, "## Calls for Testing", |l| l.starts_with("## ")).unwrap();
        let approved_text =
            section(&text, "### [Approved RFCs]", |l| l.starts_with("### ")).unwrap();
        let fcp_text =
            section(&text, "### Final Comment Period", |l| l.starts_with("### ")).unwrap();
        let new_text = section(&text, "### [New and Updated RFCs]", |l| {
            l.trim().is_empty() || l.starts_with('#')
        })
        .unwrap();

        let cft_parsed = items_by_heading(&cft_text);
        let fcp_parsed = items_by_heading(&fcp_text);
        let data = RfcsData {
            window: Window::for_issue(issue_date(file)),
            calls_for_testing: groups(&cfg.cft_repos, &cft_parsed, |_, (_, item, steps)| {
                CallForTesting {
                    item: item.clone(),
                    testing_steps: steps.clone(),
                    labelled_at: epoch,
                }
            }),
            approved: plain_items(&approved_text),
            fcp: groups(&cfg.fcp_groups, &fcp_parsed, |t, (prefix, item, _)| {
                FcpItem {
                    item: item.clone(),
                    disposition: disposition(t, prefix),
                    entered_at: epoch,
                }
            }),
            new_rfcs: plain_items(&new_text),
            warnings: Vec::new(),
        };
        assert_eq!(
            format_calls_for_testing(&data),
            cft_text,
            "{file}: calls for testing"
        );
        assert_eq!(
            format_approved_rfcs(&data),
            approved_text,
            "{file}: approved RFCs"
        );
        if check_fcp {
            assert_eq!(format_fcp(&data), fcp_text, "{file}: final comment period");
        }
        assert_eq!(format_new_rfcs(&data), new_text, "{file}: new RFCs");
    }
}

#[test]
#[cfg_attr(twir_no_corpus, ignore = "needs ../shared/corpus (the TWiR archive)")]
fn merged_count_lines_match_every_2026_issue() {
    let dir = corpus_dir();
    let mut checked = 0;
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus dir readable")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("2026-") && n.ends_with(".md"))
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(dir.join(&file)).expect("corpus file readable");
        let Some(start) = text.find(" pull requests were [merged in the last week][merged]") else {
            continue;
        };
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let count: u64 = text[line_start..start]
            .trim()
            .parse()
            .expect("count is a number");
        let expected = section(&text[line_start..], "", |l| l.starts_with("#### ")).unwrap();
        let data = twir_github::PrsData {
            window: Window::for_issue(issue_date(&file)),
            merged_count: count,
            count_scope: vec!["org:rust-lang".into()],
            groups: Vec::new(),
            new_contributors: None,
            warnings: Vec::new(),
        };
        let ours = twir_github::format_prs(&data, &twir_github::PrsConfig::default());
        assert_eq!(ours, expected, "{file}");
        checked += 1;
    }
    assert!(
        checked >= 20,
        "only {checked} issues had a merged-count line"
    );
}
