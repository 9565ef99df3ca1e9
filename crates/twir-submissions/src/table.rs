//! The editors' table on the terminal.

use crate::model::{Level, Review};

/// Renders the review as a plain-text table: one row per submission with its verdict and the
/// reasons, then the pull requests that are not link submissions.
pub fn render(review: &Review) -> String {
    let subs: Vec<_> = review.pulls.iter().filter(|p| p.is_submission).collect();
    let mut rows: Vec<[String; 5]> = vec![[
        "PR".into(),
        "AUTHOR".into(),
        "SECTION".into(),
        "VERDICT".into(),
        "REASONS".into(),
    ]];
    let mut extra: Vec<Vec<String>> = vec![Vec::new()];
    for p in &subs {
        let reasons: Vec<String> = p
            .findings
            .iter()
            .filter(|f| f.level > Level::Note)
            .map(|f| f.message.clone())
            .chain(
                p.findings
                    .iter()
                    .filter(|f| f.level == Level::Note)
                    .map(|f| format!("(note) {}", f.message)),
            )
            .collect();
        let mut it = reasons.into_iter();
        rows.push([
            format!("#{}", p.number),
            p.author.clone(),
            p.section.clone().unwrap_or_else(|| "-".into()),
            p.verdict.label().to_string(),
            it.next().unwrap_or_default(),
        ]);
        extra.push(it.collect());
    }
    let widths: Vec<usize> = (0..4)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let indent: usize = widths.iter().map(|w| w + 2).sum();
    let mut out = String::new();
    for (row, more) in rows.iter().zip(&extra) {
        let mut line = String::new();
        for (c, w) in widths.iter().enumerate() {
            line.push_str(&format!("{:<w$}  ", row[c], w = *w));
        }
        line.push_str(&row[4]);
        out.push_str(line.trim_end());
        out.push('\n');
        for m in more {
            out.push_str(&format!("{:indent$}{m}\n", ""));
        }
    }
    let (a, n, r) = review.counts();
    out.push_str(&format!(
        "\n{} submission{} to {}: {a} accept, {n} needs changes, {r} reject\n",
        subs.len(),
        if subs.len() == 1 { "" } else { "s" },
        review.draft
    ));
    let others: Vec<_> = review.pulls.iter().filter(|p| !p.is_submission).collect();
    if !others.is_empty() {
        out.push_str("Not link submissions (left to the editors):\n");
        for p in others {
            out.push_str(&format!("  #{} {} (@{})\n", p.number, p.title, p.author));
        }
    }
    out
}
