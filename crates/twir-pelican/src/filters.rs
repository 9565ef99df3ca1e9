//! The Jinja2 filters Pelican themes use that minijinja does not have built in, with
//! Jinja2's semantics (positional arguments included), and Pelican's `strftime` filter.

use crate::values::Date;
use minijinja::value::{Kwargs, Value, ValueKind};
use minijinja::{Environment, Error, ErrorKind};

/// Adds `striptags`, `truncate`, `wordcount`, `center`, `filesizeformat` and `strftime`.
pub fn register(env: &mut Environment<'_>) {
    env.add_filter("striptags", striptags);
    env.add_filter("truncate", truncate);
    env.add_filter("wordcount", wordcount);
    env.add_filter("center", center);
    env.add_filter("filesizeformat", minijinja_contrib::filters::filesizeformat);
    env.add_filter("strftime", strftime);
}

/// Jinja2's `striptags` (MarkupSafe 2.0): comments and tags removed, whitespace collapsed,
/// then character references decoded.
pub fn striptags(value: &Value) -> String {
    if value.is_undefined() || value.is_none() {
        return String::new();
    }
    let s = value.to_string();
    let mut text = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(lt) = rest.find('<') {
        text.push_str(&rest[..lt]);
        let tail = &rest[lt..];
        let end = if tail.starts_with("<!--") {
            tail.find("-->").map(|e| e + 3)
        } else {
            tail.find('>').map(|e| e + 1)
        };
        match end {
            Some(e) => rest = &tail[e..],
            None => {
                text.push_str(tail);
                rest = "";
            }
        }
    }
    text.push_str(rest);
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    unescape(&collapsed)
}

/// Decodes numeric character references and the named ones themes meet in titles.
pub fn unescape(s: &str) -> String {
    twir_escape::decode_references(s)
}

/// Jinja2's `truncate(s, length=255, killwords=False, end='...', leeway=None)`: arguments
/// by position or name; leeway defaults to 5.
pub fn truncate(value: &Value, args: &[Value], kwargs: Kwargs) -> Result<Value, Error> {
    if value.is_undefined() || value.is_none() {
        return Ok(Value::from(""));
    }
    let s = value.to_string();
    let arg = |i: usize, name: &str| -> Result<Option<Value>, Error> {
        let kw: Option<Value> = kwargs.get(name)?;
        Ok(kw.or_else(|| args.get(i).cloned()))
    };
    let length = match arg(0, "length")? {
        Some(v) => usize::try_from(v)?,
        None => 255,
    };
    let killwords = arg(1, "killwords")?.is_some_and(|v| v.is_true());
    let end = match arg(2, "end")? {
        Some(v) => v.to_string(),
        None => "...".into(),
    };
    let leeway = match arg(3, "leeway")? {
        Some(v) if !v.is_none() => usize::try_from(v)?,
        _ => 5,
    };
    kwargs.assert_all_used()?;
    if args.len() > 4 {
        return Err(Error::new(
            ErrorKind::TooManyArguments,
            "truncate takes at most 4 arguments",
        ));
    }
    let end_len = end.chars().count();
    if length < end_len {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("expected length >= {end_len}, got {length}"),
        ));
    }
    if s.chars().count() <= length.saturating_add(leeway) {
        return Ok(Value::from(s));
    }
    let cut: String = s.chars().take(length - end_len).collect();
    let kept = if killwords {
        cut
    } else {
        match cut.rfind(' ') {
            Some(i) => cut[..i].to_string(),
            None => cut,
        }
    };
    Ok(Value::from(kept + &end))
}

/// Jinja2's `wordcount`: runs of word characters.
pub fn wordcount(value: &Value) -> usize {
    let s = value.to_string();
    let mut n = 0;
    let mut in_word = false;
    for c in s.chars() {
        let w = c.is_alphanumeric() || c == '_';
        if w && !in_word {
            n += 1;
        }
        in_word = w;
    }
    n
}

/// Jinja2's `center(width=80)` (Python's `str.center`).
pub fn center(value: &Value, width: Option<usize>) -> String {
    let s = value.to_string();
    let width = width.unwrap_or(80).min(1 << 16);
    let len = s.chars().count();
    if width <= len {
        return s;
    }
    let pad = width - len;
    // Python puts the odd space on the left when the width is odd.
    let left = pad / 2 + (pad & width & 1);
    format!("{}{s}{}", " ".repeat(left), " ".repeat(pad - left))
}

/// Pelican's `strftime` filter: `{{ article.date|strftime('%B %Y') }}`.
pub fn strftime(value: &Value, format: &str) -> Result<String, Error> {
    if let Some(d) = value.downcast_object_ref::<Date>() {
        return Ok(crate::strftime::strftime(&d.0, format));
    }
    if value.kind() == ValueKind::String
        && let Ok(z) = value.to_string().parse::<jiff::ZonedDateTime>()
    {
        return Ok(crate::strftime::strftime(&z, format));
    }
    Err(Error::new(
        ErrorKind::InvalidOperation,
        format!("strftime expects a date, got {}", value.kind()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> Environment<'static> {
        let mut env = Environment::new();
        register(&mut env);
        env
    }

    fn render(src: &str) -> String {
        env().render_str(src, ()).unwrap()
    }

    #[test]
    fn jinja2_semantics() {
        assert_eq!(
            render("{{ '<p>This  <em>Week</em>\n in &amp; <!-- x -->Rust&#33;</p>'|striptags }}"),
            "This Week in & Rust!"
        );
        assert_eq!(render("{{ 'a < b'|striptags }}"), "a < b");
        assert_eq!(render("{{ none|striptags }}|{{ x|striptags }}"), "|");
        assert_eq!(render("{{ 'Hello world'|truncate(9) }}"), "Hello world");
        assert_eq!(
            render("{{ 'Hello world foo bar baz qux'|truncate(9) }}"),
            "Hello..."
        );
        assert_eq!(
            render("{{ 'Hello world foo bar baz qux'|truncate(9, True, '…', 0) }}"),
            "Hello wo…"
        );
        assert_eq!(
            render("{{ 'Hello world foo bar baz qux'|truncate(length=11, end='!') }}"),
            "Hello!"
        );
        assert_eq!(
            render("{{ 'été à la plage, vraiment'|truncate(8, leeway=0) }}"),
            "été..."
        );
        assert_eq!(render("{{ 'one two_3, four'|wordcount }}"), "3");
        assert_eq!(
            render("[{{ 'ab'|center(5) }}][{{ 'abc'|center(6) }}]"),
            "[  ab ][ abc  ]"
        );
        assert!(env().render_str("{{ 'x'|truncate(1) }}", ()).is_err());
    }
}
