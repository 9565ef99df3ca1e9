//! The one place the Markdown renderer is called, so it can be swapped or tuned in one spot.

use crate::model::Heading;

/// Renders an issue body to HTML (Python-Markdown compatible) and lists its headings.
pub fn render(markdown: &str) -> (String, Vec<Heading>) {
    let r = twir_markdown::render_with_toc(markdown);
    (r.html, crate::load::headings(r.headings))
}
