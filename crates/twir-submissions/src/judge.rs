//! The checks that look beyond one pull request (duplicates between pull requests, one link
//! per author per week, who may add to the project/tooling section, CI) and the verdicts.

use std::collections::HashMap;

use crate::advice;
use crate::analyze::Analysis;
use crate::context::Context;
use crate::input::{Access, MergedPull};
use crate::model::{Ci, Level, PullReview, Verdict};

/// Authors whose earlier merged links this week matter: those of submissions by people who
/// cannot push (editors may add several links a week).
pub fn repeat_candidates(analyses: &[Analysis]) -> std::collections::HashSet<String> {
    analyses
        .iter()
        .filter(|a| a.review.is_submission() && !a.editor)
        .map(|a| a.review.author.clone())
        .collect()
}

/// Completes the reviews: cross-pull-request findings, permission and CI findings, verdicts.
pub fn judge(
    ctx: &Context,
    mut analyses: Vec<Analysis>,
    merged: &[MergedPull],
    access: &HashMap<String, Access>,
) -> Vec<PullReview> {
    analyses.sort_by_key(|a| a.review.number);
    duplicates_between(&mut analyses);
    repeat_authors(&mut analyses, merged);
    for a in analyses.iter_mut().filter(|a| a.review.is_submission()) {
        if a.into_project_tooling && !a.editor {
            project_tooling(ctx, a, access.get(&a.review.author));
        }
        ci(&mut a.review);
    }
    analyses
        .into_iter()
        .map(|a| {
            let mut r = a.review;
            r.findings.sort_by_key(|f| std::cmp::Reverse(f.level));
            r.verdict = r.is_submission().then(|| verdict(&r));
            r
        })
        .collect()
}

fn duplicates_between(analyses: &mut [Analysis]) {
    let mut first: HashMap<String, u64> = HashMap::new();
    for a in analyses.iter_mut().filter(|a| a.review.is_submission()) {
        let mut earlier = None;
        for key in &a.keys {
            match first.get(key) {
                Some(&n) if n != a.review.number => earlier = earlier.or(Some(n)),
                _ => {
                    first.insert(key.clone(), a.review.number);
                }
            }
        }
        if let Some(n) = earlier {
            a.review.findings.push(advice::duplicate_pr(n));
        }
    }
}

fn repeat_authors(analyses: &mut [Analysis], merged: &[MergedPull]) {
    // Only pull requests still in the running count: a duplicate or a forum item does not use
    // up the author's link of the week. Editors may add several.
    let mut seen: HashMap<String, Vec<u64>> = HashMap::new();
    for a in analyses
        .iter_mut()
        .filter(|a| a.review.is_submission() && !a.editor)
    {
        let r = &mut a.review;
        if r.findings.iter().any(|f| f.level == Level::Reject) {
            continue;
        }
        let merged_here: Vec<u64> = merged
            .iter()
            .filter(|m| m.author == r.author)
            .map(|m| m.number)
            .collect();
        let earlier = seen.entry(r.author.clone()).or_default();
        if !merged_here.is_empty() {
            r.findings
                .push(advice::repeat_author(&r.author, &merged_here, true));
        } else if !earlier.is_empty() {
            r.findings
                .push(advice::repeat_author(&r.author, earlier, false));
        }
        earlier.push(r.number);
    }
}

fn project_tooling(ctx: &Context, a: &mut Analysis, access: Option<&Access>) {
    let unknown = match access {
        Some(Access::Write) => return,
        Some(Access::NoWrite) => None,
        Some(Access::Unknown(reason)) => Some(reason.as_str()),
        None => Some("not looked up"),
    };
    let section = ctx.project_tooling();
    let Some(link) = a.review.links.iter().find(|l| {
        l.section
            .get(1)
            .is_some_and(|s| s.eq_ignore_ascii_case(section))
    }) else {
        return;
    };
    let link = link.clone();
    let to = crate::editing::suggest_section(ctx, &link, false);
    let f = advice::project_tooling(section, &to, unknown).on_line(&link.line);
    a.review.findings.push(f);
}

fn ci(r: &mut PullReview) {
    let f = match &r.ci {
        Ci::Failure { checks } => advice::ci_failing(checks),
        Ci::Pending { checks } => advice::ci_pending(checks),
        Ci::Unknown { reason } => advice::ci_unknown(reason),
        Ci::Success | Ci::None => return,
    };
    r.findings.push(f);
}

/// The verdict: the heaviest finding decides; a submission that is not a single link is never
/// accepted as is.
fn verdict(r: &PullReview) -> Verdict {
    match r.findings.iter().map(|f| f.level).max() {
        Some(Level::Reject) => Verdict::Reject,
        Some(Level::NeedsChanges) => Verdict::NeedsChanges,
        _ if !r.single_link => Verdict::NeedsChanges,
        _ => Verdict::Accept,
    }
}
