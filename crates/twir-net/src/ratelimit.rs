//! Recognising rate-limit responses and working out how long to wait.
//!
//! Pure functions over status and header values so they can be unit-tested
//! without a server.

use std::time::Duration;

use jiff::Timestamp;

/// A response that means "slow down", with the wait the server requested.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RateLimit {
    /// Requested wait, if the server said; `None` means "use back-off".
    pub wait: Option<Duration>,
    /// Header the wait came from, for messages.
    pub source: &'static str,
}

/// Decides whether `status` plus headers is a rate limit.
///
/// 429 always is. 403 is one only when GitHub-style headers say so
/// (`X-RateLimit-Remaining: 0` for the primary limit, `Retry-After` for the
/// secondary one); any other 403 is a permission problem.
pub(crate) fn detect<'h>(
    status: u16,
    header: impl Fn(&str) -> Option<&'h str>,
    now: Timestamp,
) -> Option<RateLimit> {
    let retry_after = header("retry-after");
    let exhausted = header("x-ratelimit-remaining").is_some_and(|v| v.trim() == "0");
    let limited = status == 429 || (status == 403 && (exhausted || retry_after.is_some()));
    if !limited {
        return None;
    }
    if let Some(wait) = retry_after.and_then(|v| parse_retry_after(v, now)) {
        return Some(RateLimit {
            wait: Some(wait),
            source: "Retry-After",
        });
    }
    if exhausted && let Some(wait) = header("x-ratelimit-reset").and_then(|v| parse_reset(v, now)) {
        return Some(RateLimit {
            wait: Some(wait),
            source: "X-RateLimit-Reset",
        });
    }
    Some(RateLimit {
        wait: None,
        source: "back-off",
    })
}

/// Parses `Retry-After`: either delta-seconds or an HTTP date (RFC 9110,
/// IMF-fixdate such as `Wed, 21 Oct 2015 07:28:00 GMT`). Dates in the past
/// mean "no wait".
pub(crate) fn parse_retry_after(value: &str, now: Timestamp) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = jiff::fmt::rfc2822::DateTimeParser::new()
        .parse_timestamp(value)
        .ok()?;
    Some(until(now, when))
}

/// Parses `X-RateLimit-Reset` (Unix epoch seconds) into a wait from `now`.
pub(crate) fn parse_reset(value: &str, now: Timestamp) -> Option<Duration> {
    let epoch = value.trim().parse::<i64>().ok()?;
    let when = Timestamp::from_second(epoch).ok()?;
    Some(until(now, when))
}

fn until(now: Timestamp, when: Timestamp) -> Duration {
    Duration::try_from(now.duration_until(when)).unwrap_or(Duration::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        Timestamp::from_second(1_700_000_000).unwrap()
    }

    fn headers<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<&'a str> {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| *v)
        }
    }

    #[test]
    fn retry_after_seconds() {
        assert_eq!(
            parse_retry_after(" 120 ", now()),
            Some(Duration::from_secs(120))
        );
    }

    #[test]
    fn retry_after_http_date() {
        // 1_700_000_000 is Tue, 14 Nov 2023 22:13:20 GMT.
        let wait = parse_retry_after("Tue, 14 Nov 2023 22:14:00 GMT", now());
        assert_eq!(wait, Some(Duration::from_secs(40)));
        let past = parse_retry_after("Tue, 14 Nov 2023 22:00:00 GMT", now());
        assert_eq!(past, Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now()), None);
    }

    #[test]
    fn reset_epoch() {
        assert_eq!(
            parse_reset("1700000030", now()),
            Some(Duration::from_secs(30))
        );
        assert_eq!(parse_reset("1699999999", now()), Some(Duration::ZERO));
        assert_eq!(parse_reset("x", now()), None);
    }

    #[test]
    fn plain_403_is_not_a_rate_limit() {
        assert_eq!(detect(403, headers(&[]), now()), None);
        let h = [("X-RateLimit-Remaining", "12")];
        assert_eq!(detect(403, headers(&h), now()), None);
    }

    #[test]
    fn github_primary_limit_uses_reset() {
        let h = [
            ("X-RateLimit-Remaining", "0"),
            ("X-RateLimit-Reset", "1700000010"),
        ];
        let rl = detect(403, headers(&h), now()).unwrap();
        assert_eq!(rl.wait, Some(Duration::from_secs(10)));
        assert_eq!(rl.source, "X-RateLimit-Reset");
    }

    #[test]
    fn retry_after_wins_over_reset() {
        let h = [
            ("Retry-After", "3"),
            ("X-RateLimit-Remaining", "0"),
            ("X-RateLimit-Reset", "1700000010"),
        ];
        let rl = detect(429, headers(&h), now()).unwrap();
        assert_eq!(rl.wait, Some(Duration::from_secs(3)));
        assert_eq!(rl.source, "Retry-After");
    }

    #[test]
    fn bare_429_falls_back_to_backoff() {
        let rl = detect(429, headers(&[]), now()).unwrap();
        assert_eq!(rl.wait, None);
        assert_eq!(detect(500, headers(&[("Retry-After", "1")]), now()), None);
    }
}
