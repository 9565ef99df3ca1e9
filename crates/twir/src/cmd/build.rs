//! `twir build`: the website, into `output/` (or `--out`), swapped in only when complete.

use crate::context::open_site;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;
use twir_site::{Options, Timings};

/// Arguments of `twir build`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output folder (default: `paths.output` of twir.toml, `output/`, under the root).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Theme folder with `templates/` and `static/` overriding the built-in theme.
    #[arg(long, value_name = "DIR")]
    pub theme: Option<PathBuf>,
    /// Also build the drafts in `draft/` (marked as drafts, left out of feeds and sitemap).
    #[arg(long)]
    pub drafts: bool,
    /// Do not build the search index (and leave the search box out).
    #[arg(long)]
    pub no_search: bool,
    /// Skip broken issues (reported) instead of failing the build.
    #[arg(long)]
    pub keep_going: bool,
    /// Print how long each phase took (parse, render, write, search).
    #[arg(long)]
    pub timings: bool,
    /// Leave out (with a warning) symbolic links that point outside the repository, and
    /// special files, instead of failing.
    #[arg(long)]
    pub skip_unsafe_links: bool,
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Prints the phase split of a build.
pub fn print_timings(t: &Timings) {
    eprintln!(
        "timings: parse {}, render {}, write {}, search {}, swap {}, total {}",
        ms(t.parse),
        ms(t.render),
        ms(t.write),
        ms(t.search),
        ms(t.swap),
        ms(t.total)
    );
}

/// Runs `twir build`.
pub fn run(root: &Path, args: Args) -> anyhow::Result<ExitCode> {
    if args.skip_unsafe_links {
        twir_content::safe_fs::set_policy(twir_content::safe_fs::LinkPolicy::Skip);
    }
    let site = open_site(root)?;
    let out = args.out.clone().unwrap_or_else(|| site.output_dir());
    let options = Options {
        theme_dir: args.theme.clone(),
        drafts: args.drafts,
        search: !args.no_search,
        keep_going: args.keep_going,
        livereload: false,
        base_override: None,
    };
    let result = twir_site::build(site, &out, options);
    for w in twir_content::safe_fs::take_skipped() {
        eprintln!("warning: {w}");
    }
    match result {
        Ok(report) => {
            for w in &report.warnings {
                eprintln!("warning: {w}");
            }
            for e in &report.skipped {
                eprintln!("error (skipped): {e}");
            }
            let drafts = if report.drafts > 0 {
                format!(", {} drafts", report.drafts)
            } else {
                String::new()
            };
            println!(
                "built {} issues{drafts}, {} pages: {} files in {}",
                report.issues,
                report.pages,
                report.files,
                out.display()
            );
            if let Some(s) = &report.search {
                println!("search index: {s}");
            }
            if args.timings {
                print_timings(&report.timings);
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(failure) => {
            for w in &failure.warnings {
                eprintln!("warning: {w}");
            }
            for e in &failure.errors {
                eprintln!("error: {e}");
            }
            eprintln!(
                "build failed ({} error{}); {} left unchanged{}",
                failure.errors.len(),
                if failure.errors.len() == 1 { "" } else { "s" },
                out.display(),
                if failure.errors.iter().any(|e| matches!(
                    **e,
                    twir_site::SiteError::MissingField { .. }
                        | twir_site::SiteError::InvalidField { .. }
                        | twir_site::SiteError::Content(_)
                )) {
                    " (use --keep-going to skip broken issues)"
                } else {
                    ""
                }
            );
            Ok(ExitCode::from(1))
        }
    }
}
