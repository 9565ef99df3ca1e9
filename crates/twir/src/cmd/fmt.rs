//! `twir fmt` (not implemented yet).

use std::path::Path;
use std::process::ExitCode;

/// Arguments of `twir fmt`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `twir fmt`.
pub fn run(_root: &Path, _args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`twir fmt` is not implemented yet")
}
