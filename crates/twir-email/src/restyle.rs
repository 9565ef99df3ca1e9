//! Inlining CSS into a theme's page without changing its markup.
//!
//! css-inline computes every element's style well, but it reads the page with an HTML5 tree
//! builder and writes back the tree: tables get a `<tbody>`, a link inside a link (Python-
//! Markdown's heading self-links around a linked heading) becomes two sibling links. Mail
//! clients build the same tree from either, but the page the editors know (and compare with
//! what juice makes today) is the one the theme wrote. So twir keeps the theme's page as
//! written, token for token, and takes from css-inline's result only the `style` of each
//! element (matched in document order by tag name and attributes) and the `@media` rules
//! it keeps in `<style>`. Like juice, it also repeats alignment, background and sizes of
//! table cells and images as HTML attributes (`presentational`).

use crate::error::EmailError;
use crate::inline::inline_css;
use crate::presentational;
use crate::tokens::{self, Event};
use html5ever::local_name;
use html5ever::tokenizer::Tag;
use std::borrow::Cow;

/// How far ahead in css-inline's elements a match is looked for: elements the tree builder
/// adds (`<tbody>`, reopened formatting elements) are skipped over.
const LOOKAHEAD: usize = 8;

/// `page` with its CSS inlined: every rule of its `<style>` blocks moved into `style`
/// attributes, the `@`-rules (dark mode, narrow screens) kept in one `<style>` at the end of
/// `<head>`, `<link rel="stylesheet">` and the other `<style>` blocks removed, and everything
/// else as the page has it.
pub fn inline_keeping_markup(page: &str) -> Result<String, EmailError> {
    let inlined = inline_css(page)?;
    let (styled, at_rules) = styled_elements(&inlined);
    Ok(restyle(page, &styled, at_rules.as_deref()))
}

/// An element of css-inline's output: its identity (name and attributes but `style`) and
/// its computed style.
#[derive(Debug)]
struct Styled {
    key: String,
    style: Option<String>,
}

/// The elements of css-inline's output in document order, and the text of its `<style>`
/// (the kept `@`-rules).
fn styled_elements(inlined: &str) -> (Vec<Styled>, Option<String>) {
    let mut elements = Vec::new();
    let mut at_rules: Option<String> = None;
    let mut in_style = false;
    tokens::for_each(inlined, |event| match event {
        Event::Start(tag) if tag.name == local_name!("style") => {
            in_style = true;
            at_rules.get_or_insert_with(String::new);
        }
        Event::Start(tag) => elements.push(Styled {
            key: key(tag),
            style: attr(tag, "style").map(str::to_string),
        }),
        Event::End(tag) if tag.name == local_name!("style") => in_style = false,
        Event::Text(text, _) if in_style => {
            if let Some(css) = at_rules.as_mut() {
                css.push_str(text);
            }
        }
        _ => {}
    });
    (elements, at_rules.filter(|css| !css.trim().is_empty()))
}

/// Writes `page` back with the styles of `styled`.
fn restyle(page: &str, styled: &[Styled], at_rules: Option<&str>) -> String {
    let mut out = String::with_capacity(page.len() + page.len() / 2);
    let mut next = 0;
    let mut skipping = false;
    let mut placed = at_rules.is_none();
    let style_block = |out: &mut String| {
        if let Some(css) = at_rules {
            out.push_str("<style>");
            out.push_str(css);
            out.push_str("</style>\n");
        }
    };
    tokens::for_each(page, |event| match event {
        Event::Start(tag) if tag.name == local_name!("style") => skipping = true,
        Event::End(tag) if tag.name == local_name!("style") => skipping = false,
        _ if skipping => {}
        Event::Start(tag) if is_stylesheet_link(tag) => {}
        Event::Start(tag) => {
            let k = key(tag);
            let found = styled[next.min(styled.len())..]
                .iter()
                .take(LOOKAHEAD)
                .position(|s| s.key == k);
            let style = match found {
                Some(offset) => {
                    let s = &styled[next + offset];
                    next += offset + 1;
                    s.style.as_deref().map(Cow::Borrowed)
                }
                // Not in css-inline's tree (ignored by the tree builder): kept unstyled.
                None => attr(tag, "style").map(Cow::Borrowed),
            };
            let derived = style
                .as_deref()
                .map(|s| presentational::attributes(&tag.name, s, attr(tag, "style").unwrap_or("")))
                .unwrap_or_default();
            let mut extra: Vec<(&str, &str)> = derived
                .iter()
                .filter(|(name, _)| attr(tag, name).is_none())
                .map(|(name, value)| (*name, value.as_str()))
                .collect();
            extra.extend(style.as_deref().map(|s| ("style", s)));
            tokens::write_start(
                &mut out,
                tag,
                |name, value| match derived.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => Some(Cow::Owned(v.clone())),
                    None => (name != "style").then(|| value.into()),
                },
                &extra,
            );
        }
        Event::End(tag) => {
            if tag.name == local_name!("head") && !placed {
                style_block(&mut out);
                placed = true;
            }
            tokens::write_end(&mut out, &tag.name);
        }
        Event::Text(text, content) => tokens::write_text(&mut out, text, content),
        Event::Comment(text) => tokens::write_comment(&mut out, text),
        Event::Doctype(name) => {
            out.push_str("<!DOCTYPE ");
            out.push_str(name);
            out.push('>');
        }
    });
    if !placed {
        // A page without `</head>`: the rules go first.
        let mut with = String::with_capacity(out.len() + 512);
        style_block(&mut with);
        with.push_str(&out);
        out = with;
    }
    out
}

