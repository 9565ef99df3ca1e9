//! A bound on how deeply the body's elements nest, applied before any HTML parser builds a tree
//! of it.
//!
//! Why a pass of its own (measured on `twir email` with 10,000 and 20,000 unclosed `<div>`,
//! release build): html5ever's tree builder checks element scopes by walking the stack of open
//! elements, so each tag costs time in proportion to the depth (two thirds of the run went to
//! `in_scope_named`; 4x the input took 14x the time), and css-inline writes its document back
//! recursively, which overflowed the 8 MB main stack at 10,000 levels (and a 2 MB server thread
//! far sooner). An issue written in Markdown nests about a dozen deep.
//!
//! The pass runs html5ever's tokenizer (linear) over the body and keeps a conservative model of
//! the open elements: it forgets an element only when the tree builder certainly closes it too
//! (its end tag while it is the innermost, or an end or start tag that implicitly closes a `<p>`,
//! `<li>` and the like on top). A start tag that would open an element deeper than
//! [`MAX_DEPTH`] is dropped, with its end tag and, for `<script>`/`<style>`-like elements, its
//! content; the text inside is kept. A body that never comes near the bound is returned as it
//! was, byte for byte.

use crate::tokens::{self, Content, Event};
use html5ever::tokenizer::Tag;
use html5ever::{LocalName, local_name};
use std::borrow::Cow;
use std::collections::HashMap;

/// Deepest element nesting kept in the body (the email template adds its own levels).
pub const MAX_DEPTH: usize = 128;

/// `html` with every element opened deeper than [`MAX_DEPTH`] dropped (its content kept);
/// unchanged when nothing is that deep.
pub fn cap_nesting(html: &str) -> Cow<'_, str> {
    cap_nesting_at(html, MAX_DEPTH)
}

fn cap_nesting_at(html: &str, max_depth: usize) -> Cow<'_, str> {
    let mut model = Nesting::new(max_depth);
    let mut out = String::with_capacity(html.len() + 64);
    tokens::for_each(html, |event| match event {
        Event::Start(tag) => {
            if model.start(tag) {
                tokens::write_start(&mut out, tag, |_, v| Some(v.into()), &[]);
            }
        }
        Event::End(tag) => {
            if model.end(tag) {
                tokens::write_end(&mut out, &tag.name);
            }
        }
        Event::Text(text, content) => {
            if model.keeps_text() {
                tokens::write_text(&mut out, text, content);
            }
        }
        Event::Comment(text) => tokens::write_comment(&mut out, text),
        // A fragment has no doctype.
        Event::Doctype(_) => {}
    });
    if model.dropped_any {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(html)
    }
}

/// The model of the open elements: says which tags to keep.
#[derive(Debug, Default)]
pub struct Nesting {
    max_depth: usize,
    /// The open elements as the tree builder has them at least.
    open: Vec<LocalName>,
    /// Start tags dropped and not yet closed, by name.
    dropped: HashMap<LocalName, usize>,
    dropped_any: bool,
    /// Open `<svg>`/`<math>` elements: there a `/>` closes an element.
    foreign: usize,
    /// Inside a dropped raw-text element (`<style>`...): its text goes too.
    skipping_raw: bool,
}

impl Nesting {
    /// A model that keeps at most `max_depth` elements open.
    pub fn new(max_depth: usize) -> Nesting {
        Nesting {
            max_depth,
            ..Nesting::default()
        }
    }

    /// Whether any tag was dropped so far.
    pub fn dropped_any(&self) -> bool {
        self.dropped_any
    }

    /// Whether text read now is kept.
    pub fn keeps_text(&self) -> bool {
        !self.skipping_raw
    }

    /// Takes a start tag into account; whether to keep it.
    pub fn start(&mut self, tag: &Tag) -> bool {
        let name = &tag.name;
        if is_void(name) {
            return true;
        }
        // Start tags the tree builder closes an open element of the same kind for.
        if let Some(top) = self.open.last()
            && (closes_same(name, top) || (*top == local_name!("p") && closes_p(name)))
        {
            self.pop();
        }
        let self_closed = tag.self_closing && self.foreign > 0;
        if self_closed {
            return true;
        }
        if self.open.len() >= self.max_depth {
            *self.dropped.entry(name.clone()).or_insert(0) += 1;
            self.dropped_any = true;
            if self.foreign == 0 && Content::of(name) != Content::Normal {
                self.skipping_raw = true;
            }
            return false;
        }
        if matches!(*name, local_name!("svg") | local_name!("math")) {
            self.foreign += 1;
        }
        self.open.push(name.clone());
        true
    }

    /// Takes an end tag into account; whether to keep it.
    pub fn end(&mut self, tag: &Tag) -> bool {
        let name = &tag.name;
        if self.skipping_raw {
            // Only the dropped element's own end tag ends its text.
            self.skipping_raw = false;
            self.take_dropped(name);
            return false;
        }
        if self.open.last() == Some(name) {
            self.pop();
            return true;
        }
        // Elements with optional end tags on top are closed by any end tag that closes an
        // element below them, as the tree builder's "generate implied end tags" does.
        let implied = self
            .open
            .iter()
            .rev()
            .take_while(|n| has_implied_end(n) && *n != name)
            .count();
        if implied > 0
            && self.open.len() > implied
            && self.open[self.open.len() - implied - 1] == *name
        {
            for _ in 0..=implied {
                self.pop();
            }
            return true;
        }
        // Otherwise the tree builder decides; the model keeps what may still be open.
        !self.take_dropped(name)
    }

    fn take_dropped(&mut self, name: &LocalName) -> bool {
        match self.dropped.get_mut(name) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        }
    }

    fn pop(&mut self) {
        if let Some(name) = self.open.pop()
            && matches!(name, local_name!("svg") | local_name!("math"))
        {
            self.foreign = self.foreign.saturating_sub(1);
        }
    }
}

