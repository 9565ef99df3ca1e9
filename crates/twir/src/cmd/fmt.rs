//! `twir fmt`: format issues canonically (the drafts by default); `--check` only reports.

use anyhow::Result;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use twir_check::fmt::{Refusal, try_format, unified_diff};
use twir_check::run::{display_name, load_issue};

/// Arguments of `twir fmt`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Issue files to format (default: the draft(s) in `draft/`).
    pub paths: Vec<PathBuf>,
    /// Change nothing: show a diff and exit 1 when a file is not formatted.
    #[arg(long)]
    pub check: bool,
}

/// Runs `twir fmt`.
pub fn run(root: &Path, args: Args) -> Result<ExitCode> {
    let paths = if args.paths.is_empty() {
        let site = crate::context::open_site(root)?;
        let drafts = site.drafts()?;
        if drafts.is_empty() {
            anyhow::bail!(
                "{}: no draft to format (give files as arguments)",
                site.draft_dir().display()
            );
        }
        drafts.into_iter().map(|f| f.path).collect()
    } else {
        args.paths
    };
    let mut failed = false;
    let mut unformatted = 0;
    for path in &paths {
        let name = display_name(path);
        let doc = match load_issue(path) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("error: {}", e.message);
                failed = true;
                continue;
            }
        };
        let formatted = match try_format(&doc.source) {
            Ok(f) => f,
            Err(why) => {
                let reason = match why {
                    Refusal::Unstable => "formatting does not settle",
                    Refusal::LinksChanged => "formatting would change its links",
                };
                eprintln!("error: {name}: left as it is: {reason} (please report this)");
                failed = true;
                continue;
            }
        };
        if formatted == doc.source {
            continue;
        }
        unformatted += 1;
        if args.check {
            print!("{}", unified_diff(&name, &doc.source, &formatted));
        } else {
            twir_content::write::write_atomic(path, formatted.as_bytes())
                .map_err(|e| anyhow::anyhow!("{name}: cannot write: {e}"))?;
            eprintln!("formatted {name}");
        }
    }
    Ok(if failed {
        ExitCode::from(2)
    } else if args.check && unformatted > 0 {
        let s = if unformatted == 1 { "" } else { "s" };
        eprintln!("{unformatted} file{s} not formatted (run `twir fmt`)");
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
