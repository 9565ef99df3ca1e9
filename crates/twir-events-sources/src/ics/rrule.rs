//! RRULE (RFC 5545 §3.3.10) expansion on local (wall-clock) date-times.
//!
//! Hand-written rather than the `rrule` crate because that crate works on
//! `chrono` types while this crate uses `jiff` throughout, and TWiR only needs
//! the date of each occurrence inside a four-week window. Supported: FREQ
//! DAILY/WEEKLY/MONTHLY/YEARLY, INTERVAL, COUNT, UNTIL, BYDAY (with ordinals
//! such as `2TU` or `-1FR` for monthly and yearly rules), BYMONTHDAY, BYMONTH
//! and BYSETPOS. WKST is read but weeks always start on Monday (the default),
//! which only matters for WEEKLY rules with INTERVAL > 1 and a WKST other than MO.

use jiff::ToSpan;
use jiff::civil::{Date, DateTime, Weekday};

/// Recurrence frequency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freq {
    /// Every INTERVAL days.
    Daily,
    /// Every INTERVAL weeks.
    Weekly,
    /// Every INTERVAL months.
    Monthly,
    /// Every INTERVAL years.
    Yearly,
}

/// The UNTIL bound, in the form it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Until {
    /// `UNTIL=20260901`: inclusive last date.
    Date(Date),
    /// `UNTIL=20260901T170000`: local time.
    Local(DateTime),
    /// `UNTIL=20260901T170000Z`: UTC; the caller converts it to local time.
    Utc(DateTime),
}

/// A parsed RRULE.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RRule {
    /// FREQ
    pub freq: Freq,
    /// INTERVAL (default 1)
    pub interval: i32,
    /// COUNT
    pub count: Option<u32>,
    /// UNTIL
    pub until: Option<Until>,
    /// BYDAY: optional ordinal and weekday.
    pub by_day: Vec<(Option<i8>, Weekday)>,
    /// BYMONTHDAY (negative counts from the month's end).
    pub by_month_day: Vec<i8>,
    /// BYMONTH (1-12).
    pub by_month: Vec<i8>,
    /// BYSETPOS
    pub by_set_pos: Vec<i32>,
}

fn weekday(code: &str) -> Option<Weekday> {
    Some(match code {
        "MO" => Weekday::Monday,
        "TU" => Weekday::Tuesday,
        "WE" => Weekday::Wednesday,
        "TH" => Weekday::Thursday,
        "FR" => Weekday::Friday,
        "SA" => Weekday::Saturday,
        "SU" => Weekday::Sunday,
        _ => return None,
    })
}

/// Parses an iCalendar DATE or DATE-TIME value (`20260820`,
/// `20260820T190000`, `20260820T190000Z`). Returns the civil date-time and
/// whether it was UTC (`Z`) and whether it was a bare date.
pub fn parse_ical_datetime(value: &str) -> Option<(DateTime, bool, bool)> {
    let v = value.trim();
    let (date_part, time_part) = match v.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (v, None),
    };
    if date_part.len() != 8 || !date_part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i16 = date_part[..4].parse().ok()?;
    let m: i8 = date_part[4..6].parse().ok()?;
    let d: i8 = date_part[6..8].parse().ok()?;
    let date = Date::new(y, m, d).ok()?;
    let Some(t) = time_part else {
        return Some((date.to_datetime(jiff::civil::Time::midnight()), false, true));
    };
    let (t, utc) = match t.strip_suffix('Z') {
        Some(t) => (t, true),
        None => (t, false),
    };
    if t.len() != 6 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h: i8 = t[..2].parse().ok()?;
    let mi: i8 = t[2..4].parse().ok()?;
    // Leap second 60 is clamped rather than rejected.
    let s: i8 = t[4..6].parse::<i8>().ok()?.min(59);
    let time = jiff::civil::Time::new(h, mi, s, 0).ok()?;
    Some((date.to_datetime(time), utc, false))
}

