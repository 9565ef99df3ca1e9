//! One pull request on its own: what kind of change it is, and for a link submission what it
//! adds, where, and what the check rules and the editors' habits say about those lines.

use std::collections::HashSet;
use twir_check::Diagnostic;
use twir_content::links::extract_links;
use twir_content::{Document, url_norm};

use crate::advice;
use crate::change::{OwnChange, Source};
use crate::context::{Context, FORUM_SECTIONS};
use crate::editing;
use crate::heads::{Read, is_issue_file};
use crate::input::{Access, PullData};
use crate::merge::insert::{Insertion, insert_links};
use crate::model::{AddedLink, ChangeSummary, Finding, Kind, Level, PullReview};
use crate::title::{self, Stated};

/// How many link lines an editor's pull request may add and still be reviewed as a submission
/// (more is the editors' own curation, listed as an editor change).
pub const EDITOR_HANDFUL: usize = 5;

/// A pull request analysed against the draft, before the checks that look at other pull
/// requests, the author's permission and CI.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The review being built.
    pub review: PullReview,
    /// Normalised URLs of the community links it adds.
    pub keys: Vec<String>,
    /// True when a link lands in the project/tooling section.
    pub into_project_tooling: bool,
    /// True when the author can push (confirmed, or by their association when unknown).
    pub editor: bool,
}

/// The shape of a change: its links and the lines around them.
#[derive(Debug, Clone, Default)]
struct Shape {
    links: Vec<AddedLink>,
    community_lines: usize,
    forum: Option<&'static str>,
    /// Non-blank added lines without a link.
    extra: Vec<String>,
    /// Top-level sections of added lines outside the community section.
    other_sections: Vec<String>,
}

fn shape(ctx: &Context, change: &OwnChange) -> Shape {
    let mut s = Shape::default();
    for line in &change.added {
        let top = line.section.first().map(String::as_str).unwrap_or("");
        let links = extract_links(&line.text, 0);
        let in_community = top.eq_ignore_ascii_case(ctx.community());
        let forum = FORUM_SECTIONS
            .iter()
            .find(|(n, _)| top.eq_ignore_ascii_case(n))
            .map(|(n, _)| *n);
        if forum.is_some() {
            s.forum = forum;
        } else if !in_community && !top.is_empty() && !s.other_sections.iter().any(|t| t == top) {
            s.other_sections.push(top.to_string());
        }
        if links.is_empty() {
            if in_community || forum.is_none() {
                s.extra.push(line.text.clone());
            }
            continue;
        }
        if in_community {
            s.community_lines += 1;
        }
        for l in links {
            s.links.push(AddedLink {
                title: l.text(&line.text).to_string(),
                url: l.url(&line.text).to_string(),
                section: line.section.clone(),
                line: line.text.clone(),
            });
        }
    }
    s
}

fn can_push(data: &PullData, access: Option<&Access>) -> (bool, Option<bool>) {
    match access {
        Some(Access::Write) => (true, Some(true)),
        Some(Access::NoWrite) => (false, Some(false)),
        // Unknown (no token): GitHub's author association is the next best sign.
        _ => {
            let assoc = data.pr.author_association.as_deref().unwrap_or("");
            (matches!(assoc, "OWNER" | "MEMBER" | "COLLABORATOR"), None)
        }
    }
}

fn plural(n: usize, one: &str) -> String {
    format!("{n} {one}{}", if n == 1 { "" } else { "s" })
}

