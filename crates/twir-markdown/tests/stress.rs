//! Robustness: adversarial and generated inputs must render without
//! panicking, without exhausting the stack and in time proportional to
//! their size. (`cargo-fuzz` runs the same property through
//! `fuzz/fuzz_targets/markdown_render.rs` where nightly is available.)
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::time::{Duration, Instant};

/// Generous bound for a 1 MB input in an unoptimised test build.
const BUDGET: Duration = Duration::from_secs(20);

fn check(name: &str, input: &str) {
    let start = Instant::now();
    let html = twir_markdown::render(input);
    let took = start.elapsed();
    eprintln!("{name}: {} bytes in {took:?}", input.len());
    assert!(took < BUDGET, "{name}: {took:?} for {} bytes", input.len());
    // Rendering is deterministic.
    assert_eq!(
        html,
        twir_markdown::render(input),
        "{name}: output differs between runs"
    );
}

/// Input size: large enough to expose quadratic behaviour, small enough
/// for an unoptimised build.
const MB: usize = 1 << 18;

fn repeat(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len().max(1))
}

#[test]
fn deep_nesting() {
    check("quotes", &repeat(">", 50_000));
    check("quote lines", &repeat("> ", 50_000));
    check("lists", &repeat("* ", 100_000));
    check(
        "indented lists",
        &(0..300)
            .map(|i| format!("{}* x\n", " ".repeat(i * 4)))
            .collect::<String>(),
    );
    check("brackets", &(repeat("[", MB / 2) + &repeat("]", MB / 2)));
    check(
        "emphasis",
        &(repeat("*", MB / 2) + "a" + &repeat("*", MB / 2)),
    );
}

#[test]
fn long_single_line() {
    check("plain", &repeat("word ", MB));
    check("backticks", &repeat("`a``b```c", MB));
    check("open links", &repeat("[a](", MB));
    check("open titles", &repeat("[a](b \"", MB));
    check("open tags", &repeat("<a ", MB));
    check("open comments", &repeat("<!--", MB));
    check("underscores", &repeat("_a _b __c ___", MB));
    check("stars", &repeat("*a **b ***c ", MB));
    check("escapes", &repeat("\\`\\\\`", MB));
    check("entities", &repeat("&a;&#1;&", MB));
    check("autolinks", &repeat("<http://x <a@b ", MB));
}

/// Blocks without blank lines (headers, rules, tables are cut off one at
/// a time, as ranges of the source).
const BLOCK: usize = 1 << 18;

#[test]
fn many_lines() {
    check(
        "reference definitions",
        &(0..10_000)
            .map(|i| format!("[r{i}]: http://x/{i}\n"))
            .collect::<String>(),
    );
    check("headers", &repeat("# h\n", BLOCK));
    check("fences", &repeat("```\n", BLOCK));
    check("html blocks", &repeat("<div>\n", BLOCK));
    check("tables", &repeat("a|b\n-|-\n", BLOCK));
    check("hr", &repeat("---\n", BLOCK));
}

/// A small deterministic generator (xorshift) mixing Markdown fragments.
#[test]
fn generated_documents() {
    const PIECES: &[&str] = &[
        "*",
        "**",
        "_",
        "__",
        "`",
        "``",
        "[",
        "]",
        "(",
        ")",
        "![",
        "<",
        ">",
        "&",
        ";",
        "#",
        "\n",
        "\n\n",
        "    ",
        "  \n",
        "- ",
        "* ",
        "1. ",
        "> ",
        "---",
        "```",
        "~~~",
        "|",
        "\\",
        "[^1]",
        "[^1]: ",
        "[x]: http://e ",
        "<div>",
        "</div>",
        "<!--",
        "-->",
        "http://e.x",
        "a",
        "word ",
        "é",
        "\t",
        "{: .c}",
        "\"",
        "'",
        "<b>",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..1000 {
        let len = (next() % 200) as usize;
        let doc: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        let r = twir_markdown::render_with_toc(&doc);
        assert_eq!(r.html, twir_markdown::render(&doc));
        for h in &r.headings {
            assert!((1..=6).contains(&h.level));
            assert!(!h.id.is_empty());
        }
    }
}

/// Time of the fastest of a few renders of `input`.
fn cost(input: &str) -> Duration {
    (0..5)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(twir_markdown::render(std::hint::black_box(input)));
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Rendering 4x the input must cost less than 10x the time (linear work
/// gives about 4x, quadratic 16x; the margin absorbs a loaded machine). The inputs are small enough for an
/// unoptimised build; a little absolute slack absorbs timer noise.
fn assert_scales(name: &str, unit: &str, bytes: usize) {
    let small = repeat(unit, bytes);
    let large = repeat(unit, 4 * bytes);
    assert_scales_on(name, &small, &large);
}

fn assert_scales_on(name: &str, small: &str, large: &str) {
    const SLACK: Duration = Duration::from_millis(20);
    // Warm up allocator and caches on the large input once.
    cost(large);
    let t1 = cost(small);
    let t4 = cost(large);
    eprintln!(
        "{name}: {} bytes {t1:?}, {} bytes {t4:?} (x{:.1})",
        small.len(),
        large.len(),
        t4.as_secs_f64() / t1.as_secs_f64().max(1e-9)
    );
    assert!(
        t4 < t1 * 10 + SLACK,
        "{name}: 4x input took {t4:?} against {t1:?}"
    );
}

/// The shapes that used to be quadratic (the remainder of a block copied
/// per construct, rescans per bracket or backtick, linear id and footnote
/// lookups, attribute lists removed in place).
#[test]
fn formerly_quadratic_inputs_scale_linearly() {
    const KB: usize = 1 << 10;
    assert_scales("brackets", "[", 16 * KB);
    assert_scales("nested brackets", "[[]]", 16 * KB);
    assert_scales("backticks", "`a``b```c", 16 * KB);
    assert_scales("open links", "[a](", 16 * KB);
    assert_scales("open titles", "[a](b \"", 16 * KB);
    assert_scales("stars", "*a **b ***c ", 16 * KB);
    assert_scales("headers", "# h\n", 8 * KB);
    assert_scales("rules", "***\n", 8 * KB);
    assert_scales("setext rules", "---\n", 8 * KB);
    assert_scales("setext headers", "a\n===\n", 8 * KB);
    assert_scales("tables", "a|b\n-|-\n", 8 * KB);
    assert_scales("attribute lists", "*a*{: .c}", 8 * KB);
    let defs = |n: usize| {
        (0..n)
            .map(|i| format!("[r{i}]: /x{i}\n[^{i}]: note\nuse [a][r{i}] and[^{i}]\n"))
            .collect::<String>()
    };
    assert_scales_on("references and footnotes", &defs(200), &defs(800));
    let brackets = |n: usize| "[".repeat(n) + &"]".repeat(n);
    assert_scales_on("bracket halves", &brackets(8 * KB), &brackets(32 * KB));
}
