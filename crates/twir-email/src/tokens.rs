//! HTML as a stream of tags and text, without a tree: for the passes that must keep the markup
//! exactly as written (a theme's page, whose structure an HTML5 tree builder would change:
//! `<tbody>` added to tables, nested links split), and for passes that must stay linear on any
//! input. Built on html5ever's tokenizer, switched into raw-text reading for `<style>`,
//! `<script>` and the like as the tree builder would switch it in a body.

use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::{LocalName, local_name};
use std::cell::{Cell, RefCell};
use twir_escape::push_email;

/// One piece of the stream.
#[derive(Debug)]
pub enum Event<'a> {
    /// A start tag (attributes decoded).
    Start(&'a Tag),
    /// An end tag.
    End(&'a Tag),
    /// Text (references decoded), and how its element reads it.
    Text(&'a str, Content),
    /// A comment's text.
    Comment(&'a str),
    /// `<!DOCTYPE name>`.
    Doctype(&'a str),
}

/// How an element's content is read, as the tree builder tells the tokenizer in a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// Markup and text.
    Normal,
    /// Text with character references (`<title>`, `<textarea>`).
    Rcdata,
    /// Text up to the end tag (`<style>`, `<xmp>`, `<iframe>`, `<noscript>`...).
    Rawtext,
    /// `<script>`.
    Script,
    /// `<plaintext>`: the rest of the input is text.
    Plaintext,
}

impl Content {
    /// How the content of element `name` is read (in HTML, not inside `<svg>`/`<math>`).
    pub fn of(name: &LocalName) -> Content {
        match *name {
            local_name!("title") | local_name!("textarea") => Content::Rcdata,
            local_name!("style")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("noscript") => Content::Rawtext,
            local_name!("script") => Content::Script,
            local_name!("plaintext") => Content::Plaintext,
            _ => Content::Normal,
        }
    }

    /// Whether text in this content is written back without escaping.
    fn is_raw(self) -> bool {
        matches!(
            self,
            Content::Rawtext | Content::Script | Content::Plaintext
        )
    }
}

/// Calls `on` for every tag, text run, comment and doctype of `html`, in order.
pub fn for_each(html: &str, on: impl FnMut(Event<'_>)) {
    let sink = Sink {
        on: RefCell::new(on),
        foreign: Cell::new(0),
        content: Cell::new(Content::Normal),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
}

struct Sink<F> {
    on: RefCell<F>,
    /// Open `<svg>`/`<math>` elements, counted by their tags: inside them `<style>` and the
    /// like hold markup.
    foreign: Cell<usize>,
    /// How the text being read is read.
    content: Cell<Content>,
}

impl<F: FnMut(Event<'_>)> TokenSink for Sink<F> {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut on = self.on.borrow_mut();
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => {
                    on(Event::Start(&tag));
                    let foreign = self.foreign.get();
                    if matches!(tag.name, local_name!("svg") | local_name!("math")) {
                        if !tag.self_closing {
                            self.foreign.set(foreign + 1);
                        }
                        return TokenSinkResult::Continue;
                    }
                    // `<script/>` still opens a script in HTML: the slash only counts in
                    // foreign content.
                    if foreign > 0 {
                        return TokenSinkResult::Continue;
                    }
                    let content = Content::of(&tag.name);
                    self.content.set(content);
                    return match content {
                        Content::Normal => TokenSinkResult::Continue,
                        Content::Rcdata => TokenSinkResult::RawData(RawKind::Rcdata),
                        Content::Rawtext => TokenSinkResult::RawData(RawKind::Rawtext),
                        Content::Script => TokenSinkResult::RawData(RawKind::ScriptData),
                        Content::Plaintext => TokenSinkResult::Plaintext,
                    };
                }
                TagKind::EndTag => {
                    if matches!(tag.name, local_name!("svg") | local_name!("math")) {
                        self.foreign.set(self.foreign.get().saturating_sub(1));
                    }
                    // In raw text only the element's own end tag comes out as a tag.
                    if self.content.get() != Content::Plaintext {
                        self.content.set(Content::Normal);
                    }
                    on(Event::End(&tag));
                }
            },
            Token::CharacterTokens(text) => on(Event::Text(&text, self.content.get())),
            Token::CommentToken(text) => on(Event::Comment(&text)),
            Token::DoctypeToken(d) => {
                on(Event::Doctype(d.name.as_deref().unwrap_or("html")));
            }
            // The tree builder ignores NULs in a body.
            Token::NullCharacterToken | Token::EOFToken | Token::ParseError(_) => {}
        }
        TokenSinkResult::Continue
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.foreign.get() > 0
    }
}

/// Writes a start tag; `attr` may rewrite or drop (`None`) each attribute value, and `extra`
/// attributes are added at the end.
pub fn write_start<'t>(
    out: &mut String,
    tag: &'t Tag,
    mut attr: impl FnMut(&'t str, &'t str) -> Option<std::borrow::Cow<'t, str>>,
    extra: &[(&str, &str)],
) {
    out.push('<');
    out.push_str(&tag.name);
    for a in &tag.attrs {
        if let Some(value) = attr(&a.name.local, &a.value) {
            push_attr(out, &a.name.local, &value);
        }
    }
    for (name, value) in extra {
        push_attr(out, name, value);
    }
    if tag.self_closing {
        out.push_str(" /");
    }
    out.push('>');
}

fn push_attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    push_email(out, value, true);
    out.push('"');
}

/// Writes an end tag.
pub fn write_end(out: &mut String, name: &str) {
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// Writes text as read in `content`: escaped, except in raw-text elements (whose text cannot
/// contain their end tag).
pub fn write_text(out: &mut String, text: &str, content: Content) {
    if content.is_raw() {
        out.push_str(text);
    } else {
        push_email(out, text, false);
    }
}

/// Writes a comment.
pub fn write_comment(out: &mut String, text: &str) {
    out.push_str("<!--");
    out.push_str(text);
    out.push_str("-->");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes the stream back unchanged.
    fn round_trip(html: &str) -> String {
        let mut out = String::new();
        for_each(html, |e| match e {
            Event::Start(t) => write_start(&mut out, t, |_, v| Some(v.into()), &[]),
            Event::End(t) => write_end(&mut out, &t.name),
            Event::Text(t, c) => write_text(&mut out, t, c),
            Event::Comment(t) => write_comment(&mut out, t),
            Event::Doctype(d) => out.push_str(&format!("<!DOCTYPE {d}>")),
        });
        out
    }

    #[test]
    fn structure_is_kept_as_written() {
        let html = "<!DOCTYPE html><table><tr><td><a href=\"#x\"><a href=\"y?a=1&amp;b\">t</a></a></td></tr></table>";
        assert_eq!(round_trip(html), html);
    }

    #[test]
    fn raw_text_is_read_as_the_tree_builder_reads_it() {
        let html = "<style>p > a { x: \"<b>\" }</style><script>if (a < b) {}</script>\
                    <title>a &lt;/title&gt; b</title><p>&lt;x&gt; &amp;&nbsp;</p>\
                    <svg><style><g/></style></svg><!-- c -->";
        assert_eq!(
            round_trip(html),
            "<style>p > a { x: \"<b>\" }</style><script>if (a < b) {}</script>\
             <title>a &lt;/title&gt; b</title><p>&lt;x&gt; &amp;&nbsp;</p>\
             <svg><style><g /></style></svg><!-- c -->"
        );
        assert_eq!(
            round_trip("<plaintext></plaintext><b>"),
            "<plaintext></plaintext><b>"
        );
    }
}
