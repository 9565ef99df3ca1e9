//! `twir events`: collect events from calendars, Meetup and a local file, and print the
//! Upcoming Events section (or replace it in a draft).

use crate::context::open_site;
use crate::generate::{draft_date, emit, runtime};
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use twir_content::Document;
use twir_events::{CALENDAR_PARAGRAPH, format_section_with, parse_section};
use twir_events_sources::{
    Clients, Collected, EventsQuery, collect, kept_from_failed_sources, merge_kept,
};

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
    #[arg(long, value_parser = clap::value_parser!(u32).range(0..=i64::from(twir_content::config::MAX_EVENT_DAYS)))]
    pub days: Option<u32>,
    /// Base URL of Meetup's GraphQL API.
    #[arg(long, value_name = "URL", env = "TWIR_MEETUP_URL")]
    pub meetup_url: Option<String>,
    /// Replace the Upcoming Events section of this draft instead of printing.
    #[arg(long, value_name = "DRAFT")]
    pub into: Option<PathBuf>,
    /// Go on when some sources do not answer: print what the others gave, or with `--into`
    /// keep the draft's entries of the failed sources. Without it nothing is printed or
    /// written unless every source answered.
    #[arg(long)]
    pub allow_partial: bool,
}

/// The section title `--into` replaces.
const TITLE: &str = twir_events::SECTION_TITLE;

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
    if !collected.is_complete() && !args.allow_partial {
        let target = match &args.into {
            Some(p) => format!("{} left unchanged", p.display()),
            None => "nothing printed".to_string(),
        };
        anyhow::bail!(
            "{} of the event sources did not answer ({}); {target}. --allow-partial uses what \
             the others gave{}",
            collected.failed.len(),
            collected.failed.join(", "),
            if args.into.is_some() {
                " and keeps the draft's entries of the failed sources"
            } else {
                ""
            }
        );
    }
    let events = match &args.into {
        Some(path) if !collected.is_complete() => with_kept_entries(path, &collected)?,
        _ => collected.events.clone(),
    };
    let footer = site
        .config
        .events
        .footer
        .as_deref()
        .unwrap_or(CALENDAR_PARAGRAPH);
    let body = format_section_with(&events, collected.window, footer);
    emit(TITLE, &body, args.into.as_ref())?;
    Ok(ExitCode::SUCCESS)
}

/// The fresh events plus the draft's current entries of the sources that failed.
fn with_kept_entries(draft: &Path, collected: &Collected) -> Result<Vec<twir_events::Event>> {
    let doc = Document::load(draft)?;
    let section = doc
        .section(TITLE)
        .with_context(|| format!("{}: no `{TITLE}` section to replace", draft.display()))?;
    let heading_end = section
        .heading
        .map(|h| doc.blocks[h].span.end)
        .unwrap_or(section.span.start);
    let body = doc.source.get(heading_end..section.span.end).unwrap_or("");
    let kept = kept_from_failed_sources(&parse_section(body), collected);
    let first_line = doc.line_of(heading_end);
    for line in &kept.unparsed {
        eprintln!(
            "warning: {}:{}: entry not understood, so not attributed to a source: dropped",
            draft.display(),
            first_line + line
        );
    }
    eprintln!(
        "warning: {} did not answer: kept {} of their entries from {}",
        collected.failed.join(", "),
        kept.events.len(),
        draft.display()
    );
    Ok(merge_kept(&collected.events, &kept.events))
}
