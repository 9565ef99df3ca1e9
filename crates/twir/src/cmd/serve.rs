//! `twir serve` (not implemented yet).

use std::path::Path;
use std::process::ExitCode;

/// Arguments of `twir serve`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `twir serve`.
pub fn run(_root: &Path, _args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`twir serve` is not implemented yet")
}
