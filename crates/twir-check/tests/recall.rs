//! Recall of the editors' hand fixes. The drafts of TWiR's git history are not in the archive,
//! so this test makes its own: it takes published issues (the archive's 2024-2026 issues when
//! `../shared/corpus` is there, and always the project's own fixture issues), undoes one fix
//! an editor makes by hand (a lost bullet, a list written with `-`, an event listed twice, a
//! place spelled another way, a tracking parameter, a `//` in a URL, a broken code span, a
//! type that became an HTML tag, two items on one line, a link from last week, events out of
//! order or under the wrong region, a blank line in a list, an empty heading, a placeholder
//! left in, a stale discussion link, a header split by a blank line, a malformed event date,
//! a URL without scheme), and counts how often `twir check` reports that rule on the changed
//! lines. For rules with a safe fix it also counts how often the fix gives back the published
//! text. Prints the figures (`cargo test -p twir-check --test recall -- --nocapture`) and
//! requires 97%.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use twir_check::fix::apply_safe_fixes;
use twir_check::{
    CheckOptions, Diagnostic, IssueInfo, IssueRef, LinkIndex, RecentLinks, check_document,
};
use twir_content::{Document, Entry, Section};

/// One undone fix: the text, the lines it touched (1-based, inclusive) and the rule that
/// should report it.
struct Mutation {
    text: String,
    lines: (usize, usize),
    code: &'static str,
    /// The rule's safe fix should give the original text back.
    restores: bool,
    /// Also caught when a finding of the rule elsewhere names this text (a place spelled two
    /// ways is reported at whichever spelling is not preferred).
    named: Option<String>,
}

/// An issue and what the check needs around it.
struct Issue {
    name: String,
    source: String,
    previous: Option<String>,
}

fn lines_of(s: &str) -> Vec<String> {
    s.split('\n').map(str::to_string).collect()
}

fn join(lines: &[String]) -> String {
    lines.join("\n")
}

fn seed(name: &str, kind: usize) -> usize {
    // FNV-1a: a fixed choice per issue and kind.
    let mut h: u64 = 0xcbf29ce484222325;
    for b in name.bytes().chain([kind as u8]) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h as usize
}

fn pick<T: Clone>(v: &[T], name: &str, kind: usize) -> Option<T> {
    (!v.is_empty()).then(|| v[seed(name, kind) % v.len()].clone())
}

/// 1-based line range of a section's own blocks and children.
fn section_lines(doc: &Document, s: &Section) -> (usize, usize) {
    (
        doc.line_of(s.span.start),
        doc.line_of(s.span.end.saturating_sub(1).max(s.span.start)),
    )
}

const COMMUNITY: &str = "Updates from Rust Community";
const EVENTS: &str = "Upcoming Events";

/// Top-level link items of the community section: (line, subsection index, item index in
/// its list, list length).
fn community_items(doc: &Document) -> Vec<(usize, usize, usize, usize)> {
    let Some(sec) = doc.section(COMMUNITY) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (si, sub) in sec.children.iter().enumerate() {
        for b in sub.blocks.clone() {
            if let twir_content::BlockKind::List(list) = &doc.blocks[b].kind {
                let tops: Vec<_> = list.items.iter().filter(|it| it.depth == 0).collect();
                let links = tops
                    .iter()
                    .filter(|it| matches!(it.entry, Entry::Link(_)))
                    .count();
                if links != tops.len() {
                    continue;
                }
                for (k, it) in tops.iter().enumerate() {
                    out.push((it.line, si, k, tops.len()));
                }
            }
        }
    }
    out
}

/// Top-level event items: (line, region title, has title line right after).
fn event_items(doc: &Document) -> Vec<(usize, String)> {
    let Some(sec) = doc.section(EVENTS) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for sub in &sec.children {
        for b in sub.blocks.clone() {
            if let twir_content::BlockKind::List(list) = &doc.blocks[b].kind {
                for (k, it) in list.items.iter().enumerate() {
                    let titled = list.items.get(k + 1).is_some_and(|c| c.parent == Some(k))
                        && list.items[k + 1].line == it.line + 1;
                    if it.depth == 0 && matches!(it.entry, Entry::Event(_)) && titled {
                        out.push((it.line, sub.title.clone()));
                    }
                }
            }
        }
    }
    out
}

