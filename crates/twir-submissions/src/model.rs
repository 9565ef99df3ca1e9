//! What a review says about each pull request.

use serde::Serialize;

/// The outcome for one pull request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Ready to merge as it is.
    Accept,
    /// Fixable by the submitter.
    NeedsChanges,
    /// Not going in (this week, or at all).
    Reject,
}

impl Verdict {
    /// `accept`, `needs changes` or `reject`.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Accept => "accept",
            Verdict::NeedsChanges => "needs changes",
            Verdict::Reject => "reject",
        }
    }
}

/// How much a finding weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Worth saying, changes nothing.
    Note,
    /// The submitter should change something.
    NeedsChanges,
    /// The link cannot go in.
    Reject,
}

/// One finding about a pull request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable kebab-case code: a `twir check` rule code, or one of this crate's
    /// (`multiple-links`, `project-tooling`, `repeat-author`, `weekly-by-forum`, `title-mismatch`,
    /// `duplicate-pr`, `duplicate-draft`, `ci-failing`, `ci-pending`, `changes-lines`,
    /// `outside-draft`, `old-draft`, `unplaced`, `no-subsection`, `unknown-section`, `bad-diff`,
    /// and the editors' fixes `bullet`, `title-style`, `section-hint`).
    pub code: String,
    /// How much it weighs.
    pub level: Level,
    /// One line for the editors' table.
    pub message: String,
    /// A friendly paragraph for the submitter (Markdown).
    pub advice: String,
    /// The added line it is about, when it is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<String>,
    /// The section the link should go to, when a section change fixes this finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub move_to: Option<String>,
    /// The line as the editors would write it, when a rewrite fixes this finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

impl Finding {
    /// A finding without line or section move.
    pub fn new(
        code: &str,
        level: Level,
        message: impl Into<String>,
        advice: impl Into<String>,
    ) -> Finding {
        Finding {
            code: code.to_string(),
            level,
            message: message.into(),
            advice: advice.into(),
            line: None,
            move_to: None,
            suggestion: None,
        }
    }

    /// Attaches the added line it is about.
    pub fn on_line(mut self, line: &str) -> Finding {
        self.line = Some(line.to_string());
        self
    }

    /// Says which section fixes it.
    pub fn moving_to(mut self, section: &str) -> Finding {
        self.move_to = Some(section.to_string());
        self
    }

    /// Says which rewritten line fixes it.
    pub fn suggesting(mut self, line: &str) -> Finding {
        self.suggestion = Some(line.to_string());
        self
    }
}

/// What a pull request is, for the intake.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A link submission: reviewed, and merged when accepted.
    Submission,
    /// An editor's maintenance work (publishing, events, Quote/Crate of the Week, project
    /// updates, many lines): listed, no verdict, never merged by `merge`.
    EditorChange,
    /// A change by someone without write access that adds no community link (an event, a
    /// call for participation, a job, a fix to an existing line): left to the editors.
    Other,
    /// Its head is already in the local `HEAD`, or everything it adds is already in the
    /// draft (merged locally, not pushed yet).
    Merged,
}

impl Kind {
    /// Short label for tables.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Submission => "submission",
            Kind::EditorChange => "editor change",
            Kind::Other => "other change",
            Kind::Merged => "merged locally",
        }
    }
}

/// The state of a pull request's CI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum Ci {
    /// Every status and check run succeeded (or was skipped/neutral).
    Success,
    /// Something is still running.
    Pending {
        /// Names of the checks not finished.
        checks: Vec<String>,
    },
    /// At least one check failed.
    Failure {
        /// Names of the failed checks.
        checks: Vec<String>,
    },
    /// No status and no check run.
    None,
    /// The status could not be read.
    Unknown {
        /// Why.
        reason: String,
    },
}

impl Ci {
    /// Short text for the table.
    pub fn summary(&self) -> String {
        match self {
            Ci::Success => "passing".into(),
            Ci::Pending { checks } => format!("pending ({})", checks.join(", ")),
            Ci::Failure { checks } => format!("failing ({})", checks.join(", ")),
            Ci::None => "none".into(),
            Ci::Unknown { reason } => format!("unknown ({reason})"),
        }
    }
}

