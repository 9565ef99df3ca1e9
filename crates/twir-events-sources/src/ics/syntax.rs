//! iCalendar content lines (RFC 5545 §3.1): unfolding, `NAME;PARAM=VALUE:value` lines, the
//! `BEGIN`/`END` tree, and the unescaping of TEXT values (§3.3.11).
//!
//! Hand-written, with a measured reason: the `icalendar` crate, used only for its parser,
//! brought 8 crates into the release binary (icalendar, chrono, iana-time-zone, iso8601, nom,
//! nom-language, uuid, num-traits; `cargo tree -p twir -e normal,build`), against a budget
//! of 220 for the whole binary (issue 17), and dates are read with jiff anyway. What twir
//! needs of the grammar is this file. Unlike that parser, a component left open at the end
//! (a truncated download) is an error with its line, not a calendar that silently ends early.

use std::fmt;

/// A calendar: the properties and components of its `VCALENDAR`s (of the bare components when
/// the file has no `VCALENDAR`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Calendar {
    /// Properties of the calendar itself (`X-WR-CALNAME`, ...).
    pub properties: Vec<Property>,
    /// `VEVENT`, `VTIMEZONE`, ...
    pub components: Vec<Component>,
}

/// A `BEGIN:NAME` ... `END:NAME` block.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Component {
    /// The name, in upper case (`VEVENT`).
    pub name: String,
    /// Its properties, in file order.
    pub properties: Vec<Property>,
    /// Nested components (`STANDARD` in `VTIMEZONE`, `VALARM` in `VEVENT`).
    pub components: Vec<Component>,
}

/// One content line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Property {
    /// The name, in upper case (`DTSTART`).
    pub name: String,
    /// Its parameters, in order.
    pub params: Vec<Param>,
    /// The value; TEXT values unescaped (`\,` -> `,`, `\n` -> newline).
    pub value: String,
}

/// A property parameter (`TZID=Europe/Berlin`, `CN="Rust Berlin"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// The key, in upper case.
    pub key: String,
    /// The value without its quotes; `None` for a bare key.
    pub value: Option<String>,
}

/// Why a calendar could not be read, at which (physical, 1-based) line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Line of the file where the content line starts.
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

impl std::error::Error for SyntaxError {}

impl Component {
    /// The first property called `name` (any case).
    pub fn find_prop(&self, name: &str) -> Option<&Property> {
        self.properties
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
    }
}

impl Property {
    /// The value of parameter `key` (any case).
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|p| p.key.eq_ignore_ascii_case(key))
            .and_then(|p| p.value.as_deref())
    }
}

/// Joins folded lines: a line break followed by one space or tab continues the line before.
/// Returns each logical line with the physical line it starts on.
pub fn unfold(input: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    for (i, raw) in input.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(rest) = line.strip_prefix([' ', '\t'])
            && let Some((_, last)) = out.last_mut()
        {
            last.push_str(rest);
            continue;
        }
        out.push((i + 1, line.to_string()));
    }
    out
}

/// Reads a calendar.
pub fn parse(input: &str) -> Result<Calendar, SyntaxError> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    // Open components, innermost last, with the line of their BEGIN.
    let mut open: Vec<(usize, Component)> = Vec::new();
    let mut top: Vec<Component> = Vec::new();
    for (line, text) in unfold(input) {
        let text = text.trim_start();
        if text.trim().is_empty() {
            continue;
        }
        let prop = content_line(text).map_err(|reason| SyntaxError { line, reason })?;
        match prop.name.as_str() {
            "BEGIN" => {
                let name = component_name(&prop.value)
                    .ok_or_else(|| SyntaxError::new(line, "BEGIN without a component name"))?;
                open.push((
                    line,
                    Component {
                        name,
                        ..Component::default()
                    },
                ));
            }
            "END" => {
                let name = component_name(&prop.value)
                    .ok_or_else(|| SyntaxError::new(line, "END without a component name"))?;
                let Some((_, done)) = open.pop() else {
                    return Err(SyntaxError::new(line, format!("END:{name} without BEGIN")));
                };
                if done.name != name {
                    return Err(SyntaxError::new(
                        line,
                        format!("END:{name} closes BEGIN:{}", done.name),
                    ));
                }
                match open.last_mut() {
                    Some((_, parent)) => parent.components.push(done),
                    None => top.push(done),
                }
            }
            _ => match open.last_mut() {
                Some((_, parent)) => parent.properties.push(prop),
                None => {
                    return Err(SyntaxError::new(
                        line,
                        format!("{} outside BEGIN:VCALENDAR ... END:VCALENDAR", prop.name),
                    ));
                }
            },
        }
    }
    if let Some((line, c)) = open.last() {
        return Err(SyntaxError::new(
            *line,
            format!("BEGIN:{} is never closed (a truncated file?)", c.name),
        ));
    }
    Ok(into_calendar(top))
}

