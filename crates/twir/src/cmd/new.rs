//! `twir new` (not implemented yet).

use std::path::Path;
use std::process::ExitCode;

/// Arguments of `twir new`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `twir new`.
pub fn run(_root: &Path, _args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`twir new` is not implemented yet")
}
