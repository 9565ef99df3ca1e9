//! Replays real weeks of a newsletter repository's history through the review, to measure it
//! against what the editors did. Nothing of the history is copied into the project: the tool
//! reads a git clone given on the command line.
//!
//! ```text
//! cargo run --release -p twir-submissions --example replay -- real REPO [--since DATE] [--until DATE] [--out FILE]
//! cargo run --release -p twir-submissions --example replay -- synthetic REPO [--issues N] [--out FILE]
//! ```
//!
//! `real`: every pull request merged into `main` (first-parent merge commits "Merge pull request
//! #N from LOGIN/BRANCH") is reviewed at the commit just before its merge, together with the
//! pull requests merged in the following two weeks whose head already existed (the others open
//! at that moment). Heads are read with git (they are merge parents), GitHub's patch is made
//! from the merge base, CI is green, and authors listed as editors in the README (or pushing
//! branches to the repository itself) have write access. Each submission's links are then
//! looked up in the published issues: a title, section or bullet the editors changed is
//! expected to be named by a finding (`title-style`, a finding that moves the link to the
//! published section, `bullet`).
//!
//! `synthetic`: for each of the N newest issues, a week is rebuilt from the published issue:
//! the draft is the issue without its community links, each link comes back as a pull request
//! by its own author, written as submitters write (a site-name suffix, a trailing full stop,
//! a `-` bullet, a section chosen by the keyword heuristic instead of the editors'), plus
//! editors' pull requests (the quote of the week, the events, a ten-link curation, the
//! publishing); each week goes through a mock GitHub API (wiremock, 127.0.0.1) and the heads
//! are fetched from a bare "GitHub" remote as `refs/pull/N/head`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a developer tool run by hand: a panic names what went wrong"
)]

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use git2::{Oid, Repository};
use twir_content::{Document, Site, url_norm};
use twir_github::models::{PullFile, PullRequest};
use twir_submissions::analyze::analyze;
use twir_submissions::heads::read_changes;
use twir_submissions::input::{Access, MergedPull, PullData};
use twir_submissions::plan::PlanOptions;
use twir_submissions::review::finish;
use twir_submissions::{Ci, Context, Kind, PullReview, Verdict};