fn link_url(line: &str) -> Option<(usize, usize)> {
    let open = line.find("](")? + 2;
    let close = open + line[open..].find(')')?;
    Some((open, close))
}

fn mutations(issue: &Issue) -> Vec<Mutation> {
    let doc = Document::parse(issue.source.as_str());
    let lines = lines_of(&issue.source);
    let name = issue.name.as_str();
    let items = community_items(&doc);
    let events = event_items(&doc);
    let mut out = Vec::new();
    let mut named = None;
    let mut push = |text: Vec<String>, l: (usize, usize), code, restores| {
        out.push(Mutation {
            text: join(&text),
            lines: l,
            code,
            restores,
            named: None,
        })
    };
    let plain = |l: usize| {
        let t = &lines[l - 1];
        t.starts_with("* [") && !t.contains('`') && link_url(t).is_some()
    };

    // 1. The first entry of a subsection loses its bullet.
    let firsts: Vec<usize> = items
        .iter()
        .filter(|(l, _, k, _)| *k == 0 && plain(*l))
        .map(|i| i.0)
        .collect();
    if let Some(l) = pick(&firsts, name, 1) {
        let mut t = lines.clone();
        t[l - 1] = t[l - 1][2..].to_string();
        push(t, (l, l), "missing-bullet", true);
    }
    // 2. An entry in the middle of a list loses its bullet.
    let middles: Vec<usize> = items
        .iter()
        .filter(|(l, _, k, _)| *k > 0 && plain(*l) && plain(*l - 1))
        .map(|i| i.0)
        .collect();
    if let Some(l) = pick(&middles, name, 2) {
        let mut t = lines.clone();
        t[l - 1] = t[l - 1][2..].to_string();
        push(t, (l, l), "missing-bullet", true);
    }
    // 3. A subsection's list written with `-`.
    let lists: Vec<usize> = items
        .iter()
        .filter(|(_, _, k, n)| *k == 0 && *n >= 2)
        .map(|i| i.0)
        .collect();
    if let Some(first) = pick(&lists, name, 3) {
        let n = items.iter().find(|i| i.0 == first).unwrap().3;
        let mut t = lines.clone();
        let mut l = first;
        let mut done = 0;
        while done < n {
            if t[l - 1].starts_with("* ") {
                t[l - 1].replace_range(0..1, "-");
                done += 1;
            }
            l += 1;
        }
        push(t, (first, first), "list-marker", true);
    }
    // 4. An event listed twice: the second time with its group's list of events as link.
    if let Some((l, _)) = pick(&events, name, 4) {
        let organizer = &lines[l - 1];
        if let Some((a, b)) = link_url(organizer.rsplit('|').next().unwrap_or("")).map(|(a, b)| {
            let off = organizer.len() - organizer.rsplit('|').next().unwrap().len();
            (a + off, b + off)
        }) {
            let group = organizer[a..b].trim_end_matches('/').to_string();
            let title = lines[l].clone();
            if let Some((ta, tb)) = link_url(&title) {
                let mut copy_title = title.clone();
                copy_title.replace_range(ta..tb, &format!("{group}/"));
                let mut t = lines.clone();
                t.insert(l + 1, copy_title);
                t.insert(l + 1, organizer.clone());
                push(t, (l + 2, l + 3), "duplicate-event", true);
            }
        }
    }
    // 5. A place spelled another way than elsewhere in the issue.
    let mut by_place: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (l, _) in &events {
        let loc = lines[l - 1]
            .split('|')
            .nth(1)
            .unwrap_or("")
            .trim()
            .to_string();
        let place = loc
            .trim_start_matches("Virtual (")
            .trim_start_matches("Hybrid (")
            .trim_end_matches(')')
            .to_string();
        by_place.entry(place).or_default().push(*l);
    }
    let shared: Vec<(String, usize)> = by_place
        .iter()
        .filter(|(p, ls)| ls.len() >= 2 && p.contains(", "))
        .flat_map(|(p, ls)| ls.iter().map(move |l| (p.clone(), *l)))
        .collect();
    let shared_lines: Vec<usize> = shared.iter().map(|s| s.1).collect();
    if let Some(l) = pick(&shared_lines, name, 5) {
        let place = shared.iter().find(|s| s.1 == l).unwrap().0.clone();
        let parts: Vec<&str> = place.split(", ").collect();
        let respelled = match parts.as_slice() {
            [city, "UK"] => Some(format!("{city}, GB")),
            [city, _state, cc @ ("US" | "CA" | "AU")]
                if twir_events::geo::city_state(cc, city).is_some() =>
            {
                Some(format!("{city}, {cc}"))
            }
            [city, cc] => twir_events::geo::country(cc)
                .filter(|c| c.code == *cc && !twir_events::geo::uses_state(c.code))
                .map(|c| format!("{city}, {}", c.name)),
            _ => None,
        };
        if let Some(r) = respelled {
            let mut t = lines.clone();
            t[l - 1] = t[l - 1].replacen(&place, &r, 1);
            push(t, (l, l), "location-spelling", true);
            named = Some(format!("`{r}`"));
        }
    }
    // 6. A tracking parameter. 7. A `//` in the path. 22. No scheme.
    let urls: Vec<usize> = items
        .iter()
        .map(|i| i.0)
        .filter(|l| {
            link_url(&lines[l - 1]).is_some_and(|(a, b)| {
                let u = &lines[l - 1][a..b];
                u.starts_with("https://") && !u.contains(['?', '#']) && u[8..].contains('/')
            })
        })
        .collect();
    if let Some(l) = pick(&urls, name, 6) {
        let (_, b) = link_url(&lines[l - 1]).unwrap();
        let params = [
            "?utm_source=newsletter&utm_medium=social",
            "?utm_campaign=rust",
            "?fbclid=IwAR0abc",
            "?gclid=abc123",
        ];
        let mut t = lines.clone();
        t[l - 1].insert_str(b, params[seed(name, 66) % params.len()]);
        push(t, (l, l), "tracking-param", true);
    }
    if let Some(l) = pick(&urls, name, 7) {
        let (a, b) = link_url(&lines[l - 1]).unwrap();
        let path = a + 8 + lines[l - 1][a + 8..b].find('/').unwrap();
        if path + 1 < b {
            let mut t = lines.clone();
            t[l - 1].insert(path, '/');
            push(t, (l, l), "simplifiable-url", true);
        }
    }
    if let Some(l) = pick(&urls, name, 22) {
        let (a, _) = link_url(&lines[l - 1]).unwrap();
        if lines[l - 1][a..].starts_with("https://www.") {
            let mut t = lines.clone();
            t[l - 1].replace_range(a..a + 8, "");
            push(t, (l, l), "bad-scheme", false);
        }
    }
    // 8. A code span loses its closing backtick. 9. A generic type loses its code span.
    // Any link entry of the issue (the Rust Project's lists are full of code spans).
    let entries: Vec<usize> = (1..=lines.len())
        .filter(|l| lines[l - 1].starts_with("* [") && link_url(&lines[l - 1]).is_some())
        .collect();
    let ticked: Vec<usize> = entries
        .iter()
        .copied()
        .filter(|l| {
            let t = &lines[l - 1];
            t.matches('`').count() == 2 && !t.contains("``")
        })
        .collect();
    if let Some(l) = pick(&ticked, name, 8) {
        let mut t = lines.clone();
        let close = t[l - 1].rfind('`').unwrap();
        t[l - 1].remove(close);
        push(t, (l, l), "odd-backticks", false);
    }
    let generic = |s: &str| {
        let (head, rest) = s.split_once('<')?;
        let inner = rest.strip_suffix('>')?;
        let ok = !head.is_empty()
            && head
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b':')
            && !inner.is_empty()
            && inner.chars().next()?.is_ascii_alphabetic()
            && !inner.contains(['<', '>', '`', '@', '\\']);
        ok.then_some(())
    };
    let typed: Vec<usize> = entries
        .iter()
        .copied()
        .filter(|l| {
            let t = &lines[l - 1];
            let parts: Vec<&str> = t.split('`').collect();
            t.matches('`').count() == 2 && generic(parts[1]).is_some()
        })
        .collect();
    if let Some(l) = pick(&typed, name, 9) {
        let mut t = lines.clone();
        t[l - 1] = t[l - 1].replace('`', "");
        push(t, (l, l), "raw-html", false);
    }
    // 10. Two entries on one line.
    let pairs: Vec<usize> = items
        .iter()
        .filter(|(l, _, k, _)| *k > 0 && plain(*l) && plain(*l - 1))
        .map(|i| i.0 - 1)
        .collect();
    if let Some(l) = pick(&pairs, name, 10) {
        let mut t = lines.clone();
        let next = t.remove(l);
        t[l - 1].push_str(&next);
        push(t, (l, l), "glued-items", true);
    }
    // 11. A link of last week's issue. 12. A link given twice.
    if let Some(prev) = &issue.previous {
        let pdoc = Document::parse(prev.as_str());
        let plines = lines_of(prev);
        let prev_items: Vec<usize> = community_items(&pdoc)
            .into_iter()
            .map(|i| i.0)
            .filter(|l| plines[l - 1].starts_with("* ["))
            .collect();
        let at: Vec<usize> = items.iter().map(|i| i.0).collect();
        if let (Some(pl), Some(l)) = (pick(&prev_items, name, 11), pick(&at, name, 111)) {
            let mut t = lines.clone();
            t.insert(l, plines[pl - 1].clone());
            push(t, (l + 1, l + 1), "duplicate-link", false);
        }
    }
    let all: Vec<usize> = items.iter().map(|i| i.0).filter(|l| plain(*l)).collect();
    if let (Some(src), Some(l)) = (pick(&all, name, 12), pick(&all, name, 121))
        && src != l
    {
        let mut t = lines.clone();
        let copy = t[src - 1].clone();
        t.insert(l, copy);
        // The rule reports the later of the two.
        let at = if l < src { src + 1 } else { l + 1 };
        push(t, (at, at), "duplicate-link", false);
    }
    // 13. Two events of different days swapped. 14. An event under another continent.
    let swaps: Vec<usize> = events
        .iter()
        .filter(|(l, region)| {
            events.iter().any(|(m, r)| {
                *m == l + 2 && r == region && lines[l - 1].get(2..12) < lines[m - 1].get(2..12)
            })
        })
        .map(|e| e.0)
        .collect();
    if let Some(l) = pick(&swaps, name, 13) {
        let mut t = lines.clone();
        let a: Vec<String> = t.drain(l - 1..l + 1).collect();
        t.splice(l + 1..l + 1, a);
        push(t, (l, l + 3), "event-order", false);
    }
    let continents = ["Europe", "North America", "Asia", "Oceania"];
    let movable: Vec<usize> = events
        .iter()
        .filter(|(l, r)| {
            continents.contains(&r.as_str())
                && !lines[l - 1].contains("Virtual")
                && !lines[l - 1].contains("Hybrid")
        })
        .map(|e| e.0)
        .collect();
    if let Some(l) = pick(&movable, name, 14) {
        let from = &events.iter().find(|e| e.0 == l).unwrap().1;
        // The first event of another continent's list: put ours right before it.
        if let Some(&(to, _)) = events
            .iter()
            .find(|(_, r)| continents.contains(&r.as_str()) && r != from)
        {
            let mut t = lines.clone();
            let unit: Vec<String> = t.drain(l - 1..l + 1).collect();
            let to = if to > l { to - 2 } else { to };
            t.splice(to - 1..to - 1, unit);
            push(t, (to, to), "event-region", false);
        }
    }
    // 15. A blank line inside a list. 16. An empty heading. 17. A placeholder left in.
    if let Some(l) = pick(&pairs, name, 15) {
        let mut t = lines.clone();
        t.insert(l, String::new());
        push(t, (l + 1, l + 1), "blank-line-in-list", true);
    }
    if let Some(sec) = doc.section(COMMUNITY)
        && let Some(sub) = pick(&(0..sec.children.len()).collect::<Vec<_>>(), name, 16)
    {
        let (first, _) = section_lines(&doc, &sec.children[sub]);
        let mut t = lines.clone();
        t.insert(first - 1, String::new());
        t.insert(first - 1, "### Foundation news".to_string());
        push(t, (first, first), "empty-section", false);
    }
    if let Some(l) = lines
        .iter()
        .position(|x| x.contains("[Discuss on r/rust](http"))
    {
        let mut t = lines.clone();
        if let Some((a, b)) = link_url(&t[l]) {
            t[l].replace_range(a..b, "REDDIT_LINK_HERE");
            push(t, (l + 1, l + 1), "placeholder", false);
        }
    }
    // 18. Last week's discussion thread.
    if let Some(n) = doc.meta.number()
        && let Some(l) = lines
            .iter()
            .position(|x| x.contains(&format!("this_week_in_rust_{n}")))
    {
        let mut t = lines.clone();
        t[l] = t[l].replace(
            &format!("this_week_in_rust_{n}"),
            &format!("this_week_in_rust_{}", n - 1),
        );
        push(t, (l + 1, l + 1), "stale-discussion-link", false);
    }
    // 19. A blank line inside the header.
    if let Some(f) = doc.meta.field("category")
        && f.line > 1
    {
        let mut t = lines.clone();
        t.insert(f.line - 1, String::new());
        push(t, (f.line + 1, f.line + 1), "metadata", true);
    }
    // 20. An event date mistyped.
    if let Some((l, _)) = pick(&events, name, 20) {
        let mut t = lines.clone();
        let date = t[l - 1].get(2..12).unwrap_or("").to_string();
        if date.len() == 10 && date.as_bytes()[5] == b'0' {
            let typo = format!("{}{}", &date[..5], &date[6..]);
            t[l - 1] = t[l - 1].replacen(&date, &typo, 1);
            push(t, (l, l), "event-format", false);
        }
    }
    if let Some(n) = named
        && let Some(m) = out.iter_mut().find(|m| m.code == "location-spelling")
    {
        m.named = Some(n);
    }
    out
}

