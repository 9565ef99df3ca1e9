//! TWiR's real repository, as the editors have it (`../shared/tools/mk-twir-repo`), built
//! with no `twir.toml` and nothing edited, search included, then compared page by page with
//! the site Pelican builds today (`../shared/tools/compare_site.py --loose-code`): at least
//! 99% of the reference files identical and none missing.
//!
//! Needs `../shared` (the corpus and tools) and python3 with BeautifulSoup. Without them it
//! prints why it is skipped; with `TWIR_REQUIRE_CORPUS=1` (CI, where they are expected) a
//! missing piece fails the test instead.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::path::{Path, PathBuf};
use std::process::Command;
use twir_site::Options;

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

fn skip(why: &str) {
    if std::env::var_os("TWIR_REQUIRE_CORPUS").is_some() {
        panic!("TWIR_REQUIRE_CORPUS is set but {why}");
    }
    eprintln!("SKIPPED real_repository_builds_the_live_site: {why}");
}

#[test]
fn real_repository_builds_the_live_site() {
    let shared = shared();
    let tool = shared.join("tools/mk-twir-repo");
    let reference = shared.join("corpus/pelican-site");
    if !tool.is_file() || !reference.is_dir() {
        return skip(&format!(
            "{} is absent (../shared is not next to the project)",
            shared.display()
        ));
    }
    let has_bs4 = Command::new("python3")
        .args(["-c", "import bs4"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_bs4 {
        return skip("python3 with BeautifulSoup (pip install beautifulsoup4) is not installed");
    }
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    let status = Command::new(&tool)
        .arg(&repo)
        .arg("--no-git")
        .status()
        .expect("mk-twir-repo runs");
    assert!(status.success(), "mk-twir-repo failed");
    assert!(repo.join("pelicanconf.py").is_file());
    assert!(
        !repo.join("twir.toml").exists(),
        "the working copy has no twir.toml"
    );

    let out = tmp.path().join("site");
    let site = twir_content::Site::open(&repo).unwrap();
    let options = Options {
        search: true,
        ..Options::default()
    };
    let report =
        twir_site::build(site, &out, options).unwrap_or_else(|e| panic!("build failed: {e}"));
    assert!(report.issues >= 600, "{} issues", report.issues);
    assert!(report.search.is_some());

    let compare = Command::new("python3")
        .arg(shared.join("tools/compare_site.py"))
        .arg("--loose-code")
        .arg("--show")
        .arg("10")
        .arg(&reference)
        .arg(&out)
        .output()
        .expect("compare_site.py runs");
    let text = String::from_utf8_lossy(&compare.stdout);
    println!("{text}");
    let summary = text
        .lines()
        .find(|l| l.contains("reference files"))
        .unwrap_or_else(|| {
            panic!(
                "no summary in:\n{text}\n{}",
                String::from_utf8_lossy(&compare.stderr)
            )
        });
    // "828 identical, 1 differ, 0 missing (of 829 reference files)"
    let numbers: Vec<usize> = summary
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    let [identical, _differ, missing, total] = numbers[..] else {
        panic!("unexpected summary: {summary}");
    };
    assert_eq!(missing, 0, "{summary}");
    assert!(
        identical * 100 >= total * 99,
        "fidelity below 99%: {summary}"
    );
}
