//! Event rules over the Upcoming Events section: `event-format`, `event-window`,
//! `event-order`, `event-region`, `duplicate-event` and `location-spelling`. Entries are read
//! with twir-events' grammar ([`crate::events_model`]).

use std::collections::HashMap;
use twir_content::text::QuickTrim;

use twir_content::{BlockKind, Entry, EventEntry, List, Span};
use twir_events::{EntryField, Event, Location};

use crate::check::{Ctx, Mode};
use crate::diagnostic::Fix;
use crate::diagnostic::Severity;
use crate::event_sort::{EVENTS_SECTION, sorted_list_text};
use crate::events_model::{Item, Region, read, regions};

/// An event entry of the section, with where it is listed.
struct Listed<'a> {
    region: Region,
    item: Item<'a>,
    /// The entry's text with its nested lines, up to the next entry (for removal).
    unit: Span,
}

pub(super) fn check(ctx: &mut Ctx) {
    let doc = ctx.doc;
    let Some(section) = doc.section(EVENTS_SECTION) else {
        return;
    };
    let mut listed: Vec<Listed> = Vec::new();
    for sub in &section.children {
        let Some(region) = Region::from_heading(twir_content::section::plain_title(&sub.title))
        else {
            continue;
        };
        for b in sub.blocks.clone() {
            let block = &doc.blocks[b];
            if let BlockKind::List(list) = &block.kind {
                check_list(ctx, region, list, block.span, &mut listed);
            }
        }
    }
    duplicates(ctx, &listed);
    spellings(ctx, &listed);
}

fn check_list<'a>(
    ctx: &mut Ctx,
    region: Region,
    list: &'a List,
    span: Span,
    listed: &mut Vec<Listed<'a>>,
) {
    // Issues before 2020 wrote events as plain links; only lists in today's format are checked.
    if !list
        .items
        .iter()
        .any(|it| matches!(it.entry, Entry::Event(_)))
    {
        return;
    }
    let issue_date = ctx.doc.meta.date();
    let days = i64::from(ctx.opts.event_days);
    let tops: Vec<usize> = (0..list.items.len())
        .filter(|&k| list.items[k].depth == 0)
        .collect();
    // Entries are large: growing the vector entry by entry copied them (callgrind: 0.4% of a
    // whole-archive check).
    listed.reserve(tops.len());
    let mut prev_start = None;
    let mut order_fixed = false;
    for (n, &k) in tops.iter().enumerate() {
        let item = &list.items[k];
        let Entry::Event(fields) = &item.entry else {
            let at = crate::events_model::line_span(ctx.doc, item.line);
            let d = ctx
                .diag("event-format", at, "not an event entry")
                .with_help("write `* YYYY-MM-DD | City, CC | [Organizer](url)`, then `    * [**Title**](url)`");
            ctx.push(d);
            continue;
        };
        let it = read(ctx.doc, list, k, fields);
        let event = match &it.event {
            Ok(e) => e,
            // A title bold only in part (`[**Meetup #18**: a talk](url)`) renders as meant.
            Err(e) if e.field == EntryField::Title && partly_bold(ctx, &it) => continue,
            Err(e) => {
                format_error(ctx, &it, fields, e.field, &e.reason);
                continue;
            }
        };
        if let Some(date) = issue_date {
            if event.last_day() < date {
                let mut d = ctx
                    .diag(
                        "event-window",
                        fields.date.span,
                        format!(
                            "event on {} is before the issue date {date}",
                            fields.date.text(&ctx.doc.source)
                        ),
                    )
                    .with_help("`twir publish` drops it");
                // Mid-week, last week's events are still listed; publication drops them.
                if ctx.opts.mode == Mode::Draft {
                    d.severity = Severity::Note;
                }
                ctx.push(d);
            } else if let Ok(limit) = jiff::Span::new()
                .try_days(days)
                .and_then(|span| date.checked_add(span))
                && event.start > limit
                // Conferences are announced ahead of the window on purpose.
                && event.end.is_none_or(|end| end == event.start)
            {
                let d = ctx.diag(
                    "event-window",
                    fields.date.span,
                    format!(
                        "event on {} is more than {days} days after the issue date {date}",
                        fields.date.text(&ctx.doc.source)
                    ),
                );
                ctx.push(d);
            }
        }
        let allowed = regions(event);
        // Under Virtual, older issues give a virtual event the group's city without `Virtual`.
        if !allowed.is_empty() && !allowed.contains(&region) && region != Region::Virtual {
            let names: Vec<&str> = allowed.iter().map(|r| r.heading()).collect();
            let d = ctx.diag(
                "event-region",
                fields.location.span,
                format!(
                    "`{}` listed under {}, belongs under {}",
                    fields.location.text(&ctx.doc.source),
                    region.heading(),
                    names.join(" and ")
                ),
            );
            ctx.push(d);
        }
        // TWiR sorts by date only: events of one day may come in any order.
        if let Some(prev) = prev_start
            && event.start < prev
        {
            let mut d = ctx.diag(
                "event-order",
                it.line,
                format!(
                    "event on {} comes after one on {prev}: events are sorted by date",
                    fields.date.text(&ctx.doc.source)
                ),
            );
            if !order_fixed && let Some(sorted) = sorted_list_text(ctx.doc, list, span) {
                d = d
                    .with_fix(Fix::safe(span, sorted))
                    .with_help("sort the list by date (`twir fmt` does it too)");
                order_fixed = true;
            }
            ctx.push(d);
        }
        prev_start = Some(event.start);
        let end = tops
            .get(n + 1)
            .map(|&j| list.items[j].span.start)
            .unwrap_or(span.end);
        listed.push(Listed {
            region,
            unit: Span::new(item.span.start, end),
            item: it,
        });
    }
}

