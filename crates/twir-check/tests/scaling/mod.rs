//! Adversarial lines (what a broken paste or a hostile pull request may hold), each once
//! quadratic to parse or check, at a base size and at 4x. Shared by `tests/stress.rs` (every
//! input is checked within a generous bound) and `benches/scaling.rs` (4x the input costs less
//! than 10x the time: linear work gives about 4x, quadratic 16x).

const KB: usize = 1 << 10;

/// The header of the issue each body is checked in.
pub const HEADER: &str = "Title: This Week in Rust 1\nNumber: 1\nDate: 2026-01-07\nCategory: This Week in Rust\n\n## Updates from Rust Community\n\n";

pub use twir_testkit::scaling::Case;

/// Every shape, in a fixed order.
pub fn cases() -> Vec<Case> {
    [
        ("open tags", "<a "),
        ("open comments mid-line", "x <!-- "),
        ("open declarations", "x <!a "),
        ("autolink-like", "<http:x "),
        ("links into comments", "[x](<!-- "),
        ("open links", "[a]("),
        ("open titles", "[a](b \""),
        ("backticks", "`a``b```c"),
        ("brackets", "["),
        ("spaced destinations", "[a](b c "),
    ]
    .into_iter()
    .map(|(name, unit)| Case {
        name,
        small: unit.repeat(32 * KB / unit.len()),
        large: unit.repeat(4 * 32 * KB / unit.len()),
    })
    .collect()
}
