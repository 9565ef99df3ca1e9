//! Build script shared by the crates whose tests need something this machine may lack
//! (`build = "../twir-testkit/test_cfg.rs"` in their Cargo.toml). It sets:
//!
//! - `twir_no_corpus` when the TWiR archive (`../shared/corpus` beside the repository, or
//!   `TWIR_CORPUS`) is absent. Tests that read it carry
//!   `#[cfg_attr(twir_no_corpus, ignore = "needs ../shared/corpus (the TWiR archive)")]`, so
//!   `cargo test` lists them as ignored, with the reason, instead of passing them silently.
//!   With `TWIR_REQUIRE_CORPUS=1` the cfg is never set: the tests run, and fail without the
//!   archive (for a CI machine that is meant to have it).
//! - `twir_root` when the build runs as root (uid 0), for whom file permissions do not deny
//!   anything: tests of unreadable files carry `#[cfg_attr(twir_root, ignore = "...")]`.

use std::path::PathBuf;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(twir_no_corpus)");
    println!("cargo::rustc-check-cfg=cfg(twir_root)");
    println!("cargo::rerun-if-env-changed=TWIR_CORPUS");
    println!("cargo::rerun-if-env-changed=TWIR_REQUIRE_CORPUS");

    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let corpus = std::env::var_os("TWIR_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../../../shared/corpus"));
    let content = corpus.join("content");
    let required = std::env::var_os("TWIR_REQUIRE_CORPUS").is_some_and(|v| v != "0");
    if content.is_dir() {
        // Rebuilt when the archive changes.
        println!("cargo::rerun-if-changed={}", content.display());
    } else if !required {
        println!("cargo::rustc-cfg=twir_no_corpus");
    }

    let root = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Uid:"))
                .and_then(|ids| ids.split_whitespace().nth(1).map(|e| e == "0"))
        })
        .unwrap_or(false);
    if root {
        println!("cargo::rustc-cfg=twir_root");
    }
}