/// Decides what a pull request is, and says why in a few words.
fn kind(
    ctx: &Context,
    read: &Read,
    s: &Shape,
    outside: &[String],
    new_drafts: &[String],
    editor: bool,
) -> (Kind, String) {
    let c = &read.change;
    if read.in_head {
        return (
            Kind::Merged,
            "its head is already in HEAD; push to close it".into(),
        );
    }
    if c.added.is_empty() && c.removed.is_empty() && c.already_in_draft > 0 {
        return (
            Kind::Merged,
            "everything it adds is already in the draft".into(),
        );
    }
    let community_links = s.links.iter().filter(|l| in_community(ctx, l)).count();
    let mut what: Vec<String> = Vec::new();
    if let Some(f) = s.forum {
        what.push(f.to_string());
    }
    if community_links > 0 {
        what.push(format!("adds {}", plural(s.community_lines, "link line")));
    }
    if !s.other_sections.is_empty() {
        what.push(format!("edits {}", s.other_sections.join(", ")));
    }
    if !c.removed.is_empty() {
        what.push(format!(
            "removes or changes {}",
            plural(c.removed.len(), "line")
        ));
    }
    if !new_drafts.is_empty() {
        what.push(format!("starts {}", new_drafts.join(", ")));
    }
    if !outside.is_empty() {
        what.push(format!(
            "changes {} outside the draft",
            plural(outside.len(), "file")
        ));
    }
    if what.is_empty() {
        what.push("no new line in the draft".into());
    }
    let what = what.join("; ");
    if editor {
        let looks_like_submission = community_links > 0
            && s.community_lines <= EDITOR_HANDFUL
            && s.links.iter().all(|l| in_community(ctx, l))
            && c.removed.is_empty()
            && s.extra.is_empty()
            && s.forum.is_none()
            && outside.is_empty()
            && new_drafts.is_empty()
            && c.unplaced.is_empty();
        return if looks_like_submission {
            (Kind::Submission, format!("by an editor: {what}"))
        } else {
            (Kind::EditorChange, format!("by an editor: {what}"))
        };
    }
    let lost_link = c.unplaced.iter().any(|l| l.contains("]("));
    if community_links == 0 && s.forum.is_none() && !lost_link && read.bad_diffs.is_empty() {
        return (Kind::Other, format!("no community link: {what}"));
    }
    // A contributor fixing an existing link (same URL, line changed) is no new submission.
    let draft_urls = draft_community_urls(ctx);
    if !c.removed.is_empty()
        && s.forum.is_none()
        && s.links
            .iter()
            .all(|l| draft_urls.contains(&url_norm::normalize(&l.url)))
    {
        return (Kind::Other, format!("edits existing links: {what}"));
    }
    (Kind::Submission, what)
}

fn in_community(ctx: &Context, l: &AddedLink) -> bool {
    l.section
        .first()
        .is_some_and(|t| t.eq_ignore_ascii_case(ctx.community()))
}

fn draft_community_urls(ctx: &Context) -> HashSet<String> {
    let Some(section) = ctx.draft.section(ctx.community()) else {
        return HashSet::new();
    };
    ctx.draft
        .links
        .iter()
        .filter(|l| section.span.start <= l.span.start && l.span.start < section.span.end)
        .map(|l| url_norm::normalize(l.url(&ctx.draft.source)))
        .collect()
}

