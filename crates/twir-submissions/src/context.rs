//! What every pull request is reviewed against: the local draft, the check rules with the
//! recent issues' links, and the site's section names.

use std::path::PathBuf;
use twir_check::run::{RunSettings, Session};
use twir_content::{Document, Site};

use crate::archive::SectionModel;
use crate::error::SubmissionsError;

/// Headings of the sections that are collected on the users forum, not by pull request.
pub const FORUM_SECTIONS: [(&str, &str); 2] = [
    (
        "Crate of the Week",
        "https://users.rust-lang.org/t/crate-of-the-week/2704",
    ),
    (
        "Quote of the Week",
        "https://users.rust-lang.org/t/twir-quote-of-the-week/328",
    ),
];

/// The local state pull requests are reviewed against.
#[derive(Debug)]
pub struct Context {
    /// The newsletter repository.
    pub site: Site,
    /// The current draft, as on disk.
    pub draft: Document,
    /// Its path on disk.
    pub draft_path: PathBuf,
    /// Its path relative to the repository root, with `/` separators (`draft/2026-...md`).
    pub draft_rel: String,
    /// The check rules' run over the draft (options, recent issues' links).
    pub session: Session,
    /// Titles of the community section's subsections, in draft order.
    pub subsections: Vec<String>,
    /// Where editors filed links in recent issues.
    pub model: SectionModel,
}

impl Context {
    /// Reads the newest draft of `site` and prepares the check rules against the
    /// `config.check.recent` published issues before it.
    pub fn open(site: &Site) -> Result<Context, SubmissionsError> {
        let drafts = site.drafts()?;
        let draft_file = drafts
            .into_iter()
            .next_back()
            .ok_or_else(|| SubmissionsError::NoDraft(site.draft_dir()))?;
        let draft_path = draft_file.path.clone();
        let settings = RunSettings {
            recent: site.config.check.recent,
            deny_project_tooling_links: false,
        };
        let session = Session::open(site, std::slice::from_ref(&draft_path), &settings)
            .map_err(|e| SubmissionsError::Check(e.to_string()))?;
        let Some(target) = session.targets.first() else {
            let message = session
                .errors
                .first()
                .map(|e| e.message.clone())
                .unwrap_or_else(|| format!("{}: cannot read the draft", draft_path.display()));
            return Err(SubmissionsError::Check(message));
        };
        let draft = target.document();
        let subsections = draft
            .section(&site.config.check.community_section)
            .map(|s| s.children.iter().map(|c| c.title.clone()).collect())
            .unwrap_or_default();
        let draft_rel = format!(
            "{}/{}",
            site.config.paths.draft.trim_end_matches('/'),
            draft_file
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        );
        let model = SectionModel::learn(site, &site.config.check.community_section);
        Ok(Context {
            model,
            site: site.clone(),
            draft,
            draft_path,
            draft_rel,
            session,
            subsections,
        })
    }

    /// Heading of the community links section.
    pub fn community(&self) -> &str {
        &self.site.config.check.community_section
    }

    /// Heading of the section editors curate.
    pub fn project_tooling(&self) -> &str {
        &self.site.config.check.project_tooling_section
    }

    /// The draft folder with a trailing `/`, as pull request file names start.
    pub fn draft_prefix(&self) -> String {
        format!("{}/", self.site.config.paths.draft.trim_end_matches('/'))
    }

    /// The date of the newest published issue, if any.
    pub fn last_issue_date(&self) -> Option<jiff::civil::Date> {
        let issues = self.site.issues().ok()?;
        issues.iter().rev().find_map(|f| f.name_date)
    }
}
