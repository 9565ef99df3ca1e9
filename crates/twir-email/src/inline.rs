//! CSS inlining, and the checks that the result is what mail clients need: no rule left in a
//! `<style>` block except `@media` ones, and no relative URL.

use crate::error::EmailError;
use css_inline::CSSInliner;

/// Moves every rule of the document's `<style>` blocks into `style=""` attributes, keeping only
/// the `@`-rules (dark mode, narrow screens) in a `<style>` block. Never loads anything.
pub fn inline_css(html: &str) -> Result<String, EmailError> {
    let inliner = CSSInliner::options()
        .inline_style_tags(true)
        .keep_style_tags(false)
        .keep_link_tags(false)
        .keep_at_rules(true)
        .load_remote_stylesheets(false)
        .minify_css(true)
        .build();
    let inlined = inliner
        .inline(html)
        .map_err(|e| EmailError::Inline(e.to_string()))?;
    Ok(move_style_to_head_end(inlined))
}

/// css-inline puts the kept `@`-rules at the very start of `<head>`, which can push
/// `<meta charset>` past the first 1024 bytes browsers scan for it; the end of `<head>` works
/// as well for the rules.
fn move_style_to_head_end(html: String) -> String {
    let (Some(start), Some(head_end)) = (html.find("<style>"), html.find("</head>")) else {
        return html;
    };
    let Some(len) = html[start..].find("</style>").map(|i| i + "</style>".len()) else {
        return html;
    };
    if start + len > head_end {
        return html;
    }
    let block = &html[start..start + len];
    let mut out = String::with_capacity(html.len() + 1);
    out.push_str(&html[..start]);
    out.push_str(&html[start + len..head_end]);
    out.push_str(block);
    out.push('\n');
    out.push_str(&html[head_end..]);
    out
}

/// The selectors of rules still sitting in `<style>` blocks that are not inside an `@`-rule:
/// these would be lost by clients that strip `<style>`. Empty for a good edition.
pub fn uninlined_rules(html: &str) -> Vec<String> {
    style_blocks(html)
        .iter()
        .flat_map(|css| top_level_selectors(css))
        .collect()
}

/// The `@`-rule preludes (`@media (prefers-color-scheme: dark)`...) of the `<style>` blocks.
pub fn kept_at_rules(html: &str) -> Vec<String> {
    style_blocks(html)
        .iter()
        .flat_map(|css| top_level_items(css))
        .filter(|p| p.starts_with('@'))
        .collect()
}

/// The text of each `<style>` element, found by tokenizing: a `<style` written inside an
/// attribute value or a comment is not one (the email_html fuzz target found a page whose
/// CSS, copied into `style=""` attributes, read as leftover rules to a string search).
fn style_blocks(html: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut open: Option<String> = None;
    crate::tokens::for_each(html, |event| match event {
        crate::tokens::Event::Start(tag) if tag.name == html5ever::local_name!("style") => {
            open = Some(String::new());
        }
        crate::tokens::Event::Text(text, _) => {
            if let Some(css) = open.as_mut() {
                css.push_str(text);
            }
        }
        crate::tokens::Event::End(tag) if tag.name == html5ever::local_name!("style") => {
            blocks.extend(open.take());
        }
        _ => {}
    });
    blocks.extend(open);
    blocks
}

fn top_level_selectors(css: &str) -> Vec<String> {
    top_level_items(css)
        .into_iter()
        .filter(|p| !p.starts_with('@'))
        .collect()
}

/// The preludes of the top-level items of a stylesheet: a selector list or an `@`-rule head.
fn top_level_items(css: &str) -> Vec<String> {
    let css = strip_comments(css);
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut prelude = String::new();
    for c in css.chars() {
        match c {
            '{' => {
                if depth == 0 {
                    items.push(prelude.trim().to_string());
                    prelude.clear();
                }
                depth += 1;
            }
            '}' => depth = depth.saturating_sub(1),
            ';' if depth == 0 => {
                // A statement at-rule such as `@import`/`@charset`.
                if !prelude.trim().is_empty() {
                    items.push(prelude.trim().to_string());
                }
                prelude.clear();
            }
            c if depth == 0 => prelude.push(c),
            _ => {}
        }
    }
    items
}

fn strip_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(i) = rest.find("/*") {
        out.push_str(&rest[..i]);
        match rest[i + 2..].find("*/") {
            Some(j) => rest = &rest[i + 2 + j + 2..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_leftover_rules_but_not_media() {
        let html = "<style>/* c */ a { x: y } @media (max-width: 1px) { a { x: z } }</style>\
                    <STYLE type=\"text/css\">p, li { m: 0 }</STYLE>";
        assert_eq!(uninlined_rules(html), ["a", "p, li"]);
        assert_eq!(kept_at_rules(html), ["@media (max-width: 1px)"]);
    }

    #[test]
    fn style_text_inside_attributes_is_not_a_style_block() {
        let html = "<p style=\"a{x:y}<style>b { c: d }</style>\">t</p><!-- <style>e {}</style> -->";
        assert!(uninlined_rules(html).is_empty());
        assert_eq!(uninlined_rules("<style>f { g: h }"), ["f"]);
    }

    #[test]
    fn inlines_and_keeps_media_rules() {
        let html = "<html><head><style>p { color: red } @media (prefers-color-scheme: dark) { p { color: white !important } }</style></head><body><p>x</p></body></html>";
        let out = inline_css(html).unwrap();
        assert!(out.contains("<p style=\"color:red\">x</p>"), "{out}");
        assert!(uninlined_rules(&out).is_empty(), "{out}");
        assert_eq!(kept_at_rules(&out), ["@media (prefers-color-scheme: dark)"]);
        let style = out.find("<style>").unwrap();
        assert!(style > out.find("<head>").unwrap() && style < out.find("</head>").unwrap());
    }

    #[test]
    fn kept_rules_go_after_the_charset() {
        let html = "<html><head><meta charset=\"utf-8\"><title>t</title><style>@media print { p { x: y } }</style></head><body></body></html>";
        let out = inline_css(html).unwrap();
        assert!(
            out.find("<style>").unwrap() > out.find("<title>").unwrap(),
            "{out}"
        );
    }
}
