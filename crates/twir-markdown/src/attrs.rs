//! Inline attribute lists (`*text*{: .class #id key=value}`), as the
//! `attr_list` extension applies them to the element just before.

use crate::tree::{Inline, InlineElem};

/// Applies `{…}` lists found at the start of the text after an element.
pub(crate) fn apply_inline(items: &mut Vec<Inline>) {
    // Rebuilt in one pass: removing consumed lists in place would shift the
    // rest of the list each time.
    let old = std::mem::take(items);
    items.reserve(old.len());
    let mut it = old.into_iter().peekable();
    while let Some(mut item) = it.next() {
        if let Inline::Elem(e) = &mut item {
            apply_inline(&mut e.children);
            if let Some(Inline::Text(t)) = it.peek()
                && let Some((list, len)) = leading_list(t)
            {
                let list = list.to_string();
                let rest = t[len..].to_string();
                assign(e, &list);
                it.next();
                items.push(item);
                if !rest.is_empty() {
                    items.push(Inline::Text(rest));
                }
                continue;
            }
        }
        items.push(item);
    }
}

/// `{:? attrs }` at the start of `t`: the attribute text and the length.
fn leading_list(t: &str) -> Option<(&str, usize)> {
    let rest = t.strip_prefix('{')?;
    let body_start = usize::from(rest.starts_with(':'));
    let body = &rest[body_start..];
    let close = body.find(['}', '\n'])?;
    if body.as_bytes()[close] != b'}' {
        return None;
    }
    let inner = body[..close].trim_start_matches(' ');
    if inner.is_empty() {
        return None;
    }
    Some((inner.trim_end_matches(' '), 1 + body_start + close + 1))
}

/// Sets `#id`, `.class`, `key=value` and bare `name` attributes.
fn assign(e: &mut InlineElem, list: &str) {
    for tok in tokens(list) {
        if let Some(id) = tok.strip_prefix('#') {
            set(e, "id", id.to_string());
        } else if let Some(class) = tok.strip_prefix('.') {
            match e.attrs.iter_mut().find(|(k, _)| *k == "class") {
                Some((_, v)) => {
                    v.push(' ');
                    v.push_str(class);
                }
                None => e.attrs.push(("class", class.to_string())),
            }
        } else if let Some((k, v)) = tok.split_once('=') {
            let v = v.trim_matches(|c| c == '"' || c == '\'');
            if let Some(k) = known_name(k) {
                set(e, k, v.to_string());
            }
        }
        // Bare words (`{4, 6}`) become odd boolean attributes in
        // Python-Markdown; they are dropped here (see FIDELITY.md).
    }
}

fn set(e: &mut InlineElem, k: &'static str, v: String) {
    match e.attrs.iter_mut().find(|(name, _)| *name == k) {
        Some(slot) => slot.1 = v,
        None => e.attrs.push((k, v)),
    }
}

/// Attribute names accepted in `key=value` form (the tree stores names as
/// static strings; other names are dropped).
fn known_name(k: &str) -> Option<&'static str> {
    const NAMES: &[&str] = &[
        "title", "lang", "dir", "rel", "target", "width", "height", "style", "name", "role",
        "align",
    ];
    NAMES.iter().copied().find(|n| n.eq_ignore_ascii_case(k))
}

/// Space-separated tokens; quoted values may contain spaces.
fn tokens(list: &str) -> Vec<&str> {
    let b = list.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b' ' {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i] != b' ' {
            if b[i] == b'=' && matches!(b.get(i + 1), Some(b'"' | b'\'')) {
                let q = b[i + 1];
                match b[i + 2..].iter().position(|&c| c == q) {
                    Some(n) => i += 2 + n,
                    None => i = b.len() - 1,
                }
            }
            i += 1;
        }
        out.push(&list[start..i.min(b.len())]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_lists() {
        let mut items = vec![
            Inline::Elem(Box::new(InlineElem {
                tag: "em",
                attrs: vec![],
                children: vec![],
            })),
            Inline::Text("{: .c #i title=\"a b\" 4,} rest".into()),
        ];
        apply_inline(&mut items);
        let Inline::Elem(e) = &items[0] else {
            panic!("element expected")
        };
        assert_eq!(
            e.attrs,
            vec![
                ("class", "c".to_string()),
                ("id", "i".to_string()),
                ("title", "a b".to_string())
            ]
        );
        assert!(matches!(&items[1], Inline::Text(t) if t == " rest"));
        assert_eq!(leading_list("{:?}"), Some(("?", 4)));
        assert_eq!(leading_list("{}"), None);
    }
}
