//! Draft templates: `draft/DRAFT_TEMPLATE` with `$twir_*` placeholders, or a built-in one.

use jiff::civil::Date;

/// The values a template's placeholders take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftVars {
    /// `$twir_issue_number`.
    pub number: u32,
    /// `$twir_issue_date`.
    pub date: Date,
    /// `$twir_events_end_date` (the issue date + the events window).
    pub events_end: Date,
    /// `$twir_events_list`: the carried-over events, Markdown.
    pub events_list: String,
}

/// Fills the `$twir_*` placeholders of `template`. Longer names are replaced first so that
/// `$twir_issue_date` never eats the start of another name.
pub fn render_template(template: &str, vars: &DraftVars) -> String {
    let events = vars.events_list.trim_end_matches('\n');
    let pairs = [
        ("$twir_events_end_date", vars.events_end.to_string()),
        ("$twir_issue_number", vars.number.to_string()),
        ("$twir_events_list", events.to_string()),
        ("$twir_issue_date", vars.date.to_string()),
    ];
    let mut out = template.to_string();
    for (key, value) in pairs {
        out = out.replace(key, &value);
    }
    out
}

/// The template used when the repository has no `DRAFT_TEMPLATE`: TWiR's sections, empty.
pub const BUILTIN_TEMPLATE: &str = include_str!("builtin_template.md");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_every_placeholder() {
        let vars = DraftVars {
            number: 667,
            date: Date::constant(2026, 9, 2),
            events_end: Date::constant(2026, 9, 30),
            events_list: "### Virtual\n* x\n".into(),
        };
        let out = render_template(BUILTIN_TEMPLATE, &vars);
        assert!(!out.contains("$twir"), "{out}");
        assert!(out.starts_with("Title: This Week in Rust 667\nNumber: 667\nDate: 2026-09-02\n"));
        assert!(out.contains("Rusty Events between 2026-09-02 - 2026-09-30"));
        assert!(out.contains("### Virtual\n* x\n"));
    }
}
