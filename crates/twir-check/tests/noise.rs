//! Noise of `twir check` on the 2025-2026 issues of the archive, from the hand-made verdicts
//! in `tests/fixtures/check/noise-2025-26.txt`: prints the share of findings per rule that
//! are not real defects (`cargo test -p twir-check --test noise -- --nocapture`) and requires
//! at most 10% overall and 25% for any rule. Fails when a rule's findings change, so that the
//! new ones get judged (and RULES.md's figures updated).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use twir_check::run::{RunSettings, Session};
use twir_content::Site;

#[test]
#[cfg_attr(twir_no_corpus, ignore = "needs ../shared/corpus (the TWiR archive)")]
fn noise_on_the_2025_2026_issues() {
    let root = twir_testkit::corpus();
    let verdicts = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/check/noise-2025-26.txt"),
    )
    .unwrap();
    let mut judged: BTreeMap<String, usize> = BTreeMap::new();
    let mut noise: Vec<(String, usize, String)> = Vec::new();
    for line in verdicts
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut w = line.split_whitespace();
        match w.next() {
            Some("count") => {
                let code = w.next().unwrap().to_string();
                judged.insert(code, w.next().unwrap().parse().unwrap());
            }
            Some("noise") => {
                let date = w.next().unwrap().to_string();
                let at: usize = w.next().unwrap().parse().unwrap();
                let code = w.next().unwrap().trim_end_matches(':').to_string();
                noise.push((date, at, code));
            }
            _ => panic!("bad verdict line {line:?}"),
        }
    }
    let site = Site::open(&root).unwrap();
    let paths: Vec<PathBuf> = site
        .issues()
        .unwrap()
        .into_iter()
        .map(|f| f.path)
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with("2025-") || n.starts_with("2026-")
        })
        .collect();
    let settings = RunSettings {
        recent: 25,
        deny_project_tooling_links: false,
    };
    let mut session = Session::open(&site, &paths, &settings).unwrap();
    // As `twir check` runs without `--since`.
    session.opts.review = false;
    let mut found: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut seen_noise = 0;
    let all = session.check_all();
    for (t, diags) in session.targets.iter().zip(all) {
        let date = &t.name.rsplit('/').next().unwrap()[..10];
        let doc = t.document();
        for d in diags {
            let line = doc.line_of(d.span.start);
            // The issue's bar for help texts: a line or two.
            if let Some(help) = &d.help {
                assert!(
                    help.chars().count() <= 200 && !help.contains('\n'),
                    "{}:{line}: help of `{}` longer than two lines: {help}",
                    t.name,
                    d.code
                );
            }
            let is_noise = noise
                .iter()
                .any(|(nd, nl, nc)| nd == date && *nl == line && nc == d.code);
            let e = found.entry(d.code.to_string()).or_default();
            e.0 += 1;
            if is_noise {
                e.1 += 1;
                seen_noise += 1;
            }
        }
    }
    println!(
        "noise of twir check on {} issues of 2025-2026:",
        paths.len()
    );
    println!(
        "  {:<22} {:>8} {:>6} {:>7}",
        "rule", "findings", "noise", "share"
    );
    let (mut all, mut all_noise) = (0, 0);
    for (code, (n, bad)) in &found {
        println!(
            "  {code:<22} {n:>8} {bad:>6} {:>6.1}%",
            100.0 * *bad as f64 / *n as f64
        );
        all += n;
        all_noise += bad;
    }
    println!(
        "  total: {all} findings, {all_noise} noise ({:.1}%)",
        100.0 * all_noise as f64 / all.max(1) as f64
    );
    let counts: BTreeMap<String, usize> = found.iter().map(|(c, (n, _))| (c.clone(), *n)).collect();
    assert_eq!(
        counts, judged,
        "findings changed: judge the new ones in noise-2025-26.txt"
    );
    assert_eq!(
        seen_noise,
        noise.len(),
        "a finding judged noise is gone: update the verdicts"
    );
    assert!(all_noise * 10 <= all, "more than 10% noise");
    for (code, (n, bad)) in &found {
        assert!(bad * 4 <= *n, "{code}: more than 25% noise");
    }
}
