//! Python's `datetime.strftime` in the C locale, as Pelican themes and URL settings use it
//! (`{date:%Y}`, `article.date.strftime("%d %b %Y")`), including the `%-d` form (no padding)
//! that glibc and Pelican's own `strftime` accept.

use jiff::ZonedDateTime as Zoned;
use jiff::civil::Weekday;
use std::fmt::Write;

fn weekday_index(w: Weekday) -> usize {
    w.to_monday_zero_offset() as usize
}

/// Formats `z` with Python's `strftime` directives. Unknown directives are written as they
/// are, as glibc does.
pub fn strftime(z: &Zoned, fmt: &str) -> String {
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let strip = chars.peek() == Some(&'-');
        if strip {
            chars.next();
        }
        let Some(d) = chars.next() else {
            out.push('%');
            if strip {
                out.push('-');
            }
            break;
        };
        let before = out.len();
        if !directive(&mut out, z, d) {
            out.push('%');
            if strip {
                out.push('-');
            }
            out.push(d);
            continue;
        }
        if strip {
            let field = out.split_off(before);
            let trimmed = field.trim_start_matches(['0', ' ']);
            out.push_str(if trimmed.is_empty() { "0" } else { trimmed });
        }
    }
    out
}

/// Writes directive `d`; false when it is not one.
fn directive(out: &mut String, z: &Zoned, d: char) -> bool {
    let wd = weekday_index(z.weekday());
    let _ = match d {
        // Names are jiff's, which are the C locale's (Python's in Pelican).
        'a' => write!(out, "{}", z.strftime("%a")),
        'A' => write!(out, "{}", z.strftime("%A")),
        'b' | 'h' => write!(out, "{}", z.strftime("%b")),
        'B' => write!(out, "{}", z.strftime("%B")),
        'c' => write!(
            out,
            "{} {} {:>2} {:02}:{:02}:{:02} {}",
            z.strftime("%a"),
            z.strftime("%b"),
            z.day(),
            z.hour(),
            z.minute(),
            z.second(),
            z.year()
        ),
        'C' => write!(out, "{:02}", z.year() / 100),
        'd' => write!(out, "{:02}", z.day()),
        'D' => write!(
            out,
            "{:02}/{:02}/{:02}",
            z.month(),
            z.day(),
            z.year().rem_euclid(100)
        ),
        'e' => write!(out, "{:>2}", z.day()),
        'f' => write!(out, "{:06}", z.subsec_nanosecond() / 1000),
        'F' => write!(out, "{:04}-{:02}-{:02}", z.year(), z.month(), z.day()),
        'G' => write!(out, "{:04}", z.date().iso_week_date().year()),
        'H' => write!(out, "{:02}", z.hour()),
        'I' => write!(out, "{:02}", hour12(z.hour())),
        'j' => write!(out, "{:03}", z.day_of_year()),
        'k' => write!(out, "{:>2}", z.hour()),
        'l' => write!(out, "{:>2}", hour12(z.hour())),
        'm' => write!(out, "{:02}", z.month()),
        'M' => write!(out, "{:02}", z.minute()),
        'n' => out.write_char('\n'),
        'p' => write!(out, "{}", if z.hour() < 12 { "AM" } else { "PM" }),
        'R' => write!(out, "{:02}:{:02}", z.hour(), z.minute()),
        's' => write!(out, "{}", z.timestamp().as_second()),
        'S' => write!(out, "{:02}", z.second()),
        't' => write!(out, "\t"),
        'T' | 'X' => write!(out, "{:02}:{:02}:{:02}", z.hour(), z.minute(), z.second()),
        'u' => write!(out, "{}", wd + 1),
        'U' => {
            // Week of the year, Sunday first; days before the first Sunday are week 0.
            let yday = z.day_of_year() as i32 - 1;
            let sunday_based = ((wd + 1) % 7) as i32;
            write!(out, "{:02}", (yday + 7 - sunday_based) / 7)
        }
        'V' => write!(out, "{:02}", z.date().iso_week_date().week()),
        'w' => write!(out, "{}", (wd + 1) % 7),
        'W' => {
            let yday = z.day_of_year() as i32 - 1;
            write!(out, "{:02}", (yday + 7 - wd as i32) / 7)
        }
        'x' => write!(
            out,
            "{:02}/{:02}/{:02}",
            z.month(),
            z.day(),
            z.year().rem_euclid(100)
        ),
        'y' => write!(out, "{:02}", z.year().rem_euclid(100)),
        'Y' => write!(out, "{}", z.year()),
        'z' => {
            let secs = z.offset().seconds();
            let sign = if secs < 0 { '-' } else { '+' };
            let a = secs.unsigned_abs();
            write!(out, "{sign}{:02}{:02}", a / 3600, (a % 3600) / 60)
        }
        'Z' => write!(out, "{}", z.strftime("%Z")),
        '%' => write!(out, "%"),
        _ => return false,
    };
    true
}

