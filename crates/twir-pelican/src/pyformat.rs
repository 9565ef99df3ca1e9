//! Python's `str.format` for Pelican's URL settings: `blog/{date:%Y}/{date:%m}/{slug}/`,
//! `{name}{number}{extension}`, `categories/{slug}/atom.xml`.

use jiff::ZonedDateTime as Zoned;

/// A value a `{field}` can take.
#[derive(Debug, Clone)]
pub enum FormatValue {
    /// Text.
    Str(String),
    /// A whole number.
    Int(i64),
    /// A date and time (`{date:%Y}` formats it with strftime).
    Date(Zoned),
}

/// Formats `pattern`, asking `lookup` for each field name; an unknown field or a format
/// specification the value does not take is an error naming it.
pub fn format(
    pattern: &str,
    lookup: &dyn Fn(&str) -> Option<FormatValue>,
) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut rest = pattern;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let c = rest.as_bytes()[i];
        let after = &rest[i + 1..];
        if after.as_bytes().first() == Some(&c) {
            out.push(c as char);
            rest = &after[1..];
            continue;
        }
        if c == b'}' {
            return Err(format!("single `}}` in `{pattern}`"));
        }
        let end = after
            .find('}')
            .ok_or_else(|| format!("unclosed `{{` in `{pattern}`"))?;
        let field = &after[..end];
        rest = &after[end + 1..];
        let (name, spec) = match field.split_once(':') {
            Some((n, s)) => (n, Some(s)),
            None => (field, None),
        };
        let name = name.split_once('!').map_or(name, |(n, _)| n);
        let (base, attr) = match name.split_once('.') {
            Some((b, a)) => (b, Some(a)),
            None => (name, None),
        };
        let mut value =
            lookup(base).ok_or_else(|| format!("unknown field `{{{base}}}` in `{pattern}`"))?;
        if let Some(attr) = attr {
            value = attribute(&value, attr)
                .ok_or_else(|| format!("unknown attribute `{name}` in `{pattern}`"))?;
        }
        render(&mut out, &value, spec).map_err(|e| format!("{e} in `{pattern}`"))?;
    }
    out.push_str(rest);
    Ok(out)
}

fn attribute(v: &FormatValue, attr: &str) -> Option<FormatValue> {
    let FormatValue::Date(z) = v else {
        return None;
    };
    Some(FormatValue::Int(match attr {
        "year" => z.year().into(),
        "month" => z.month().into(),
        "day" => z.day().into(),
        "hour" => z.hour().into(),
        "minute" => z.minute().into(),
        "second" => z.second().into(),
        _ => return None,
    }))
}

fn render(out: &mut String, v: &FormatValue, spec: Option<&str>) -> Result<(), String> {
    let spec = spec.unwrap_or("");
    match v {
        FormatValue::Date(z) if spec.is_empty() => {
            out.push_str(&crate::strftime::isoformat(z, " "));
        }
        FormatValue::Date(z) => out.push_str(&crate::strftime::strftime(z, spec)),
        FormatValue::Str(s) => {
            let spec = spec.strip_suffix('s').unwrap_or(spec);
            let (width, precision) = width_precision(spec)?;
            let s: String = match precision {
                Some(p) => s.chars().take(p).collect(),
                None => s.clone(),
            };
            out.push_str(&s);
            let n = s.chars().count();
            out.extend(std::iter::repeat_n(' ', width.saturating_sub(n)));
        }
        FormatValue::Int(n) => {
            let spec = spec.strip_suffix('d').unwrap_or(spec);
            let zero = spec.starts_with('0');
            let (width, precision) = width_precision(spec)?;
            if precision.is_some() {
                return Err("a precision is not allowed for a number".into());
            }
            if zero {
                out.push_str(&format!("{n:0width$}"));
            } else {
                out.push_str(&format!("{n:>width$}"));
            }
        }
    }
    Ok(())
}

fn width_precision(spec: &str) -> Result<(usize, Option<usize>), String> {
    let (w, p) = match spec.split_once('.') {
        Some((w, p)) => (w, Some(p)),
        None => (spec, None),
    };
    let width = if w.is_empty() {
        0
    } else {
        w.parse()
            .map_err(|_| format!("unsupported format specification `{spec}`"))?
    };
    let precision = match p {
        Some(p) => Some(
            p.parse()
                .map_err(|_| format!("unsupported format specification `{spec}`"))?,
        ),
        None => None,
    };
    Ok((width.min(4096), precision))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_patterns() {
        let date = jiff::civil::date(2023, 11, 22)
            .at(0, 0, 0, 0)
            .in_tz("America/New_York")
            .unwrap();
        let lookup = |k: &str| match k {
            "slug" => Some(FormatValue::Str("this-week-in-rust-522".into())),
            "date" => Some(FormatValue::Date(date.clone())),
            "number" => Some(FormatValue::Int(3)),
            _ => None,
        };
        assert_eq!(
            format("blog/{date:%Y}/{date:%m}/{date:%d}/{slug}/", &lookup).unwrap(),
            "blog/2023/11/22/this-week-in-rust-522/"
        );
        assert_eq!(
            format("p{number}{{x}}{number:03d}{date.year}", &lookup).unwrap(),
            "p3{x}0032023"
        );
        assert_eq!(
            format("{slug:.4}|{slug:6.2}|", &lookup).unwrap(),
            "this|th    |"
        );
        assert!(
            format("{nope}", &lookup)
                .unwrap_err()
                .contains("unknown field `{nope}`")
        );
        assert!(format("{slug", &lookup).unwrap_err().contains("unclosed"));
        assert!(format("a}b", &lookup).is_err());
        assert!(format("{number:x}", &lookup).is_err());
    }
}
