//! `twir check`: lint issues (the drafts by default) and report in human, JSON or GitHub form.

use anyhow::Result;
use std::borrow::Cow;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use twir_check::fix::apply_safe_fixes;
use twir_check::report::{
    FileDiagnostics, github_read_error, render_github, render_human, render_json, render_markdown,
    summary,
};
use twir_check::run::{RunSettings, Session, Target, display_name};
use twir_check::{Diagnostic, Mode, Severity, since};
use twir_content::{Document, Site};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-like text with the source line, an underline and the fix.
    Human,
    /// A JSON array of diagnostics.
    Json,
    /// GitHub Actions workflow annotations.
    Github,
    /// A Markdown list for a pull-request comment (nothing when there is nothing to say).
    Markdown,
}

/// What `--deny` can make fatal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Deny {
    /// Warnings fail the run like errors.
    Warnings,
}

/// Arguments of `twir check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Issue files to check (default: the draft(s) in `draft/`).
    pub paths: Vec<PathBuf>,
    /// How many recent published issues to check duplicate links against
    /// (default: `[check] recent` of twir.toml, 25).
    #[arg(long, value_name = "N")]
    pub recent: Option<usize>,
    /// Report only diagnostics that the file did not have at git revision REV.
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Make warnings fail the run (`--deny warnings`).
    #[arg(long, value_enum, value_name = "WHAT")]
    pub deny: Vec<Deny>,
    /// Report every link in the Project/Tooling Updates section (CI for outside contributors).
    #[arg(long)]
    pub deny_project_tooling_links: bool,
    /// Apply the fixes that are safe to apply mechanically, then report the rest.
    #[arg(long)]
    pub fix: bool,
    /// Judge drafts as they would ship, as `twir publish` does: placeholders and empty
    /// sections are errors (mid-week they are only reported).
    #[arg(long)]
    pub shipped: bool,
}

/// Rules that only warn in general but that TWiR's pull-request CI (`inspect_markdown.py`,
/// `inspect_links.py`) fails on: with `--since`, a new finding of these is an error.
const CI_STRICT: [&str; 2] = ["odd-backticks", "simplifiable-url"];

/// Runs `twir check`.
pub fn run(root: &Path, args: Args) -> Result<ExitCode> {
    let site = if args.paths.is_empty() {
        crate::context::open_site(root)?
    } else {
        Site::open(root)?
    };
    let settings = RunSettings {
        recent: args.recent.unwrap_or(site.config.check.recent),
        deny_project_tooling_links: args.deny_project_tooling_links,
    };
    let mut session = Session::open(&site, &args.paths, &settings)?;
    session.opts.review = args.since.is_some();
    if args.shipped {
        for t in &mut session.targets {
            t.mode = Mode::Published;
        }
    }
    let mut unreadable: Vec<(String, String)> = Vec::new();
    for e in &session.errors {
        eprintln!("error: {}", e.message);
        unreadable.push((display_name(&e.path), e.message.clone()));
    }
    // Sources are borrowed from the session unless `--fix` changed them.
    let mut results: Vec<(&str, Cow<'_, str>, Vec<Diagnostic>)> = Vec::new();
    let all = session.check_all();
    for (t, diags) in session.targets.iter().zip(all) {
        let (source, diags) = if args.fix {
            match fix_file(&session, t, diags) {
                Ok((fixed, diags)) => (Cow::Owned(fixed), diags),
                Err(e) => {
                    eprintln!("error: {e:#}");
                    unreadable.push((t.name.clone(), format!("{e:#}")));
                    continue;
                }
            }
        } else {
            (Cow::Borrowed(t.source.as_str()), diags)
        };
        let diags = match &args.since {
            Some(rev) => match baseline(&session, t, rev, &source, diags) {
                Ok(mut d) => {
                    for x in d.iter_mut().filter(|x| CI_STRICT.contains(&x.code)) {
                        x.severity = Severity::Error;
                    }
                    d
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    unreadable.push((t.name.clone(), e.to_string()));
                    continue;
                }
            },
            None => diags,
        };
        results.push((t.name.as_str(), source, diags));
    }
    let files: Vec<FileDiagnostics> = results
        .iter()
        .map(|(name, source, diagnostics)| FileDiagnostics {
            name,
            source: source.as_ref(),
            diagnostics,
        })
        .collect();
    let all = results.iter().flat_map(|(_, _, d)| d);
    let count = |s: Severity| all.clone().filter(|d| d.severity == s).count();
    let (errors, warnings, notes) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note),
    );
    let summary_line = run_summary(files.len(), errors, warnings, notes, unreadable.len());
    match args.format {
        Format::Json => println!("{}", render_json(&files)),
        Format::Github => {
            print!("{}", render_github(&files));
            for (name, why) in &unreadable {
                print!("{}", github_read_error(name, why));
            }
        }
        Format::Markdown => print!("{}", render_markdown(&files, &unreadable)),
        Format::Human => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            print!("{}", render_human(&files, color));
            println!("{summary_line}");
        }
    }
    let deny_warnings = args.deny.contains(&Deny::Warnings);
    Ok(if !unreadable.is_empty() {
        ExitCode::from(2)
    } else if errors > 0 || (deny_warnings && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `2 files checked: 1 error, 0 warnings (3 notes); 1 file could not be read`.
fn run_summary(
    checked: usize,
    errors: usize,
    warnings: usize,
    notes: usize,
    unreadable: usize,
) -> String {
    let files = |n: usize| {
        if n == 1 {
            "1 file".to_string()
        } else {
            format!("{n} files")
        }
    };
    let checked_part = if checked == 0 {
        "no file checked".to_string()
    } else {
        let notes = match notes {
            0 => String::new(),
            1 => " (1 note)".to_string(),
            n => format!(" ({n} notes)"),
        };
        format!(
            "{} checked: {}{notes}",
            files(checked),
            summary(errors, warnings)
        )
    };
    if unreadable == 0 {
        checked_part
    } else {
        format!("{checked_part}; {} could not be read", files(unreadable))
    }
}

/// Applies safe fixes until none is left (each round may enable another), writes the file
/// atomically when it changed, and returns the new text with its remaining diagnostics.
fn fix_file(
    session: &Session,
    t: &Target,
    mut diags: Vec<Diagnostic>,
) -> Result<(String, Vec<Diagnostic>)> {
    let mut source = t.source.clone();
    let mut total = 0;
    for _ in 0..10 {
        let (next, applied) = apply_safe_fixes(&source, &diags);
        if applied == 0 || next == source {
            break;
        }
        total += applied;
        source = next;
        diags = session.check_doc(t, &Document::parse(source.clone()));
    }
    if total > 0 {
        twir_content::write::write_atomic(&t.path, source.as_bytes())
            .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", t.name))?;
        let s = if total == 1 { "" } else { "es" };
        eprintln!("{}: applied {total} fix{s}", t.name);
    }
    Ok((source, diags))
}

/// Keeps the diagnostics that the file did not have at `rev`.
fn baseline(
    session: &Session,
    t: &Target,
    rev: &str,
    source: &str,
    diags: Vec<Diagnostic>,
) -> Result<Vec<Diagnostic>, since::SinceError> {
    Ok(match since::read_at_rev(&t.path, rev)? {
        Some(old) => {
            let old_doc = Document::parse(old);
            let old_diags = session.check_doc(t, &old_doc);
            since::only_new(&old_doc.source, &old_diags, source, diags)
        }
        None => diags,
    })
}