fn is_void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("basefont")
            | local_name!("bgsound")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("frame")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("image")
            | local_name!("input")
            | local_name!("keygen")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("param")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
    )
}

/// Elements "generate implied end tags" closes.
fn has_implied_end(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("p")
            | local_name!("li")
            | local_name!("dd")
            | local_name!("dt")
            | local_name!("option")
            | local_name!("optgroup")
            | local_name!("rb")
            | local_name!("rp")
            | local_name!("rt")
            | local_name!("rtc")
    )
}

/// Whether start tag `name` closes an element `top` that is the innermost open one.
fn closes_same(name: &LocalName, top: &LocalName) -> bool {
    let item = |n: &LocalName| matches!(*n, local_name!("dd") | local_name!("dt"));
    (name == top
        && matches!(
            *name,
            local_name!("li")
                | local_name!("p")
                | local_name!("option")
                | local_name!("tr")
                | local_name!("td")
                | local_name!("th")
        ))
        || (item(name) && item(top))
}

/// Start tags that close an open `<p>`.
fn closes_p(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("address")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("blockquote")
            | local_name!("center")
            | local_name!("details")
            | local_name!("dialog")
            | local_name!("dir")
            | local_name!("div")
            | local_name!("dl")
            | local_name!("fieldset")
            | local_name!("figcaption")
            | local_name!("figure")
            | local_name!("footer")
            | local_name!("header")
            | local_name!("hgroup")
            | local_name!("main")
            | local_name!("menu")
            | local_name!("nav")
            | local_name!("ol")
            | local_name!("section")
            | local_name!("summary")
            | local_name!("ul")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("pre")
            | local_name!("listing")
            | local_name!("form")
            | local_name!("table")
            | local_name!("hr")
            | local_name!("xmp")
            | local_name!("plaintext")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    /// Depth of the deepest element html5ever builds from a fragment.
    fn built_depth(html: &str) -> usize {
        let doc = Html::parse_fragment(html);
        let mut deepest = 0;
        for node in doc.tree.nodes() {
            let depth = node.ancestors().count();
            deepest = deepest.max(depth);
        }
        deepest
    }

    #[test]
    fn ordinary_bodies_come_back_unchanged() {
        let html = "<h2 id=\"a\"><a class=\"toclink\" href=\"#a\">A &amp; B</a></h2>\n\
                    <ul>\n<li><p>x <code>&lt;T&gt;</code></p><ul><li>y</li></ul></li>\n</ul>\
                    <p>one<p>two<br><img src=x></p><style>p > a { x: y }</style><!-- c -->";
        assert!(matches!(cap_nesting(html), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_cut_and_text_kept() {
        let html = format!("{}x{}", "<div>".repeat(10_000), "</div>".repeat(3));
        let capped = cap_nesting(&html);
        assert_eq!(capped.matches("<div>").count(), MAX_DEPTH);
        assert!(capped.contains('x'));
        assert!(built_depth(&capped) <= MAX_DEPTH + 4);
    }

    #[test]
    fn models_that_could_undercount_stay_bounded() {
        // The tree builder ignores `</span>` over a `<div>` and `</div>` past a table cell;
        // the model must not forget those elements.
        for unit in [
            "<span><div></span>",
            "<div><table><tr><td></div>",
            "<ul><li><b><li>",
            "<p><i id=1><i id=2><i id=3></p>x",
            "<svg><g><foreignObject><div>",
            "<a><div><a>",
        ] {
            let html = unit.repeat(600);
            assert!(built_depth(&html) > 500, "{unit}: not a deep case");
            let capped = cap_nesting_at(&html, 32);
            let depth = built_depth(&capped);
            assert!(depth <= 4 * 32 + 8, "{unit}: depth {depth}");
        }
        // Formatting elements the tree builder reopens after a `</p>`: distinct attributes
        // defeat its limit of three alike.
        let mut html = String::new();
        for round in 0..30 {
            html.push_str("<p>");
            for i in 0..40 {
                html.push_str(&format!("<i id=\"{round}-{i}\">"));
            }
            html.push_str("</p>x");
        }
        assert!(built_depth(&html) > 500);
        let depth = built_depth(&cap_nesting_at(&html, 32));
        assert!(depth <= 4 * 32 + 8, "reopened formatting: depth {depth}");
    }

    #[test]
    fn dropped_raw_text_goes_with_its_element() {
        let html = format!(
            "{}<script>alert(1)</script><style>a {{}}</style><textarea>&lt;/textarea&gt;</textarea>z",
            "<div>".repeat(4)
        );
        let capped = cap_nesting_at(&html, 4);
        assert!(
            !capped.contains("alert") && !capped.contains("a {}"),
            "{capped}"
        );
        assert!(capped.ends_with('z'), "{capped}");
        let html = format!(
            "<div><textarea>&lt;/textarea&gt;</textarea>{}",
            "<div>".repeat(9)
        );
        let kept = cap_nesting_at(&html, 3);
        assert!(matches!(kept, Cow::Owned(_)));
        assert!(
            kept.contains("<textarea>&lt;/textarea&gt;</textarea>"),
            "{kept}"
        );
    }

    #[test]
    fn rewritten_markup_keeps_attributes_and_entities() {
        let html = format!(
            "<p title=\"a &quot;b&quot; &amp; c\">&lt;x&gt;&nbsp;</p>{}",
            "<div>".repeat(3)
        );
        let capped = cap_nesting_at(&html, 1);
        assert!(
            capped.starts_with("<p title=\"a &quot;b&quot; &amp; c\">&lt;x&gt;&nbsp;</p><div>"),
            "{capped}"
        );
    }
}
