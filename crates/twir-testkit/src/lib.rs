//! Test support (a dev-dependency only): the wiremock set-up shared by the HTTP tests
//! (feature `mock`), [`corpus`], the one way tests find the TWiR archive, and [`scaling`], the
//! harness of the benchmarks that check how time grows with the input.
//!
//! Every server listens on 127.0.0.1: no test touches the internet.
//!
//! Tests that need the archive, or need not to run as root, are ignored (with their reason in
//! `cargo test`'s summary) rather than passed silently when the machine lacks it: see
//! `test_cfg.rs`, the build script those crates share, and its `twir_no_corpus` and
//! `twir_root` cfgs.

use std::path::PathBuf;

#[cfg(feature = "mock")]
mod mock;
#[cfg(feature = "mock")]
pub use mock::*;
pub mod scaling;

/// The TWiR archive: `TWIR_CORPUS`, else `../shared/corpus` beside the repository.
///
/// Only tests marked `#[cfg_attr(twir_no_corpus, ignore = "...")]` call it, so it is there
/// unless it disappeared since the build (or `TWIR_REQUIRE_CORPUS=1` asked for it): then the
/// test fails saying so.
pub fn corpus() -> PathBuf {
    let dir = std::env::var_os("TWIR_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
        });
    assert!(
        dir.join("content").is_dir(),
        "the TWiR archive is not at {} (set TWIR_CORPUS, or unset TWIR_REQUIRE_CORPUS to have \
         the corpus tests listed as ignored)",
        dir.display()
    );
    dir
}

/// Copies the folder `from` into `to` (created when missing), recursively: the fixture sites
/// the integration tests work on in a temporary folder.
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("cannot create {}: {e}", to.display()));
    let entries =
        std::fs::read_dir(from).unwrap_or_else(|e| panic!("cannot list {}: {e}", from.display()));
    for entry in entries {
        let entry = entry.unwrap_or_else(|e| panic!("cannot list {}: {e}", from.display()));
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target)
                .unwrap_or_else(|e| panic!("cannot copy {}: {e}", entry.path().display()));
        }
    }
}