#[derive(Debug, Clone)]
struct Merge {
    number: u64,
    login: String,
    title: String,
    p1: Oid,
    head: Oid,
    time: i64,
    date: String,
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn date_of(secs: i64) -> String {
    jiff::Timestamp::from_second(secs)
        .map(|t| {
            t.to_zoned_datetime(jiff::tz::TimeZone::UTC)
                .date()
                .to_string()
        })
        .unwrap_or_default()
}

/// First-parent merges of pull requests on `main`, oldest first.
fn merges(repo: &Repository, since: &str, until: &str) -> Vec<Merge> {
    let main = repo
        .revparse_single("refs/heads/main")
        .or_else(|_| repo.revparse_single("HEAD"))
        .expect("main")
        .id();
    let mut walk = repo.revwalk().expect("revwalk");
    walk.push(main).expect("push");
    walk.simplify_first_parent().expect("first parent");
    let mut out = Vec::new();
    for oid in walk.flatten() {
        let c = repo.find_commit(oid).expect("commit");
        let date = date_of(c.time().seconds());
        if date.as_str() < since {
            break;
        }
        if date.as_str() > until || c.parent_count() != 2 {
            continue;
        }
        let msg = c.message().unwrap_or("");
        let Some(rest) = msg.strip_prefix("Merge pull request #") else {
            continue;
        };
        let (num, rest) = rest.split_once(' ').unwrap_or((rest, ""));
        let Ok(number) = num.parse::<u64>() else {
            continue;
        };
        let login = rest
            .trim_start_matches("from ")
            .split('/')
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        let title = msg.lines().nth(2).unwrap_or("").trim().to_string();
        out.push(Merge {
            number,
            login,
            title,
            p1: c.parent_id(0).expect("p1"),
            head: c.parent_id(1).expect("p2"),
            time: c.time().seconds(),
            date,
        });
    }
    out.reverse();
    out
}

/// Editors listed in the README at `main` (current and alumni).
fn editors(repo: &Repository) -> HashSet<String> {
    let mut out: HashSet<String> = ["rust-lang".to_string()].into_iter().collect();
    let Ok(obj) = repo.revparse_single("HEAD:README.md") else {
        return out;
    };
    let Some(blob) = obj.as_blob() else {
        return out;
    };
    let text = String::from_utf8_lossy(blob.content());
    let mut on = false;
    for line in text.lines() {
        if line.starts_with('#') {
            let l = line.to_lowercase();
            on = l.contains("editors");
            continue;
        }
        if on && let Some(at) = line.find("github.com/") {
            let login: String = line[at + 11..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            if !login.is_empty() {
                out.insert(login);
            }
        }
    }
    out
}

/// GitHub's files of a pull request: merge base with `main` to head.
fn pull_files(repo: &Repository, main: Oid, head: Oid) -> Vec<PullFile> {
    let Ok(base) = repo.merge_base(main, head) else {
        return Vec::new();
    };
    let bt = repo.find_commit(base).and_then(|c| c.tree()).expect("tree");
    let ht = repo.find_commit(head).and_then(|c| c.tree()).expect("tree");
    let diff = repo
        .diff_tree_to_tree(Some(&bt), Some(&ht), None)
        .expect("diff");
    let mut out = Vec::new();
    for i in 0..diff.deltas().len() {
        let delta = diff.get_delta(i).expect("delta");
        let path = delta
            .new_file()
            .path()
            .or_else(|| delta.old_file().path())
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default();
        let status = match delta.status() {
            git2::Delta::Added => "added",
            git2::Delta::Deleted => "removed",
            _ => "modified",
        };
        let (patch, adds, dels) = if path.starts_with("draft/") {
            match git2::Patch::from_diff(&diff, i) {
                Ok(Some(mut p)) => {
                    let (_, a, d) = p.line_stats().unwrap_or((0, 0, 0));
                    let text = p
                        .to_buf()
                        .map(|b| String::from_utf8_lossy(&b).into_owned())
                        .unwrap_or_default();
                    let hunks = text
                        .find("\n@@")
                        .map(|at| text[at + 1..].to_string())
                        .unwrap_or_default();
                    (Some(hunks), a as u64, d as u64)
                }
                _ => (None, 0, 0),
            }
        } else {
            (None, 0, 0)
        };
        out.push(PullFile {
            filename: path,
            status: status.into(),
            additions: adds,
            deletions: dels,
            patch,
            previous_filename: None,
        });
    }
    out
}

fn pull_data(m: &Merge, main: Oid, files: Vec<PullFile>) -> PullData {
    let pr: PullRequest = serde_json::from_value(serde_json::json!({
        "number": m.number, "title": m.title,
        "html_url": format!("https://github.com/o/r/pull/{}", m.number),
        "state": "open", "user": {"login": m.login}, "body": "",
        "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z",
        "head": {"ref": "b", "sha": m.head.to_string()},
        "base": {"ref": "main", "sha": main.to_string()},
    }))
    .expect("pull json");
    PullData {
        pr,
        files,
        ci: Ci::Success,
    }
}

/// A published community link.
#[derive(Debug, Clone)]
struct Published {
    date: String,
    title: String,
    section: String,
    line: String,
}

fn published_links(repo: &Repository, community: &str) -> HashMap<String, Vec<Published>> {
    let tree = repo
        .revparse_single("HEAD^{tree}")
        .expect("tree")
        .peel_to_tree()
        .expect("tree");
    let content = tree
        .get_path(Path::new("content"))
        .expect("content")
        .to_object(repo)
        .expect("obj")
        .peel_to_tree()
        .expect("tree");
    let mut out: HashMap<String, Vec<Published>> = HashMap::new();
    for e in content.iter() {
        let name = e.name().unwrap_or("").to_string();
        if name.len() < 10 || !name.ends_with(".md") || name.as_str() < "2023-06" {
            continue;
        }
        let Ok(blob) = repo.find_blob(e.id()) else {
            continue;
        };
        let doc = Document::parse(String::from_utf8_lossy(blob.content()).into_owned());
        let Some(top) = doc.section(community) else {
            continue;
        };
        for sub in &top.children {
            for l in doc
                .links
                .iter()
                .filter(|l| sub.span.start <= l.span.start && l.span.start < sub.span.end)
            {
                out.entry(url_norm::normalize(l.url(&doc.source)))
                    .or_default()
                    .push(Published {
                        date: name[..10].to_string(),
                        title: l.text(&doc.source).to_string(),
                        section: twir_content::section::plain_title(&sub.title).to_string(),
                        line: doc.line_text(doc.line_of(l.span.start)).to_string(),
                    });
            }
        }
    }
    out
}

fn checkout(repo: &Repository, commit: Oid) {
    let c = repo.find_commit(commit).expect("commit");
    let mut opts = git2::build::CheckoutBuilder::new();
    opts.force().remove_untracked(false);
    repo.checkout_tree(c.as_object(), Some(&mut opts))
        .expect("checkout");
    repo.set_head_detached(commit).expect("head");
}

#[derive(Default)]
struct Tally {
    merged: usize,
    kinds: BTreeMap<&'static str, usize>,
    verdicts: BTreeMap<&'static str, usize>,
    rejected: Vec<String>,
    reject_codes: BTreeMap<String, usize>,
    needs_codes: BTreeMap<String, usize>,
    /// Submissions whose links editors changed, and those whose change a finding names.
    changed: usize,
    named: usize,
    by_kind: BTreeMap<&'static str, (usize, usize)>,
    title_exact: usize,
    /// Findings that name a change the editors did not make (per link).
    false_notes: BTreeMap<&'static str, usize>,
    links_checked: usize,
    /// Submissions whose changes were all of the kinds the issue names (a bullet, a section,
    /// a title's site-name suffix, dangling punctuation or spacing), and those named.
    changed_house: usize,
    named_house: usize,
    planned_accepts: usize,
    accepted_left: usize,
    seconds: Vec<f64>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = args.first().cloned().unwrap_or_default();
    let Some(repo_path) = args.get(1).map(PathBuf::from) else {
        eprintln!("usage: replay real|synthetic REPO [--since DATE] [--until DATE] [--out FILE]");
        std::process::exit(2);
    };
    match mode.as_str() {
        "real" => real(&repo_path, &args),
        "synthetic" => synthetic::run(&repo_path, &args),
        _ => {
            eprintln!("mode must be `real` or `synthetic`");
            std::process::exit(2);
        }
    }
}

fn real(repo_path: &Path, args: &[String]) {
    let since = arg(args, "--since").unwrap_or_else(|| "2024-01-01".into());
    let until = arg(args, "--until").unwrap_or_else(|| "9999".into());
    let out_path = arg(args, "--out");
    let work = tempfile::tempdir().expect("tempdir");
    let local_path = work.path().join("local");
    eprintln!("cloning {} ...", repo_path.display());
    let local = git2::build::RepoBuilder::new()
        .clone(repo_path.to_str().expect("utf8"), &local_path)
        .expect("clone");
    let all = merges(&local, &since, &until);
    let editors = editors(&local);
    let site0 = Site::open(&local_path).expect("site");
    let community = site0.config.check.community_section.clone();
    let published = published_links(&local, &community);
    eprintln!("{} merged pull requests since {since}", all.len());
    let mut t = Tally::default();
    let mut rows = String::from("pr\tdate\tauthor\tkind\tverdict\tcodes\tchanges\tnamed\n");
    // Per submitted link: the model's view, to calibrate the section hint offline.
    let mut link_rows = String::from("pr\tdate\teditor\tchosen\tpublished\ttop\tp_top\tp_chosen\n");
    let two_weeks = 14 * 86_400;
    for (i, m) in all.iter().enumerate() {
        // The pull requests open when `m` was merged: `m`, and those merged in the next two
        // weeks whose head already existed.
        let mut open: Vec<&Merge> = all[i..]
            .iter()
            .filter(|o| o.time <= m.time + two_weeks)
            .filter(|o| {
                o.number == m.number
                    || local
                        .find_commit(o.head)
                        .map(|c| c.time().seconds() <= m.time)
                        .unwrap_or(false)
            })
            .collect();
        open.sort_by_key(|o| o.number);
        open.dedup_by_key(|o| o.number);
        let draft_touching: Vec<(&Merge, Vec<PullFile>)> = open
            .iter()
            .map(|o| (*o, pull_files(&local, m.p1, o.head)))
            .filter(|(_, f)| f.iter().any(|x| x.filename.starts_with("draft/")))
            .collect();
        if !draft_touching.iter().any(|(o, _)| o.number == m.number) {
            continue;
        }
        t.merged += 1;
        let started = Instant::now();
        checkout(&local, m.p1);
        let Ok(site) = Site::open(&local_path) else {
            continue;
        };
        let Ok(ctx) = Context::open(&site) else {
            eprintln!("#{}: no draft at its merge", m.number);
            continue;
        };
        let pulls: Vec<PullData> = draft_touching
            .into_iter()
            .map(|(o, f)| pull_data(o, m.p1, f))
            .collect();
        let reads = read_changes(&ctx, &pulls, "origin");
        let access: HashMap<String, Access> = pulls
            .iter()
            .map(|p| {
                let a = if editors.contains(p.author()) {
                    Access::Write
                } else {
                    Access::NoWrite
                };
                (p.author().to_string(), a)
            })
            .collect();
        let analyses: Vec<_> = pulls
            .iter()
            .zip(&reads)
            .map(|(p, r)| analyze(&ctx, p, r, access.get(p.author())))
            .collect();
        // Links merged earlier this week, by author (the one-link-per-week rule).
        let since_issue = ctx
            .last_issue_date()
            .map(|d| d.to_string())
            .unwrap_or_default();
        let merged_before: Vec<MergedPull> = all[..i]
            .iter()
            .filter(|o| o.date >= since_issue)
            .filter(|o| {
                pull_files(&local, o.p1, o.head).iter().any(|f| {
                    f.filename.starts_with("draft/")
                        && f.patch.as_deref().is_some_and(|p| {
                            p.lines()
                                .any(|l| l.starts_with('+') && l.contains("](http"))
                        })
                })
            })
            .map(|o| MergedPull {
                number: o.number,
                author: o.login.clone(),
            })
            .collect();
        let review = finish(
            &ctx,
            &"o/r".parse().expect("repo"),
            analyses,
            &merged_before,
            &access,
            &PlanOptions::default(),
        );
        t.seconds.push(started.elapsed().as_secs_f64());
        let Some(p) = review.pull(m.number) else {
            continue;
        };
        *t.kinds.entry(p.kind.label()).or_default() += 1;
        if let Some(v) = p.verdict {
            *t.verdicts.entry(v.label()).or_default() += 1;
            if v == Verdict::Accept {
                if review.plan.pick(p.number).is_some() {
                    t.planned_accepts += 1;
                } else {
                    t.accepted_left += 1;
                }
            }
        }
        for f in p
            .findings
            .iter()
            .filter(|f| f.level > twir_submissions::Level::Note)
        {
            let map = if p.verdict == Some(Verdict::Reject) {
                &mut t.reject_codes
            } else {
                &mut t.needs_codes
            };
            *map.entry(f.code.clone()).or_default() += 1;
        }
        if p.verdict == Some(Verdict::Reject) {
            let codes: Vec<&str> = p
                .findings
                .iter()
                .filter(|f| f.level == twir_submissions::Level::Reject)
                .map(|f| f.message.as_str())
                .collect();
            t.rejected.push(format!(
                "#{} {} @{}: {}",
                m.number,
                m.date,
                m.login,
                codes.join("; ")
            ));
        }
        if p.kind == Kind::Submission {
            let editor = editors.contains(&m.login);
            for link in &p.links {
                let Some(chosen) = link.section.get(1) else {
                    continue;
                };
                let earliest = minus_days(&m.date, 2);
                let Some(found) = published
                    .get(&url_norm::normalize(&link.url))
                    .and_then(|v| {
                        v.iter()
                            .filter(|x| x.date >= earliest)
                            .min_by(|a, b| a.date.cmp(&b.date))
                    })
                else {
                    continue;
                };
                let tags = twir_submissions::archive::tags_before(&link.line, &link.title);
                let info = twir_submissions::archive::LinkInfo {
                    title: &link.title,
                    url: &link.url,
                    tags: &tags,
                };
                let cands = twir_submissions::editing::candidates(&ctx, editor);
                let probs = ctx.model.probabilities(&info, &cands);
                let p_chosen = probs
                    .iter()
                    .find(|(c, _)| c.eq_ignore_ascii_case(chosen))
                    .map(|(_, p)| *p)
                    .unwrap_or(0.0);
                if let Some((top, p_top)) = probs.first() {
                    link_rows.push_str(&format!(
                        "{}\t{}\t{editor}\t{chosen}\t{}\t{top}\t{p_top:.4}\t{p_chosen:.4}\n",
                        m.number, m.date, found.section
                    ));
                }
            }
        }
        let (changes, named) = if p.kind == Kind::Submission {
            editor_changes(p, m, &published, &mut t)
        } else {
            (Vec::new(), false)
        };
        let codes: Vec<&str> = p.findings.iter().map(|f| f.code.as_str()).collect();
        rows.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            m.number,
            m.date,
            m.login,
            p.kind.label(),
            p.verdict_label(),
            codes.join(","),
            changes.join(","),
            named
        ));
        if t.merged % 100 == 0 {
            eprintln!("{} reviewed ({})", t.merged, m.date);
        }
    }
    report_real(&t);
    if let Some(path) = out_path {
        std::fs::write(&path, rows).expect("write rows");
        std::fs::write(format!("{path}.links"), link_rows).expect("write link rows");
        eprintln!("per pull request: {path}; per link: {path}.links");
    }
}

