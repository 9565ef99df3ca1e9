//! Shared helpers: building the fixture site of `tests/fixtures/site` into a temporary folder.

#![allow(dead_code)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::path::{Path, PathBuf};
use twir_site::{BuildReport, Options};

/// The fixture site at the repository root.
pub fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/site")
}

/// Builds the fixture (no search index unless asked) into a fresh temporary folder.
pub fn build(drafts: bool, search: bool) -> (tempfile::TempDir, PathBuf, BuildReport) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let site = twir_content::Site::open(&fixture()).unwrap();
    let options = Options {
        drafts,
        search,
        ..Options::default()
    };
    let report =
        twir_site::build(site, &out, options).unwrap_or_else(|e| panic!("build failed: {e}"));
    (tmp, out, report)
}

/// Every file under `dir`, relative, sorted.
pub fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(
                    p.strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    out.sort();
    out
}

/// A built file's text.
pub fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}