fn hour12(h: i8) -> i8 {
    match h % 12 {
        0 => 12,
        x => x,
    }
}

/// `2026-08-19T00:00:00-04:00` (`datetime.isoformat(sep)`): microseconds only when not
/// zero, offset seconds only when not zero.
pub fn isoformat(z: &Zoned, sep: &str) -> String {
    let mut s = format!(
        "{:04}-{:02}-{:02}{sep}{:02}:{:02}:{:02}",
        z.year(),
        z.month(),
        z.day(),
        z.hour(),
        z.minute(),
        z.second()
    );
    let micros = z.subsec_nanosecond() / 1000;
    if micros != 0 {
        let _ = write!(s, ".{micros:06}");
    }
    let secs = z.offset().seconds();
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.unsigned_abs();
    let _ = write!(s, "{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60);
    if !a.is_multiple_of(60) {
        let _ = write!(s, ":{:02}", a % 60);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i16, m: i8, d: i8, h: i8, min: i8) -> Zoned {
        jiff::civil::date(y, m, d)
            .at(h, min, 0, 0)
            .in_tz("America/New_York")
            .unwrap()
    }

    #[test]
    fn python_directives() {
        let z = at(2026, 8, 5, 15, 4);
        assert_eq!(strftime(&z, "%d %b %Y").to_uppercase(), "05 AUG 2026");
        assert_eq!(strftime(&z, "%a %d %B %Y"), "Wed 05 August 2026");
        assert_eq!(
            strftime(&z, "%-d/%-m %I%p %j %z %Z %%"),
            "5/8 03PM 217 -0400 EDT %"
        );
        assert_eq!(strftime(&z, "%c"), "Wed Aug  5 15:04:00 2026");
        assert_eq!(strftime(&z, "%U %W %w %u %V %G"), "31 31 3 3 32 2026");
        assert_eq!(strftime(&z, "%Q %-"), "%Q %-");
        assert_eq!(isoformat(&z, "T"), "2026-08-05T15:04:00-04:00");
        assert_eq!(
            isoformat(&at(2014, 1, 12, 21, 13), " "),
            "2014-01-12 21:13:00-05:00"
        );
        // Week numbers at the turn of a year.
        let z = at(2023, 1, 1, 0, 0); // a Sunday
        assert_eq!(strftime(&z, "%U %W"), "01 00");
    }

    #[test]
    fn every_month_and_weekday_has_its_c_locale_name() {
        let months = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        for (i, name) in months.iter().enumerate() {
            let z = at(2026, i as i8 + 1, 1, 12, 0);
            assert_eq!(
                strftime(&z, "%B|%b|%h"),
                format!("{name}|{0}|{0}", &name[..3])
            );
        }
        // 2026-08-03 is a Monday.
        let days = [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ];
        for (i, name) in days.iter().enumerate() {
            let z = at(2026, 8, 3 + i as i8, 12, 0);
            assert_eq!(strftime(&z, "%A|%a"), format!("{name}|{}", &name[..3]));
        }
    }
}
