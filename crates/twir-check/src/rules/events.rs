//! Event rules over the Upcoming Events section: `event-format`, `event-window`,
//! `event-order` and `event-region`.

use twir_content::{BlockKind, Entry, List, ListItem, Span};

use crate::check::Ctx;
use crate::diagnostic::Fix;
use crate::event_sort::{EVENTS_SECTION, sorted_list_text};
use crate::events_model::{Region, parse_event, regions, sort_key};

pub(super) fn check(ctx: &mut Ctx) {
    let doc = ctx.doc;
    let Some(section) = doc.section(EVENTS_SECTION) else {
        return;
    };
    for sub in &section.children {
        let Some(region) = Region::from_heading(twir_content::section::plain_title(&sub.title))
        else {
            continue;
        };
        for b in sub.blocks.clone() {
            let block = &doc.blocks[b];
            if let BlockKind::List(list) = &block.kind {
                check_list(ctx, region, list, block.span);
            }
        }
    }
}

fn line_span(ctx: &Ctx, item: &ListItem) -> Span {
    let text = ctx.doc.line_text(item.line);
    let start = ctx.doc.line_start(item.line);
    Span::new(start, start + text.len())
}

fn check_list(ctx: &mut Ctx, region: Region, list: &List, span: Span) {
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
    let mut prev_key = None;
    let mut order_fixed = false;
    for (k, item) in list.items.iter().enumerate() {
        if item.depth != 0 {
            continue;
        }
        let at = line_span(ctx, item);
        let Entry::Event(ev) = &item.entry else {
            let d = ctx
                .diag("event-format", at, "not an event entry")
                .with_help("write `* YYYY-MM-DD | City, COUNTRY | [Organizer](url)` and an indented `* [**Title**](url)` line");
            ctx.push(d);
            continue;
        };
        let facts = match parse_event(&ev.date.text, &ev.location.text) {
            Ok(f) => f,
            Err(why) => {
                let d = ctx.diag("event-format", at, format!("malformed event: {why}"));
                ctx.push(d);
                continue;
            }
        };
        if ev.organizer_link.is_none() {
            let d = ctx.diag(
                "event-format",
                ev.organizer.span,
                "the organizer should be a link `[Name](url)`",
            );
            ctx.push(d);
        }
        let has_child = list.items.get(k + 1).is_some_and(|c| c.parent == Some(k));
        if ev.title.is_none() {
            let msg = if has_child {
                "the line under the event should be `* [**Title**](url)`"
            } else {
                "the event has no title line `* [**Title**](url)` under it"
            };
            let d = ctx.diag("event-format", at, msg);
            ctx.push(d);
        }
        if let Some(date) = issue_date {
            let last = facts.end.unwrap_or(facts.start);
            if last < date {
                let d = ctx.diag(
                    "event-window",
                    ev.date.span,
                    format!("event on {} is before the issue date {date}", ev.date.text),
                );
                ctx.push(d);
            } else if let Ok(limit) = jiff::Span::new()
                .try_days(days)
                .and_then(|span| date.checked_add(span))
                && facts.start > limit
            {
                let d = ctx.diag(
                    "event-window",
                    ev.date.span,
                    format!(
                        "event on {} is more than {days} days after the issue date {date}",
                        ev.date.text
                    ),
                );
                ctx.push(d);
            }
        }
        let allowed = regions(&facts);
        // Under Virtual, older issues give a virtual event the group's city without `Virtual`.
        let misplaced =
            !allowed.is_empty() && !allowed.contains(&region) && region != Region::Virtual;
        if misplaced {
            let names: Vec<&str> = allowed.iter().map(|r| r.heading()).collect();
            let d = ctx.diag(
                "event-region",
                ev.location.span,
                format!(
                    "`{}` listed under {}, belongs under {}",
                    ev.location.text,
                    region.heading(),
                    names.join(" and ")
                ),
            );
            ctx.push(d);
        }
        let key = sort_key(&ev.date.text, &ev.location.text);
        if let (Some(prev), Some(key)) = (&prev_key, &key)
            && key < prev
        {
            let mut d = ctx.diag(
                "event-order",
                at,
                format!(
                    "`{} | {}` is out of order: events are sorted by date, then location",
                    ev.date.text, ev.location.text
                ),
            );
            if !order_fixed && let Some(sorted) = sorted_list_text(ctx.doc, list, span) {
                d = d
                    .with_fix(Fix::safe(span, sorted))
                    .with_help("sort the list (`twir fmt` does it too)");
                order_fixed = true;
            }
            ctx.push(d);
        }
        if key.is_some() {
            prev_key = key;
        }
    }
}
