//! Robustness: adversarial and generated inputs must render without
//! panicking, without exhausting the stack and in time proportional to
//! their size. (`cargo-fuzz` runs the same property through
//! `fuzz/fuzz_targets/markdown_render.rs` where nightly is available.)

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

/// Headers, rules and tables without blank lines between them are cut off
/// one at a time and the remainder copied (quadratic in the block length,
/// see FIDELITY.md), so this test stays at 16 KiB blocks.
const BLOCK: usize = 1 << 14;

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
