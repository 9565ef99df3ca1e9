//! `twir serve` started the README's way: with a relative `--root`, or with none while
//! standing in the newsletter. Every kind of file is edited (issue, page, draft, `twir.toml`,
//! theme template and static file, image) and each edit shows on the next request; a broken
//! file shows the overlay and the next good edit recovers; a page that does not exist is a
//! 404 saying so. (The first edit used to break every page with "same URL ... as ...".)
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

#[path = "build_common.rs"]
mod common;
#[path = "serve_common.rs"]
mod serve_common;

use serve_common::{Server, Start, edit};
use std::path::Path;

/// A fixture copy with a theme folder overriding a template and adding a stylesheet.
fn site_with_theme() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, root) = common::fixture_copy();
    std::fs::create_dir_all(root.join("theme/templates")).unwrap();
    std::fs::create_dir_all(root.join("theme/static")).unwrap();
    std::fs::write(
        root.join("theme/templates/404.html"),
        "<html><body><p>Lost: template one</p></body></html>\n",
    )
    .unwrap();
    std::fs::write(root.join("theme/static/extra.css"), "p { color: red; }\n").unwrap();
    (tmp, root)
}

fn edits_of_every_kind_show(server: &Server, root: &Path) {
    let (status, index) = server.get("/");
    assert_eq!(status, 200, "{index}");

    let cases: [(&str, &str, &str, &str); 6] = [
        (
            "content/2024-01-10-this-week-in-rust.md",
            "Second issue, published in the evening.",
            "An issue edited while serving.",
            "/blog/2024/01/10/fixture-weekly-2/",
        ),
        (
            "content/pages/about.md",
            "exists only for tests.",
            "exists for a page edited while serving.",
            "/pages/about-fixture-weekly.html",
        ),
        (
            "draft/2024-01-31-this-week-in-rust.md",
            "Work in progress.",
            "A draft edited while serving.",
            "/blog/2024/01/31/fixture-weekly-4/",
        ),
        (
            "twir.toml",
            "name = \"Fixture Weekly\"",
            "name = \"Configured While Serving\"",
            "/",
        ),
        (
            "theme/static/extra.css",
            "color: red;",
            "color: rebeccapurple;",
            "/theme/extra.css",
        ),
        (
            "theme/templates/404.html",
            "template one",
            "template two",
            "/404.html",
        ),
    ];
    for (file, from, to, url) in cases {
        edit(&root.join(file), from, to);
        let wanted = to.trim_start_matches("name = \"").trim_end_matches('"');
        server.wait_for(url, &format!("shows the edit of {file}"), |s, b| {
            s == 200 && b.contains(wanted)
        });
        // Every other page still works: no stale second copy of the edited file.
        let (status, page) = server.get("/blog/2024/01/03/fixture-weekly-1/");
        assert_eq!(status, 200, "after editing {file}: {page}");
    }

    // An image replaced.
    std::fs::write(root.join("content/images/crab.png"), b"new crab bytes").unwrap();
    let start = std::time::Instant::now();
    loop {
        let (status, bytes) = server.get_bytes("/images/crab.png");
        if status == 200 && bytes == b"new crab bytes" {
            break;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "image never replaced: {:?}",
            server.log_lines()
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }

    // A broken file: the overlay; the next good edit recovers, and edits go on working.
    let issue = root.join("content/2024-01-10-this-week-in-rust.md");
    edit(&issue, "Title: Fixture Weekly 2", "Titel: Fixture Weekly 2");
    let page = server.wait_for("/", "shows the error", |s, _| s == 500);
    assert!(page.contains("missing `Title:`"), "{page}");
    edit(&issue, "Titel: Fixture Weekly 2", "Title: Fixture Weekly 2");
    server.wait_for("/", "recovers", |s, _| s == 200);
    edit(
        &issue,
        "An issue edited while serving.",
        "Edited again after the error.",
    );
    server.wait_for(
        "/blog/2024/01/10/fixture-weekly-2/",
        "shows the edit",
        |s, b| s == 200 && b.contains("Edited again after the error."),
    );

    // The email edition of the draft (number 4) does not exist: a 404 saying so, not the
    // "could not be rebuilt" overlay. A published one is there.
    let (status, body) = server.get("/email/4/");
    assert_eq!(status, 404, "{body}");
    assert!(body.contains("Not found: /email/4/"), "{body}");
    assert!(body.contains("issue 4"), "{body}");
    assert!(!body.contains("could not be rebuilt"), "{body}");
    assert_eq!(server.get("/email/2/").0, 200);
    let (status, body) = server.get("/email/two/");
    assert_eq!(status, 404);
    assert!(!body.contains("could not be rebuilt"), "{body}");
}

#[test]
fn relative_root() {
    let (tmp, root) = site_with_theme();
    let server = Server::start_with(Start {
        root: Some("site".into()),
        cwd: Some(tmp.path().to_path_buf()),
        args: vec!["--theme".into(), "site/theme".into()],
        ..Start::default()
    });
    edits_of_every_kind_show(&server, &root);
}

#[test]
fn no_root_standing_in_the_newsletter() {
    let (_tmp, root) = site_with_theme();
    let server = Server::start_with(Start {
        root: None,
        cwd: Some(root.clone()),
        args: vec!["--theme".into(), "theme".into()],
        ..Start::default()
    });
    edits_of_every_kind_show(&server, &root);
}
