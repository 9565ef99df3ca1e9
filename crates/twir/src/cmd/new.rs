//! `twir new`: create the draft of the next issue.

use crate::context::open_site;
use anyhow::{Context, Result};
use std::path::Path;
use std::process::ExitCode;
use twir_content::Document;
use twir_content::write::write_atomic;
use twir_workflow::{build_draft, existing_draft_for, next_issue};

/// Arguments of `twir new`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Issue date (default: the Wednesday 4 to 10 days from today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<jiff::civil::Date>,
    /// Print the draft instead of writing it.
    #[arg(long)]
    pub dry_run: bool,
}

/// Runs `twir new`.
pub fn run(root: &Path, args: Args) -> Result<ExitCode> {
    let site = open_site(root)?;
    let today = jiff::ZonedDateTime::now().date();
    let next = next_issue(&site, args.date, today)?;
    if let Some(warning) = next.cadence_warning() {
        eprintln!("warning: {warning}");
    }
    if let Some(existing) = existing_draft_for(&site, next.number)? {
        eprintln!(
            "error: {}: a draft for issue {} already exists; refusing to create another",
            existing.display(),
            next.number
        );
        return Ok(ExitCode::from(1));
    }
    let previous = Document::load(&next.previous)?;
    let draft = build_draft(&site, &next, &previous)?;
    for entry in &draft.not_carried {
        eprintln!("warning: {entry}");
    }
    if draft.path.exists() {
        eprintln!(
            "error: {}: already exists; refusing to overwrite it",
            draft.path.display()
        );
        return Ok(ExitCode::from(1));
    }
    if args.dry_run {
        println!("would create {}:", draft.path.display());
        print!("{}", draft.text);
        return Ok(ExitCode::SUCCESS);
    }
    std::fs::create_dir_all(site.draft_dir()).with_context(|| {
        format!(
            "{}: cannot create the draft folder",
            site.draft_dir().display()
        )
    })?;
    write_atomic(&draft.path, draft.text.as_bytes())
        .with_context(|| format!("{}: cannot write the draft", draft.path.display()))?;
    println!(
        "created {} (issue {}, {}; {} events carried over from {})",
        draft.path.display(),
        next.number,
        next.date,
        draft.carried_events,
        next.previous.display()
    );
    Ok(ExitCode::SUCCESS)
}
