//! Symbolic links in a pull request must not publish what they point to: `twir build` refuses
//! links leaving the repository (or, with `--skip-unsafe-links`, leaves them out with a
//! warning), follows those inside it, never nests its output into a folder it copies, and
//! `twir fmt` writes through a linked draft.

#![cfg(unix)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

#[path = "build_common.rs"]
mod common;

use common::{fixture_copy, twir};
use predicates::prelude::*;
use std::os::unix::fs::symlink;
use std::path::Path;

const CANARY: &str = "canary-5f1d0c";

/// Every file under `dir` whose bytes contain `needle`.
fn files_containing(dir: &Path, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            let ft = e.file_type().unwrap();
            if ft.is_dir() {
                stack.push(p);
            } else if ft.is_file() {
                let bytes = std::fs::read(&p).unwrap();
                if bytes.windows(needle.len()).any(|w| w == needle.as_bytes()) {
                    found.push(p.display().to_string());
                }
            }
        }
    }
    found
}

#[test]
fn a_link_to_proc_environ_fails_the_build_and_publishes_nothing() {
    let (tmp, root) = fixture_copy();
    symlink("/proc/self/environ", root.join("content/images/env.txt")).unwrap();
    let out = tmp.path().join("out");
    twir()
        .env("SECRET_ENV_CANARY", CANARY)
        .arg("--root")
        .arg(&root)
        .arg("build")
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "content/images/env.txt: unsafe file: symbolic link to `/proc/",
        ))
        .stderr(predicate::str::contains("--skip-unsafe-links"))
        .stderr(predicate::str::contains(CANARY).not());
    assert!(!out.exists());

    twir()
        .env("SECRET_ENV_CANARY", CANARY)
        .arg("--root")
        .arg(&root)
        .args(["build", "--skip-unsafe-links", "--out"])
        .arg(&out)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("warning: "))
        .stderr(predicate::str::contains("content/images/env.txt: skipped"));
    assert!(out.join("images/crab.png").is_file());
    assert!(!out.join("images/env.txt").exists());
    assert_eq!(files_containing(&out, CANARY), Vec::<String>::new());
}

#[test]
fn links_out_of_the_repository_are_refused_wherever_files_are_copied() {
    for (link, target) in [
        ("content/images/secret.txt", "../../../secret.txt"),
        ("content/images/outside", "../../.."),
        ("content/pages/leak.md", "../../../secret.md"),
        ("draft/2024-02-07-this-week-in-rust.md", "../../secret.md"),
        ("theme/static/leak.txt", "../../../secret.txt"),
        ("theme/templates/leak.html", "../../../secret.txt"),
    ] {
        let (tmp, root) = fixture_copy();
        std::fs::write(tmp.path().join("secret.txt"), CANARY).unwrap();
        std::fs::write(
            tmp.path().join("secret.md"),
            format!("Title: Leak\nDate: 2024-02-07\nNumber: 9\n\n{CANARY}\n"),
        )
        .unwrap();
        std::fs::create_dir_all(root.join("theme/static")).unwrap();
        std::fs::create_dir_all(root.join("theme/templates")).unwrap();
        symlink(target, root.join(link)).unwrap();
        let out = tmp.path().join("out");
        twir()
            .arg("--root")
            .arg(&root)
            .args(["build", "--drafts", "--theme"])
            .arg(root.join("theme"))
            .arg("--out")
            .arg(&out)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(format!("{link}: unsafe file")))
            .stderr(predicate::str::contains(CANARY).not());
        assert!(!out.exists(), "{link}");
    }
}

#[test]
fn links_inside_the_repository_are_followed() {
    let (tmp, root) = fixture_copy();
    std::fs::create_dir_all(root.join("shared/logos")).unwrap();
    std::fs::write(root.join("shared/logos/rust.svg"), "<svg/>").unwrap();
    symlink("../../shared/logos", root.join("content/images/logos")).unwrap();
    symlink("crab.png", root.join("content/images/crab-again.png")).unwrap();
    let out = tmp.path().join("out");
    twir()
        .arg("--root")
        .arg(&root)
        .arg("build")
        .arg("--out")
        .arg(&out)
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read_to_string(out.join("images/logos/rust.svg")).unwrap(),
        "<svg/>"
    );
    assert!(out.join("images/crab-again.png").is_file());
}

#[test]
fn an_output_inside_the_images_is_not_copied_into_itself() {
    let (_tmp, root) = fixture_copy();
    for _ in 0..3 {
        twir()
            .arg("--root")
            .arg(&root)
            .args(["build", "--no-search", "--out", "content/images/out"])
            .current_dir(&root)
            .assert()
            .code(0);
    }
    let out = root.join("content/images/out");
    assert!(out.join("images/crab.png").is_file());
    assert!(
        !out.join("images/out").exists(),
        "the site was nested into itself"
    );
}

#[test]
fn fmt_writes_through_a_symlinked_draft() {
    let (tmp, root) = fixture_copy();
    let draft = root.join("draft/2024-01-31-this-week-in-rust.md");
    let kept = tmp.path().join("my-draft.md");
    let text = std::fs::read_to_string(&draft).unwrap();
    std::fs::write(&kept, format!("{text}\n\n\n")).unwrap();
    std::fs::remove_file(&draft).unwrap();
    symlink(&kept, &draft).unwrap();
    twir()
        .arg("--root")
        .arg(&root)
        .arg("fmt")
        .arg(&draft)
        .assert()
        .code(0);
    assert!(
        std::fs::symlink_metadata(&draft)
            .unwrap()
            .file_type()
            .is_symlink(),
        "fmt replaced the link with a file"
    );
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), text);
}

#[test]
fn publish_follows_a_draft_linked_inside_the_repository_and_refuses_one_outside() {
    let (tmp, root) = fixture_copy();
    let draft = root.join("draft/2024-01-31-this-week-in-rust.md");
    let text = std::fs::read_to_string(&draft).unwrap();

    // Outside: refused, nothing published, the link and its target untouched.
    let outside = tmp.path().join("elsewhere.md");
    std::fs::rename(&draft, &outside).unwrap();
    symlink(&outside, &draft).unwrap();
    twir()
        .arg("--root")
        .arg(&root)
        .arg("publish")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "draft/2024-01-31-this-week-in-rust.md: unsafe file: symbolic link",
        ));
    assert!(
        !root
            .join("content/2024-01-31-this-week-in-rust.md")
            .exists()
    );
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), text);

    // Inside: published as a regular file; the link goes, its target stays.
    std::fs::create_dir_all(root.join("wip")).unwrap();
    std::fs::rename(&outside, root.join("wip/issue-4.md")).unwrap();
    std::fs::remove_file(&draft).unwrap();
    symlink("../wip/issue-4.md", &draft).unwrap();
    twir()
        .arg("--root")
        .arg(&root)
        .arg("publish")
        .assert()
        .code(0);
    let published = root.join("content/2024-01-31-this-week-in-rust.md");
    let meta = std::fs::symlink_metadata(&published).unwrap();
    assert!(meta.file_type().is_file(), "published as a link");
    assert!(
        std::fs::read_to_string(&published)
            .unwrap()
            .contains("Fixture Weekly 4")
    );
    assert_eq!(
        std::fs::read_to_string(root.join("wip/issue-4.md")).unwrap(),
        text
    );
}
