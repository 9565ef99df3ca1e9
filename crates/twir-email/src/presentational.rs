//! HTML attributes that repeat an element's inlined CSS, for mail clients that lay tables out
//! from attributes and ignore much of CSS (Outlook's Word engine). juice, which inlines TWiR's
//! edition today, writes them with its default options, so subscribers get them now: a table
//! cell with `text-align: center` also says `align="center"`, an image 30px wide says
//! `width="30"`. The rules follow juice's documented defaults (`applyAttributesTableElements`,
//! `applyWidthAttributes`, `applyHeightAttributes`).

/// Elements whose alignment and background CSS is repeated as attributes.
const TABLE_ELEMENTS: [&str; 10] = [
    "table", "th", "tr", "td", "caption", "colgroup", "col", "thead", "tbody", "tfoot",
];

/// Elements whose width and height CSS is repeated as attributes.
const SIZED_ELEMENTS: [&str; 4] = ["table", "td", "th", "img"];

/// CSS properties repeated as attributes on table elements, and the attribute.
const STYLE_TO_ATTRIBUTE: [(&str, &str); 4] = [
    ("background-color", "bgcolor"),
    ("background-image", "background"),
    ("text-align", "align"),
    ("vertical-align", "valign"),
];

/// The attributes element `tag` gets from its inlined `style`, in the order of its
/// declarations (a later declaration of a property wins, as in CSS). juice does this only for
/// elements that a stylesheet rule matched: an element whose inlined style says nothing more
/// than its own `style` attribute (`own`, as the page wrote it) gets none.
pub(crate) fn attributes(tag: &str, style: &str, own: &str) -> Vec<(&'static str, String)> {
    let table = TABLE_ELEMENTS.contains(&tag);
    let sized = SIZED_ELEMENTS.contains(&tag);
    if !table && !sized {
        return Vec::new();
    }
    let own: Vec<(String, &str)> = declarations(own).collect();
    if declarations(style).all(|d| own.contains(&d)) {
        return Vec::new();
    }
    let mut out: Vec<(&'static str, String)> = Vec::new();
    let mut set = |name: &'static str, value: String| match out.iter_mut().find(|(n, _)| *n == name)
    {
        Some(slot) => slot.1 = value,
        None => out.push((name, value)),
    };
    for (property, value) in declarations(style) {
        if table && let Some(&(_, name)) = STYLE_TO_ATTRIBUTE.iter().find(|(p, _)| *p == property) {
            let lower = value.to_ascii_lowercase();
            if lower.contains("linear-gradient(") || lower.contains("radial-gradient(") {
                continue;
            }
            let value = if name == "background" {
                background_url(value)
            } else {
                value
            };
            if !value.is_empty() {
                set(name, value.to_string());
            }
        }
        if sized && (property == "width" || property == "height") {
            let name = if property == "width" {
                "width"
            } else {
                "height"
            };
            if value.contains("px") {
                // juice drops the first `px` only: `30px` becomes `30`.
                set(name, value.replacen("px", "", 1));
            } else if tag != "img" && value.contains('%') {
                // Percentages are repeated for table elements only.
                set(name, value.to_string());
            }
        }
    }
    out
}

/// The `property: value` pairs of a `style` attribute, property lower-cased, `!important`
/// dropped, empty ones skipped.
fn declarations(style: &str) -> impl Iterator<Item = (String, &str)> {
    style.split(';').filter_map(|d| {
        let (property, value) = d.split_once(':')?;
        let property = property.trim().to_ascii_lowercase();
        let value = value.trim();
        let value = value
            .strip_suffix("!important")
            .map_or(value, str::trim_end);
        (!property.is_empty() && !value.is_empty()).then_some((property, value))
    })
}

/// The URL inside `url(...)`, unquoted; the value itself when it has none.
fn background_url(value: &str) -> &str {
    let Some(start) = value.find("url(") else {
        return value;
    };
    let rest = &value[start + "url(".len()..];
    let inner = rest.split_once(')').map_or(rest, |(u, _)| u).trim();
    inner.trim_matches(|c| c == '"' || c == '\'')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(tag: &str, style: &str) -> Vec<(&'static str, String)> {
        attributes(tag, style, "")
    }

    #[test]
    fn table_cells_repeat_alignment_and_background() {
        assert_eq!(
            attrs("td", "text-align:center;background-color:#fdfdfd;padding:0"),
            [
                ("align", "center".to_string()),
                ("bgcolor", "#fdfdfd".to_string())
            ]
        );
        assert_eq!(
            attrs("tr", "vertical-align: top !important"),
            [("valign", "top".to_string())]
        );
        assert_eq!(
            attrs("table", "background-image:url('https://x.example/a.png')"),
            [("background", "https://x.example/a.png".to_string())]
        );
        assert!(attrs("td", "background-image:linear-gradient(red, blue)").is_empty());
        // Not a table element: nothing.
        assert!(attrs("p", "text-align:center;width:30px").is_empty());
        // A later declaration wins.
        assert_eq!(
            attrs("td", "text-align:left;text-align:right"),
            [("align", "right".to_string())]
        );
    }

    #[test]
    fn sizes_in_pixels_and_table_percentages() {
        assert_eq!(attrs("img", "width:30px"), [("width", "30".to_string())]);
        assert!(attrs("img", "width:50%").is_empty());
        assert_eq!(
            attrs("table", "width:100%;height:20px"),
            [("width", "100%".to_string()), ("height", "20".to_string())]
        );
        assert!(attrs("td", "width:auto").is_empty());
    }

    #[test]
    fn odd_style_text_is_harmless() {
        for s in [
            "",
            ";;",
            ":",
            "width",
            "text-align:",
            "é:é;url(",
            "background-image:url(",
        ] {
            let _ = attrs("td", s);
        }
        assert_eq!(attrs("td", "background-image:url("), []);
    }

    #[test]
    fn only_elements_a_rule_matched() {
        // Python-Markdown's `<th style="text-align: center;">` that no rule matched: juice
        // leaves it alone; once a rule adds to it, its own declarations count too.
        assert!(attributes("th", "text-align:center", "text-align: center;").is_empty());
        assert_eq!(
            attributes(
                "td",
                "font-family:serif;text-align:center",
                "text-align: center;"
            ),
            [("align", "center".to_string())]
        );
    }
}
