//! `metadata`: the header must have a well-formed Title, Number, Date and Category, all of it
//! before the first blank line, a Date matching the file name, and the next Number.

use twir_content::metadata::{parse_date_lenient, parse_date_strict, split_field};
use twir_content::{BlockKind, Span};

use crate::check::Ctx;
use crate::diagnostic::Fix;

const CODE: &str = "metadata";
const REQUIRED: [&str; 4] = ["Title", "Number", "Date", "Category"];
const KNOWN: [&str; 9] = [
    "title", "number", "date", "category", "author", "slug", "tags", "summary", "modified",
];

pub(super) fn check(ctx: &mut Ctx) {
    let doc = ctx.doc;
    let meta = &doc.meta;
    let header_end = meta.span.end;
    let first_line = Span::new(0, doc.source.find('\n').unwrap_or(doc.source.len()));
    if meta.fields.is_empty() {
        let d = ctx.diag(
            CODE,
            first_line,
            "no metadata header (`Title:`, `Number:`, `Date:`, `Category:` lines at the top)",
        );
        ctx.push(d);
        return;
    }
    let stray = stray_fields(ctx);
    for (line, span) in &meta.malformed {
        let d = ctx
            .diag(
                CODE,
                *span,
                format!("line {line} of the header is not `Key: value`"),
            )
            .with_help(
                "every header line is `Key: value`; the header ends at the first blank line",
            );
        ctx.push(d);
    }
    for r in &meta.repeated {
        let d = ctx
            .diag(
                CODE,
                r.span,
                format!(
                    "`{}:` given twice: lines {} and {} (line {} is the one used)",
                    r.key, r.first_line, r.line, r.first_line
                ),
            )
            .with_help("keep one of the two lines");
        ctx.push(d);
    }
    let at_header = Span::new(
        0,
        meta.fields.last().map(|f| f.span.end).unwrap_or(header_end),
    );
    for key in REQUIRED {
        if meta.field(key).is_some() {
            continue;
        }
        if stray.iter().any(|k| k.eq_ignore_ascii_case(key)) {
            continue; // reported as a blank line inside the header
        }
        let d = ctx.diag(CODE, at_header, format!("the header has no `{key}`"));
        ctx.push(d);
    }
    if let Some(f) = meta.field("title")
        && f.value.trim().is_empty()
    {
        let d = ctx.diag(CODE, f.span, "`Title` is empty");
        ctx.push(d);
    }
    if let Some(f) = meta.field("number")
        && f.value.trim().parse::<u32>().is_err()
    {
        let d = ctx.diag(
            CODE,
            f.value_span,
            format!("`Number: {}` is not a number", f.value),
        );
        ctx.push(d);
    }
    if let Some(f) = meta.field("category")
        && f.value.trim().is_empty()
    {
        let d = ctx.diag(CODE, f.span, "`Category` is empty");
        ctx.push(d);
    }
    check_date(ctx);
    check_number(ctx);
}

/// Header fields that a blank line pushed into the body; reports them and returns their keys.
fn stray_fields(ctx: &mut Ctx) -> Vec<String> {
    let doc = ctx.doc;
    let Some((i, block)) = doc
        .blocks
        .iter()
        .enumerate()
        .find(|(_, b)| b.kind != BlockKind::Blank)
    else {
        return Vec::new();
    };
    if block.kind != BlockKind::Paragraph {
        return Vec::new();
    }
    let text = doc.text(block.span);
    let keys: Option<Vec<String>> = text
        .lines()
        .map(|l| {
            let (k, _) = split_field(l)?;
            KNOWN
                .contains(&k.to_ascii_lowercase().as_str())
                .then(|| k.to_string())
        })
        .collect();
    let Some(keys) = keys else {
        return Vec::new();
    };
    // The blank line(s) between the last header field and the stray lines.
    let last_field_end = doc.meta.fields.last().map(|f| f.span.end).unwrap_or(0);
    let gap = Span::new(last_field_end, block.span.start);
    let followed_by_blank = doc
        .blocks
        .get(i + 1)
        .is_none_or(|b| b.kind == BlockKind::Blank);
    let fix = if followed_by_blank {
        Fix::safe(gap, line_ending(doc.text(gap)))
    } else {
        Fix::suggest(gap, line_ending(doc.text(gap)))
    };
    let d = ctx
        .diag(
            CODE,
            Span::new(block.span.start, block.span.start + text.trim_end().len()),
            format!(
                "a blank line inside the header ends it early: `{}` is read as body text",
                keys.join("`, `")
            ),
        )
        .with_fix(fix)
        .with_help("remove the blank line so the field stays in the header");
    ctx.push(d);
    keys
}

fn line_ending(gap: &str) -> &'static str {
    if gap.starts_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

fn check_date(ctx: &mut Ctx) {
    let Some(f) = ctx.doc.meta.field("date") else {
        return;
    };
    let (f_value, f_span) = (f.value.clone(), f.value_span);
    let day = f_value.split_whitespace().next().unwrap_or("");
    let Some(date) = parse_date_lenient(&f_value) else {
        let d = ctx.diag(
            CODE,
            f_span,
            format!("`Date: {f_value}` is not a YYYY-MM-DD date"),
        );
        ctx.push(d);
        return;
    };
    if parse_date_strict(day).is_none() {
        let fixed = format!("{}{}", date, &f_value[day.len()..]);
        let d = ctx
            .diag(
                CODE,
                f_span,
                format!("`Date: {f_value}` should be written `{fixed}`"),
            )
            .with_fix(Fix::safe(f_span, fixed));
        ctx.push(d);
    }
    if let Some(name_date) = ctx.info.name_date
        && name_date != date
    {
        let d = ctx.diag(
            CODE,
            f_span,
            format!("`Date: {date}` differs from the date in the file name ({name_date})"),
        );
        ctx.push(d);
    }
}

fn check_number(ctx: &mut Ctx) {
    let Some(f) = ctx.doc.meta.field("number") else {
        return;
    };
    let Ok(n) = f.value.trim().parse::<u32>() else {
        return;
    };
    let span = f.value_span;
    let Some(previous) = ctx.info.previous else {
        return;
    };
    let Some(prev) = previous.number else {
        return;
    };
    // Issues are weekly, with a week skipped now and then: the number goes up by one, and by
    // at most one a week since the previous issue (when an issue between is missing here).
    let weeks = match (previous.date, ctx.info.name_date) {
        (Some(a), Some(b)) if b > a => {
            let days = (b - a).get_days();
            u32::try_from((days + 3) / 7).unwrap_or(1).max(1)
        }
        _ => 1,
    };
    if n <= prev || n - prev > weeks {
        let fix = Fix::suggest(span, (prev + 1).to_string());
        let d = ctx
            .diag(
                CODE,
                span,
                format!(
                    "`Number: {n}` should be {} (the previous issue is {prev})",
                    prev + 1
                ),
            )
            .with_fix(fix);
        ctx.push(d);
    }
}
