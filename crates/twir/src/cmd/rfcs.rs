//! `twir rfcs` (not implemented yet).

use std::path::Path;
use std::process::ExitCode;

/// Arguments of `twir rfcs`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `twir rfcs`.
pub fn run(_root: &Path, _args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`twir rfcs` is not implemented yet")
}
