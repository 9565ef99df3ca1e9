//! `twir render` (not implemented yet).

use std::path::Path;
use std::process::ExitCode;

/// Arguments of `twir render`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `twir render`.
pub fn run(_root: &Path, _args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`twir render` is not implemented yet")
}
