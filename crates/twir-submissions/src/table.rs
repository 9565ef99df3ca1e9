//! The editors' table on the terminal: one row per submission with its verdict, what `merge`
//! does with it (the review's plan) and the reasons; then the pull requests that are not
//! submissions, each group apart.

use crate::model::{Kind, Level, PullReview, Review, Verdict};

fn merge_cell(review: &Review, p: &PullReview) -> String {
    match review.plan.pick(p.number) {
        Some(pick) => {
            let moved = pick
                .lines
                .iter()
                .find_map(|l| l.moved_from.as_ref().map(|_| l.section.clone()));
            let mut s = match moved {
                Some(to) => format!("yes, to {to}"),
                None => "yes".to_string(),
            };
            if !pick.closes_on_push {
                s.push_str(" (stays open)");
            }
            s
        }
        None => "no".to_string(),
    }
}

/// Renders the review as a plain-text table.
pub fn render(review: &Review) -> String {
    let subs: Vec<&PullReview> = review.pulls.iter().filter(|p| p.is_submission()).collect();
    let mut rows: Vec<[String; 6]> = vec![[
        "PR".into(),
        "AUTHOR".into(),
        "SECTION".into(),
        "VERDICT".into(),
        "MERGE".into(),
        "REASONS".into(),
    ]];
    let mut extra: Vec<Vec<String>> = vec![Vec::new()];
    for p in &subs {
        let mut reasons: Vec<String> = Vec::new();
        if p.verdict == Some(Verdict::Accept)
            && let Some(why) = review.plan.left_reason(p.number)
        {
            reasons.push(format!("not merged: {why}"));
        }
        reasons.extend(
            p.findings
                .iter()
                .filter(|f| f.level > Level::Note)
                .map(|f| f.message.clone()),
        );
        reasons.extend(
            p.findings
                .iter()
                .filter(|f| f.level == Level::Note)
                .map(|f| format!("(note) {}", f.message)),
        );
        if let Some(pick) = review.plan.pick(p.number)
            && !pick.closes_on_push
        {
            let carried: Vec<String> = pick.carries.iter().map(|n| format!("#{n}")).collect();
            reasons.push(format!(
                "(note) merged without its commits: its branch carries {}, not merged; close it by hand",
                carried.join(", ")
            ));
        }
        if !p.change.carries.is_empty() {
            let carried: Vec<String> = p.change.carries.iter().map(|n| format!("#{n}")).collect();
            reasons.push(format!(
                "(note) judged on its own line: its branch also carries {}",
                carried.join(", ")
            ));
        }
        let mut it = reasons.into_iter();
        rows.push([
            format!("#{}", p.number),
            p.author.clone(),
            p.section.clone().unwrap_or_else(|| "-".into()),
            p.verdict_label().to_string(),
            merge_cell(review, p),
            it.next().unwrap_or_default(),
        ]);
        extra.push(it.collect());
    }
    let widths: Vec<usize> = (0..5)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let indent: usize = widths.iter().map(|w| w + 2).sum();
    let mut out = String::new();
    for (row, more) in rows.iter().zip(&extra) {
        let mut line = String::new();
        for (c, w) in widths.iter().enumerate() {
            line.push_str(&format!("{:<w$}  ", row[c], w = *w));
        }
        line.push_str(&row[5]);
        out.push_str(line.trim_end());
        out.push('\n');
        for m in more {
            out.push_str(&format!("{:indent$}{m}\n", ""));
        }
    }
    let (a, n, r) = review.counts();
    let left_accepted = review.plan.left.iter().filter(|l| l.accepted).count();
    out.push_str(&format!(
        "\n{} submission{} to {}: {a} accept, {n} needs changes, {r} reject; merge takes {}, leaves {left_accepted} accepted\n",
        subs.len(),
        if subs.len() == 1 { "" } else { "s" },
        review.draft,
        review.plan.picks.len(),
    ));
    for (kind, heading) in [
        (
            Kind::EditorChange,
            "Editor changes (no verdict, not merged):",
        ),
        (
            Kind::Other,
            "Other changes (not link submissions; left to the editors):",
        ),
        (Kind::Merged, "Already merged locally (push to close them):"),
    ] {
        let group: Vec<&PullReview> = review.pulls.iter().filter(|p| p.kind == kind).collect();
        if group.is_empty() {
            continue;
        }
        out.push_str(heading);
        out.push('\n');
        for p in group {
            out.push_str(&format!(
                "  #{} {} (@{}): {}\n",
                p.number, p.title, p.author, p.kind_reason
            ));
        }
    }
    out
}
