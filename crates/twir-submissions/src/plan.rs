//! What `twir submissions merge` does with each submission, decided once from a review: the
//! review's table prints this plan and `merge` carries it out, so the two always agree.

use serde::Serialize;
use std::collections::BTreeSet;

use crate::change::line_key;
use crate::editing::bullet_fixed;
use crate::model::{Kind, Level, PullReview, Review, Verdict};

/// Options that change the plan (the same for `review` and `merge`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanOptions {
    /// Only these pull requests (all submissions when empty).
    pub only: Vec<u64>,
    /// Never these.
    pub exclude: Vec<u64>,
    /// Move links to the suggested section: when that is all that keeps a link from being
    /// accepted (the editors' section, no subsection, a section the draft lacks), and when the
    /// archive suggests another section (`section-hint`).
    pub fix_sections: bool,
    /// Write titles as the editors would (`title-style`).
    pub fix_titles: bool,
}

/// One line a merge writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PickLine {
    /// The line as written into the draft (before the attribution).
    pub line: String,
    /// The line as submitted.
    pub submitted: String,
    /// Link title (as written) and URL, for the commit message.
    pub title: String,
    /// Link URL.
    pub url: String,
    /// The subsection it goes to.
    pub section: String,
    /// The section the submitter chose, when the plan moves it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved_from: Option<String>,
}

/// A pull request the merge takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pick {
    /// Number.
    pub number: u64,
    /// Head commit.
    pub head: String,
    /// Author login.
    pub author: String,
    /// The lines to insert.
    pub lines: Vec<PickLine>,
    /// True when its head becomes a parent of the merge commit, so that pushing marks it
    /// merged. False when its branch carries another pull request that is not merged (a
    /// parent would mark that one merged too): close it by hand.
    pub closes_on_push: bool,
    /// Open pull requests its branch carries.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub carries: Vec<u64>,
}

/// A submission the merge leaves, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Left {
    /// Number.
    pub number: u64,
    /// True when the review accepted it (so the reason is not a finding).
    pub accepted: bool,
    /// Why it is left.
    pub reason: String,
}

/// The submissions a merge takes and those it leaves, with why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Plan {
    /// To merge, in pull request order.
    pub picks: Vec<Pick>,
    /// Left out: accepted ones first, then by number.
    pub left: Vec<Left>,
}

impl Plan {
    /// The pick for pull request `n`.
    pub fn pick(&self, n: u64) -> Option<&Pick> {
        self.picks.iter().find(|p| p.number == n)
    }

    /// Why pull request `n` is left, if it is.
    pub fn left_reason(&self, n: u64) -> Option<&str> {
        self.left
            .iter()
            .find(|l| l.number == n)
            .map(|l| l.reason.as_str())
    }
}

/// Decides what a merge with `opts` does with each submission of `pulls`, against the draft's
/// community subsections `subsections`.
pub fn plan(pulls: &[PullReview], subsections: &[String], opts: &PlanOptions) -> Plan {
    let only: BTreeSet<u64> = opts.only.iter().copied().collect();
    let exclude: BTreeSet<u64> = opts.exclude.iter().copied().collect();
    let mut out = Plan::default();
    for n in only
        .iter()
        .filter(|n| !pulls.iter().any(|p| p.number == **n))
    {
        out.left.push(Left {
            number: *n,
            accepted: false,
            reason: "not an open pull request changing the draft".into(),
        });
    }
    for p in pulls {
        let named = only.contains(&p.number);
        if p.kind != Kind::Submission {
            if named {
                out.left.push(Left {
                    number: p.number,
                    accepted: false,
                    reason: format!("{}: {}", p.kind.label(), p.kind_reason),
                });
            }
            continue;
        }
        let accepted = p.verdict == Some(Verdict::Accept);
        let leave = |reason: String| Left {
            number: p.number,
            accepted,
            reason,
        };
        if exclude.contains(&p.number) {
            out.left.push(leave("excluded (--exclude)".into()));
            continue;
        }
        if !only.is_empty() && !named {
            out.left.push(leave("not named by --only".into()));
            continue;
        }
        match pick(p, subsections, opts) {
            Ok(pk) => out.picks.push(pk),
            Err(why) => out.left.push(leave(why)),
        }
    }
    // A head that carries an open pull request left out would mark that one merged too.
    let picked: BTreeSet<u64> = out.picks.iter().map(|p| p.number).collect();
    for pk in &mut out.picks {
        let unmerged: Vec<String> = pk
            .carries
            .iter()
            .filter(|n| !picked.contains(n))
            .map(|n| format!("#{n}"))
            .collect();
        pk.closes_on_push = unmerged.is_empty();
    }
    out.left
        .sort_by_key(|l| (std::cmp::Reverse(l.accepted), l.number));
    out
}