impl RRule {
    /// Parses the value of an RRULE property, e.g. `FREQ=MONTHLY;BYDAY=2TU`.
    pub fn parse(value: &str) -> Result<RRule, String> {
        let mut freq = None;
        let mut rule = RRule {
            freq: Freq::Daily,
            interval: 1,
            count: None,
            until: None,
            by_day: Vec::new(),
            by_month_day: Vec::new(),
            by_month: Vec::new(),
            by_set_pos: Vec::new(),
        };
        for part in value.split(';').filter(|p| !p.is_empty()) {
            let (key, val) = part
                .split_once('=')
                .ok_or_else(|| format!("RRULE part {part:?} has no `=`"))?;
            let bad = || format!("bad RRULE {key} value {val:?}");
            match key.to_ascii_uppercase().as_str() {
                "FREQ" => {
                    freq = Some(match val.to_ascii_uppercase().as_str() {
                        "DAILY" => Freq::Daily,
                        "WEEKLY" => Freq::Weekly,
                        "MONTHLY" => Freq::Monthly,
                        "YEARLY" => Freq::Yearly,
                        other => return Err(format!("unsupported FREQ {other}")),
                    })
                }
                "INTERVAL" => {
                    rule.interval = val.parse().ok().filter(|i| *i >= 1).ok_or_else(bad)?;
                }
                "COUNT" => rule.count = Some(val.parse().map_err(|_| bad())?),
                "UNTIL" => {
                    let (dt, utc, is_date) = parse_ical_datetime(val).ok_or_else(bad)?;
                    rule.until = Some(if is_date {
                        Until::Date(dt.date())
                    } else if utc {
                        Until::Utc(dt)
                    } else {
                        Until::Local(dt)
                    });
                }
                "BYDAY" => {
                    for d in val.split(',') {
                        let d = d.trim().to_ascii_uppercase();
                        let split = d.len().checked_sub(2).ok_or_else(bad)?;
                        let (n, wd) = d.split_at_checked(split).ok_or_else(bad)?;
                        let wd = weekday(wd).ok_or_else(bad)?;
                        let n = if n.is_empty() {
                            None
                        } else {
                            let n: i8 = n.trim_start_matches('+').parse().map_err(|_| bad())?;
                            Some(n)
                                .filter(|n| *n != 0 && n.unsigned_abs() <= 53)
                                .ok_or_else(bad)?
                                .into()
                        };
                        rule.by_day.push((n, wd));
                    }
                }
                "BYMONTHDAY" => rule.by_month_day = nums(val, 31).ok_or_else(bad)?,
                "BYMONTH" => rule.by_month = nums(val, 12).ok_or_else(bad)?,
                "BYSETPOS" => {
                    rule.by_set_pos = val
                        .split(',')
                        .map(|n| n.trim().parse::<i32>().ok().filter(|n| *n != 0))
                        .collect::<Option<_>>()
                        .ok_or_else(bad)?;
                }
                // WKST and parts irrelevant to date-level expansion.
                _ => {}
            }
        }
        rule.freq = freq.ok_or("RRULE has no FREQ")?;
        Ok(rule)
    }

    /// Occurrences starting at `start` (itself the first occurrence), in order,
    /// stopping at COUNT, at UNTIL (`until_local`, already in local time when it
    /// was UTC), or after `horizon`. Dates that do not exist in a month (the
    /// 31st in April) are skipped, as RFC 5545 requires.
    pub fn expand(
        &self,
        start: DateTime,
        until_local: Option<DateTime>,
        horizon: DateTime,
    ) -> Vec<DateTime> {
        let mut out = vec![start];
        let time = start.time();
        let limit = until_local.map_or(horizon, |u| u.min(horizon));
        if start > limit {
            out.clear();
            return out;
        }
        // Bounded so a rule that never matches (BYMONTHDAY=31 with BYMONTH=2)
        // cannot loop forever.
        for period in 0..5000 {
            let mut days = self.period_days(start.date(), period);
            days.sort();
            days.dedup();
            let days = self.apply_set_pos(days);
            for d in days {
                let dt = d.to_datetime(time);
                if dt <= start {
                    continue;
                }
                if dt > limit || self.count.is_some_and(|c| out.len() >= c as usize) {
                    return out;
                }
                out.push(dt);
            }
            if self
                .period_start(start.date(), period)
                .is_none_or(|p| p.to_datetime(time) > limit)
            {
                break;
            }
        }
        out
    }

    /// First day of the `n`th period (None past the calendar's range, however large
    /// INTERVAL is).
    fn period_start(&self, start: Date, n: i32) -> Option<Date> {
        let k = i64::from(n).checked_mul(i64::from(self.interval))?;
        let span = jiff::Span::new();
        match self.freq {
            Freq::Daily => start.checked_add(span.try_days(k).ok()?).ok(),
            Freq::Weekly => {
                let monday = start
                    .checked_sub(i64::from(start.weekday().to_monday_zero_offset()).days())
                    .ok()?;
                monday.checked_add(span.try_weeks(k).ok()?).ok()
            }
            Freq::Monthly => start
                .first_of_month()
                .checked_add(span.try_months(k).ok()?)
                .ok(),
            Freq::Yearly => Date::new(start.year(), 1, 1)
                .ok()?
                .checked_add(span.try_years(k).ok()?)
                .ok(),
        }
    }

