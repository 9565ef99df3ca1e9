//! `twir publish`'s check, fill and prune steps: nothing unfilled ships, every problem is
//! reported at the draft's own line, everything removed is listed; URLs it is given are
//! checked; a header key given twice is refused by check, publish and build. On fixtures of
//! our own (a copy of the bundled example), and on a copy of the real draft of issue 666 when
//! the archive is there.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};
use twir_testkit::copy_dir;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/newsletter")
}

const DRAFT: &str = "draft/2026-11-25-this-week-in-crabs.md";
const REDDIT: &str = "https://www.reddit.com/r/rust/comments/zz/this_week_in_crabs_5/";

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&example(), dir.path());
    dir
}

fn twir(root: &Path) -> Command {
    let mut c = Command::cargo_bin("twir").unwrap();
    c.current_dir(root).env("NO_COLOR", "1");
    c
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Every file under `root` with its bytes, to show that a refused run changed nothing.
fn snapshot(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.clone(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// The 1-based line of the first line of `path` containing `needle`.
fn line_of(path: &Path, needle: &str) -> usize {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not in {}", path.display()))
        + 1
}

#[test]
fn an_unfilled_quote_of_the_week_is_refused_at_its_draft_line() {
    let dir = site();
    let root = dir.path();
    let draft = root.join(DRAFT);
    // The quote is gone, its prompt is back; the discussion link below it gets filled.
    edit(
        &draft,
        "> A test that cannot fail is a comment with extra steps.\n\n– [Sky on the crabs forum](https://forum.crabs.example.org/t/quotes/50)\n\nThanks to [a reader](https://forum.crabs.example.org/u/reader5) for the suggestion!\n",
        "<!-- QOTW goes here -->\n",
    );
    // Events of last week, and an empty section, are on the way.
    edit(
        &draft,
        "### Virtual\n",
        "### Virtual\n* 2026-11-19 | Virtual (Paris, FR) | [Rust Paris](https://www.meetup.com/rust-paris)\n    * [**Last week**](https://www.meetup.com/rust-paris/events/1/)\n",
    );
    edit(
        &draft,
        "### Rust Walkthroughs\n",
        "### Research\n\n### Rust Walkthroughs\n",
    );
    let line = line_of(&draft, "<!-- QOTW goes here -->");
    let before = snapshot(root);
    for dry in [false, true] {
        let mut c = twir(root);
        c.args(["publish", "--reddit", REDDIT]);
        if dry {
            c.arg("--dry-run");
        }
        c.assert()
            .code(1)
            .stderr(predicate::str::contains(format!("--> {DRAFT}:{line}:1")))
            .stderr(predicate::str::contains("`<!-- QOTW goes here -->`"))
            .stderr(predicate::str::contains("refusing to publish"))
            // What would be pruned is listed even when publication is refused.
            .stdout(predicate::str::contains(format!(
                "empty section `### Research` ({DRAFT}:{})",
                line_of(&draft, "### Research")
            )))
            .stdout(predicate::str::contains(format!(
                "past event ({DRAFT}:{}, ended 2026-11-19)",
                line_of(&draft, "2026-11-19 | Virtual (Paris")
            )));
        assert_eq!(snapshot(root), before, "a refused publish changed files");
    }
    // `check --shipped` says the same, mid-week `check` only notes it.
    twir(root)
        .args(["check", "--shipped"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!("{DRAFT}:{line}:1")));
    twir(root)
        .arg("check")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("pending until publication"));
}

#[test]
fn sections_holding_a_prompt_or_a_comment_need_a_flag_to_go() {
    let dir = site();
    let root = dir.path();
    let draft = root.join(DRAFT);
    edit(
        &draft,
        "## Upcoming Events\n",
        "### Rust Compiler Performance Triage\n\n<!-- Perf results go here -->\n\n### Newsletters\n\n<!-- ask Noor about the crab digest -->\n\n## Upcoming Events\n",
    );
    let perf = line_of(&draft, "### Rust Compiler Performance Triage");
    let news = line_of(&draft, "### Newsletters");
    twir(root)
        .args(["publish", "--dry-run", "--reddit", REDDIT])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "kept empty section `### Rust Compiler Performance Triage` ({DRAFT}:{perf}): it holds `<!-- Perf results go here -->`"
        )))
        .stdout(predicate::str::contains(format!(
            "kept empty section `### Newsletters` ({DRAFT}:{news}): it holds `<!-- ask Noor about the crab digest -->`"
        )))
        .stderr(predicate::str::contains(format!("--> {DRAFT}:{perf}:1")))
        .stderr(predicate::str::contains(format!("--> {DRAFT}:{news}:1")))
        .stderr(predicate::str::contains("`--drop-unfilled` removes the section"));
    twir(root)
        .args(["publish", "--drop-unfilled", "--reddit", REDDIT])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "removed unfilled section `### Rust Compiler Performance Triage` ({DRAFT}:{perf}) with `<!-- Perf results go here -->` (--drop-unfilled)"
        )))
        .stdout(predicate::str::contains("removed unfilled section `### Newsletters`"))
        .stdout(predicate::str::contains("published issue 5"));
    let published =
        std::fs::read_to_string(root.join("content/2026-11-25-this-week-in-crabs.md")).unwrap();
    assert!(!published.contains("Performance Triage"));
    assert!(!published.contains("ask Noor"));
    assert!(published.contains(REDDIT));
}

