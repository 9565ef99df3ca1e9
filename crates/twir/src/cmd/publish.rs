//! `twir publish`: what the editors do by hand on Wednesday, in one step.
//!
//! The draft is finalized in memory (placeholders filled, attribution comments, stale events
//! and empty sections removed, formatted), checked as it would ship, and only then written:
//! the published issue and the next draft first, the old draft removed last, with roll-back.
//! Problems are reported at the draft's own lines, and everything removed is listed.

use crate::context::open_site;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use twir_check::fmt::{format, unified_diff};
use twir_check::remap::LineMap;
use twir_check::report::{FileDiagnostics, render_human, summary};
use twir_check::run::{RunSettings, Session, display_name};
use twir_check::{Diagnostic, Mode};
use twir_content::Document;
use twir_content::placeholder::Boilerplate;
use twir_workflow::template::BUILTIN_TEMPLATE;
use twir_workflow::{
    Finalize, Finalized, Holds, NextIssue, PublishPlan, Recovery, apply_plan, build_draft,
    days_after, finalize_report, recover, successor,
};

/// Arguments of `twir publish`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The draft to publish (default: the only draft in `draft/`).
    pub draft: Option<PathBuf>,
    /// The r/rust discussion thread (fills `REDDIT_LINK_HERE`); an absolute http(s) URL.
    #[arg(long, value_name = "URL")]
    pub reddit: Option<String>,
    /// The jobs thread (fills `INSERT_LINK_HERE` in the Jobs section); an absolute http(s) URL.
    #[arg(long, value_name = "URL")]
    pub jobs: Option<String>,
    /// Publication date, replacing the draft's `Date:`.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<jiff::civil::Date>,
    /// Show what would change, write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Also remove empty sections that still hold a prompt of the template
    /// (`<!-- Perf results go here -->`) or an editor's comment (listed either way).
    #[arg(long)]
    pub drop_unfilled: bool,
    /// Keep events that ended before the publication date (listed either way).
    #[arg(long)]
    pub keep_stale_events: bool,
}

/// `url` when it is an absolute http(s) URL with a host.
fn absolute_url(flag: &str, url: Option<&str>) -> Result<()> {
    let Some(url) = url else { return Ok(()) };
    let ok = url::Url::parse(url.trim()).is_ok_and(|u| {
        matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
    });
    if !ok || url.trim() != url {
        anyhow::bail!(
            "{flag} {url:?}: not an absolute http(s) URL (e.g. https://www.reddit.com/r/rust/comments/...)"
        );
    }
    Ok(())
}

/// The template's boilerplate: `draft/DRAFT_TEMPLATE`, else the built-in template.
fn boilerplate(site: &twir_content::Site) -> Boilerplate {
    let text = twir_content::load::read_text(&site.draft_template())
        .unwrap_or_else(|_| BUILTIN_TEMPLATE.to_string());
    Boilerplate::from_template(&Document::parse(text))
}

/// One line per section and event publication removes or keeps.
fn pruning_report(f: &Finalized, name: &str, dry_run: bool) -> Vec<String> {
    let (remove, drop) = if dry_run {
        ("would remove", "would drop")
    } else {
        ("removed", "dropped")
    };
    let mut out = Vec::new();
    for s in &f.sections {
        let at = format!("{name}:{}", s.line);
        let with = match s.subsections {
            0 => String::new(),
            1 => " and its subsection".to_string(),
            n => format!(" and its {n} subsections"),
        };
        out.push(match (&s.holds, s.removed) {
            (Holds::Nothing, _) => format!("{remove} empty section `{}`{with} ({at})", s.heading),
            (Holds::Prompt(p), true) | (Holds::EditorText(p), true) => format!(
                "{remove} unfilled section `{}` ({at}) with `{p}` (--drop-unfilled)",
                s.heading
            ),
            (Holds::Prompt(p), false) | (Holds::EditorText(p), false) => format!(
                "kept empty section `{}` ({at}): it holds `{p}`; fill it in, delete it, or give --drop-unfilled",
                s.heading
            ),
        });
    }
    for e in &f.stale {
        let at = format!("{name}:{}", e.line);
        out.push(if e.dropped {
            format!(
                "{drop} past event ({at}, ended {}): `{}`",
                e.last_day, e.entry
            )
        } else {
            format!(
                "kept past event ({at}, ended {}): `{}` (--keep-stale-events)",
                e.last_day, e.entry
            )
        });
    }
    out
}