impl SyntaxError {
    fn new(line: usize, reason: impl Into<String>) -> SyntaxError {
        SyntaxError {
            line,
            reason: reason.into(),
        }
    }
}

/// The calendars' own properties (the first calendar's, as a feed has one) and all their
/// components; bare top-level components count as the calendar's.
fn into_calendar(top: Vec<Component>) -> Calendar {
    let mut cal = Calendar::default();
    let mut seen_calendar = false;
    for c in top {
        if c.name == "VCALENDAR" {
            if !seen_calendar {
                cal.properties = c.properties;
                seen_calendar = true;
            }
            cal.components.extend(c.components);
        } else {
            cal.components.push(c);
        }
    }
    cal
}

fn component_name(value: &str) -> Option<String> {
    let name = value.trim();
    (!name.is_empty() && name.bytes().all(is_name_byte)).then(|| name.to_ascii_uppercase())
}

/// `iana-token` and `x-name` characters (§3.1); `_` is seen in the wild.
fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// Splits one unfolded line into name, parameters and value.
fn content_line(text: &str) -> Result<Property, String> {
    let name_end = text
        .bytes()
        .position(|b| !is_name_byte(b))
        .unwrap_or(text.len());
    if name_end == 0 {
        return Err(format!("not a content line: {:?}", excerpt(text)));
    }
    let name = text[..name_end].to_ascii_uppercase();
    let mut rest = &text[name_end..];
    let mut params = Vec::new();
    while let Some(after) = rest.strip_prefix(';') {
        let after = after.trim_start_matches([' ', '\t']);
        let key_end = after
            .bytes()
            .position(|b| !is_name_byte(b))
            .unwrap_or(after.len());
        if key_end == 0 {
            return Err(format!("{name}: a parameter without a name"));
        }
        let key = after[..key_end].to_ascii_uppercase();
        rest = &after[key_end..];
        let value = match rest.strip_prefix('=') {
            Some(v) => {
                let (value, tail) = param_value(v).ok_or_else(|| {
                    format!("{name}: parameter {key} has an unterminated quoted value")
                })?;
                rest = tail;
                Some(value)
            }
            None => None,
        };
        params.push(Param { key, value });
    }
    let value = match rest.strip_prefix(':') {
        Some(v) => v,
        // A name alone is a property without a value.
        None if rest.trim().is_empty() && params.is_empty() => "",
        None => return Err(format!("{name}: expected `:` before the value")),
    };
    let value = if is_text(&name, &params) {
        unescape_text(value)
    } else {
        value.to_string()
    };
    Ok(Property {
        name,
        params,
        value,
    })
}

/// A parameter value: `"quoted"` (or a list of them, kept with its quotes and commas), or
/// everything up to the next `;` or `:`. Returns the value and what follows it.
fn param_value(v: &str) -> Option<(String, &str)> {
    if !v.starts_with('"') {
        let end = v.find([';', ':']).unwrap_or(v.len());
        return Some((v[..end].to_string(), &v[end..]));
    }
    // Every item of a quoted list: `"a","b"`.
    let mut end = 0;
    let mut items = 0;
    loop {
        let rest = &v[end..];
        let body = rest.strip_prefix('"')?;
        let close = body.find('"')?;
        end += 1 + close + 1;
        items += 1;
        if !v[end..].starts_with(",\"") {
            break;
        }
        end += 1;
    }
    let value = if items == 1 {
        v[1..end - 1].to_string()
    } else {
        v[..end].to_string()
    };
    Some((value, &v[end..]))
}

/// Whether a property's value is TEXT (§3.3.11) and so escaped: by its `VALUE` parameter,
/// else by the property's default type. CATEGORIES and RESOURCES are lists of texts, split
/// on unescaped commas by whoever reads them, so they stay escaped.
fn is_text(name: &str, params: &[Param]) -> bool {
    if let Some(kind) = params
        .iter()
        .find(|p| p.key == "VALUE")
        .and_then(|p| p.value.as_deref())
    {
        return kind.eq_ignore_ascii_case("TEXT");
    }
    name.starts_with("X-")
        || matches!(
            name,
            "CALSCALE"
                | "METHOD"
                | "PRODID"
                | "VERSION"
                | "CLASS"
                | "COMMENT"
                | "DESCRIPTION"
                | "LOCATION"
                | "STATUS"
                | "SUMMARY"
                | "TRANSP"
                | "TZID"
                | "TZNAME"
                | "CONTACT"
                | "RELATED-TO"
                | "UID"
                | "ACTION"
                | "REQUEST-STATUS"
        )
}

