//! Round-trip every event entry of the archive's 2024-2026 issues.
//!
//! Reads `../shared/corpus` (relative to the repository root; override with
//! `TWIR_CORPUS`). Listed as ignored when it is absent.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use twir_events::{Region, normalise, parse_entry, parse_section, regions_for, sort_key};

/// (file name, events section body) of every 2024-2026 issue.
fn sections() -> Vec<(String, String)> {
    let dir = twir_testkit::corpus().join("content");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus content readable")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("2024-") || n.starts_with("2025-") || n.starts_with("2026-"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for name in files {
        let text = std::fs::read_to_string(dir.join(&name)).expect("corpus file readable");
        let Some(start) = text.find("## Upcoming Events") else {
            continue;
        };
        let body = &text[start..];
        let body = body.split_once('\n').map(|(_, b)| b).unwrap_or("");
        let end = body.find("\n## ").map(|i| i + 1).unwrap_or(body.len());
        out.push((name, body[..end].to_string()));
    }
    out
}

#[test]
#[cfg_attr(twir_no_corpus, ignore = "needs ../shared/corpus (the TWiR archive)")]
fn every_corpus_entry_round_trips() {
    let sections = sections();
    let (mut total, mut parsed, mut canonical, mut windows) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    for (name, body) in &sections {
        let s = parse_section(body);
        windows += usize::from(s.window.is_some());
        for (_, entry) in s.entries() {
            total += 1;
            match &entry.result {
                Ok(e) => {
                    parsed += 1;
                    canonical += usize::from(entry.is_canonical());
                    // Printing is a fixed point: reading the printed form gives
                    // the same event, and printing that gives the same text.
                    let md = e.to_markdown();
                    let (l1, l2) = md.split_once('\n').expect("two lines");
                    let again =
                        parse_entry(l1, l2).unwrap_or_else(|err| panic!("{name}: {md}: {err}"));
                    assert_eq!(&again, e, "{name}: {md}");
                    assert_eq!(again.to_markdown(), md);
                }
                Err(err) => failures.push(format!(
                    "{name}:{}: {err}: {}",
                    entry.line + 1,
                    entry.raw[0]
                )),
            }
        }
    }
    println!(
        "corpus 2024-2026: {} issues, {windows} window lines, {total} entries, {parsed} parse, \
         {canonical} already canonical (print byte-identical), {} rejected",
        sections.len(),
        failures.len()
    );
    for f in &failures {
        println!("  rejected {f}");
    }
    assert!(sections.len() >= 100, "expected the 2024-2026 issues");
    assert_eq!(windows, sections.len(), "every section has its window line");
    // The archive has a few dozen hand-made slips (missing `|`, `$[`, an
    // unbolded title); everything else must parse.
    assert!(parsed * 1000 >= total * 990, "{parsed}/{total} parsed");
}

#[test]
#[cfg_attr(twir_no_corpus, ignore = "needs ../shared/corpus (the TWiR archive)")]
fn corpus_regions_and_order_agree_with_the_rules() {
    let sections = sections();
    let (mut placed, mut misplaced, mut blocks, mut sorted_blocks) = (0, 0, 0, 0);
    let (mut normalised, mut unchanged, mut located) = (0, 0, 0);
    for (_, body) in &sections {
        for block in parse_section(body).regions {
            let Some(region) = block.region else { continue };
            let events: Vec<_> = block
                .entries
                .iter()
                .filter_map(|e| e.result.as_ref().ok())
                .collect();
            for e in &events {
                located += 1;
                if let Ok(n) = normalise(&e.location) {
                    normalised += 1;
                    unchanged += usize::from(n == e.location);
                    if regions_for(&n).contains(&region) {
                        placed += 1;
                    } else {
                        misplaced += 1;
                    }
                }
            }
            blocks += 1;
            let keys: Vec<_> = events.iter().map(|e| sort_key(e)).collect();
            sorted_blocks += usize::from(keys.windows(2).all(|w| w[0] <= w[1]));
        }
    }
    println!(
        "corpus 2024-2026: {located} parsed entries, {normalised} locations normalise \
         ({unchanged} already canonical); {placed} under a heading region_for agrees with, \
         {misplaced} elsewhere; {sorted_blocks}/{blocks} region blocks already in sort_key order"
    );
    assert!(
        normalised * 100 >= located * 97,
        "{normalised}/{located} normalised"
    );
    assert!(
        placed * 100 >= (placed + misplaced) * 99,
        "{placed} placed, {misplaced} misplaced"
    );
    assert!(
        sorted_blocks * 100 >= blocks * 80,
        "{sorted_blocks}/{blocks} sorted"
    );
    assert!(Region::ALL.len() == 7);
}