/// Adds the way out to the help of a problem inside a section publication kept because it
/// holds a prompt or an editor's comment: `--drop-unfilled` removes it.
fn with_drop_hint(mut d: Diagnostic, f: &Finalized, line: usize) -> Diagnostic {
    let in_kept = f
        .sections
        .iter()
        .any(|s| !s.removed && (s.line..=s.end_line).contains(&line));
    if in_kept {
        let help = d.help.take().unwrap_or_default();
        d.help = Some(format!("{help}; or `--drop-unfilled` removes the section"));
    }
    d
}

/// Runs `twir publish`.
pub fn run(root: &Path, args: Args) -> Result<ExitCode> {
    absolute_url("--reddit", args.reddit.as_deref())?;
    absolute_url("--jobs", args.jobs.as_deref())?;
    let site = open_site(root)?;
    if recover_interrupted(&site, &args)? {
        return Ok(ExitCode::SUCCESS);
    }
    let draft = match args.draft {
        Some(p) => p,
        None => crate::generate::single_draft(&site)?,
    };
    let doc = Document::load(&draft)?;
    let date_line = doc.meta.field("date").map(|f| f.line).unwrap_or(1);
    let date = args.date.or_else(|| doc.meta.date()).with_context(|| {
        format!(
            "{}:{date_line}: no valid `Date:`; give --date",
            draft.display()
        )
    })?;
    let number_line = doc.meta.field("number").map(|f| f.line).unwrap_or(1);
    let number = doc
        .meta
        .number()
        .with_context(|| format!("{}:{number_line}: no valid `Number:`", draft.display()))?;
    // The next issue must exist before anything is written.
    let next_number = successor(number, &draft, number_line)?;
    let next_date = days_after(date, 7, &draft, date_line)?;

    let bp = boilerplate(&site);
    let finalized = finalize_report(
        &doc,
        &Finalize {
            reddit: args.reddit.as_deref(),
            jobs: args.jobs.as_deref(),
            date: args.date,
            boilerplate: Some(&bp),
            drop_unfilled: args.drop_unfilled,
            keep_stale_events: args.keep_stale_events,
        },
    );
    let text = format(&finalized.text);
    let name = display_name(&draft);
    for line in pruning_report(&finalized, &name, args.dry_run) {
        println!("{line}");
    }

    // Check the text exactly as it would ship; report at the draft's lines.
    let settings = RunSettings {
        recent: site.config.check.recent,
        deny_project_tooling_links: false,
    };
    let mut session = Session::open(&site, std::slice::from_ref(&draft), &settings)?;
    if let Some(e) = session.errors.first() {
        anyhow::bail!("{}", e.message);
    }
    session.opts.review = false;
    session.opts.template = Some(std::sync::Arc::new(bp.clone()));
    let target = &mut session.targets[0];
    target.mode = Mode::Published;
    // It ships under the publication date's name.
    target.name_date = Some(date);
    let target = &session.targets[0];
    let mut shipped = Document::parse(text.as_str());
    shipped.path = Some(draft.clone());
    let diags = session.check_doc(target, &shipped);
    let (errors, warnings): (Vec<_>, Vec<_>) = diags.into_iter().partition(|d| d.is_error());
    if !errors.is_empty() {
        let map = LineMap::new(&doc.source, &text);
        let errors: Vec<Diagnostic> = map
            .diagnostics(errors)
            .into_iter()
            .map(|d| {
                let line = doc.line_of(d.span.start);
                with_drop_hint(d, &finalized, line)
            })
            .collect();
        let report = [FileDiagnostics {
            name: &name,
            source: &doc.source,
            diagnostics: &errors,
        }];
        eprint!("{}", render_human(&report, false));
        eprintln!(
            "error: refusing to publish {name}: {} remain (nothing was changed)",
            summary(errors.len(), 0)
        );
        return Ok(ExitCode::from(1));
    }
    if !warnings.is_empty() {
        eprintln!(
            "note: {} in the published text (`twir check --shipped` shows them)",
            summary(0, warnings.len())
        );
    }

    let suffix = name_suffix(&draft);
    let published = site.content_dir().join(format!("{date}-{suffix}.md"));
    let next = NextIssue {
        number: next_number,
        date: next_date,
        previous: published.clone(),
        previous_date: date,
        name_suffix: suffix,
    };
    let next_draft = build_draft(&site, &next, &shipped)?;
    for entry in &next_draft.not_carried {
        eprintln!("warning: {entry}");
    }
    let next_draft = (!next_draft.path.exists()).then_some((next_draft.path, next_draft.text));
    let plan = PublishPlan {
        draft: draft.clone(),
        published: published.clone(),
        published_text: text,
        next_draft,
    };

    if args.dry_run {
        print!("{}", unified_diff(&name, &doc.source, &plan.published_text));
        println!(
            "would move {} -> {}",
            display_name(&draft),
            display_name(&published)
        );
        if let Some((p, _)) = &plan.next_draft {
            println!(
                "would create {} (issue {}, {})",
                display_name(p),
                next.number,
                next.date
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    apply_plan(&plan)?;
    println!("published issue {number} as {}", display_name(&published));
    match &plan.next_draft {
        Some((p, _)) => println!(
            "created {} (issue {}, {})",
            display_name(p),
            next.number,
            next.date
        ),
        None => println!("the next draft already exists; left it as it is"),
    }
    Ok(ExitCode::SUCCESS)
}

/// Deals with what an earlier, killed `twir publish` left: its temporary files are removed and
/// its journal is finished (or undone when the draft was edited since), with a message saying
/// what was found. True when that completed the publication this run was asked for.
fn recover_interrupted(site: &twir_content::Site, args: &Args) -> Result<bool> {
    let mut dirs = vec![site.draft_dir()];
    if let Some(d) = args.draft.as_deref().and_then(Path::parent) {
        let d = if d.as_os_str().is_empty() {
            Path::new(".")
        } else {
            d
        };
        dirs.push(d.to_path_buf());
    }
    if !args.dry_run {
        for dir in [site.content_dir()].iter().chain(&dirs) {
            let removed = twir_content::write::remove_stale_temp_files(dir)
                .with_context(|| format!("{}: cannot clean up", dir.display()))?;
            for p in removed {
                eprintln!(
                    "note: removed {}, left by an interrupted twir run",
                    p.display()
                );
            }
        }
    }
    let same = |a: &Path, b: &Path| canonical(a) == canonical(b);
    let mut done = false;
    let mut seen: Vec<PathBuf> = Vec::new();
    for dir in dirs {
        if seen.iter().any(|s| same(s, &dir)) {
            continue;
        }
        seen.push(dir.clone());
        let Some(recovery) = recover(&dir, args.dry_run)? else {
            continue;
        };
        if args.dry_run {
            println!("would have {recovery}");
        } else {
            println!("{recovery}");
        }
        if let Recovery::Finished { draft, .. } = &recovery
            && args.draft.as_deref().is_none_or(|d| same(d, draft))
        {
            done = true;
        }
    }
    Ok(done)
}

/// `p` with its folder resolved (`p` itself may be gone), to compare paths given differently.
fn canonical(p: &Path) -> PathBuf {
    let parent = match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    match (parent.canonicalize(), p.file_name()) {
        (Ok(d), Some(name)) => d.join(name),
        _ => std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()),
    }
}

/// `draft/2026-01-07-this-week-in-rust.md` -> `this-week-in-rust`.
fn name_suffix(draft: &Path) -> String {
    let stem = draft
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match twir_content::site::date_prefix(&stem) {
        Some(_) => stem
            .splitn(4, '-')
            .nth(3)
            .unwrap_or("this-week-in-rust")
            .to_string(),
        None => "this-week-in-rust".to_string(),
    }
}
