//! `twir prs` (not implemented yet).

use std::path::Path;
use std::process::ExitCode;

/// Arguments of `twir prs`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `twir prs`.
pub fn run(_root: &Path, _args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`twir prs` is not implemented yet")
}
