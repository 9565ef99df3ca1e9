//! TWiR's own theme (`themes/rusted` of the real repository) loads unchanged and its
//! stylesheet bundle comes out byte-identical to webassets' (same hash in every page's
//! `<link>`). Needs `../shared/corpus`; says so and passes vacuously without it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::path::PathBuf;
use twir_pelican::{PelicanTheme, ThemeOptions};

fn rusted() -> Option<PathBuf> {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/repo/themes/rusted");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: {} not found (../shared/corpus is not here)",
            dir.display()
        );
        None
    }
}

#[test]
fn rusted_bundle_matches_webassets() {
    let Some(dir) = rusted() else { return };
    let theme = PelicanTheme::load(
        Some(&dir),
        ThemeOptions {
            static_dir: "themes/rusted/static".into(),
            ..ThemeOptions::default()
        },
    )
    .unwrap();
    let built = theme.built_assets();
    assert_eq!(built.len(), 1);
    assert_eq!(built[0].path, "themes/rusted/static/css/web-min.css");
    assert_eq!(
        built[0].url,
        "themes/rusted/static/css/web-min.css?0e4bee93"
    );
    let reference = dir.join("../../../pelican-site/themes/rusted/static/css/web-min.css");
    if let Ok(bytes) = std::fs::read(&reference) {
        assert_eq!(
            String::from_utf8_lossy(&built[0].bytes),
            String::from_utf8_lossy(&bytes)
        );
    }
}