    fn period_days(&self, start: Date, n: i32) -> Vec<Date> {
        let Some(p) = self.period_start(start, n) else {
            return Vec::new();
        };
        let days: Vec<Date> = match self.freq {
            Freq::Daily => vec![p],
            Freq::Weekly => {
                let wds: Vec<Weekday> = if self.by_day.is_empty() {
                    vec![start.weekday()]
                } else {
                    self.by_day.iter().map(|(_, w)| *w).collect()
                };
                wds.into_iter()
                    .filter_map(|w| {
                        p.checked_add(i64::from(w.to_monday_zero_offset()).days())
                            .ok()
                    })
                    .collect()
            }
            Freq::Monthly => self.month_days(p, start.day()),
            Freq::Yearly => {
                let months: Vec<i8> = if self.by_month.is_empty() {
                    vec![start.month()]
                } else {
                    self.by_month.clone()
                };
                months
                    .into_iter()
                    .filter_map(|m| Date::new(p.year(), m, 1).ok())
                    .flat_map(|first| self.month_days(first, start.day()))
                    .collect()
            }
        };
        days.into_iter()
            .filter(|d| self.by_month.is_empty() || self.by_month.contains(&d.month()))
            .filter(|d| {
                self.freq != Freq::Daily
                    || self.by_day.is_empty()
                    || self.by_day.iter().any(|(_, w)| *w == d.weekday())
            })
            .filter(|d| {
                self.freq == Freq::Monthly
                    || self.freq == Freq::Yearly
                    || self.by_month_day.is_empty()
                    || self.month_day_matches(*d)
            })
            .collect()
    }

    /// Days of the month starting at `first` selected by BYDAY/BYMONTHDAY,
    /// or the start's day of month when neither is given.
    fn month_days(&self, first: Date, start_day: i8) -> Vec<Date> {
        let mut days: Vec<Date> = Vec::new();
        if !self.by_day.is_empty() {
            for (n, wd) in &self.by_day {
                match n {
                    Some(n) => days.extend(first.nth_weekday_of_month(*n, *wd).ok()),
                    None => days.extend(
                        (1..=first.days_in_month())
                            .filter_map(|d| first.with().day(d).build().ok())
                            .filter(|d| d.weekday() == *wd),
                    ),
                }
            }
            if !self.by_month_day.is_empty() {
                days.retain(|d| self.month_day_matches(*d));
            }
        } else if !self.by_month_day.is_empty() {
            days.extend(
                (1..=first.days_in_month())
                    .filter_map(|d| first.with().day(d).build().ok())
                    .filter(|d| self.month_day_matches(*d)),
            );
        } else if let Ok(d) = first.with().day(start_day).build()
            && d.day() == start_day
        {
            days.push(d);
        }
        days
    }

    fn month_day_matches(&self, d: Date) -> bool {
        let len = d.days_in_month();
        self.by_month_day.iter().any(|&md| {
            if md > 0 {
                d.day() == md
            } else {
                d.day() == len + md + 1
            }
        })
    }