/// True when the entry's title line is a link whose text starts in bold.
fn partly_bold(ctx: &Ctx, it: &Item) -> bool {
    it.title_line.is_some_and(|l| {
        let t = ctx.doc.text(l).quick_trim_start();
        let t = t.strip_prefix(['*', '-']).unwrap_or(t).quick_trim_start();
        t.starts_with("[**") && t.contains("](")
    })
}

fn format_error(ctx: &mut Ctx, it: &Item, fields: &EventEntry, field: EntryField, reason: &str) {
    let (span, msg) = match field {
        EntryField::TitleBullet if it.title_line.is_none() => (
            it.line,
            "the event has no title line `* [**Title**](url)` under it".to_string(),
        ),
        EntryField::Organizer if fields.organizer_link.is_none() => (
            fields.organizer.span,
            "the organizer should be a link `[Name](url)`".to_string(),
        ),
        _ => (
            it.span_of(field),
            format!("malformed event: {field}: {reason}"),
        ),
    };
    let d = ctx.diag("event-format", span, msg);
    ctx.push(d);
}

fn event_of<'a>(l: &'a Listed) -> Option<&'a Event> {
    l.item.event.as_ref().ok()
}

/// A URL's specificity: how many non-empty path segments and query bytes it has.
fn specificity(url: &str) -> usize {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    path.split('/').skip(1).filter(|s| !s.is_empty()).count() * 1000 + query.len()
}

fn duplicates(ctx: &mut Ctx, listed: &[Listed]) {
    for region in Region::ALL {
        let here: Vec<&Listed> = listed
            .iter()
            .filter(|l| l.region == region && event_of(l).is_some())
            .collect();
        if here.len() < 2 {
            continue;
        }
        let events: Vec<&Event> = here.iter().filter_map(|l| event_of(l)).collect();
        for (j, i, reason) in twir_events::format::duplicate_pairs(&events) {
            let (first, second) = (here[j], here[i]);
            let line = ctx.doc.line_of(first.item.line.start);
            // Keep the entry with the more precise link (an event page rather than a group's
            // list of events); on a tie, the first.
            let (keep, drop) = if specificity(&events[i].url) > specificity(&events[j].url) {
                (second, first)
            } else {
                (first, second)
            };
            let certain = reason != "same dates and organizer link";
            let fix = if certain {
                Fix::safe(drop.unit, "")
            } else {
                Fix::suggest(drop.unit, "")
            };
            let kept_line = ctx.doc.line_of(keep.item.line.start);
            let dropped_line = ctx.doc.line_of(drop.item.line.start);
            let d = ctx
                .diag(
                    "duplicate-event",
                    second.item.line,
                    format!("the event of line {line} again ({reason})"),
                )
                .with_fix(fix)
                .with_help(format!(
                    "remove the entry of line {dropped_line}, keep line {kept_line}"
                ));
            ctx.push(d);
        }
    }
}