/// What the editors changed in `p`'s links before publishing, and whether the findings name
/// every change.
fn editor_changes(
    p: &PullReview,
    m: &Merge,
    published: &HashMap<String, Vec<Published>>,
    t: &mut Tally,
) -> (Vec<&'static str>, bool) {
    let earliest = minus_days(&m.date, 2);
    let mut changes: Vec<&'static str> = Vec::new();
    let mut all_named = true;
    for link in &p.links {
        let Some(found) = published
            .get(&url_norm::normalize(&link.url))
            .and_then(|v| {
                v.iter()
                    .filter(|x| x.date >= earliest)
                    .min_by(|a, b| a.date.cmp(&b.date))
            })
        else {
            continue;
        };
        t.links_checked += 1;
        let on_line = |code: &str| {
            p.findings
                .iter()
                .filter(|f| f.code == code && f.line.as_deref() == Some(link.line.as_str()))
                .collect::<Vec<_>>()
        };
        let submitted_section = link.section.get(1).cloned().unwrap_or_default();
        let bullet_changed = !link.line.starts_with("* ") && found.line.starts_with("* ");
        let title_changed = found.title != link.title;
        let section_changed = !found.section.eq_ignore_ascii_case(&submitted_section);
        let title_named = !on_line("title-style").is_empty();
        let moves: Vec<String> = p
            .findings
            .iter()
            .filter(|f| f.line.as_deref() == Some(link.line.as_str()))
            .filter_map(|f| f.move_to.clone())
            .collect();
        let section_named = moves.iter().any(|s| s.eq_ignore_ascii_case(&found.section));
        let bullet_named = !on_line("bullet").is_empty();
        let title_kind = if title_changed && house_style_title(&link.title, &found.title) {
            "title (house style)"
        } else {
            "title (reworded)"
        };
        for (changed, named, kind) in [
            (bullet_changed, bullet_named, "bullet"),
            (title_changed, title_named, title_kind),
            (section_changed, section_named, "section"),
        ] {
            if changed {
                changes.push(kind);
                let e = t.by_kind.entry(kind).or_default();
                e.0 += 1;
                e.1 += usize::from(named);
                all_named &= named;
            }
        }
        if title_changed
            && on_line("title-style").iter().any(|f| {
                f.suggestion
                    .as_deref()
                    .is_some_and(|s| s.contains(&format!("[{}](", found.title)))
            })
        {
            t.title_exact += 1;
        }
        if !title_changed && title_named {
            *t.false_notes.entry("title-style").or_default() += 1;
        }
        if !section_changed && !on_line("section-hint").is_empty() {
            *t.false_notes.entry("section-hint").or_default() += 1;
        }
        if !bullet_changed && bullet_named {
            *t.false_notes.entry("bullet").or_default() += 1;
        }
    }
    if !changes.is_empty() {
        t.changed += 1;
        t.named += usize::from(all_named);
        if !changes.contains(&"title (reworded)") {
            t.changed_house += 1;
            t.named_house += usize::from(all_named);
        }
    }
    let named = !changes.is_empty() && all_named;
    (changes, named)
}

