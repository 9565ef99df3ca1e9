//! `twir events` (not implemented yet).

use std::path::Path;
use std::process::ExitCode;

/// Arguments of `twir events`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `twir events`.
pub fn run(_root: &Path, _args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`twir events` is not implemented yet")
}
