//! `twir rfcs`: the Rust Project parts that come from GitHub queries (Calls for Testing,
//! Approved RFCs, Final Comment Period, New and Updated RFCs).

use crate::context::open_site;
use crate::generate::{draft_date, emit_sections, github, runtime};
use anyhow::Result;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use twir_github::{RfcsConfig, Window, collect_rfcs, render_rfcs};

/// Arguments of `twir rfcs`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Issue date (default: the draft's); the window is the previous Tuesday to this Tuesday.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<jiff::civil::Date>,
    /// First day of the window, overriding the default.
    #[arg(long, value_name = "YYYY-MM-DD", requires = "until")]
    pub since: Option<jiff::civil::Date>,
    /// Last day of the window (inclusive), overriding the default.
    #[arg(long, value_name = "YYYY-MM-DD", requires = "since")]
    pub until: Option<jiff::civil::Date>,
    /// GitHub API base URL.
    #[arg(long, value_name = "URL", env = "TWIR_GITHUB_API_URL")]
    pub api_url: Option<String>,
    /// Replace these sections of this draft instead of printing.
    #[arg(long, value_name = "DRAFT")]
    pub into: Option<PathBuf>,
}

/// Runs `twir rfcs`.
pub fn run(root: &Path, args: Args) -> Result<ExitCode> {
    let site = open_site(root)?;
    let window = match (args.since, args.until) {
        (Some(start), Some(end)) => Window::new(start, end)?,
        _ => Window::for_issue(match args.date {
            Some(d) => d,
            None => draft_date(&site, args.into.as_deref())?,
        }),
    };
    let gh = github(&site, args.api_url.as_deref())?;
    let data = runtime()?.block_on(collect_rfcs(&gh, &RfcsConfig::default(), window))?;
    let md = render_rfcs(&data);
    emit_sections(
        &[
            ("Calls for Testing", &md.calls_for_testing),
            ("Approved RFCs", &md.approved_rfcs),
            ("Final Comment Period", &md.final_comment_period),
            ("New and Updated RFCs", &md.new_rfcs),
        ],
        args.into.as_ref(),
    )?;
    Ok(ExitCode::SUCCESS)
}
