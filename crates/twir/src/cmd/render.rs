//! `twir render --bodies DIR [PATHS...]`: issue bodies as HTML, for fidelity measurements.

use crate::context::open_site;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `twir render`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write the body HTML of each issue to DIR/STEM.html.
    #[arg(long, value_name = "DIR")]
    pub bodies: PathBuf,
    /// Issue files (default: every issue in content/).
    pub paths: Vec<PathBuf>,
}

/// Runs `twir render`.
pub fn run(root: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let paths = if args.paths.is_empty() {
        let site = open_site(root)?;
        let mut paths: Vec<PathBuf> = site.issues()?.into_iter().map(|f| f.path).collect();
        paths.extend(site.unsupported_issue_files()?);
        paths
    } else {
        args.paths
    };
    let report = twir_site::bodies::render_bodies(&paths, &args.bodies);
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    for e in &report.errors {
        eprintln!("error: {e}");
    }
    println!(
        "rendered {} bodies into {}",
        report.written,
        args.bodies.display()
    );
    Ok(if report.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
