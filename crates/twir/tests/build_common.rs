//! Helpers shared by the `build_*` and `serve_*` tests (included with `#[path]`; as a test
//! target of its own it holds no tests).

#![allow(dead_code)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::path::{Path, PathBuf};
pub use twir_testkit::copy_dir;

/// The fixture site of `tests/fixtures/site`.
pub fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/site")
}

/// A private copy of the fixture site (tests edit it).
pub fn fixture_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&fixture(), &root);
    (tmp, root)
}

/// The `twir` command.
pub fn twir() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("twir").unwrap()
}
