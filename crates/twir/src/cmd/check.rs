//! `twir check` (not implemented yet).

use std::path::Path;
use std::process::ExitCode;

/// Arguments of `twir check`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `twir check`.
pub fn run(_root: &Path, _args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`twir check` is not implemented yet")
}