#[derive(Default)]
struct Tally {
    made: usize,
    caught: usize,
    fixable: usize,
    restored: usize,
}

fn check(source: &str, previous: Option<&str>) -> Vec<Diagnostic> {
    let doc = Document::parse(source);
    let opts = CheckOptions::default();
    let mut index = LinkIndex::new();
    if let Some(p) = previous {
        index.push(
            IssueRef {
                number: None,
                name: "previous".into(),
            },
            &Document::parse(p),
            &opts.community_section,
        );
    }
    let info = IssueInfo {
        name_date: None,
        previous: None,
        recent: Some(RecentLinks::all(&index)),
    };
    check_document(&doc, &opts, &info)
}

fn on_lines(doc: &Document, d: &Diagnostic, (a, b): (usize, usize)) -> bool {
    (a..=b).contains(&doc.line_of(d.span.start))
}

fn run(issues: &[Issue]) -> BTreeMap<&'static str, Tally> {
    use rayon::prelude::*;
    let per_issue: Vec<BTreeMap<&'static str, Tally>> =
        issues.par_iter().map(|i| run_one(i)).collect();
    let mut tally: BTreeMap<&'static str, Tally> = BTreeMap::new();
    for m in per_issue {
        for (code, t) in m {
            let all = tally.entry(code).or_default();
            all.made += t.made;
            all.caught += t.caught;
            all.fixable += t.fixable;
            all.restored += t.restored;
        }
    }
    tally
}

