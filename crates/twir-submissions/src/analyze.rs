//! The review of one pull request on its own: what it adds, where, and what the check rules
//! say about the added lines of the draft as the pull request would leave it.

use std::collections::HashSet;
use twir_check::Diagnostic;
use twir_content::{Document, url_norm};

use crate::advice;
use crate::context::{Context, FORUM_SECTIONS};
use crate::input::PullData;
use crate::model::{AddedLink, Finding, Level, PullReview, Verdict};
use crate::patch::{Hunk, parse_patch};
use crate::place::apply;
use crate::sections;

/// A pull request analysed against the draft, before the checks that look at other pull
/// requests, the author's permission and CI.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The review being built.
    pub review: PullReview,
    /// Normalised URLs of the links it adds.
    pub keys: Vec<String>,
    /// True when a link lands in the project/tooling section.
    pub into_project_tooling: bool,
}

/// Analyses one pull request.
pub fn analyze(ctx: &Context, data: &PullData) -> Analysis {
    let prefix = ctx.draft_prefix();
    let is_issue_file =
        |f: &str| f.starts_with(&prefix) && (f.ends_with(".md") || f.ends_with(".markdown"));
    let mut review = PullReview {
        number: data.pr.number,
        title: data.pr.title.clone(),
        url: data.pr.html_url.clone(),
        author: data.author().to_string(),
        head_sha: data.pr.head.sha.clone(),
        is_submission: false,
        added: Vec::new(),
        links: Vec::new(),
        single_link: false,
        section: None,
        findings: Vec::new(),
        ci: data.ci.clone(),
        verdict: Verdict::Accept,
    };
    let mut hunks: Vec<Hunk> = Vec::new();
    let mut outside = Vec::new();
    for f in &data.files {
        if !is_issue_file(&f.filename) {
            outside.push(f.filename.clone());
            continue;
        }
        if f.filename != ctx.draft_rel {
            review
                .findings
                .push(advice::old_draft(&f.filename, &ctx.draft_rel));
        }
        match f.patch.as_deref().map(parse_patch) {
            Some(Ok(h)) => hunks.extend(h),
            Some(Err(e)) => review
                .findings
                .push(advice::bad_diff(&f.filename, &e.to_string())),
            None => review.findings.push(advice::bad_diff(
                &f.filename,
                "GitHub sent no diff (binary or too large)",
            )),
        }
    }
    let applied = apply(&ctx.draft.source, &hunks);
    let doc = Document::parse(applied.text.as_str());
    let added: HashSet<usize> = applied.added_lines.iter().copied().collect();
    review.added = applied
        .added_lines
        .iter()
        .map(|&n| doc.line_text(n).to_string())
        .filter(|t| !t.trim().is_empty())
        .collect();

    let on_added = |offset: usize| added.contains(&doc.line_of(offset));
    let mut into_project_tooling = false;
    let mut community_items = 0;
    let mut forum = None;
    for link in doc.links.iter().filter(|l| on_added(l.span.start)) {
        let path: Vec<String> = doc
            .section_path(link.span.start)
            .into_iter()
            .map(str::to_string)
            .collect();
        let top = path.first().map(String::as_str).unwrap_or("");
        if top.eq_ignore_ascii_case(ctx.community()) {
            community_items += 1;
            if path
                .get(1)
                .is_some_and(|s| s.eq_ignore_ascii_case(ctx.project_tooling()))
            {
                into_project_tooling = true;
            }
        } else if let Some((name, _)) = FORUM_SECTIONS
            .iter()
            .find(|(n, _)| top.eq_ignore_ascii_case(n))
        {
            forum = Some(*name);
        }
        review.links.push(AddedLink {
            title: link.text.clone(),
            url: link.url.clone(),
            section: path,
            line: doc.line_text(doc.line_of(link.span.start)).to_string(),
        });
    }
    // Crate/Quote of the Week text may come without a link.
    if forum.is_none() {
        forum = applied.added_lines.iter().find_map(|&n| {
            let start = doc.line_start(n);
            let top = doc
                .section_path(start)
                .first()
                .map(|s| s.to_string())
                .unwrap_or_default();
            FORUM_SECTIONS
                .iter()
                .find(|(name, _)| top.eq_ignore_ascii_case(name))
                .map(|(name, _)| *name)
        });
    }
    // Lines that could not be placed, or a diff that could not be read, still need an answer.
    let lost_link = applied.unplaced.iter().any(|l| l.contains("]("));
    let bad_diff = review.findings.iter().any(|f| f.code == "bad-diff");
    review.is_submission = community_items > 0 || forum.is_some() || lost_link || bad_diff;
    review.section = review
        .links
        .iter()
        .find(|l| {
            l.section
                .first()
                .is_some_and(|t| t.eq_ignore_ascii_case(ctx.community()))
        })
        .map(|l| l.section.get(1).unwrap_or(&l.section[0]).clone())
        .or_else(|| forum.map(str::to_string));
    let keys = review
        .links
        .iter()
        .map(|l| url_norm::normalize(&l.url))
        .collect();
    if !review.is_submission {
        return Analysis {
            review,
            keys,
            into_project_tooling,
        };
    }

    if let Some(name) = forum {
        review.findings.push(advice::weekly_by_forum(name));
    }
    if !outside.is_empty() {
        review.findings.push(advice::outside_draft(&outside));
    }
    let removed: Vec<&String> = applied
        .removed
        .iter()
        .filter(|l| !l.trim().is_empty())
        .collect();
    if !removed.is_empty() {
        review.findings.push(advice::changes_lines(&removed));
    }
    if !applied.unplaced.is_empty() {
        review.findings.push(advice::unplaced(&applied.unplaced));
    }
    let extra: Vec<&String> = review
        .added
        .iter()
        .filter(|t| !review.links.iter().any(|l| &l.line == *t))
        .collect();
    let link_lines: HashSet<&str> = review.links.iter().map(|l| l.line.as_str()).collect();
    if review.links.len() > 1 {
        review
            .findings
            .push(advice::multiple_links(review.links.len(), link_lines.len()));
    } else if !extra.is_empty() {
        review.findings.push(advice::extra_lines(&extra));
    }
    review.single_link = community_items == 1
        && review.links.len() == 1
        && extra.is_empty()
        && removed.is_empty()
        && applied.unplaced.is_empty();

    for link in &review.links {
        let in_community = link
            .section
            .first()
            .is_some_and(|t| t.eq_ignore_ascii_case(ctx.community()));
        if in_community && link.section.len() < 2 {
            let to = sections::suggest(link, &ctx.subsections, ctx.project_tooling());
            review.findings.push(
                advice::no_subsection(&to)
                    .on_line(&link.line)
                    .moving_to(&to),
            );
        }
        // A line the pull request rewrites keeps its URL: that is no duplicate.
        let rewritten = applied
            .removed
            .iter()
            .any(|l| l.contains(link.url.as_str()));
        if in_community && !rewritten && in_draft(ctx, &link.url) {
            review
                .findings
                .push(advice::duplicate_draft().on_line(&link.line));
        }
    }
    let diags = ctx.session.check_doc(&ctx.session.targets[0], &doc);
    for d in diags.iter().filter(|d| on_added(d.span.start)) {
        let line = doc.line_text(doc.line_of(d.span.start)).to_string();
        if d.code == "duplicate-link"
            && review
                .links
                .iter()
                .any(|l| l.line == line && in_draft(ctx, &l.url))
        {
            continue; // already said, with the draft line
        }
        review.findings.push(from_diagnostic(d).on_line(&line));
    }
    if let Some(stated) =
        crate::title::stated_title(&data.pr.title, data.pr.body.as_deref().unwrap_or(""))
        && let [link] = review.links.as_slice()
        && !crate::title::same_title(&stated, &link.title)
    {
        review
            .findings
            .push(advice::title_mismatch(&link.title, &stated).on_line(&link.line));
    }
    Analysis {
        review,
        keys,
        into_project_tooling,
    }
}

/// True when the draft's community section already links `url`.
fn in_draft(ctx: &Context, url: &str) -> bool {
    let key = url_norm::normalize(url);
    let Some(section) = ctx.draft.section(ctx.community()) else {
        return false;
    };
    ctx.draft
        .links
        .iter()
        .filter(|l| section.span.start <= l.span.start && l.span.start < section.span.end)
        .any(|l| url_norm::normalize(&l.url) == key)
}

fn from_diagnostic(d: &Diagnostic) -> Finding {
    let level = if d.code == "duplicate-link" {
        Level::Reject
    } else {
        Level::NeedsChanges
    };
    let fixed = d.fix.as_ref().map(|f| f.replacement.as_str());
    Finding::new(
        d.code,
        level,
        d.message.clone(),
        advice::for_rule(d.code, &d.message, d.help.as_deref(), fixed),
    )
}
