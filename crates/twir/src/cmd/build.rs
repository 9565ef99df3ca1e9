//! `twir build` (not implemented yet).

use std::path::Path;
use std::process::ExitCode;

/// Arguments of `twir build`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `twir build`.
pub fn run(_root: &Path, _args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`twir build` is not implemented yet")
}