#[test]
fn stale_events_are_dropped_or_kept_and_listed() {
    let dir = site();
    let root = dir.path();
    let draft = root.join(DRAFT);
    // Published a week late: last week's events and the draft's own first ones are past.
    let out = twir(root)
        .args(["publish", "--dry-run", "--reddit", REDDIT])
        .args(["--date", "2026-12-02"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let berlin = line_of(&draft, "2026-11-26 | Virtual (Berlin");
    assert!(
        out.contains(&format!(
            "would drop past event ({DRAFT}:{berlin}, ended 2026-11-26)"
        )),
        "{out}"
    );
    assert!(
        out.contains("would remove empty section `### Virtual`"),
        "{out}"
    );
    assert!(
        out.contains("-* 2026-11-26 | Virtual (Berlin, DE)"),
        "{out}"
    );
    let out = twir(root)
        .args([
            "publish",
            "--dry-run",
            "--keep-stale-events",
            "--reddit",
            REDDIT,
        ])
        .args(["--date", "2026-12-02"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains(&format!(
            "kept past event ({DRAFT}:{berlin}, ended 2026-11-26)"
        )),
        "{out}"
    );
    assert!(
        !out.contains("-* 2026-11-26 | Virtual (Berlin, DE)"),
        "{out}"
    );
}

#[test]
fn urls_given_to_publish_must_be_absolute_http() {
    let dir = site();
    let root = dir.path();
    let before = snapshot(root);
    for (flag, bad) in [
        ("--reddit", "notaurl"),
        ("--reddit", "/r/rust/comments/1/"),
        ("--jobs", "ftp://jobs.example.org/thread"),
        ("--jobs", "javascript:alert(1)"),
        ("--reddit", "https://"),
    ] {
        twir(root)
            .args(["publish", flag, bad])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!("{flag} {bad:?}")))
            .stderr(predicate::str::contains("not an absolute http(s) URL"));
        assert_eq!(snapshot(root), before, "{flag} {bad}");
    }
}

#[test]
fn a_header_key_given_twice_is_refused_everywhere() {
    let dir = site();
    let root = dir.path();
    let draft = root.join(DRAFT);
    edit(
        &draft,
        "Date: 2026-11-25\n",
        "Date: 2026-11-25\nNumber: 6\n",
    );
    let both = |s: &str| s.contains("`Number:` given twice") && s.contains("lines 2 and 4");
    twir(root)
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::function(both));
    twir(root)
        .args(["publish", "--dry-run", "--reddit", REDDIT])
        .assert()
        .code(1)
        .stderr(predicate::function(both))
        .stderr(predicate::str::contains(format!("--> {DRAFT}:4:1")));
    // A published issue with the same fault stops the build, naming both lines.
    let issue = root.join("content/2026-11-18-this-week-in-crabs.md");
    edit(
        &issue,
        "Date: 2026-11-18\n",
        "Date: 2026-11-18\ndate: 2026-11-19\n",
    );
    twir(root)
        .args(["build", "--no-search", "--out"])
        .arg(root.join("out"))
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "2026-11-18-this-week-in-crabs.md:4",
        ))
        .stderr(predicate::str::contains("`date:` given twice"))
        .stderr(predicate::str::contains("also on line 3"));
}