/// `\\`, `\;`, `\,`, `\n`/`\N` (and the `\:` some producers write); an unknown escape stays as
/// written.
fn unescape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(e @ ('\\' | ';' | ',' | ':')) => out.push(e),
            Some('n' | 'N') => out.push('\n'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// The start of a line for an error message, cut at a character boundary.
fn excerpt(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cal(s: &str) -> Calendar {
        parse(s).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn tree_properties_and_params() {
        let c = cal(
            "BEGIN:VCALENDAR\r\nX-WR-CALNAME:Rust\\, Berlin\r\nBEGIN:VEVENT\r\n\
             DTSTART;TZID=Europe/Berlin:20260101T190000\r\n\
             ORGANIZER;CN=\"Rust; Berlin\";ROLE=CHAIR:https://example.org/x\r\n\
             SUMMARY:Meetup\\nat 7\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        );
        assert_eq!(c.properties[0].value, "Rust, Berlin");
        let v = &c.components[0];
        assert_eq!(v.name, "VEVENT");
        let dt = v.find_prop("dtstart").unwrap();
        assert_eq!(dt.param("tzid"), Some("Europe/Berlin"));
        assert_eq!(dt.value, "20260101T190000");
        let org = v.find_prop("ORGANIZER").unwrap();
        assert_eq!(org.param("CN"), Some("Rust; Berlin"));
        assert_eq!(org.param("ROLE"), Some("CHAIR"));
        assert_eq!(org.value, "https://example.org/x");
        assert_eq!(v.find_prop("SUMMARY").unwrap().value, "Meetup\nat 7");
    }

    #[test]
    fn folding_joins_with_one_whitespace_removed() {
        let c = cal(
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Rust \n  meetup\n\tnight\nEND:VEVENT\nEND:VCALENDAR",
        );
        assert_eq!(
            c.components[0].find_prop("SUMMARY").unwrap().value,
            "Rust  meetupnight"
        );
    }

    #[test]
    fn urls_are_not_unescaped_and_text_lists_stay_escaped() {
        let c = cal("BEGIN:VCALENDAR\nBEGIN:VEVENT\nURL:https://e.org/a\\,b\n\
             CATEGORIES:a\\,b,c\nX-THING;VALUE=URI:x\\,y\nEND:VEVENT\nEND:VCALENDAR");
        let v = &c.components[0];
        assert_eq!(v.find_prop("URL").unwrap().value, "https://e.org/a\\,b");
        assert_eq!(v.find_prop("CATEGORIES").unwrap().value, "a\\,b,c");
        assert_eq!(v.find_prop("X-THING").unwrap().value, "x\\,y");
    }

    #[test]
    fn quoted_lists_keep_their_quotes() {
        let c = cal("BEGIN:VCALENDAR\nBEGIN:VEVENT\n\
             ATTENDEE;MEMBER=\"mailto:a@x\",\"mailto:b@x\":mailto:c@x\nEND:VEVENT\nEND:VCALENDAR");
        let p = c.components[0].find_prop("ATTENDEE").unwrap();
        assert_eq!(p.param("MEMBER"), Some("\"mailto:a@x\",\"mailto:b@x\""));
        assert_eq!(p.value, "mailto:c@x");
    }

    #[test]
    fn errors_name_the_line() {
        let truncated = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\n";
        assert_eq!(parse(truncated).unwrap_err().line, 2);
        let crossed = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VCALENDAR\n";
        let e = parse(crossed).unwrap_err();
        assert_eq!(
            (e.line, e.reason.as_str()),
            (3, "END:VCALENDAR closes BEGIN:VEVENT")
        );
        assert_eq!(parse("hello").unwrap_err().line, 1);
        assert_eq!(
            parse("BEGIN:VCALENDAR\n:x\nEND:VCALENDAR")
                .unwrap_err()
                .line,
            2
        );
        let unterminated = "BEGIN:VCALENDAR\nX;CN=\"abc:d\nEND:VCALENDAR";
        assert!(
            parse(unterminated)
                .unwrap_err()
                .reason
                .contains("unterminated")
        );
        assert!(parse("BEGIN:VCALENDAR\nEND:VCALENDAR\nEND:VCALENDAR").is_err());
    }

    #[test]
    fn bom_blank_lines_and_several_calendars() {
        let c = cal(
            "\u{feff}BEGIN:VCALENDAR\n\nX-A:1\nBEGIN:VEVENT\nEND:VEVENT\nEND:VCALENDAR\n\
             BEGIN:VCALENDAR\nX-A:2\nBEGIN:VEVENT\nEND:VEVENT\nEND:VCALENDAR\n",
        );
        assert_eq!(c.properties.len(), 1);
        assert_eq!(c.properties[0].value, "1");
        assert_eq!(c.components.len(), 2);
    }

    #[test]
    fn unescape_rules() {
        assert_eq!(unescape_text(r"a\\n\,\;\:\N\q\"), "a\\n,;:\n\\q\\");
    }

    #[test]
    fn hostile_text_does_not_panic() {
        for s in [
            "é",
            "BEGIN:é",
            "X;é=1:2",
            "X;A=\"é",
            "X;A=\"\",",
            "X;A=\"a\",\"",
            "\r",
            "\n \n",
            "BEGIN:VCALENDAR\nX;A=\"a\",\"b\"",
            "X:\\",
            "ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ",
        ] {
            let _ = parse(s);
        }
    }
}
