//! The input shapes that used to be quadratic (the remainder of a block copied per construct,
//! rescans per bracket or backtick, linear id and footnote lookups, attribute lists removed in
//! place), each at a base size and at 4x. Shared by `tests/stress.rs` (every input renders
//! within a generous bound) and `benches/scaling.rs` (4x the input costs less than 10x the
//! time: linear work gives about 4x, quadratic 16x).

const KB: usize = 1 << 10;

pub use twir_testkit::scaling::Case;

fn repeat(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len().max(1))
}

fn unit(name: &'static str, unit: &str, bytes: usize) -> Case {
    Case {
        name,
        small: repeat(unit, bytes),
        large: repeat(unit, 4 * bytes),
    }
}

/// Every shape, in a fixed order.
pub fn cases() -> Vec<Case> {
    let defs = |n: usize| {
        (0..n)
            .map(|i| format!("[r{i}]: /x{i}\n[^{i}]: note\nuse [a][r{i}] and[^{i}]\n"))
            .collect::<String>()
    };
    let brackets = |n: usize| "[".repeat(n) + &"]".repeat(n);
    vec![
        unit("brackets", "[", 16 * KB),
        unit("nested brackets", "[[]]", 16 * KB),
        unit("backticks", "`a``b```c", 16 * KB),
        unit("open links", "[a](", 16 * KB),
        unit("open titles", "[a](b \"", 16 * KB),
        unit("stars", "*a **b ***c ", 16 * KB),
        unit("headers", "# h\n", 8 * KB),
        unit("rules", "***\n", 8 * KB),
        unit("setext rules", "---\n", 8 * KB),
        unit("setext headers", "a\n===\n", 8 * KB),
        unit("tables", "a|b\n-|-\n", 8 * KB),
        unit("attribute lists", "*a*{: .c}", 8 * KB),
        Case {
            name: "references and footnotes",
            small: defs(200),
            large: defs(800),
        },
        Case {
            name: "bracket halves",
            small: brackets(8 * KB),
            large: brackets(32 * KB),
        },
    ]
}