/// Whether the editors' title differs from the submitted one only in the ways the issue names
/// as house style, judged independently of the `title-style` rule: a tail cut at a separator
/// (` | Site`, ` - Medium`, ` by Someone`: at most four words after the separator), dangling
/// punctuation at the end, or spacing.
fn house_style_title(submitted: &str, published: &str) -> bool {
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let trim = |s: &str| {
        squash(s)
            .trim_end_matches(['.', ':', ',', ';', '|', '-', '–', '—', '·', ' '])
            .to_string()
    };
    let (sub, publ) = (trim(submitted), trim(published));
    if sub == publ {
        return true;
    }
    // A site's name is short; a longer tail is a subtitle the editors chose to cut.
    sub.strip_prefix(publ.as_str()).is_some_and(|tail| {
        [" | ", " - ", " – ", " — ", " · ", " by ", " :: ", " @ "]
            .iter()
            .any(|sep| tail.starts_with(sep))
            && tail.split_whitespace().count() <= 5
    })
}

fn minus_days(date: &str, days: i64) -> String {
    jiff::civil::Date::strptime("%Y-%m-%d", date)
        .ok()
        .and_then(|d| d.checked_sub(jiff::Span::new().days(days)).ok())
        .map(|d| d.to_string())
        .unwrap_or_default()
}

fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn report_real(t: &Tally) {
    let mut secs = t.seconds.clone();
    println!("merged pull requests touching the draft: {}", t.merged);
    println!("kinds: {:?}", t.kinds);
    println!("verdicts of submissions: {:?}", t.verdicts);
    let rejected = t.verdicts.get("reject").copied().unwrap_or(0);
    println!(
        "rejected: {rejected} of {} merged ({:.1}%)",
        t.merged,
        100.0 * rejected as f64 / t.merged.max(1) as f64
    );
    println!("reject findings: {:?}", t.reject_codes);
    println!("needs-changes findings: {:?}", t.needs_codes);
    println!(
        "accepted submissions merged by the plan: {}, left by it: {}",
        t.planned_accepts, t.accepted_left
    );
    println!(
        "submissions whose links editors changed: {}; every change named by a finding: {} ({:.1}%)",
        t.changed,
        t.named,
        100.0 * t.named as f64 / t.changed.max(1) as f64
    );
    println!(
        "  of them, changes all of the kinds the issue names (bullet, section, house-style title): {}; named: {} ({:.1}%)",
        t.changed_house,
        t.named_house,
        100.0 * t.named_house as f64 / t.changed_house.max(1) as f64
    );
    for (k, (n, named)) in &t.by_kind {
        println!("  {k}: {named} of {n} named");
    }
    println!("  titles suggested exactly as published: {}", t.title_exact);
    println!(
        "notes naming a change the editors did not make, over {} links: {:?}",
        t.links_checked, t.false_notes
    );
    println!(
        "review time per review point: median {:.3} s",
        median(&mut secs)
    );
    for r in &t.rejected {
        println!("  rejected {r}");
    }
}

