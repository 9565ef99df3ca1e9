//! The hostile inputs of the email edition's size tests (`tests/scaling.rs`, bounded time and
//! stack) and of its benchmark (`benches/email_scaling.rs`, how time grows): many links, many
//! unclosed `<div>`, deep quotes.

use twir_content::{Document, Site};
use twir_email::Options;

/// A site with the default settings.
pub fn site() -> Site {
    Site {
        root: ".".into(),
        config: Default::default(),
    }
}

/// Issue 9 with `body`.
pub fn issue(body: &str) -> Document {
    Document::parse(format!(
        "Title: This Week in Rust 9\nNumber: 9\nDate: 2024-01-03\n\n{body}"
    ))
}

/// The default theme, a fixed clock.
pub fn options() -> Options {
    Options {
        theme: None,
        to: None,
        now: jiff::Timestamp::from_second(1_705_500_000).unwrap_or(jiff::Timestamp::UNIX_EPOCH),
    }
}

/// `n` links in one section (about 80 bytes each).
pub fn links(n: usize) -> String {
    let mut s = String::from("## Links\n\n");
    for i in 0..n {
        s.push_str(&format!(
            "* [A link to something interesting](https://example.org/some/path/article-{i})\n"
        ));
    }
    s
}

/// `n` `<div>` never closed.
pub fn unclosed_divs(n: usize) -> String {
    format!("{}\nx\n", "<div>\n".repeat(n))
}

/// A quote nested `n` deep.
pub fn nested_quotes(n: usize) -> String {
    format!("{} x\n", ">".repeat(n))
}