fn first_blocking(p: &PullReview) -> String {
    p.findings
        .iter()
        .find(|f| f.level > Level::Note)
        .map(|f| f.message.clone())
        .unwrap_or_else(|| "not a single link".into())
}

fn pick(p: &PullReview, subsections: &[String], opts: &PlanOptions) -> Result<Pick, String> {
    let verdict = p.verdict.unwrap_or(Verdict::NeedsChanges);
    let fix = p.section_fix();
    let moved_to: Option<&str> = match (verdict, fix) {
        (Verdict::Accept, _) if p.single_link => None,
        (_, Some(to)) if opts.fix_sections => Some(to),
        (v, Some(to)) => {
            return Err(format!(
                "{}: {} (--fix-sections moves it to {to})",
                v.label(),
                first_blocking(p)
            ));
        }
        (v, None) => return Err(format!("{}: {}", v.label(), first_blocking(p))),
    };
    if p.links.is_empty() {
        return Err("adds no link".into());
    }
    if let Some(why) = &p.change.fallback_reason {
        return Err(format!(
            "conflict: its head could not be read with git ({why}); merge it by hand"
        ));
    }
    let mut lines = Vec::new();
    for link in &p.links {
        let chosen = link.section.get(1).cloned().unwrap_or_default();
        let hint = p
            .findings
            .iter()
            .find(|f| f.code == "section-hint" && f.line.as_deref() == Some(link.line.as_str()))
            .and_then(|f| f.move_to.clone());
        let (section, moved_from) = match (moved_to, hint) {
            (Some(to), _) => (to.to_string(), Some(chosen)),
            (None, Some(to)) if opts.fix_sections => (to, Some(chosen)),
            _ => (chosen, None),
        };
        if !subsections
            .iter()
            .any(|s| twir_content::section::plain_title(s).eq_ignore_ascii_case(&section))
        {
            return Err(format!(
                "section unknown: the draft has no \"{section}\" subsection"
            ));
        }
        let title_fix = p
            .findings
            .iter()
            .find(|f| f.code == "title-style" && f.line.as_deref() == Some(link.line.as_str()))
            .and_then(|f| f.suggestion.clone());
        let line = match title_fix {
            Some(l) if opts.fix_titles => l,
            _ => bullet_fixed(&link.line).unwrap_or_else(|| line_key(&link.line).to_string()),
        };
        lines.push(PickLine {
            line,
            submitted: link.line.clone(),
            title: link.title.clone(),
            url: link.url.clone(),
            section,
            moved_from: moved_from.filter(|f| !f.is_empty()),
        });
    }
    Ok(Pick {
        number: p.number,
        head: p.head_sha.clone(),
        author: p.author.clone(),
        lines,
        closes_on_push: true,
        carries: p.change.carries.clone(),
    })
}

/// The plan of a review, with `opts`.
pub fn for_review(review: &Review, subsections: &[String], opts: &PlanOptions) -> Plan {
    plan(&review.pulls, subsections, opts)
}
