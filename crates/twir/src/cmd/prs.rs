//! `twir prs`: "Updates from the Rust Project": the merged pull request count, optional
//! per-repository lists and first-time contributors, from the GitHub API or local clones.

use crate::context::open_site;
use crate::generate::{draft_date, emit, github, runtime};
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use twir_github::{
    GitSource, PrGroupConfig, PrsConfig, RepoName, Window, collect_prs, collect_prs_from_git,
    format_prs,
};

/// Arguments of `twir prs`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Issue date (default: the draft's); the window is the previous Tuesday to this Tuesday.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<jiff::civil::Date>,
    /// List merged PRs of a repository under a heading: `OWNER/NAME=Heading` (repeatable).
    #[arg(long, value_name = "OWNER/NAME=HEADING")]
    pub group: Vec<String>,
    /// Read merge commits of a local clone instead of the API: `DIR=OWNER/NAME=Heading` (repeatable).
    #[arg(long, value_name = "DIR=OWNER/NAME=HEADING")]
    pub git: Vec<String>,
    /// Also list first-time contributors.
    #[arg(long)]
    pub new_contributors: bool,
    /// GitHub API base URL.
    #[arg(long, value_name = "URL", env = "TWIR_GITHUB_API_URL")]
    pub api_url: Option<String>,
    /// Replace the opening of "Updates from the Rust Project" in this draft instead of printing.
    #[arg(long, value_name = "DRAFT")]
    pub into: Option<PathBuf>,
}

fn repo_and_heading(spec: &str) -> Result<(RepoName, String)> {
    let (repo, heading) = spec.split_once('=').unwrap_or((spec, ""));
    let repo: RepoName = repo
        .parse()
        .with_context(|| format!("`{repo}` is not OWNER/NAME"))?;
    let heading = if heading.is_empty() {
        repo.to_string()
    } else {
        heading.to_string()
    };
    Ok((repo, heading))
}

/// Runs `twir prs`.
pub fn run(root: &Path, args: Args) -> Result<ExitCode> {
    let site = open_site(root)?;
    let date = match args.date {
        Some(d) => d,
        None => draft_date(&site, args.into.as_deref())?,
    };
    let window = Window::for_issue(date);
    let mut config = PrsConfig {
        new_contributors: args.new_contributors,
        ..PrsConfig::default()
    };
    for g in &args.group {
        let (repo, heading) = repo_and_heading(g)?;
        config.groups.push(PrGroupConfig::new(repo, heading));
    }
    let data = if args.git.is_empty() {
        let gh = github(&site, args.api_url.as_deref())?;
        runtime()?.block_on(collect_prs(&gh, &config, window))?
    } else {
        let mut sources = Vec::new();
        for spec in &args.git {
            let (dir, rest) = spec
                .split_once('=')
                .with_context(|| format!("`{spec}`: expected DIR=OWNER/NAME[=Heading]"))?;
            let (repo, heading) = repo_and_heading(rest)?;
            sources.push(GitSource {
                path: PathBuf::from(dir),
                repo,
                heading,
                rev: None,
            });
        }
        collect_prs_from_git(&sources, &config, window)?
    };
    emit_prs(&format_prs(&data, &config), args.into.as_ref())?;
    Ok(ExitCode::SUCCESS)
}

/// With a draft, the generated text replaces what stands between the section heading and its
/// first subsection; otherwise it is printed.
fn emit_prs(text: &str, into: Option<&PathBuf>) -> Result<()> {
    const TITLE: &str = "Updates from the Rust Project";
    let Some(path) = into else {
        return emit(TITLE, text, None);
    };
    let doc = twir_content::Document::load(path)?;
    let new = doc
        .replace_section_intro(TITLE, text)
        .with_context(|| format!("{}: no `{TITLE}` section to replace", path.display()))?;
    twir_content::write::write_atomic(path, new.as_bytes())
        .with_context(|| format!("{}: cannot write", path.display()))?;
    eprintln!("updated the opening of `{TITLE}` in {}", path.display());
    Ok(())
}
