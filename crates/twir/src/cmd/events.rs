//! `twir events`: collect events from calendars, Meetup and a local file, and print the
//! Upcoming Events section (or replace it in a draft).

use crate::context::open_site;
use crate::generate::{draft_date, emit, runtime};
use anyhow::Result;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use twir_events::{CALENDAR_PARAGRAPH, Clients, EventsQuery, collect, format_section_with};

/// Arguments of `twir events`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// An iCalendar feed: a file path or an http(s) URL (repeatable).
    #[arg(long, value_name = "PATH_OR_URL")]
    pub ics: Vec<String>,
    /// A JSON list of Meetup group URLs (needs MEETUP_TOKEN).
    #[arg(long, value_name = "FILE")]
    pub meetup_groups: Option<PathBuf>,
    /// A TOML file of hand-added events.
    #[arg(long, value_name = "FILE")]
    pub extra: Option<PathBuf>,
    /// Issue date (default: the draft's).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<jiff::civil::Date>,
    /// How many days after the issue date events are listed (default from config: 28).
    #[arg(long)]
    pub days: Option<u32>,
    /// Base URL of Meetup's GraphQL API.
    #[arg(long, value_name = "URL", env = "TWIR_MEETUP_URL")]
    pub meetup_url: Option<String>,
    /// Replace the Upcoming Events section of this draft instead of printing.
    #[arg(long, value_name = "DRAFT")]
    pub into: Option<PathBuf>,
}

/// Runs `twir events`.
pub fn run(root: &Path, args: Args) -> Result<ExitCode> {
    let site = open_site(root)?;
    if args.ics.is_empty() && args.meetup_groups.is_none() && args.extra.is_none() {
        anyhow::bail!("no event source: give --ics, --meetup-groups and/or --extra");
    }
    let date = match args.date {
        Some(d) => d,
        None => draft_date(&site, args.into.as_deref())?,
    };
    let query = EventsQuery {
        ics: args.ics,
        meetup_groups: args.meetup_groups,
        extra: args.extra,
        date,
        days: args.days.unwrap_or(site.config.check.event_days),
    };
    let clients = Clients::new(args.meetup_url.as_deref())?;
    let collected = runtime()?.block_on(collect(&query, &clients))?;
    for w in &collected.warnings {
        eprintln!("warning: {}", twir_net::redact(&w.to_string()));
    }
    let footer = site
        .config
        .events
        .footer
        .as_deref()
        .unwrap_or(CALENDAR_PARAGRAPH);
    let body = format_section_with(&collected.events, collected.window, footer);
    emit("Upcoming Events", &body, args.into.as_ref())?;
    Ok(ExitCode::SUCCESS)
}