/// A working copy of the real repository (`../shared/tools/mk-twir-repo`), without git.
fn real_repo() -> tempfile::TempDir {
    let corpus = twir_testkit::corpus();
    let tool = corpus.join("../tools/mk-twir-repo");
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("repo");
    let ok = std::process::Command::new("bash")
        .arg(&tool)
        .arg(&dest)
        .arg("--no-git")
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    dir
}

#[test]
#[cfg_attr(twir_no_corpus, ignore = "needs ../shared/corpus (the TWiR archive)")]
fn the_real_draft_of_666_ships_nothing_unfilled() {
    let dir = real_repo();
    let root = dir.path().join("repo");
    let draft_rel = "draft/2026-08-26-this-week-in-rust.md";
    let draft = root.join(draft_rel);
    let reddit = "https://www.reddit.com/r/rust/comments/1abc/this_week_in_rust_666/";
    let jobs = "https://www.reddit.com/r/rust/comments/1def/official_rrust_whos_hiring_thread/";
    edit(
        &draft,
        "<!-- COTW goes here -->\n",
        "<!-- COTW goes here -->\n\nThis week's crate is [ferris-says](https://crates.io/crates/ferris-says), a crab that talks.\n",
    );
    let before = snapshot(&root);
    let out = twir(&root)
        .args(["publish", "--reddit", reddit, "--jobs", jobs])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(snapshot(&root), before, "a refused publish changed files");
    // Each remaining prompt at its own line of the draft.
    for prompt in [
        "<!-- QOTW goes here -->",
        "<!-- Perf results go here -->",
        "<!-- Rust updates go here -->",
    ] {
        let at = format!("--> {draft_rel}:{}:1", line_of(&draft, prompt));
        assert!(
            stderr.contains(&at),
            "{prompt} not reported at {at}:\n{stderr}"
        );
    }
    assert!(!stderr.contains("COTW"), "{stderr}");
    assert!(!stderr.contains("REDDIT_LINK_HERE") && !stderr.contains("INSERT_LINK_HERE"));
    // Every section removed and every past event dropped is listed, at its draft line.
    let community = line_of(&draft, "## Updates from Rust Community");
    assert!(
        stdout.contains(&format!(
            "removed empty section `## Updates from Rust Community` and its 8 subsections ({draft_rel}:{community})"
        )),
        "{stdout}"
    );
    assert!(stdout.contains(&format!(
        "kept empty section `### Rust Compiler Performance Triage` ({draft_rel}:{})",
        line_of(&draft, "### Rust Compiler Performance Triage")
    )));
    let past = stdout
        .lines()
        .filter(|l| l.contains("dropped past event"))
        .count();
    assert_eq!(past, 16, "{stdout}");

    // The editors fill the rest in and let the perf triage go.
    edit(
        &draft,
        "<!-- QOTW goes here -->\n",
        "<!-- QOTW goes here -->\n\n> Crabs all the way down.\n\n– [a reader](https://users.rust-lang.org/t/twir-quote-of-the-week/328/1700)\n",
    );
    edit(
        &draft,
        "<!-- Rust updates go here -->\n",
        "<!-- Rust updates go here -->\n\n400 pull requests were merged in the last week.\n",
    );
    twir(&root)
        .args([
            "publish",
            "--drop-unfilled",
            "--reddit",
            reddit,
            "--jobs",
            jobs,
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("published issue 666"));
    let published =
        std::fs::read_to_string(root.join("content/2026-08-26-this-week-in-rust.md")).unwrap();
    assert!(published.contains(reddit) && published.contains(jobs));
    assert!(!published.contains("_LINK_HERE"));
    assert!(!published.contains("Performance Triage"));
    assert!(!published.contains("2026-08-19 |"), "a past event shipped");
    // Checked as shipped, the published issue has no placeholder left.
    twir(&root)
        .args(["check", "content/2026-08-26-this-week-in-rust.md"])
        .assert()
        .stdout(predicate::str::contains("placeholder").not());
}