/// Analyses one pull request whose change was read as `read`; `access` is its author's
/// permission when it was looked up.
pub fn analyze(ctx: &Context, data: &PullData, read: &Read, access: Option<&Access>) -> Analysis {
    let prefix = ctx.draft_prefix();
    let outside: Vec<String> = data
        .files
        .iter()
        .filter(|f| !is_issue_file(&f.filename, &prefix))
        .map(|f| f.filename.clone())
        .collect();
    let s = shape(ctx, &read.change);
    let (editor, author_can_push) = can_push(data, access);
    let new_drafts: Vec<String> = data
        .files
        .iter()
        .filter(|f| f.status == "added" && is_issue_file(&f.filename, &prefix))
        .map(|f| f.filename.clone())
        .collect();
    let (kind, kind_reason) = kind(ctx, read, &s, &outside, &new_drafts, editor);
    let c = &read.change;
    let mut review = PullReview {
        number: data.pr.number,
        title: data.pr.title.clone(),
        url: data.pr.html_url.clone(),
        author: data.author().to_string(),
        head_sha: data.pr.head.sha.clone(),
        kind,
        kind_reason,
        author_can_push,
        change: ChangeSummary {
            from: match c.source {
                Source::Git { .. } => "git",
                Source::Patch { .. } => "patch",
            },
            fallback_reason: match &c.source {
                Source::Patch { reason } => Some(reason.clone()),
                Source::Git { .. } => None,
            },
            carries: c.carries.clone(),
            already_in_draft: c.already_in_draft,
            removed: c.removed.len(),
        },
        added: c.added.iter().map(|l| l.text.clone()).collect(),
        links: s.links.clone(),
        single_link: false,
        section: None,
        findings: Vec::new(),
        ci: data.ci.clone(),
        verdict: None,
    };
    review.section = review
        .links
        .iter()
        .find(|l| in_community(ctx, l))
        .map(|l| l.section.get(1).unwrap_or(&l.section[0]).clone())
        .or_else(|| s.forum.map(str::to_string));
    let keys: Vec<String> = review
        .links
        .iter()
        .filter(|l| in_community(ctx, l))
        .map(|l| url_norm::normalize(&l.url))
        .collect();
    let into_project_tooling = review.links.iter().any(|l| {
        in_community(ctx, l)
            && l.section
                .get(1)
                .is_some_and(|t| t.eq_ignore_ascii_case(ctx.project_tooling()))
    });
    if kind != Kind::Submission {
        return Analysis {
            review,
            keys,
            into_project_tooling,
            editor,
        };
    }
    submission_findings(ctx, data, read, &s, &outside, editor, &mut review);
    Analysis {
        review,
        keys,
        into_project_tooling,
        editor,
    }
}

fn submission_findings(
    ctx: &Context,
    data: &PullData,
    read: &Read,
    s: &Shape,
    outside: &[String],
    editor: bool,
    review: &mut PullReview,
) {
    let c = &read.change;
    let prefix = ctx.draft_prefix();
    for f in data
        .files
        .iter()
        .filter(|f| is_issue_file(&f.filename, &prefix) && f.filename != ctx.draft_rel)
    {
        review
            .findings
            .push(advice::old_draft(&f.filename, &ctx.draft_rel));
    }
    for (file, why) in &read.bad_diffs {
        review.findings.push(advice::bad_diff(file, why));
    }
    if let Some(name) = s.forum {
        review.findings.push(advice::weekly_by_forum(name));
    }
    if !outside.is_empty() {
        review.findings.push(advice::outside_draft(outside));
    }
    let removed: Vec<&String> = c.removed.iter().collect();
    if !removed.is_empty() {
        review.findings.push(advice::changes_lines(&removed));
    }
    if !c.unplaced.is_empty() {
        review.findings.push(advice::unplaced(&c.unplaced));
    }
    let extra: Vec<&String> = s.extra.iter().collect();
    let link_lines: HashSet<&str> = s.links.iter().map(|l| l.line.as_str()).collect();
    if s.links.len() > 1 && !editor {
        review
            .findings
            .push(advice::multiple_links(s.links.len(), link_lines.len()));
    } else if !extra.is_empty() {
        review.findings.push(advice::extra_lines(&extra));
    }
    review.single_link = s.community_lines >= 1
        && (s.links.len() == 1 || editor)
        && s.links.iter().all(|l| in_community(ctx, l))
        && extra.is_empty()
        && removed.is_empty()
        && c.unplaced.is_empty()
        && s.forum.is_none();

    let draft_urls = draft_community_urls(ctx);
    let mut insertions = Vec::new();
    for link in s.links.iter().filter(|l| in_community(ctx, l)) {
        let chosen = link.section.get(1).map(String::as_str);
        let known = chosen.is_some_and(|t| {
            ctx.subsections
                .iter()
                .any(|a| twir_content::section::plain_title(a).eq_ignore_ascii_case(t))
        });
        match chosen {
            None => {
                let to = editing::suggest_section(ctx, link, editor);
                review.findings.push(
                    advice::no_subsection(&to)
                        .on_line(&link.line)
                        .moving_to(&to),
                );
            }
            Some(name) if !known => {
                let to = editing::suggest_section(ctx, link, editor);
                review.findings.push(
                    advice::unknown_section(name, &to)
                        .on_line(&link.line)
                        .moving_to(&to),
                );
            }
            // One insertion per line (a line may hold several links).
            Some(name) => {
                let line = editing::bullet_fixed(&link.line).unwrap_or_else(|| link.line.clone());
                if !insertions.iter().any(|i: &Insertion| i.line == line) {
                    insertions.push(Insertion {
                        number: review.number,
                        line,
                        section: name.to_string(),
                    });
                }
            }
        }
        // A line the pull request rewrites keeps its URL: that is no duplicate.
        let rewritten = c.removed.iter().any(|l| l.contains(link.url.as_str()));
        if !rewritten && draft_urls.contains(&url_norm::normalize(&link.url)) {
            review
                .findings
                .push(advice::duplicate_draft().on_line(&link.line));
        }
    }
    rule_findings(ctx, &insertions, s, &c.removed, review);
    if let Some(stated) = title::stated(&data.pr.title, data.pr.body.as_deref().unwrap_or(""))
        && let [link] = s.links.as_slice()
        && !title::same_title(stated.text(), &link.title)
    {
        // A title quoted in the pull request's title is often a short name for the page:
        // only a link text that is a piece of it looks cut (replaying real weeks, editors
        // merged the other differences as they were).
        let level = match &stated {
            Stated::Explicit(_) => Some(Level::NeedsChanges),
            Stated::Quoted(q) if title::contains_title(q, &link.title) => Some(Level::NeedsChanges),
            Stated::Quoted(q) if title::contains_title(&link.title, q) => None,
            Stated::Quoted(_) => Some(Level::Note),
        };
        if let Some(level) = level {
            let mut f = advice::title_mismatch(&link.title, stated.text()).on_line(&link.line);
            f.level = level;
            review.findings.push(f);
        }
    }
    editing::editor_fixes(ctx, s.links.as_slice(), editor, review);
}

