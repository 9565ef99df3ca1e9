//! The review comment posted on each submission: friendly, specific, ready to post.

use std::path::{Path, PathBuf};

use crate::error::SubmissionsError;
use crate::model::{Level, PullReview, Review, Verdict};

/// First line of every comment, so a later run can tell its own comments apart.
pub const MARKER: &str = "<!-- twir-submissions-review -->";

/// The Markdown comment for one submission.
pub fn render(r: &PullReview) -> String {
    let mut out = String::new();
    out.push_str(MARKER);
    out.push('\n');
    out.push_str(&format!(
        "Hi @{}, thank you for your submission to *This Week in Rust*!\n\n",
        r.author
    ));
    if let [link] = r.links.as_slice() {
        let section = r.section.as_deref().unwrap_or("the draft");
        out.push_str(&format!(
            "You're adding [{}]({}) to **{}**.\n\n",
            link.title, link.url, section
        ));
    } else if !r.links.is_empty() {
        out.push_str(&format!("You're adding {} links.\n\n", r.links.len()));
    }
    let blocking: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.level > Level::Note)
        .collect();
    let notes: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.level == Level::Note && !f.advice.is_empty())
        .collect();
    match r.verdict.unwrap_or(Verdict::NeedsChanges) {
        Verdict::Accept => out.push_str(
            "Everything looks good: it follows the submission guidelines, and an editor will merge it with this week's batch of links. Nothing more to do on your side.\n",
        ),
        Verdict::NeedsChanges => {
            let n = blocking.len();
            out.push_str(if n == 1 {
                "It needs one small change before we can merge it:\n\n"
            } else {
                "It needs a few changes before we can merge it:\n\n"
            });
        }
        Verdict::Reject => out.push_str("Unfortunately we can't take it this time:\n\n"),
    }
    for f in &blocking {
        out.push_str(&format!("- {}", f.advice));
        if let Some(line) = &f.line {
            out.push_str(&format!("\n  (on the line `{}`)", line.replace('`', "'")));
        }
        out.push('\n');
    }
    if r.verdict == Some(Verdict::NeedsChanges) {
        out.push_str("\nPush the changes to this branch and we'll take another look. Thanks!\n");
    }
    if !notes.is_empty() {
        out.push('\n');
        for f in notes {
            out.push_str(&format!("Note: {}\n", f.advice));
        }
    }
    out.push_str("\n<sub>Checked by `twir submissions review`; an editor reads every submission before it is merged.</sub>\n");
    out
}

/// Writes one `pr-N.md` comment per submission into `dir` (created if needed); returns the
/// files written, in pull request order.
pub fn write_all(review: &Review, dir: &Path) -> Result<Vec<PathBuf>, SubmissionsError> {
    std::fs::create_dir_all(dir).map_err(|source| SubmissionsError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    for r in review.pulls.iter().filter(|r| r.is_submission()) {
        let path = dir.join(format!("pr-{}.md", r.number));
        twir_content::write::write_atomic(&path, render(r).as_bytes()).map_err(|source| {
            SubmissionsError::Io {
                path: path.clone(),
                source,
            }
        })?;
        written.push(path);
    }
    Ok(written)
}
