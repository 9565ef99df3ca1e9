//! `twir email`: the ready-to-send email edition of an issue (`N.html`, `N.txt`, `N.eml`), with
//! a size report against Gmail's clipping limit on stderr.

use crate::context::open_site;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use twir_email::{IssueChoice, Options};

/// Arguments of `twir email`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The issue: its number, its file, or nothing for the newest published issue.
    #[arg(value_name = "ISSUE")]
    issue: Option<String>,
    /// Folder to write N.html, N.txt and N.eml to [default: ROOT/email].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Theme folder whose templates/email.html and templates/email.txt replace the built-in
    /// ones [default: paths.theme in twir.toml].
    #[arg(long, value_name = "DIR")]
    theme: Option<PathBuf>,
    /// `To:` header of the .eml [default: email.to in twir.toml, "undisclosed-recipients:;"].
    #[arg(long, value_name = "ADDRESSES")]
    to: Option<String>,
}

/// Runs `twir email`.
pub fn run(root: &Path, args: Args) -> Result<ExitCode> {
    let site = open_site(root)?;
    let choice = IssueChoice::from_arg(args.issue.as_deref());
    let doc = twir_email::choose_issue(&site, &choice)?;
    let options = Options {
        theme: args.theme,
        to: args.to,
        now: jiff::Timestamp::now(),
    };
    let edition = twir_email::build(&site, &doc, &options)
        .with_context(|| format!("{}: cannot make the email edition", doc.name()))?;
    let out = args.out.unwrap_or_else(|| root.join("email"));
    let written = twir_email::write_edition(&edition, &out)?;

    // A custom template can undo what the built-in one guarantees; say so before it is sent.
    for selector in twir_email::uninlined_rules(&edition.html) {
        eprintln!(
            "warning: CSS rule `{selector}` was left in <style>; clients that drop <style> lose it"
        );
    }
    eprintln!(
        "{} (issue {}, \"{}\")",
        edition.size, edition.issue.number, edition.subject
    );
    if edition.eml.is_none() {
        eprintln!(
            "note: no {}.eml: set email.from in twir.toml (or [email.mailchimp] from_name and \
             reply_to) to get a ready-to-send message file",
            edition.issue.number
        );
    }
    for path in written {
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
