//! `twir submissions review` and `twir submissions merge`: the intake of link-submission pull
//! requests (the logic lives in the `twir-submissions` crate).

use anyhow::{Context as _, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use twir_github::RepoName;
use twir_submissions::merge::{self, MergeOptions};
use twir_submissions::plan::PlanOptions;
use twir_submissions::post::{Posted, post_all};
use twir_submissions::review::{ReviewOptions, review, runtime};
use twir_submissions::{Context, Review, comment, table};

use crate::context::open_site;
use crate::generate::github;

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

/// Options `review` and `merge` share: where GitHub and the pull request heads are, and the
/// fixes the merge plan applies (so that `review` shows what `merge` will do).
#[derive(Debug, clap::Args)]
pub struct Common {
    /// GitHub API base URL (default: `[github] api_url` of twir.toml, else api.github.com).
    #[arg(long, value_name = "URL", env = "TWIR_GITHUB_API_URL")]
    pub api_url: Option<String>,
    /// Remote to fetch the pull request heads (`refs/pull/N/head`) from.
    #[arg(long, default_value = "origin", value_name = "NAME")]
    pub remote: String,
    /// Move links to the suggested section: when that is all that keeps them from being
    /// accepted (a non-editor's link in Project/Tooling Updates, a link outside a subsection
    /// or in a section the draft lacks), and when the archive suggests another section.
    #[arg(long)]
    pub fix_sections: bool,
    /// Write link titles as the editors would (no site-name suffix, no trailing punctuation).
    #[arg(long)]
    pub fix_titles: bool,
}

/// Arguments of `twir submissions review`.
#[derive(Debug, clap::Args)]
pub struct ReviewArgs {
    #[command(flatten)]
    pub common: Common,
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
    #[command(flatten)]
    pub common: Common,
    /// Merge only these pull requests (still only if accepted).
    #[arg(long, value_name = "N", num_args = 1.., value_delimiter = ',')]
    pub only: Vec<u64>,
    /// Leave these pull requests out.
    #[arg(long, value_name = "N", num_args = 1.., value_delimiter = ',')]
    pub exclude: Vec<u64>,
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

fn repository(ctx: &Context) -> Result<RepoName> {
    let name = &ctx.site.config.github.repository;
    name.parse()
        .with_context(|| format!("[github] repository `{name}` is not OWNER/NAME"))
}

fn review_with(
    ctx: &Context,
    common: &Common,
    plan: PlanOptions,
) -> Result<(Review, twir_github::GitHub, RepoName)> {
    let gh = github(&ctx.site, common.api_url.as_deref())?;
    let repo = repository(ctx)?;
    let opts = ReviewOptions {
        remote: common.remote.clone(),
        plan,
    };
    let result = runtime()?.block_on(review(ctx, &gh, &repo, &opts))?;
    Ok((result, gh, repo))
}

fn run_review(ctx: &Context, args: ReviewArgs) -> Result<ExitCode> {
    let plan = PlanOptions {
        fix_sections: args.common.fix_sections,
        fix_titles: args.common.fix_titles,
        ..PlanOptions::default()
    };
    let (result, gh, repo) = review_with(ctx, &args.common, plan)?;
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
        let done = runtime()?
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
    let plan = PlanOptions {
        only: args.only,
        exclude: args.exclude,
        fix_sections: args.common.fix_sections,
        fix_titles: args.common.fix_titles,
    };
    let (result, _, _) = review_with(ctx, &args.common, plan)?;
    for l in &result.plan.left {
        let what = if l.accepted { "accepted, " } else { "" };
        eprintln!("leaving #{} ({what}{})", l.number, l.reason);
    }
    if result.plan.picks.is_empty() {
        eprintln!("nothing to merge: no accepted submission");
        return Ok(ExitCode::from(1));
    }
    let opts = MergeOptions {
        remote: args.common.remote.clone(),
    };
    let out = merge::merge(ctx, &result, &opts)?;
    for p in &out.plan.picks {
        for l in &p.lines {
            let moved = l
                .moved_from
                .as_deref()
                .map(|f| format!(" (moved from {f})"))
                .unwrap_or_default();
            println!(
                "merged #{} into {}{}: {}",
                p.number, l.section, moved, l.line
            );
        }
        if !p.closes_on_push {
            let carried: Vec<String> = p.carries.iter().map(|n| format!("#{n}")).collect();
            println!(
                "  #{} stays open (its branch carries {}, not merged): close it by hand after pushing",
                p.number,
                carried.join(", ")
            );
        }
    }
    let short: String = out.commit.chars().take(12).collect();
    println!(
        "created commit {short} on top of HEAD in {}; push it to close the merged pull requests",
        ctx.draft_rel
    );
    Ok(ExitCode::SUCCESS)
}