fn run_one(issue: &Issue) -> BTreeMap<&'static str, Tally> {
    let mut tally: BTreeMap<&'static str, Tally> = BTreeMap::new();
    {
        let before = check(&issue.source, issue.previous.as_deref());
        let bdoc = Document::parse(issue.source.as_str());
        for m in mutations(issue) {
            // Only what the published text did not already have counts.
            let had = before.iter().any(|d| {
                d.code == m.code && on_lines(&bdoc, d, (m.lines.0.saturating_sub(1), m.lines.1))
            });
            if had {
                continue;
            }
            let doc = Document::parse(m.text.as_str());
            let diags = check(&m.text, issue.previous.as_deref());
            let caught = diags.iter().any(|d| {
                d.code == m.code
                    && (on_lines(&doc, d, m.lines)
                        || m.named
                            .as_ref()
                            .is_some_and(|n| d.message.contains(n.as_str())))
            });
            let t = tally.entry(m.code).or_default();
            t.made += 1;
            if caught {
                t.caught += 1;
            } else {
                eprintln!(
                    "missed {} in {} at lines {:?}: {:?}",
                    m.code,
                    issue.name,
                    m.lines,
                    doc.line_text(m.lines.0)
                );
            }
            if m.restores {
                t.fixable += 1;
                let mut text = m.text.clone();
                let mut diags = diags;
                for _ in 0..5 {
                    let mine: Vec<Diagnostic> =
                        diags.into_iter().filter(|d| d.code == m.code).collect();
                    let (next, applied) = apply_safe_fixes(&text, &mine);
                    if applied == 0 {
                        break;
                    }
                    text = next;
                    diags = check(&text, issue.previous.as_deref());
                }
                if text == issue.source {
                    t.restored += 1;
                }
            }
        }
    }
    tally
}