#[path = "../tests/support/mod.rs"]
#[allow(unused_imports)]
mod support;

mod synthetic {
    //! Weeks rebuilt from published issues (see the file's documentation).
    use super::*;
    use support::week::{Files, WeekPull, commit, mock_github_for};
    use twir_submissions::review::{ReviewOptions, review};

    const EDITOR: &str = "editor";
    const SECTIONS_BY_EDITORS: [&str; 2] = ["Official", "Project/Tooling Updates"];

    /// One community link of the published issue.
    struct Item {
        line_no: usize,
        line: String,
        title: String,
        url: String,
        section: String,
    }

    /// What the synthetic submitter changed.
    #[derive(Default, Clone)]
    struct Altered {
        suffix: bool,
        stop: bool,
        dash: bool,
        section_from: Option<String>,
    }

    fn site_name(url: &str) -> String {
        let host = url
            .split("://")
            .nth(1)
            .unwrap_or(url)
            .split(['/', ':'])
            .next()
            .unwrap_or("")
            .trim_start_matches("www.");
        match host {
            "medium.com" => return "Medium".into(),
            "dev.to" => return "DEV Community".into(),
            "youtube.com" | "youtu.be" => return "YouTube".into(),
            "github.com" => return "GitHub".into(),
            _ => {}
        }
        let labels: Vec<&str> = host.split('.').collect();
        let main = if labels.len() >= 2 {
            labels[labels.len() - 2]
        } else {
            host
        };
        let main = if matches!(main, "github" | "gitlab" | "substack" | "hashnode" | "co") {
            labels.first().copied().unwrap_or(main)
        } else {
            main
        };
        let mut c = main.chars();
        match c.next() {
            Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
            None => "Blog".into(),
        }
    }