/// Check rules whose findings are about layout that `merge` writes itself (the bullet, where
/// the line goes): not the submitter's concern.
const LAYOUT_RULES: [&str; 4] = [
    "list-marker",
    "missing-bullet",
    "blank-line-in-list",
    "empty-section",
];

/// Runs the `twir check` rules on the draft as `merge` would write it and keeps what they say
/// about the inserted lines.
fn rule_findings(
    ctx: &Context,
    insertions: &[Insertion],
    s: &Shape,
    removed: &[String],
    review: &mut PullReview,
) {
    if insertions.is_empty() {
        return;
    }
    let Ok(text) = insert_links(&ctx.draft.source, ctx.community(), insertions) else {
        return;
    };
    let doc = Document::parse(text);
    let marker = crate::merge::insert::attribution(review.number);
    let diags = ctx.session.check_doc(&ctx.session.targets[0], &doc);
    for d in diags {
        let inserted = doc.line_text(doc.line_of(d.span.start));
        if !inserted.ends_with(&marker) || LAYOUT_RULES.contains(&d.code) {
            continue;
        }
        let without = crate::change::line_key(inserted);
        let line = s
            .links
            .iter()
            .find(|l| editing::bullet_fixed(&l.line).as_deref().unwrap_or(&l.line) == without)
            .map(|l| l.line.clone())
            .unwrap_or_else(|| without.to_string());
        // Already said with the draft line, or the pull request rewrites that very line.
        if d.code == "duplicate-link"
            && (review.findings.iter().any(|f| f.code == "duplicate-draft")
                || removed.iter().any(|r| {
                    s.links
                        .iter()
                        .any(|l| l.line == line && r.contains(l.url.as_str()))
                }))
        {
            continue;
        }
        review.findings.push(from_diagnostic(&d).on_line(&line));
    }
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
