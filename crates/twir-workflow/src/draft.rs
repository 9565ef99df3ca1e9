//! Building the text of a new draft.

use crate::carry::{NotCarried, carried_events};
use crate::error::WorkflowError;
use crate::next::NextIssue;
use crate::template::{BUILTIN_TEMPLATE, DraftVars, render_template};
use std::path::PathBuf;
use twir_content::load::read_text;
use twir_content::{Document, Site};

/// A draft ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDraft {
    /// Where it goes.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
    /// How many event entries were carried over.
    pub carried_events: usize,
    /// The previous issue's event entries whose dates do not read, so not carried over.
    pub not_carried: Vec<NotCarried>,
}

/// Builds the draft for `next` from the repository's `DRAFT_TEMPLATE` (or the built-in
/// template), carrying over the events of `previous` that are not past.
pub fn build_draft(
    site: &Site,
    next: &NextIssue,
    previous: &Document,
) -> Result<NewDraft, WorkflowError> {
    let template_path = site.draft_template();
    let template = if template_path.is_file() {
        read_text(&template_path)?
    } else {
        BUILTIN_TEMPLATE.to_string()
    };
    let carried = carried_events(previous, next.date);
    let vars = DraftVars {
        number: next.number,
        date: next.date,
        // The events window of the template ends on the last day of the calendar at most.
        events_end: jiff::Span::new()
            .try_days(i64::from(site.config.check.event_days))
            .and_then(|span| next.date.checked_add(span))
            .unwrap_or(jiff::civil::Date::MAX),
        events_list: carried.text,
    };
    Ok(NewDraft {
        path: site.draft_dir().join(next.file_name()),
        text: render_template(&template, &vars),
        carried_events: carried.count,
        not_carried: carried.not_carried,
    })
}

/// The existing draft for issue `number`, if any: `twir new` must not create a second one.
pub fn existing_draft_for(site: &Site, number: u32) -> Result<Option<PathBuf>, WorkflowError> {
    for f in site.drafts()? {
        let meta = twir_content::Metadata::parse(&read_text(&f.path)?);
        if meta.number() == Some(number) {
            return Ok(Some(f.path));
        }
    }
    Ok(None)
}
