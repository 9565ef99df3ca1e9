//! `twir email` (not implemented yet).

use std::path::Path;
use std::process::ExitCode;

/// Arguments of `twir email`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `twir email`.
pub fn run(_root: &Path, _args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`twir email` is not implemented yet")
}
