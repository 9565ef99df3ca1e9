//! Inserting submitted link lines at the end of their sections, each with its attribution.

use twir_content::{BlockKind, Document};

/// The attribution comment that ends each merged line: ` <!-- pr:N -->` (one space before it).
/// `twir publish` removes it; the pattern is `\s<!-- pr:\d+ -->$` on a line.
pub fn attribution(number: u64) -> String {
    format!("<!-- pr:{number} -->")
}

/// One line to insert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Insertion {
    /// Pull request number, for the attribution.
    pub number: u64,
    /// The list item line as submitted (`* [Title](https://...)`).
    pub line: String,
    /// Title of the community subsection it goes to.
    pub section: String,
}

/// Why a line could not be inserted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InsertError {
    /// The draft has no such section.
    #[error("the draft has no section \"{section}\" under \"{community}\" (for #{number})")]
    NoSection {
        /// The community section heading.
        community: String,
        /// The missing subsection.
        section: String,
        /// The pull request.
        number: u64,
    },
}

/// Inserts `items` in order into `draft`, each at the end of the first list of its subsection
/// of `community` (or right under the heading when the subsection has no list yet).
pub fn insert_links(
    draft: &str,
    community: &str,
    items: &[Insertion],
) -> Result<String, InsertError> {
    let mut text = draft.to_string();
    for item in items {
        let doc = Document::parse(text.as_str());
        let missing = || InsertError::NoSection {
            community: community.to_string(),
            section: item.section.clone(),
            number: item.number,
        };
        let top = doc.section(community).ok_or_else(missing)?;
        let sec = if item.section.eq_ignore_ascii_case(community) {
            top
        } else {
            top.children
                .iter()
                .find(|c| {
                    twir_content::section::plain_title(&c.title).eq_ignore_ascii_case(&item.section)
                })
                .ok_or_else(missing)?
        };
        let own = sec.own_blocks();
        let last_list = doc.blocks[own.clone()]
            .iter()
            .rev()
            .find(|b| matches!(b.kind, BlockKind::List(_)));
        let at = match (last_list, sec.heading) {
            (Some(list), _) => list.span.end,
            (None, Some(h)) => doc.blocks[h].span.end,
            (None, None) => sec.span.start,
        };
        let mut insert = String::new();
        if at > 0 && !text[..at].ends_with('\n') {
            insert.push('\n');
        }
        insert.push_str(item.line.trim_end());
        insert.push(' ');
        insert.push_str(&attribution(item.number));
        insert.push('\n');
        text.insert_str(at, &insert);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DRAFT: &str = "Title: T\n\n## Updates from Rust Community\n\n<!-- guide -->\n\n### Official\n\n### Observations/Thoughts\n* [a](https://a)\n* [b](https://b)\n\n### Miscellaneous\n## Crate of the Week\n";

    fn ins(number: u64, line: &str, section: &str) -> Insertion {
        Insertion {
            number,
            line: line.into(),
            section: section.into(),
        }
    }

    #[test]
    fn appends_in_order_to_lists_and_empty_sections() {
        let out = insert_links(
            DRAFT,
            "Updates from Rust Community",
            &[
                ins(7, "* [x](https://x)", "Observations/Thoughts"),
                ins(3, "* [y](https://y)  ", "observations/thoughts"),
                ins(9, "* [o](https://o)", "Official"),
                ins(10, "* [m](https://m)", "Miscellaneous"),
            ],
        )
        .unwrap();
        assert!(
            out.contains("### Official\n* [o](https://o) <!-- pr:9 -->\n\n### Observations"),
            "{out}"
        );
        assert!(
            out.contains("* [b](https://b)\n* [x](https://x) <!-- pr:7 -->\n* [y](https://y) <!-- pr:3 -->\n\n### Misc"),
            "{out}"
        );
        assert!(
            out.contains("### Miscellaneous\n* [m](https://m) <!-- pr:10 -->\n## Crate"),
            "{out}"
        );
        // Everything else is untouched.
        assert_eq!(
            out.lines()
                .filter(|l| !l.contains("<!-- pr:"))
                .collect::<Vec<_>>(),
            DRAFT.lines().collect::<Vec<_>>()
        );
    }

    #[test]
    fn unknown_section_is_an_error() {
        let e = insert_links(
            DRAFT,
            "Updates from Rust Community",
            &[ins(1, "* [x](https://x)", "Nope")],
        )
        .unwrap_err();
        assert!(e.to_string().contains("\"Nope\""));
    }
}