/// A place as twir-events normalises it: city (lower case), state, country.
type PlaceKey = (String, Option<String>, String);

/// The key a place is known by; `None` for places twir-events cannot read.
fn place_key(loc: &Location) -> Option<PlaceKey> {
    let n = twir_events::normalise(loc).ok()?;
    let city = n.city.as_deref()?.to_lowercase();
    Some((city, n.state.clone(), n.country.clone()?))
}

fn spellings(ctx: &mut Ctx, listed: &[Listed]) {
    // For each place, the spellings used, in order of appearance, with their entries.
    let mut places: HashMap<PlaceKey, Vec<(String, &Listed)>> = HashMap::new();
    let mut order = Vec::new();
    // Only a city named twice can be spelled two ways: most are named once, and normalising
    // every place of the archive would cost more than the rest of the event rules.
    // Each city lower-cased once, then counted.
    let lowered: Vec<Option<String>> = listed
        .iter()
        .map(|l| {
            event_of(l)
                .and_then(|e| e.location.city.as_deref())
                .map(str::to_lowercase)
        })
        .collect();
    let mut cities: HashMap<&str, usize> = HashMap::with_capacity(listed.len());
    for city in lowered.iter().flatten() {
        *cities.entry(city.as_str()).or_default() += 1;
    }
    for (l, city) in listed.iter().zip(&lowered) {
        let Some(e) = event_of(l) else { continue };
        let named_twice = city
            .as_deref()
            .is_some_and(|c| cities.get(c).is_some_and(|n| *n > 1));
        if !named_twice {
            continue;
        }
        let Some(key) = place_key(&e.location) else {
            continue;
        };
        let written = e.location.place();
        let entry = places.entry(key.clone()).or_default();
        if entry.is_empty() {
            order.push(key);
        }
        entry.push((written, l));
    }
    for key in order {
        let uses = &places[&key];
        let mut distinct: Vec<&str> = Vec::new();
        for (w, _) in uses {
            if !distinct.contains(&w.as_str()) {
                distinct.push(w);
            }
        }
        if distinct.len() < 2 {
            continue;
        }
        // The canonical spelling when it is one of them, else the most used (first on a tie).
        let canonical = uses.iter().find_map(|(_, l)| {
            let e = event_of(l)?;
            twir_events::normalise(&e.location).ok().map(|n| n.place())
        });
        let most_used = || {
            distinct
                .iter()
                .copied()
                .max_by_key(|d| {
                    (
                        uses.iter().filter(|(w, _)| w == d).count(),
                        std::cmp::Reverse(distinct.iter().position(|x| x == d)),
                    )
                })
                .unwrap_or(distinct[0])
        };
        let preferred: &str = match canonical.as_deref() {
            Some(c) => distinct
                .iter()
                .copied()
                .find(|d| *d == c)
                .unwrap_or_else(most_used),
            None => most_used(),
        };
        let first_preferred = uses
            .iter()
            .find(|(w, _)| w == preferred)
            .map(|(_, l)| ctx.doc.line_of(l.item.line.start))
            .unwrap_or(0);
        for (written, l) in uses {
            if written == preferred {
                continue;
            }
            let Some(e) = event_of(l) else { continue };
            let Ok(p) = Location::parse(preferred) else {
                continue;
            };
            let fixed = Location {
                kind: e.location.kind,
                utc_offset: e.location.utc_offset,
                ..p
            };
            let fields = l.item.fields;
            let d = ctx
                .diag(
                    "location-spelling",
                    fields.location.span,
                    format!("`{written}` is written `{preferred}` on line {first_preferred}"),
                )
                .with_fix(Fix::safe(fields.location.span, fixed.to_string()))
                .with_help("spell a place the same way throughout");
            ctx.push(d);
        }
    }
}