/// What identifies an element between the page and css-inline's output: its name and its
/// attributes but `style`, in name order (css-inline writes an element's attributes back in
/// an order of its own).
fn key(tag: &Tag) -> String {
    let mut attrs: Vec<(&str, &str)> = tag
        .attrs
        .iter()
        .filter(|a| &*a.name.local != "style")
        .map(|a| (&*a.name.local, &*a.value))
        .collect();
    attrs.sort_unstable();
    let mut k = tag.name.to_string();
    for (name, value) in attrs {
        k.push('\0');
        k.push_str(name);
        k.push('=');
        k.push_str(value);
    }
    k
}

fn attr<'t>(tag: &'t Tag, name: &str) -> Option<&'t str> {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| &*a.value)
}

fn is_stylesheet_link(tag: &Tag) -> bool {
    tag.name == local_name!("link")
        && attr(tag, "rel").is_some_and(|r| {
            r.split_ascii_whitespace()
                .any(|t| t.eq_ignore_ascii_case("stylesheet"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
        <style type=\"text/css\">.x a { color: red } a.t { color: gray } \
        @media (prefers-color-scheme: dark) { a { color: white !important } }</style>\
        <link rel=\"stylesheet\" href=\"https://cdn.example/x.css\"></head>\
        <body><table style=\"width:100%;\"><tr><td class=\"x\">\
        <h3 id=\"h\"><a class=\"t\" href=\"#h\"><a href=\"https://r.example/\">R</a></a></h3>\
        </td></tr></table><span style=\"\">s</span></body></html>";

    #[test]
    fn markup_stays_as_written_and_styles_come_in() {
        let out = inline_keeping_markup(PAGE).unwrap();
        // No <tbody> added, the nested link kept nested.
        assert!(!out.contains("<tbody"), "{out}");
        assert!(
            out.contains("<a class=\"t\" href=\"#h\" style=\"color:gray\"><a href=\"https://r.example/\" style=\"color:red\">R</a></a>"),
            "{out}"
        );
        // The page's own style attributes merge with the rules (no rule matched this table:
        // like juice, no attribute repeats its width).
        assert!(
            out.contains("<table style=\"width:100%\">")
                || out.contains("<table style=\"width:100%;\">"),
            "{out}"
        );
        // @media kept at the end of <head>, the other <style> and the stylesheet link gone.
        assert_eq!(out.matches("<style>").count(), 1, "{out}");
        assert!(out.contains("@media (prefers-color-scheme: dark)"), "{out}");
        assert!(out.find("<style>").unwrap() < out.find("</head>").unwrap());
        assert!(
            !out.contains(".x a {") && !out.contains("cdn.example"),
            "{out}"
        );
        assert!(out.starts_with("<!DOCTYPE html>"), "{out}");
    }

    #[test]
    fn elements_the_tree_builder_drops_stay_unstyled() {
        // A second <body> is merged away by the tree builder: nothing to match, no shift.
        let page = "<html><head><style>p { margin: 0 }</style></head><body><p>a</p>\
                    <body class=\"z\"><p>b</p></body></html>";
        let out = inline_keeping_markup(page).unwrap();
        assert!(out.contains("<body class=\"z\">"), "{out}");
        assert_eq!(out.matches("<p style=\"margin:0\">").count(), 2, "{out}");
    }

    #[test]
    fn attributes_in_another_order_still_match() {
        // css-inline writes attributes back in its own order; the element must still get its
        // style (the TWiR theme's logo and layout tables lost theirs this way).
        let page = "<html><head><style>.logo { width: 30px }</style></head><body>\
                    <img class=\"logo\" src=\"https://x.example/l.png\" alt=\"\" aria-hidden=\"true\">\
                    <table class=\"row\" cellspacing=\"0\" cellpadding=\"0\" align=\"left\"><tr><td>x</td></tr></table>\
                    </body></html>";
        let out = inline_keeping_markup(page).unwrap();
        assert!(
            out.contains("<img class=\"logo\" src=\"https://x.example/l.png\" alt=\"\" aria-hidden=\"true\" width=\"30\" style=\"width:30px\">"),
            "{out}"
        );
    }
}