fn report(label: &str, tally: &BTreeMap<&'static str, Tally>) -> (usize, usize) {
    let (made, caught): (usize, usize) = tally
        .values()
        .fold((0, 0), |(m, c), t| (m + t.made, c + t.caught));
    let (fixable, restored): (usize, usize) = tally
        .values()
        .fold((0, 0), |(m, c), t| (m + t.fixable, c + t.restored));
    println!("recall of hand fixes, {label}:");
    println!(
        "  {:<22} {:>6} {:>6} {:>8}",
        "rule", "made", "caught", "restored"
    );
    for (code, t) in tally {
        let restored = if t.fixable > 0 {
            format!("{}/{}", t.restored, t.fixable)
        } else {
            "-".into()
        };
        println!("  {code:<22} {:>6} {:>6} {restored:>8}", t.made, t.caught);
    }
    println!(
        "  total: {caught} of {made} caught ({:.1}%); safe fixes gave back the published text {restored} of {fixable} times ({:.1}%)",
        100.0 * caught as f64 / made.max(1) as f64,
        100.0 * restored as f64 / fixable.max(1) as f64
    );
    (made, caught)
}

fn own_issues() -> Vec<Issue> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join("examples/newsletter/content"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    paths.push(root.join("examples/newsletter/draft/2026-11-25-this-week-in-crabs.md"));
    paths.push(root.join("tests/fixtures/check/recent/2026-08-19-this-week-in-rust.md"));
    paths.push(root.join("tests/fixtures/check/base.md"));
    let mut out: Vec<Issue> = Vec::new();
    for p in paths {
        let source = std::fs::read_to_string(&p).unwrap();
        let previous = out.last().map(|i| i.source.clone());
        out.push(Issue {
            name: p.file_name().unwrap().to_string_lossy().into_owned(),
            source,
            previous,
        });
    }
    out
}

#[test]
fn recall_on_our_own_issues() {
    let tally = run(&own_issues());
    let (made, caught) = report("the project's fixture issues", &tally);
    assert!(made >= 40, "only {made} hand fixes made");
    assert!(caught * 100 >= made * 97, "{caught} of {made}");
}

#[test]
#[cfg_attr(twir_no_corpus, ignore = "needs ../shared/corpus (the TWiR archive)")]
fn recall_on_the_archive() {
    let root = twir_testkit::corpus();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join("content"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.ends_with(".md")
                && (n.starts_with("2024") || n.starts_with("2025") || n.starts_with("2026"))
        })
        .collect();
    paths.sort();
    let mut issues: Vec<Issue> = Vec::new();
    for p in paths {
        let source = std::fs::read_to_string(&p).unwrap();
        let previous = issues.last().map(|i| i.source.clone());
        issues.push(Issue {
            name: p.file_name().unwrap().to_string_lossy().into_owned(),
            source,
            previous,
        });
    }
    let tally = run(&issues);
    let (made, caught) = report(
        &format!("{} published issues of 2024-2026", issues.len()),
        &tally,
    );
    assert!(made >= 1000, "only {made} hand fixes made");
    assert!(caught * 100 >= made * 97, "{caught} of {made}");
}