    pub fn run(repo_path: &Path, args: &[String]) {
        let n: usize = arg(args, "--issues")
            .and_then(|v| v.parse().ok())
            .unwrap_or(12);
        let mirror = Repository::open(repo_path).expect("repository");
        let tree = mirror
            .revparse_single("HEAD^{tree}")
            .expect("tree")
            .peel_to_tree()
            .expect("tree");
        let content = tree
            .get_path(Path::new("content"))
            .expect("content")
            .to_object(&mirror)
            .expect("obj")
            .peel_to_tree()
            .expect("tree");
        let mut issues: Vec<(String, String)> = content
            .iter()
            .filter_map(|e| {
                let name = e.name()?.to_string();
                let ok = name.len() > 11
                    && name.as_bytes()[..4].iter().all(u8::is_ascii_digit)
                    && name.ends_with("-this-week-in-rust.md");
                let blob = mirror.find_blob(e.id()).ok()?;
                ok.then(|| (name, String::from_utf8_lossy(blob.content()).into_owned()))
            })
            .collect();
        issues.sort();
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let mut totals: BTreeMap<&'static str, (usize, usize)> = BTreeMap::new();
        let (mut prs, mut rejected, mut altered_prs, mut altered_named) = (0, 0, 0, 0);
        let mut false_notes: BTreeMap<&'static str, usize> = BTreeMap::new();
        let mut kinds: BTreeMap<&'static str, usize> = BTreeMap::new();
        let mut times = Vec::new();
        let mut rejects = Vec::new();
        let mut title_exact = 0;
        let start = issues.len().saturating_sub(n);
        for j in start..issues.len() {
            let (name, text) = &issues[j];
            let doc = Document::parse(text.as_str());
            let community = "Updates from Rust Community";
            let Some(top) = doc.section(community) else {
                continue;
            };
            let mut items = Vec::new();
            for sub in &top.children {
                for l in doc
                    .links
                    .iter()
                    .filter(|l| sub.span.start <= l.span.start && l.span.start < sub.span.end)
                {
                    let line_no = doc.line_of(l.span.start);
                    if items.iter().any(|i: &Item| i.line_no == line_no) {
                        continue;
                    }
                    items.push(Item {
                        line_no,
                        line: doc.line_text(line_no).to_string(),
                        title: l.text(&doc.source).to_string(),
                        url: l.url(&doc.source).to_string(),
                        section: twir_content::section::plain_title(&sub.title).to_string(),
                    });
                }
            }
            // The draft: the issue without its community links and with the editors'
            // sections empty.
            let removed: HashSet<usize> = items.iter().map(|i| i.line_no).collect();
            let mut draft: String = text
                .lines()
                .enumerate()
                .filter(|(k, _)| !removed.contains(&(k + 1)))
                .map(|(_, l)| format!("{l}\n"))
                .collect();
            let mut editor_sections = Vec::new();
            for title in [
                "Quote of the Week",
                "Upcoming Events",
                "Rust Compiler Performance Triage",
            ] {
                let d = Document::parse(draft.as_str());
                let Some(sec) = d.section(title) else {
                    continue;
                };
                let Some(h) = sec.heading else {
                    continue;
                };
                let body = d.source[d.blocks[h].span.end..sec.span.end].to_string();
                if let Some(t) = d.replace_section_body(title, &format!("\n<!-- {title} -->\n\n")) {
                    draft = t;
                    editor_sections.push((title, body));
                }
            }
            let draft_rel = format!("draft/{name}");
            let mut base: Files = Files::new();
            for (pname, ptext) in issues[j.saturating_sub(160)..j].iter() {
                base.insert(format!("content/{pname}"), ptext.clone());
            }
            base.insert(draft_rel.clone(), draft.clone());
            let dir = tempfile::tempdir().expect("tempdir");
            let remote_path = dir.path().join("remote.git");
            let remote = Repository::init_bare(&remote_path).expect("bare");
            let main = commit(&remote, Some("refs/heads/main"), &base, &[], "start");
            remote.set_head("refs/heads/main").expect("head");
            let local_path = dir.path().join("local");
            let local = git2::build::RepoBuilder::new()
                .clone_local(git2::build::CloneLocal::None)
                .clone(remote_path.to_str().expect("utf8"), &local_path)
                .expect("clone");
            let mut cfg = local.config().expect("config");
            cfg.set_str("user.name", "Editor").expect("name");
            cfg.set_str("user.email", "editor@example.com")
                .expect("email");
            // The draft with one line added after the heading of its section (or its last
            // item).
            let with_line = |section: &str, line: &str| -> Files {
                let d = Document::parse(draft.as_str());
                let mut f = base.clone();
                let Some(sec) = d.section(community).and_then(|t| {
                    t.children.iter().find(|c| {
                        twir_content::section::plain_title(&c.title).eq_ignore_ascii_case(section)
                    })
                }) else {
                    return f;
                };
                let at = sec
                    .heading
                    .map(|h| d.blocks[h].span.end)
                    .unwrap_or(sec.span.start);
                let mut t = draft.clone();
                let insert = if t[..at].ends_with('\n') {
                    format!("{line}\n")
                } else {
                    format!("\n{line}")
                };
                t.insert_str(at, &insert);
                f.insert(draft_rel.clone(), t);
                f
            };
            let sections: Vec<String> = Document::parse(draft.as_str())
                .section(community)
                .map(|t| t.children.iter().map(|c| c.title.clone()).collect())
                .unwrap_or_default();
            let mut pulls: Vec<WeekPull> = Vec::new();
            let mut altered: HashMap<u64, (Altered, usize)> = HashMap::new();
            for (k, it) in items.iter().enumerate() {
                let number = 1000 + k as u64;
                let by_editor = SECTIONS_BY_EDITORS.contains(&it.section.as_str());
                let mut a = Altered::default();
                let mut title = it.title.clone();
                let mut line = it.line.clone();
                let raw = !by_editor && line.contains(&format!("[{}](", it.title));
                if raw && k % 5 == 1 {
                    title = format!("{title} | {}", site_name(&it.url));
                    a.suffix = true;
                } else if raw
                    && k % 5 == 2
                    && title.chars().last().is_some_and(char::is_alphanumeric)
                {
                    title.push('.');
                    a.stop = true;
                }
                if title != it.title {
                    line = line.replacen(&format!("[{}](", it.title), &format!("[{title}](",), 1);
                }
                if raw && k % 7 == 3 && line.starts_with("* ") {
                    line = format!("- {}", &line[2..]);
                    a.dash = true;
                }
                let mut section = it.section.clone();
                if raw && k % 6 == 4 {
                    let link = twir_submissions::AddedLink {
                        title: it.title.clone(),
                        url: it.url.clone(),
                        section: vec![],
                        line: it.line.clone(),
                    };
                    let guess = twir_submissions::sections::suggest(
                        &link,
                        &sections,
                        "Project/Tooling Updates",
                    );
                    let other = if !guess.eq_ignore_ascii_case(&it.section) {
                        guess
                    } else if it.section != "Miscellaneous" {
                        "Miscellaneous".to_string()
                    } else {
                        "Observations/Thoughts".to_string()
                    };
                    a.section_from = Some(it.section.clone());
                    section = other;
                }
                let files = with_line(&section, &line);
                let head = commit(&remote, None, &files, &[main], &format!("Add {}", it.title));
                let author = if by_editor {
                    EDITOR.to_string()
                } else {
                    format!("user{k}")
                };
                pulls.push(WeekPull {
                    number,
                    author,
                    title: format!("Add {title}"),
                    head,
                });
                altered.insert(number, (a, k));
            }
            // Editors' pull requests: each fills one of the editors' sections; one publishes.
            for (e, (title, body)) in editor_sections.iter().enumerate() {
                let d = Document::parse(draft.as_str());
                let Some(t) = d.replace_section_body(title, body) else {
                    continue;
                };
                let mut f = base.clone();
                f.insert(draft_rel.clone(), t);
                let author = if *title == "Rust Compiler Performance Triage" {
                    "perfbot"
                } else {
                    EDITOR
                };
                let head = commit(&remote, None, &f, &[main], title);
                pulls.push(WeekPull {
                    number: 900 + e as u64,
                    author: author.into(),
                    title: format!("{title} for {name}"),
                    head,
                });
            }
            let mut pubf = base.clone();
            pubf.remove(&draft_rel);
            pubf.insert(format!("content/{name}"), text.clone());
            pubf.insert(
                "draft/9999-12-31-this-week-in-rust.md".into(),
                draft.clone(),
            );
            let head = commit(&remote, None, &pubf, &[main], "publish");
            pulls.push(WeekPull {
                number: 999,
                author: EDITOR.into(),
                title: "Publish".into(),
                head,
            });
            for p in &pulls {
                remote
                    .reference(&format!("refs/pull/{}/head", p.number), p.head, true, "pr")
                    .expect("ref");
            }
            let server = rt.block_on(mock_github_for(&remote_path, main, &pulls, &[EDITOR]));
            support::write_config(&local_path, &server.uri());
            let started = Instant::now();
            let site = Site::open(&local_path).expect("site");
            let ctx = Context::open(&site).expect("context");
            let (gh, repo) = support::client(&site);
            let r = rt
                .block_on(review(&ctx, &gh, &repo, &ReviewOptions::default()))
                .expect("review");
            times.push((started.elapsed().as_secs_f64(), pulls.len()));
            for p in &r.pulls {
                *kinds.entry(p.kind.label()).or_default() += 1;
                let Some((a, k)) = altered.get(&p.number) else {
                    continue;
                };
                let it = &items[*k];
                prs += 1;
                if p.verdict == Some(Verdict::Reject) {
                    rejected += 1;
                    rejects.push(format!(
                        "{name} #{}: {}",
                        p.number,
                        p.findings.first().map(|f| f.message.as_str()).unwrap_or("")
                    ));
                }
                let has = |code: &str| p.findings.iter().any(|f| f.code == code);
                let title_named = has("title-style");
                let exact = p.findings.iter().any(|f| {
                    f.code == "title-style"
                        && f.suggestion
                            .as_deref()
                            .is_some_and(|s| s.contains(&format!("[{}](", it.title)))
                });
                let moved = p
                    .findings
                    .iter()
                    .filter_map(|f| f.move_to.as_deref())
                    .any(|m| m.eq_ignore_ascii_case(&it.section));
                let any_move = p.findings.iter().any(|f| f.move_to.is_some());
                let title_changed = a.suffix || a.stop;
                let mut all = true;
                let mut any = false;
                for (changed, named, kind) in [
                    (title_changed, title_named, "title"),
                    (a.dash, has("bullet"), "bullet"),
                    (a.section_from.is_some(), moved, "section"),
                ] {
                    if changed {
                        any = true;
                        all &= named;
                        let e = totals.entry(kind).or_default();
                        e.0 += 1;
                        e.1 += usize::from(named);
                    }
                }
                if title_changed && exact {
                    title_exact += 1;
                }
                if !title_changed && title_named {
                    *false_notes.entry("title-style").or_default() += 1;
                }
                if a.section_from.is_none() && any_move {
                    *false_notes.entry("section").or_default() += 1;
                }
                if any {
                    altered_prs += 1;
                    altered_named += usize::from(all);
                }
            }
            eprintln!("{name}: {} pull requests reviewed", pulls.len());
        }
        println!("synthetic weeks: {}", issues.len() - start);
        println!("kinds: {kinds:?}");
        println!(
            "link pull requests: {prs}, rejected: {rejected} ({:.1}%)",
            100.0 * rejected as f64 / prs.max(1) as f64
        );
        println!(
            "altered pull requests: {altered_prs}; every alteration named: {altered_named} ({:.1}%)",
            100.0 * altered_named as f64 / altered_prs.max(1) as f64
        );
        for (k, (n, named)) in &totals {
            println!("  {k}: {named} of {n} named");
        }
        println!("  titles suggested exactly as published: {title_exact}");
        println!("notes on unaltered pull requests: {false_notes:?}");
        let mut secs: Vec<f64> = times.iter().map(|(t, _)| *t).collect();
        let sizes: Vec<usize> = times.iter().map(|(_, n)| *n).collect();
        println!(
            "review through the mock per week: median {:.3} s (pull requests per week: {:?})",
            median(&mut secs),
            sizes
        );
        for r in rejects {
            println!("  rejected {r}");
        }
    }
}