/// A link the pull request adds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AddedLink {
    /// Link text.
    pub title: String,
    /// Destination.
    pub url: String,
    /// Section path where it lands, outermost first.
    pub section: Vec<String>,
    /// The whole added line.
    pub line: String,
}

/// The review of one pull request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PullReview {
    /// Pull request number.
    pub number: u64,
    /// Its title.
    pub title: String,
    /// Its web page.
    pub url: String,
    /// Author login.
    pub author: String,
    /// Head commit SHA.
    pub head_sha: String,
    /// What it is: only submissions get a verdict, a comment and a place in the merge.
    pub kind: Kind,
    /// Why it is that kind, in a few words.
    pub kind_reason: String,
    /// True when the author can push to the repository (`None`: not looked up or unknown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author_can_push: Option<bool>,
    /// Where its change was read from, and what it contains of others.
    pub change: ChangeSummary,
    /// Non-blank lines it adds to the draft (its own: neither in the merge base nor in the
    /// current draft).
    pub added: Vec<String>,
    /// Links on the added lines.
    pub links: Vec<AddedLink>,
    /// True when the pull request adds exactly one link item to the community section and
    /// changes nothing else.
    pub single_link: bool,
    /// The community subsection it targets (the first link's), when there is one.
    pub section: Option<String>,
    /// Everything found, in order of weight (heaviest first).
    pub findings: Vec<Finding>,
    /// CI state.
    pub ci: Ci,
    /// The outcome, for submissions only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
}

/// Where a pull request's change was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangeSummary {
    /// `git` (the head's files, three-way) or `patch` (GitHub's diff).
    pub from: &'static str,
    /// Why the patch was used, when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fallback_reason: Option<String>,
    /// Open pull requests whose commits its branch contains (their lines are not its own).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub carries: Vec<u64>,
    /// Lines its head adds that the current draft already has.
    pub already_in_draft: usize,
    /// Non-blank lines of the current draft it removes or changes.
    pub removed: usize,
}

impl PullReview {
    /// True for link submissions.
    pub fn is_submission(&self) -> bool {
        self.kind == Kind::Submission
    }

    /// The verdict label, or the kind for non-submissions.
    pub fn verdict_label(&self) -> &'static str {
        match self.verdict {
            Some(v) => v.label(),
            None => self.kind.label(),
        }
    }

    /// The section `--fix-sections` would move the link to, when every finding that keeps the
    /// pull request from being accepted is fixed by moving it there.
    pub fn section_fix(&self) -> Option<&str> {
        let blocking: Vec<&Finding> = self
            .findings
            .iter()
            .filter(|f| f.level > Level::Note)
            .collect();
        if blocking.is_empty() || !self.single_link {
            return None;
        }
        let first = blocking[0].move_to.as_deref()?;
        blocking
            .iter()
            .all(|f| f.move_to.as_deref() == Some(first))
            .then_some(first)
    }
}

/// A whole review run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Review {
    /// `owner/name` of the repository.
    pub repository: String,
    /// The local draft the pull requests were applied to (relative to the repository root).
    pub draft: String,
    /// One entry per open pull request changing a file in the draft folder, by number.
    pub pulls: Vec<PullReview>,
    /// What `twir submissions merge` (with the same options) does with each submission.
    pub plan: crate::plan::Plan,
}

impl Review {
    /// The accepted single-link pull requests, in number order.
    pub fn accepted(&self) -> impl Iterator<Item = &PullReview> {
        self.pulls
            .iter()
            .filter(|p| p.single_link && p.verdict == Some(Verdict::Accept))
    }

    /// The pull request numbered `n`.
    pub fn pull(&self, n: u64) -> Option<&PullReview> {
        self.pulls.iter().find(|p| p.number == n)
    }

    /// Counts of accept, needs changes and reject among submissions.
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut c = (0, 0, 0);
        for p in &self.pulls {
            match p.verdict {
                Some(Verdict::Accept) => c.0 += 1,
                Some(Verdict::NeedsChanges) => c.1 += 1,
                Some(Verdict::Reject) => c.2 += 1,
                None => {}
            }
        }
        c
    }
}