    fn apply_set_pos(&self, days: Vec<Date>) -> Vec<Date> {
        if self.by_set_pos.is_empty() {
            return days;
        }
        let len = days.len() as i32;
        let mut out: Vec<Date> = self
            .by_set_pos
            .iter()
            .filter_map(|&p| {
                let idx = if p > 0 { p - 1 } else { len + p };
                (0..len).contains(&idx).then(|| days[idx as usize])
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

fn nums(val: &str, max: i8) -> Option<Vec<i8>> {
    val.split(',')
        .map(|n| {
            n.trim()
                .trim_start_matches('+')
                .parse::<i8>()
                .ok()
                .filter(|n| *n != 0 && n.unsigned_abs() <= max.unsigned_abs())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> DateTime {
        parse_ical_datetime(s).unwrap().0
    }

    fn dates(rule: &str, start: &str, horizon: &str) -> Vec<String> {
        let r = RRule::parse(rule).unwrap();
        let until = r.until.map(|u| match u {
            Until::Date(d) => d.to_datetime(jiff::civil::Time::MAX),
            Until::Local(t) | Until::Utc(t) => t,
        });
        r.expand(dt(start), until, dt(horizon))
            .into_iter()
            .map(|d| d.date().to_string())
            .collect()
    }

    #[test]
    fn absurd_values_are_errors_or_end_the_expansion() {
        for bad in [
            "FREQ=WEEKLY;BYDAY=€",
            "FREQ=WEEKLY;BYDAY=-128MO",
            "FREQ=MONTHLY;BYMONTHDAY=-128",
            "FREQ=YEARLY;BYMONTH=-128",
        ] {
            assert!(RRule::parse(bad).is_err(), "{bad}");
        }
        for rule in [
            "FREQ=DAILY;INTERVAL=2147483647",
            "FREQ=WEEKLY;INTERVAL=1000000000",
            "FREQ=MONTHLY;INTERVAL=300000",
            "FREQ=YEARLY;INTERVAL=20000",
        ] {
            let d = dates(rule, "20260819T190000", "99991231T000000");
            assert_eq!(d.len(), 1, "{rule}: {d:?}");
        }
    }

    #[test]
    fn weekly_with_interval_and_count() {
        assert_eq!(
            dates(
                "FREQ=WEEKLY;INTERVAL=2;COUNT=3",
                "20260805T190000",
                "20261231T000000"
            ),
            ["2026-08-05", "2026-08-19", "2026-09-02"]
        );
        assert_eq!(
            dates(
                "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20260813T235959Z",
                "20260804T180000",
                "20261231T000000"
            ),
            ["2026-08-04", "2026-08-06", "2026-08-11", "2026-08-13"]
        );
    }

    #[test]
    fn monthly_ordinal_weekdays() {
        // Second Tuesday and last Friday of each month.
        assert_eq!(
            dates(
                "FREQ=MONTHLY;BYDAY=2TU;COUNT=4",
                "20260811T183000",
                "20271231T000000"
            ),
            ["2026-08-11", "2026-09-08", "2026-10-13", "2026-11-10"]
        );
        assert_eq!(
            dates(
                "FREQ=MONTHLY;BYDAY=-1FR",
                "20260828T180000",
                "20261130T000000"
            ),
            ["2026-08-28", "2026-09-25", "2026-10-30", "2026-11-27"]
        );
        assert_eq!(
            dates(
                "FREQ=MONTHLY;INTERVAL=2;BYDAY=1WE",
                "20260805T180000",
                "20261231T000000"
            ),
            ["2026-08-05", "2026-10-07", "2026-12-02"]
        );
        // Fourth Tuesday via BYSETPOS.
        assert_eq!(
            dates(
                "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=4;COUNT=2",
                "20260825T180000",
                "20271231T000000"
            ),
            ["2026-08-25", "2026-09-22"]
        );
    }

    #[test]
    fn monthly_by_date_skips_short_months() {
        assert_eq!(
            dates("FREQ=MONTHLY;COUNT=4", "20260131T100000", "20271231T000000"),
            ["2026-01-31", "2026-03-31", "2026-05-31", "2026-07-31"]
        );
        assert_eq!(
            dates(
                "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3",
                "20260131T100000",
                "20271231T000000"
            ),
            ["2026-01-31", "2026-02-28", "2026-03-31"]
        );
    }

    #[test]
    fn daily_and_yearly() {
        assert_eq!(
            dates(
                "FREQ=DAILY;INTERVAL=3;UNTIL=20260910",
                "20260901T090000",
                "20261231T000000"
            ),
            ["2026-09-01", "2026-09-04", "2026-09-07", "2026-09-10"]
        );
        assert_eq!(
            dates(
                "FREQ=DAILY;BYDAY=MO,FR;COUNT=3",
                "20260831T090000",
                "20261231T000000"
            ),
            ["2026-08-31", "2026-09-04", "2026-09-07"]
        );
        assert_eq!(
            dates(
                "FREQ=YEARLY;BYMONTH=9;BYDAY=2TU;COUNT=2",
                "20260908T090000",
                "20301231T000000"
            ),
            ["2026-09-08", "2027-09-14"]
        );
    }

    #[test]
    fn horizon_bounds_infinite_rules() {
        let got = dates("FREQ=WEEKLY", "20200101T090000", "20200201T000000");
        assert_eq!(got.len(), 5);
        let never = dates(
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
            "20200101T090000",
            "20300101T000000",
        );
        assert_eq!(never, ["2020-01-01"]);
    }

    #[test]
    fn bad_rules_are_errors() {
        assert!(RRule::parse("INTERVAL=2").is_err());
        assert!(RRule::parse("FREQ=HOURLY").is_err());
        assert!(RRule::parse("FREQ=WEEKLY;BYDAY=XX").is_err());
        assert!(RRule::parse("FREQ=WEEKLY;INTERVAL=0").is_err());
        assert!(RRule::parse("FREQ=MONTHLY;BYDAY=0TU").is_err());
    }
}
