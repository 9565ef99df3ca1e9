//! `twir`: the command-line front end. Each subcommand lives in its own module under `cmd/`.

// First, so that its printing macros replace the standard ones in every module below.
#[macro_use]
mod out;

mod cmd;
mod context;
mod generate;
mod progress;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

// Parsing and checking an archive makes hundreds of thousands of small allocations on every
// core; with glibc's allocator a tenth of `twir check` went to malloc and free (measured with
// `cargo bench -p twir-check --bench check_corpus`, which uses the same allocator).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Runs the production of a weekly newsletter written in Markdown (This Week in Rust).
#[derive(Debug, Parser)]
#[command(name = "twir", version, about, propagate_version = true)]
struct Cli {
    /// Root of the newsletter repository (default: the nearest of the current folder and its
    /// parents that holds `twir.toml`, `content/` or `draft/`).
    #[arg(long, global = true, value_name = "DIR")]
    root: Option<PathBuf>,
    /// Seconds the command's network requests may take in all; then it stops asking and
    /// reports what it has and what failed.
    #[arg(
        long,
        global = true,
        value_name = "SECS",
        env = "TWIR_NET_DEADLINE",
        default_value_t = twir_net::DEFAULT_COMMAND_BUDGET.as_secs()
    )]
    net_deadline: u64,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint issues: links, duplicates, placeholders, Markdown pitfalls, metadata, events.
    Check(cmd::check::Args),
    /// Format issues canonically (idempotent; `--check` only reports).
    Fmt(cmd::fmt::Args),
    /// Create the next draft.
    New(cmd::new::Args),
    /// Publish the draft: check, fill placeholders, format, move to content/, start the next draft.
    Publish(cmd::publish::Args),
    /// Generate the Upcoming Events section.
    Events(cmd::events::Args),
    /// Generate the RFC, FCP and Calls for Testing parts from GitHub.
    Rfcs(cmd::rfcs::Args),
    /// Generate the merged pull requests part from GitHub or a local clone.
    Prs(cmd::prs::Args),
    /// Build the website.
    Build(cmd::build::Args),
    /// Serve the website locally with live reload.
    Serve(cmd::serve::Args),
    /// Render issue bodies to HTML (fidelity measurements).
    Render(cmd::render::Args),
    /// Produce the email edition of an issue.
    Email(cmd::email::Args),
    /// Review and merge link-submission pull requests.
    #[command(subcommand)]
    Submissions(cmd::submissions::Command),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    twir_net::set_command_deadline(std::time::Duration::from_secs(cli.net_deadline));
    let root = context::root(cli.root);
    let result = match cli.command {
        Command::Check(a) => cmd::check::run(&root, a),
        Command::Fmt(a) => cmd::fmt::run(&root, a),
        Command::New(a) => cmd::new::run(&root, a),
        Command::Publish(a) => cmd::publish::run(&root, a),
        Command::Events(a) => cmd::events::run(&root, a),
        Command::Rfcs(a) => cmd::rfcs::run(&root, a),
        Command::Prs(a) => cmd::prs::run(&root, a),
        Command::Build(a) => cmd::build::run(&root, a),
        Command::Serve(a) => cmd::serve::run(&root, a),
        Command::Render(a) => cmd::render::run(&root, a),
        Command::Email(a) => cmd::email::run(&root, a),
        Command::Submissions(c) => cmd::submissions::run(&root, c),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // Errors may quote servers and URLs: never print a credential.
            eprintln!("error: {}", twir_net::redact(&format!("{e:#}")));
            ExitCode::from(2)
        }
    }
}
