//! Which issue to send: one given by number or file, or the newest published one.

use crate::error::EmailError;
use std::path::PathBuf;
use twir_content::load::read_text;
use twir_content::{Document, Metadata, Site};

/// The issue the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueChoice {
    /// The newest published issue (not a draft).
    Newest,
    /// The published issue with this `Number:`.
    Number(u32),
    /// An issue file anywhere (a draft too).
    File(PathBuf),
}

impl IssueChoice {
    /// Reads a command-line argument: digits are a number, anything else a file.
    pub fn from_arg(arg: Option<&str>) -> IssueChoice {
        match arg.map(str::trim) {
            None | Some("") => IssueChoice::Newest,
            Some(a) if a.bytes().all(|b| b.is_ascii_digit()) => match a.parse() {
                Ok(n) => IssueChoice::Number(n),
                Err(_) => IssueChoice::File(PathBuf::from(a)),
            },
            Some(a) => IssueChoice::File(PathBuf::from(a)),
        }
    }
}

/// Loads the chosen issue.
pub fn choose_issue(site: &Site, choice: &IssueChoice) -> Result<Document, EmailError> {
    match choice {
        IssueChoice::File(path) => Ok(Document::load(path)?),
        IssueChoice::Newest => {
            for file in site.issues()?.iter().rev() {
                let meta = Metadata::parse(&read_text(&file.path)?);
                if !is_draft(&meta) {
                    return Ok(Document::load(&file.path)?);
                }
            }
            Err(EmailError::NoPublishedIssue {
                dir: site.content_dir(),
            })
        }
        IssueChoice::Number(n) => {
            let mut newest = None;
            for file in site.issues()?.iter().rev() {
                let meta = Metadata::parse(&read_text(&file.path)?);
                if is_draft(&meta) {
                    continue;
                }
                let number = number_of(&meta);
                if newest.is_none() {
                    newest = number;
                }
                if number == Some(*n) {
                    return Ok(Document::load(&file.path)?);
                }
            }
            Err(EmailError::IssueNotFound {
                number: *n,
                dir: site.content_dir(),
                newest,
            })
        }
    }
}

fn is_draft(meta: &Metadata) -> bool {
    meta.get("status")
        .is_some_and(|s| s.trim().eq_ignore_ascii_case("draft"))
}

/// `Number:`, else the number ending the title, as [`crate::IssueInfo`] reads it.
fn number_of(meta: &Metadata) -> Option<u32> {
    twir_content::identity::number(meta).ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments() {
        assert_eq!(IssueChoice::from_arg(None), IssueChoice::Newest);
        assert_eq!(IssueChoice::from_arg(Some("522")), IssueChoice::Number(522));
        assert_eq!(
            IssueChoice::from_arg(Some("content/x.md")),
            IssueChoice::File("content/x.md".into())
        );
        assert_eq!(
            IssueChoice::from_arg(Some("99999999999")),
            IssueChoice::File("99999999999".into())
        );
    }

    #[test]
    fn finds_by_number_and_newest_skipping_drafts() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(&content).unwrap();
        let write = |name: &str, text: &str| std::fs::write(content.join(name), text).unwrap();
        write(
            "2020-01-01-a.md",
            "Title: T 1\nNumber: 1\nDate: 2020-01-01\n\nx\n",
        );
        write("2020-01-08-a.md", "Title: Old 2\nDate: 2020-01-08\n\nx\n");
        write(
            "2020-01-15-a.md",
            "Title: T 3\nNumber: 3\nDate: 2020-01-15\nStatus: draft\n\nx\n",
        );
        let site = Site::open(dir.path()).unwrap();
        let newest = choose_issue(&site, &IssueChoice::Newest).unwrap();
        assert_eq!(newest.meta.title(), Some("Old 2"));
        let one = choose_issue(&site, &IssueChoice::Number(1)).unwrap();
        assert_eq!(one.meta.number(), Some(1));
        let e = choose_issue(&site, &IssueChoice::Number(3))
            .unwrap_err()
            .to_string();
        assert!(e.contains("no published issue has number 3"), "{e}");
        assert!(e.contains("the newest is 2"), "{e}");
    }
}
