//! `twir serve`: the site with drafts, on http://127.0.0.1:8000/, rebuilt and reloaded on save.

use crate::context::open_site;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;
use twir_serve::ServeOptions;
use twir_site::Options;

/// Arguments of `twir serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
    /// Address to listen on; other than loopback, the site is reachable from other machines.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: IpAddr,
    /// Theme folder with `templates/` and `static/` overriding the built-in theme.
    #[arg(long, value_name = "DIR")]
    pub theme: Option<PathBuf>,
    /// Leave the drafts out.
    #[arg(long)]
    pub no_drafts: bool,
    /// Do not build the search index.
    #[arg(long)]
    pub no_search: bool,
    /// Leave out (with a warning) symbolic links that point outside the repository, and
    /// special files, instead of showing an error.
    #[arg(long)]
    pub skip_unsafe_links: bool,
    /// Seconds a client has to send a request's headers.
    #[arg(long, default_value_t = 10, value_name = "SECS", hide = true)]
    pub header_timeout: u64,
    /// Seconds after which a connection on which nothing moves is closed.
    #[arg(long, default_value_t = 60, value_name = "SECS", hide = true)]
    pub idle_timeout: u64,
    /// Connections served at once.
    #[arg(long, default_value_t = 256, value_name = "N", hide = true)]
    pub max_connections: usize,
}

/// Runs `twir serve`.
pub fn run(root: &Path, args: Args) -> anyhow::Result<ExitCode> {
    if args.skip_unsafe_links {
        twir_content::safe_fs::set_policy(twir_content::safe_fs::LinkPolicy::Skip);
    }
    // Fails early with a clear message when ROOT is not a newsletter repository.
    open_site(root)?;
    let options = Options {
        theme_dir: args.theme,
        drafts: !args.no_drafts,
        search: !args.no_search,
        keep_going: true,
        livereload: true,
        base_override: Some(String::new()),
    };
    twir_serve::serve(
        root,
        options,
        ServeOptions {
            bind: args.bind,
            port: args.port,
            limits: twir_serve::conn::Limits {
                max_connections: args.max_connections,
                header_timeout: Duration::from_secs(args.header_timeout),
                idle_timeout: Duration::from_secs(args.idle_timeout),
                ..Default::default()
            },
        },
    )?;
    Ok(ExitCode::SUCCESS)
}
