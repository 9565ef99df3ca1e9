//! `twir check` from where an editor stands: the root found upward, paths relative to the
//! current folder, a mid-week draft that passes with its pending placeholders as notes and
//! fails as it would ship, read errors counted as such, and the Markdown for a PR comment.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/check")
}

const DRAFT: &str = "2026-08-26-this-week-in-rust.md";

/// A repository with one published issue and a mid-week draft: the base fixture with its
/// discussion link and jobs thread not filled in yet, and an empty section.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("content/images")).unwrap();
    fs::create_dir_all(dir.path().join("draft")).unwrap();
    fs::copy(
        fixtures().join("recent/2026-08-19-this-week-in-rust.md"),
        dir.path().join("content/2026-08-19-this-week-in-rust.md"),
    )
    .unwrap();
    let draft = fs::read_to_string(fixtures().join("base.md"))
        .unwrap()
        .replace(
            "https://www.reddit.com/r/rust/comments/xyz789/this_week_in_rust_666/",
            "REDDIT_LINK_HERE",
        )
        .replace(
            "https://www.reddit.com/r/rust/comments/abc123/official_rrust_whos_hiring_thread/",
            "INSERT_LINK_HERE",
        )
        .replace(
            "### Observations/Thoughts",
            "### Research\n\n### Observations/Thoughts",
        );
    fs::write(dir.path().join("draft").join(DRAFT), draft).unwrap();
    dir
}

fn twir(cwd: &Path) -> Command {
    let mut c = Command::cargo_bin("twir").unwrap();
    c.current_dir(cwd).env("NO_COLOR", "1");
    c
}

#[test]
fn a_mid_week_draft_passes_with_notes_and_fails_as_it_would_ship() {
    let dir = site();
    let root = dir.path();
    twir(root)
        .arg("check")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(format!(
            "note: draft/{DRAFT}: pending until publication: 1 empty section (line 16), 2 placeholders (lines 36, 38)"
        )))
        .stdout(predicate::str::contains("1 file checked: 0 errors, 0 warnings (3 notes)"))
        .stdout(predicate::str::contains("error[").not());
    // Notes never fail, even with --deny warnings.
    twir(root)
        .args(["check", "--deny", "warnings"])
        .assert()
        .code(0);
    twir(root)
        .args(["check", "--shipped"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "error[placeholder]: placeholder `REDDIT_LINK_HERE` not filled in\n  --> draft/{DRAFT}:38:"
        )))
        .stdout(predicate::str::contains("`twir publish --reddit URL` fills it"))
        .stdout(predicate::str::contains(format!(
            "error[empty-section]: `### Research` has nothing under it\n  --> draft/{DRAFT}:16:1"
        )))
        .stdout(predicate::str::contains("1 file checked: 3 errors, 0 warnings"));
    // JSON keeps every finding, notes included.
    let out = twir(root)
        .args(["check", "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let severities: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["severity"].as_str().unwrap())
        .collect();
    assert_eq!(severities, ["note", "note", "note"]);
}

#[test]
fn the_root_is_found_from_any_folder_and_paths_read_from_there() {
    let dir = site();
    let root = dir.path();
    let draft = root.join("draft").join(DRAFT);
    let text = fs::read_to_string(&draft).unwrap().replace(
        "(https://example.org/blog/vec-t)",
        "(https://example.org/blog/vec-t?utm_source=x)",
    );
    fs::write(&draft, text).unwrap();
    // In draft/: the draft is named as seen from there.
    twir(&root.join("draft"))
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!("--> {DRAFT}:19:")))
        .stdout(predicate::str::contains("draft/").not());
    // Two levels down: `../../draft/...`.
    twir(&root.join("content/images"))
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "--> ../../draft/{DRAFT}:19:"
        )));
    // A file named from where one stands is checked with the repository's published issues.
    twir(&root.join("draft"))
        .args(["check", DRAFT])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!("--> {DRAFT}:19:")));
    // A heading with trailing spaces is not in canonical form.
    let text = fs::read_to_string(&draft)
        .unwrap()
        .replace("### Official\n", "### Official   \n");
    fs::write(&draft, text).unwrap();
    twir(&root.join("draft"))
        .args(["fmt", "--check"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(DRAFT));
    // Outside any repository: a clear error.
    let elsewhere = tempfile::tempdir().unwrap();
    twir(elsewhere.path())
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no `content/` or `draft/` folder here or in a parent folder",
        ));
}

#[test]
fn a_file_that_cannot_be_read_is_counted_as_such() {
    let dir = site();
    let root = dir.path();
    twir(root)
        .args(["check", "nope.md"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "no file checked; 1 file could not be read",
        ))
        .stdout(predicate::str::contains("0 errors").not())
        .stderr(predicate::str::contains("nope.md"));
    twir(root)
        .args(["check", "nope.md", &format!("draft/{DRAFT}")])
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "1 file checked: 0 errors, 0 warnings (3 notes); 1 file could not be read",
        ));
    twir(root)
        .args(["check", "--format", "github", "nope.md"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "::error file=nope.md,title=unreadable::",
        ));
}

#[test]
fn markdown_for_a_pull_request_comment() {
    let dir = site();
    let root = dir.path();
    // Nothing to say mid-week: no output at all.
    twir(root)
        .args(["check", "--format", "markdown"])
        .assert()
        .code(0)
        .stdout("");
    let draft = root.join("draft").join(DRAFT);
    let text = fs::read_to_string(&draft).unwrap().replace(
        "* [video] [A talk about traits]",
        "* [Why `Box<T>` matters](https://example.org//box)\n* [video] [A talk about traits]",
    );
    fs::write(&draft, text).unwrap();
    twir(root)
        .args(["check", "--format", "markdown"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "#### `twir check`: 0 errors, 1 warning\n\n* **warning** `simplifiable-url` at `draft/2026-08-26-this-week-in-rust.md:20`: empty path segment (`//`) in URL\n  ```text\n  * [Why `Box<T>` matters](https://example.org//box)\n  ```\n  help: write the simpler URL: `https://example.org/box`\n",
        ));
}
