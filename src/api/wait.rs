//! How long to wait before another attempt: the rate-limit reset (in seconds, or milliseconds
//! from a proxy, never past the year 9999), `Retry-After`, and the backoff between failures.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::HeaderMap;

/// The longest pause between two attempts after a server or network failure.
const MAX_BACKOFF: Duration = Duration::from_secs(16);

/// About 1 s, 2 s, 4 s … capped, each scaled by a random 0.75–1.25 so that many cron jobs
/// failing together do not retry together.
pub(super) fn backoff(attempt: u32) -> Duration {
    let base = Duration::from_secs(1u64 << attempt.min(10)).min(MAX_BACKOFF);
    base.mul_f64(0.75 + fastrand::f64() * 0.5)
}

/// `Retry-After: SECS` when the server sent one we are willing to wait for.
pub(super) fn retry_after(headers: &HeaderMap, max_wait: Duration) -> Option<Duration> {
    let secs: u64 = headers
        .get("retry-after")?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    let wait = Duration::from_secs(secs);
    (wait <= max_wait).then_some(wait)
}

/// 9999-12-31 23:59:59 UTC: the last second a timestamp can be written in.
pub(super) const LATEST_RESET: u64 = 253_402_300_799;

/// `x-rate-limit-reset`, in seconds since the epoch as the API sends it. A value that is far off
/// in seconds but within a day of `now` in milliseconds (as some proxies send it) is read as
/// milliseconds; one past the year 9999 is no reset time at all.
pub(super) fn reset_time(headers: &HeaderMap, now: SystemTime) -> Option<SystemTime> {
    const DAY: u64 = 24 * 60 * 60;
    let raw: u64 = headers
        .get("x-rate-limit-reset")?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    let now = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let near = |secs: u64| secs.abs_diff(now) <= DAY;
    let secs = if !near(raw) && near(raw / 1000) {
        raw / 1000
    } else {
        raw
    };
    (secs <= LATEST_RESET).then(|| UNIX_EPOCH + Duration::from_secs(secs))
}

/// `at 2026-11-27 10:45:00 UTC (in 873 s)`.
pub(super) fn describe_reset(reset: SystemTime, now: SystemTime) -> String {
    let secs = reset
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    // humantime's Display fails (and `to_string` panics) past the year 9999.
    let stamp = if secs <= LATEST_RESET {
        humantime::format_rfc3339_seconds(reset)
            .to_string()
            .replace('T', " ")
            .replace('Z', " UTC")
    } else {
        format!("{secs} s after the epoch")
    };
    match reset.duration_since(now) {
        Ok(ahead) => format!("at {stamp} (in {} s)", ahead.as_secs()),
        Err(_) => format!("at {stamp} (already passed)"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::answer::{Outcome, outcome_of};
    use super::*;

    #[test]
    fn retry_after_is_used_only_within_the_longest_wait() {
        let wait = |value: &str, max: u64| {
            let mut headers = HeaderMap::new();
            headers.insert(
                "retry-after",
                reqwest::header::HeaderValue::from_str(value).unwrap(),
            );
            retry_after(&headers, Duration::from_secs(max))
        };
        assert_eq!(wait("7", 60), Some(Duration::from_secs(7)));
        assert_eq!(wait(" 60 ", 60), Some(Duration::from_secs(60)));
        assert_eq!(wait("61", 60), None);
        assert_eq!(wait("soon", 60), None);
        assert_eq!(
            retry_after(&HeaderMap::new(), Duration::from_secs(60)),
            None
        );
    }

    #[test]
    fn backoff_starts_near_a_second_doubles_and_stops_growing() {
        let secs = |attempt| backoff(attempt).as_secs_f64();
        // The first pause is about a second, never none and never long.
        assert!((0.75..=1.25).contains(&secs(0)));
        // Each later one is longer than the one before it could be…
        assert!(secs(1) > 1.25 && secs(2) > 2.5);
        // …and none is ever much over 16 s, however many attempts.
        assert!((0..1000).all(|attempt| secs(attempt) <= 20.0));
        // Jobs failing together do not retry together.
        let first: Vec<f64> = (0..20).map(|_| secs(3)).collect();
        assert!(
            first.iter().any(|w| (w - first[0]).abs() > 0.01),
            "{first:?}"
        );
    }
    #[test]
    fn resets_in_milliseconds_or_past_9999_neither_panic_nor_mislead() {
        let header = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(
                "x-rate-limit-reset",
                reqwest::header::HeaderValue::from_str(value).unwrap(),
            );
            headers
        };
        let then = UNIX_EPOCH + Duration::from_secs(1_795_813_000);
        let secs = |value: &str| {
            reset_time(&header(value), then)
                .map(|t| t.duration_since(UNIX_EPOCH).unwrap().as_secs())
        };
        assert_eq!(secs("1795813574"), Some(1_795_813_574));
        assert_eq!(secs("1795813574000"), Some(1_795_813_574));
        // Within a day either side in milliseconds; anything else is seconds.
        assert_eq!(secs("1795899400000"), Some(1_795_899_400));
        assert_eq!(secs("1795899401000"), None);
        assert_eq!(secs("1795726600000"), Some(1_795_726_600));
        assert_eq!(secs("1795726599000"), None);
        // The year 9999 in seconds is the year 9999, not 1978 in milliseconds.
        assert_eq!(secs("253402300799"), Some(253_402_300_799));
        assert_eq!(secs("253402300800"), None);
        assert_eq!(secs("18446744073709551615"), None);
        let now = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let last = UNIX_EPOCH + Duration::from_secs(LATEST_RESET);
        assert!(describe_reset(last, now).starts_with("at 9999-12-31 23:59:59 UTC (in "));
        let beyond = UNIX_EPOCH + Duration::from_secs(LATEST_RESET + 1);
        assert!(describe_reset(beyond, now).starts_with("at 253402300800 s after the epoch"));
        let in_ten_minutes = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs()
            + 600;
        let answer = outcome_of(
            crate::api::profile::UPDATE_PROFILE,
            reqwest::StatusCode::TOO_MANY_REQUESTS,
            &header(&(in_ten_minutes * 1000).to_string()),
            b"",
            Duration::from_secs(60),
            false,
        );
        let Outcome::Fail(error) = answer else {
            panic!("a reset in ten minutes is past --max-wait");
        };
        let text = error.to_string();
        assert!(
            text.contains(" UTC (in 5") || text.contains(" UTC (in 600 s)"),
            "{text}"
        );
    }

    #[test]
    fn reset_is_told_in_utc_and_seconds() {
        let now = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let reset = now + Duration::from_secs(873);
        assert_eq!(
            describe_reset(reset, now),
            "at 2027-01-15 08:14:33 UTC (in 873 s)"
        );
    }
}
