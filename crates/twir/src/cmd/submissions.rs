//! `twir submissions review` and `twir submissions merge`: the intake of link-submission pull
//! requests (the logic lives in the `twir-submissions` crate).

use anyhow::{Context as _, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use twir_submissions::merge::{self, MergeOptions};
use twir_submissions::post::{Posted, post_all};
use twir_submissions::review::{github_client, review, runtime};
use twir_submissions::{Context, comment, table};

use crate::context::open_site;

/// Subcommands of `twir submissions`.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Review the open link-submission pull requests: verdicts, reasons, review comments.
    Review(ReviewArgs),
    /// Merge the accepted single-link pull requests into the draft in one commit.
    Merge(MergeArgs),
}

/// Output formats of `review`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for the terminal.
    Table,
    /// JSON for scripts.
    Json,
}

/// Arguments of `twir submissions review`.
#[derive(Debug, clap::Args)]
pub struct ReviewArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write one ready-to-post comment per pull request into DIR (`pr-N.md`).
    #[arg(long, value_name = "DIR")]
    pub comments: Option<PathBuf>,
    /// Post the comments on the pull requests (needs GITHUB_TOKEN; skips unchanged ones).
    #[arg(long)]
    pub post: bool,
}

/// Arguments of `twir submissions merge`.
#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// Merge only these pull requests (still only if accepted).
    #[arg(long, value_name = "N", num_args = 1.., value_delimiter = ',')]
    pub only: Vec<u64>,
    /// Leave these pull requests out.
    #[arg(long, value_name = "N", num_args = 1.., value_delimiter = ',')]
    pub exclude: Vec<u64>,
    /// Move links to the suggested section when that is all that keeps them from being
    /// accepted (a non-editor's link in Project/Tooling Updates, a link outside a subsection).
    #[arg(long)]
    pub fix_sections: bool,
    /// Remote to fetch the pull request heads (`refs/pull/N/head`) from.
    #[arg(long, default_value = "origin", value_name = "NAME")]
    pub remote: String,
}

/// Runs `twir submissions`.
pub fn run(root: &Path, cmd: Command) -> Result<ExitCode> {
    let site = open_site(root)?;
    let ctx = Context::open(&site)?;
    match cmd {
        Command::Review(args) => run_review(&ctx, args),
        Command::Merge(args) => run_merge(&ctx, args),
    }
}

fn run_review(ctx: &Context, args: ReviewArgs) -> Result<ExitCode> {
    let (gh, repo) = github_client(&ctx.site)?;
    let rt = runtime()?;
    let result = rt.block_on(review(ctx, &gh, &repo))?;
    match args.format {
        Format::Table => print!("{}", table::render(&result)),
        Format::Json => println!("{}", serde_json::to_string_pretty(&result)?),
    }
    if let Some(dir) = &args.comments {
        let written = comment::write_all(&result, dir)?;
        eprintln!(
            "wrote {} comment{} to {}",
            written.len(),
            if written.len() == 1 { "" } else { "s" },
            dir.display()
        );
    }
    if args.post {
        let done = rt
            .block_on(post_all(&gh, &repo, &result))
            .context("posting review comments")?;
        for (n, p) in done {
            match p {
                Posted::New(url) => eprintln!("#{n}: posted {url}"),
                Posted::Unchanged => eprintln!("#{n}: same comment already posted, skipped"),
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn run_merge(ctx: &Context, args: MergeArgs) -> Result<ExitCode> {
    // Refuse a dirty tree before spending API calls on the review.
    merge::preflight(ctx)?;
    let (gh, repo) = github_client(&ctx.site)?;
    let result = runtime()?.block_on(review(ctx, &gh, &repo))?;
    let opts = MergeOptions {
        only: args.only,
        exclude: args.exclude,
        fix_sections: args.fix_sections,
        remote: args.remote,
    };
    let plan = merge::plan(&result, &opts);
    for (n, why) in &plan.skipped {
        eprintln!("skipping #{n}: {why}");
    }
    if plan.picks.is_empty() {
        eprintln!("nothing to merge: no accepted single-link pull request");
        return Ok(ExitCode::from(1));
    }
    let out = merge::merge(ctx, &result, &opts)?;
    for p in &out.plan.picks {
        let moved = p
            .moved_from
            .as_deref()
            .map(|f| format!(" (moved from {f})"))
            .unwrap_or_default();
        println!(
            "merged #{} into {}{}: {}",
            p.number, p.section, moved, p.title
        );
    }
    let short: String = out.commit.chars().take(12).collect();
    println!(
        "created commit {short} on top of HEAD in {}; push it to close the merged pull requests",
        ctx.draft_rel
    );
    Ok(ExitCode::SUCCESS)
}
