//! `twir publish` (not implemented yet).

use std::path::Path;
use std::process::ExitCode;

/// Arguments of `twir publish`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `twir publish`.
pub fn run(_root: &Path, _args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`twir publish` is not implemented yet")
}
