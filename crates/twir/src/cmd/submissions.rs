//! `twir submissions` (not implemented yet).

use std::path::Path;
use std::process::ExitCode;

/// Subcommands of `twir submissions`.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Review the open link-submission pull requests.
    Review,
    /// Merge the accepted single-link pull requests into the draft.
    Merge,
}

/// Runs `twir submissions`.
pub fn run(_root: &Path, _cmd: Command) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`twir submissions` is not implemented yet")
}
