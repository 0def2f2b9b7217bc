//! Turning an answer that is not a success into a typed error: its kind (and so the exit code),
//! the API's own code and words (masked and cut), a hint, and whether and when to try again.

use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;

use super::Reply;
use super::profile::{UPDATE_BANNER, UPDATE_PICTURE};
use super::wait::{describe_reset, reset_time, retry_after};
use crate::error::{Error, Kind};
use crate::sanitize;
use crate::secret::redact;

/// Turns a non-2xx answer from `path` into an error, and says whether (and after how long) to
/// try again. `env_credentials`: the credentials came from the `TWPROFILE_*` variables (see
/// [`hint_for`]).
pub(super) fn outcome_of(
    path: &str,
    status: reqwest::StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    max_wait: Duration,
    env_credentials: bool,
) -> Outcome {
    let problem = Problem::decode(body);
    let code = problem.as_ref().and_then(|p| p.code);
    let codes = problem.as_ref().map_or_else(Vec::new, |p| p.codes.clone());
    let described = match &problem {
        Some(p) => match p.code {
            Some(code) => format!(
                "HTTP {}, API error {code}: {}",
                status_line(status),
                p.message
            ),
            None => format!("HTTP {}: {}", status_line(status), p.message),
        },
        None if body.is_empty() => format!("HTTP {} with an empty body", status_line(status)),
        None => format!("HTTP {}: {}", status_line(status), excerpt(body)),
    };
    // A usage cap comes as a 429 like a rate limit, but waiting minutes for a monthly cap
    // cannot help, and every retry may be billed.
    let usage_cap = problem
        .as_ref()
        .and_then(|p| p.usage_cap)
        .filter(|_| status == reqwest::StatusCode::TOO_MANY_REQUESTS);
    let kind = match usage_cap {
        Some(_) => Kind::Billing,
        None => kind_of(status.as_u16(), code),
    };
    let mut error = Error::new(kind, described).with_answer(status.as_u16(), codes);
    // The start of the body, for answers recognised by their words (v2's titles).
    let words = String::from_utf8_lossy(&body[..body.len().min(4096)]);
    let hint = match usage_cap {
        Some(period) => Some(format!(
            "the developer account's {period}usage cap is reached: raise the cap in the developer portal, or wait until its period resets; retrying sooner cannot help"
        )),
        None => hint_for(status.as_u16(), code, &words, env_credentials)
            .or_else(|| {
                let silent = problem.is_none() && body.trim_ascii().is_empty();
                silent
                    .then(|| empty_upload_hint(path, status.as_u16(), env_credentials))
                    .flatten()
            })
            .map(str::to_owned),
    };
    if let Some(hint) = hint {
        error = error.with_hint(hint);
    }
    if code == Some(135)
        && let Some(skew) = clock_skew(headers, SystemTime::now())
    {
        error = error.with_hint(clock_hint(&skew));
    }
    if status.is_redirection() {
        // A signature covers the method and URL, so a redirect is reported, never followed.
        let location = headers
            .get(reqwest::header::LOCATION)
            .map(|l| server_text(&String::from_utf8_lossy(l.as_bytes())));
        if let Some(location) = location {
            error = error
                .reword(|m| format!("{m}; redirected to {location}"))
                .with_hint("the API lives elsewhere now: set api_base (or TWPROFILE_API_BASE) to the new address");
        }
    }
    match kind {
        Kind::RateLimited => match reset_time(headers, SystemTime::now()) {
            Some(reset) => {
                let now = SystemTime::now();
                let wait = reset
                    .duration_since(now)
                    .unwrap_or_default()
                    .saturating_add(Duration::from_secs(1));
                let when = describe_reset(reset, now);
                let error = error.reword(|m| format!("{m}; the limit resets {when}"));
                if wait <= max_wait {
                    Outcome::Retry(error, Some(wait))
                } else {
                    Outcome::Fail(error.with_hint(format!(
                        "that is beyond --max-wait {} s; run again after the reset, or raise --max-wait",
                        max_wait.as_secs()
                    )))
                }
            }
            None => Outcome::Retry(error, retry_after(headers, max_wait)),
        },
        Kind::Network => Outcome::Retry(error, retry_after(headers, max_wait)),
        _ => Outcome::Fail(error),
    }
}

pub(super) enum Outcome {
    Done(Reply),
    /// Worth another attempt: after the given wait, or the usual backoff.
    Retry(Error, Option<Duration>),
    Fail(Error),
}

/// The exit kind of an API answer, by its error code first and its status second; but a 402 is
/// the plan's answer whatever its body says.
pub fn kind_of(status: u16, code: Option<i64>) -> Kind {
    match code {
        _ if status == 402 => return Kind::Billing,
        Some(crate::error::TIER_API_CODE) => return Kind::Billing,
        Some(code) if crate::error::AUTH_API_CODES.contains(&code) => return Kind::Auth,
        Some(88) => return Kind::RateLimited,
        Some(130 | 131) => return Kind::Network,
        _ => {}
    }
    match status {
        401 => Kind::Auth,
        429 => Kind::RateLimited,
        400..=499 => Kind::Refused,
        500..=599 => Kind::Network,
        _ => Kind::Failure,
    }
}

/// What the user can do next, for the answers that have a known cause. With `env_credentials`
/// (the `TWPROFILE_*` variables) `twprofile auth login` cannot help, since the variables win over
/// what it saves: the hints point at them instead.
pub fn hint_for(
    status: u16,
    code: Option<i64>,
    message: &str,
    env_credentials: bool,
) -> Option<&'static str> {
    let credentials = if env_credentials {
        "the credentials came from the TWPROFILE_* variables: check TWPROFILE_CONSUMER_KEY, TWPROFILE_CONSUMER_SECRET, TWPROFILE_ACCESS_TOKEN and TWPROFILE_ACCESS_TOKEN_SECRET against the app's Keys and tokens page in the developer portal"
    } else {
        "check the consumer key and secret and the access token and secret, or run `twprofile auth login`"
    };
    Some(match code {
        Some(32 | 89 | 215) => credentials,
        Some(135) => {
            "the request's timestamp was refused: check this machine's clock (e.g. `timedatectl set-ntp true`)"
        }
        Some(261) if env_credentials => {
            "the app lacks write permission: set it to \"Read and write\" in the developer portal's user authentication settings, then regenerate the access token and secret (old tokens keep the old permission) and put them in TWPROFILE_ACCESS_TOKEN and TWPROFILE_ACCESS_TOKEN_SECRET, where the credentials came from"
        }
        Some(261) => {
            "the app lacks write permission: set it to \"Read and write\" in the developer portal's user authentication settings, then regenerate the access token and secret (old tokens keep the old permission) or run `twprofile auth login` again"
        }
        Some(crate::error::TIER_API_CODE) => {
            "the app's access tier does not include the v1.1 account endpoints (the Free tier answers 453): upgrade the plan in the developer portal, or enable pay-per-use and add credits"
        }
        Some(326) => "the account is locked: log in at x.com to unlock it",
        Some(64) => "the account is suspended",
        Some(34) => {
            "the API base does not serve this endpoint: check api_base (or TWPROFILE_API_BASE); the default is https://api.x.com"
        }
        _ if status == 402 => {
            "the developer account's pay-per-use credits are spent, or its spending cap is reached: add credits or raise the cap in the developer portal, then run again"
        }
        _ if status == 403 && message.contains("Unsupported Authentication") => {
            "this endpoint takes OAuth 1.0a user context: use the access token and secret of the user (\"Access Token and Secret\" in the developer portal), not a bearer token"
        }
        _ if status == 401 => credentials,
        _ if status >= 500 => {
            "the API failed on its side: run again later (unattended runs can raise --retries)"
        }
        _ => return None,
    })
}

/// What an upload's refusal with an empty body means, by its status, as X documents the
/// picture and banner endpoints: they often say nothing else. `None` for other endpoints and
/// statuses; an answer that has words or a code is explained by those instead.
fn empty_upload_hint(path: &str, status: u16, env_credentials: bool) -> Option<&'static str> {
    if path != UPDATE_PICTURE && path != UPDATE_BANNER {
        return None;
    }
    Some(match status {
        400 => {
            "the API found no image in the request, or could not process the image data: check that the file is a complete, undamaged GIF, JPEG or PNG"
        }
        422 => {
            "the API could not resize the image, or it is too large: try one with fewer pixels (X suggests 400×400 for a picture, 1500×500 for a banner) or fewer bytes"
        }
        403 if env_credentials => {
            "an empty 403 from this endpoint usually means the app lacks write permission (set it to \"Read and write\" in the developer portal's user authentication settings, then regenerate the access token and secret and put them in TWPROFILE_ACCESS_TOKEN and TWPROFILE_ACCESS_TOKEN_SECRET), or that X refused this image"
        }
        403 => {
            "an empty 403 from this endpoint usually means the app lacks write permission (set it to \"Read and write\" in the developer portal's user authentication settings, then regenerate the access token and secret or run `twprofile auth login` again), or that X refused this image"
        }
        _ => return None,
    })
}

/// Under this gap the clock is as right as the `Date` header can tell (it has whole seconds and
/// the answer took time to arrive), while X refuses timestamps minutes off: the clock is not why.
const CLOCK_AGREES: Duration = Duration::from_secs(30);

/// The hint for a refused timestamp (135), by how far this machine's clock is from the server's.
fn clock_hint(skew: &Skew) -> String {
    if skew.gap < CLOCK_AGREES {
        // The header's whole seconds can hide up to one more.
        format!(
            "this machine's clock agrees with the server's (within {} s), so the clock is not the cause: the request may have been held too long on the way (by a proxy, say), or X had a problem on its side; run again",
            skew.gap.as_secs() + 1
        )
    } else {
        format!(
            "the request's timestamp was refused: {}; fix the clock (e.g. `timedatectl set-ntp true`)",
            skew.text
        )
    }
}

/// How far this machine's clock is from the server's.
struct Skew {
    gap: Duration,
    /// `this machine's clock is 1 h 0 min ahead of the server's`
    text: String,
}

/// How far this machine's clock is from the server's, by the answer's `Date` header.
fn clock_skew(headers: &HeaderMap, now: SystemTime) -> Option<Skew> {
    let date = headers.get(reqwest::header::DATE)?.to_str().ok()?;
    let server = httpdate::parse_http_date(date).ok()?;
    let (gap, direction) = match now.duration_since(server) {
        Ok(ahead) => (ahead, "ahead of"),
        Err(behind) => (behind.duration(), "behind"),
    };
    let secs = gap.as_secs();
    let amount = match secs {
        0..=59 => format!("{secs} s"),
        60..=3599 => format!("{} min {} s", secs / 60, secs % 60),
        _ => format!("{} h {} min", secs / 3600, secs % 3600 / 60),
    };
    Some(Skew {
        gap,
        text: format!("this machine's clock is {amount} {direction} the server's"),
    })
}

/// An API error body, in any of the shapes the API uses.
#[derive(Debug, PartialEq)]
struct Problem {
    /// The first error's code, which decides.
    code: Option<i64>,
    /// Every error's code, for the `--json` error object.
    codes: Vec<i64>,
    message: String,
    /// A v2 usage-cap problem, with its period as the hint words it (see [`usage_cap`]).
    usage_cap: Option<&'static str>,
}

impl Problem {
    fn decode(body: &[u8]) -> Option<Problem> {
        let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) else {
            return Problem::from_xml(body);
        };
        // The cap may be named at the top, or in any of the errors listed.
        let usage_cap = usage_cap(&value).or_else(|| {
            value
                .get("errors")
                .and_then(serde_json::Value::as_array)
                .and_then(|all| all.iter().take(16).find_map(usage_cap))
        });
        // v1.1: {"errors":[{"code":32,"message":"…"}]}
        if let Some(first) = value.get("errors").and_then(|e| e.get(0)) {
            let code = first.get("code").and_then(serde_json::Value::as_i64);
            let codes = value
                .get("errors")
                .and_then(serde_json::Value::as_array)
                .map(|all| {
                    all.iter()
                        .filter_map(|e| e.get("code").and_then(serde_json::Value::as_i64))
                        .take(16)
                        .collect()
                })
                .unwrap_or_default();
            let message = first
                .get("message")
                .and_then(serde_json::Value::as_str)
                .unwrap_or("(no message)");
            return Some(Problem {
                code,
                codes,
                message: server_text(message),
                usage_cap,
            });
        }
        // OAuth endpoints: {"error":"…"}; v2: {"title":"…","detail":"…"}
        let text = |key: &str| value.get(key).and_then(serde_json::Value::as_str);
        let message = text("error")
            .or_else(|| text("detail"))
            .or_else(|| text("title"))
            .or_else(|| text("message"))?;
        Some(Problem {
            code: None,
            codes: Vec::new(),
            message: server_text(message),
            usage_cap,
        })
    }
}

/// Whether a v2 problem says the plan's usage cap was reached: title `UsageCapExceeded` or a
/// type ending in `usage-capped`, with its `period` (`Monthly` or `Daily`) as the hint words
/// it: `"monthly "`, `"daily "`, or `""` for one it does not name.
fn usage_cap(problem: &serde_json::Value) -> Option<&'static str> {
    let text = |key: &str| {
        problem
            .get(key)
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
    };
    let says_cap = |key: &str| text(key).to_ascii_lowercase().contains("usage cap");
    let capped = text("title").eq_ignore_ascii_case("UsageCapExceeded")
        || text("type").trim_end_matches('/').ends_with("usage-capped")
        || says_cap("detail")
        || says_cap("message");
    capped.then(|| match text("period") {
        p if p.eq_ignore_ascii_case("monthly") => "monthly ",
        p if p.eq_ignore_ascii_case("daily") => "daily ",
        _ => "",
    })
}

impl Problem {
    /// The OAuth endpoints may answer in XML:
    /// `<errors><error code="415">Callback URL not approved…</error></errors>`.
    fn from_xml(body: &[u8]) -> Option<Problem> {
        let text = String::from_utf8_lossy(&body[..body.len().min(64 * 1024)]);
        let start = text.find("<error code=\"")? + "<error code=\"".len();
        let rest = &text[start..];
        let code: i64 = rest[..rest.find('"')?].parse().ok()?;
        let message = rest[rest.find('>')? + 1..]
            .split("</error>")
            .next()
            .unwrap_or_default();
        Some(Problem {
            code: Some(code),
            codes: vec![code],
            message: server_text(message),
            usage_cap: None,
        })
    }
}

pub(super) fn status_line(status: reqwest::StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("{} {reason}", status.as_u16()),
        None => status.as_u16().to_string(),
    }
}

/// The start of a body that is not an API error, on one line and safe for a terminal.
pub fn excerpt(body: &[u8]) -> String {
    const LIMIT: usize = 120;
    // Redacted whole before it is cut, so that no beginning of a secret survives the cut
    // (masking shortens text, so no window measured before it is safe). Bodies are bounded.
    let text = String::from_utf8_lossy(body);
    let collapsed = redact(&text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    sanitize::line(&sanitize::cut(&collapsed, LIMIT)).into_owned()
}

/// Server text for an error: every credential in it masked, then cut to [`SERVER_TEXT`].
pub fn server_text(text: &str) -> String {
    sanitize::cut(&redact(text), SERVER_TEXT)
}

/// The most characters of server text an error message quotes.
pub const SERVER_TEXT: usize = 300;

#[cfg(test)]
mod tests {
    use std::time::UNIX_EPOCH;

    use super::*;

    #[test]
    fn codes_decide_before_statuses() {
        assert_eq!(kind_of(403, Some(261)), Kind::Auth);
        assert_eq!(kind_of(401, None), Kind::Auth);
        assert_eq!(kind_of(420, Some(88)), Kind::RateLimited);
        assert_eq!(kind_of(429, None), Kind::RateLimited);
        assert_eq!(kind_of(403, Some(120)), Kind::Refused);
        assert_eq!(kind_of(503, Some(130)), Kind::Network);
        assert_eq!(kind_of(500, None), Kind::Network);
        assert_eq!(kind_of(302, None), Kind::Failure);
        // Over capacity and internal errors are worth a retry whatever status carries them.
        assert_eq!(kind_of(400, Some(130)), Kind::Network);
        assert_eq!(kind_of(403, Some(131)), Kind::Network);
        // The plan, not the credentials: a 402 whatever its body, and 453 whatever its status.
        assert_eq!(kind_of(402, None), Kind::Billing);
        assert_eq!(kind_of(402, Some(32)), Kind::Billing);
        assert_eq!(kind_of(403, Some(453)), Kind::Billing);
    }

    #[test]
    fn a_usage_cap_is_the_plan_and_a_plain_429_a_rate_limit() {
        let outcome = |body: &str| {
            let status = reqwest::StatusCode::TOO_MANY_REQUESTS;
            match outcome_of(
                crate::api::profile::UPDATE_PROFILE,
                status,
                &HeaderMap::new(),
                body.as_bytes(),
                Duration::ZERO,
                false,
            ) {
                Outcome::Fail(error) => (false, error),
                Outcome::Retry(error, _) => (true, error),
                Outcome::Done(_) => panic!("an error answer taken for a success"),
            }
        };
        let (retry, error) = outcome(
            r#"{"title":"UsageCapExceeded","detail":"Usage cap exceeded: Daily account cap","type":"https://api.twitter.com/2/problems/usage-capped","period":"Daily","scope":"Account"}"#,
        );
        assert!(!retry);
        assert_eq!(error.kind, Kind::Billing);
        assert!(
            error.hint().is_some_and(|h| h.contains("daily usage cap")),
            "{error:?}"
        );
        // Recognised by its type alone, in an errors array too; a period not known is not told.
        let (retry, error) = outcome(
            r#"{"errors":[{"type":"https://api.x.com/2/problems/usage-capped","period":"Hourly\u001b"}]}"#,
        );
        assert!(!retry && error.kind == Kind::Billing, "{error:?}");
        assert!(
            error
                .hint()
                .is_some_and(|h| h.starts_with("the developer account's usage cap")),
            "{error:?}"
        );
        // Named in a later error, in any case, or only in the words of a detail or message.
        for body in [
            r#"{"errors":[{"code":88,"message":"Rate limit"},{"title":"UsageCapExceeded"}]}"#,
            r#"{"title":"usagecapexceeded","type":"https://api.x.com/2/problems/usage-capped/"}"#,
            r#"{"detail":"Usage cap exceeded: Monthly product cap"}"#,
            r#"{"errors":[{"message":"UsageCapExceeded: usage cap reached"}]}"#,
        ] {
            let (retry, error) = outcome(body);
            assert!(!retry && error.kind == Kind::Billing, "{body}: {error:?}");
        }
        let (retry, error) =
            outcome(r#"{"title":"Too Many Requests","detail":"Too Many Requests"}"#);
        assert!(retry && error.kind == Kind::RateLimited, "{error:?}");
    }

    #[test]
    fn the_clock_is_blamed_only_when_it_is_off() {
        let hint = |gap| {
            clock_hint(&Skew {
                gap: Duration::from_secs(gap),
                text: format!("this machine's clock is {gap} s ahead of the server's"),
            })
        };
        assert!(hint(0).contains("agrees with the server's (within 1 s)"));
        assert!(hint(29).contains("agrees with the server's (within 30 s)"));
        assert!(hint(29).contains("held too long on the way"));
        assert_eq!(
            hint(30),
            "the request's timestamp was refused: this machine's clock is 30 s ahead of the server's; fix the clock (e.g. `timedatectl set-ntp true`)"
        );
    }

    #[test]
    fn every_credentials_code_has_its_hint_whatever_the_status() {
        let hint = |code| hint_for(403, Some(code), "", false).unwrap_or("");
        for code in [32, 89, 215] {
            assert!(hint(code).contains("check the consumer key"), "{code}");
        }
        assert!(hint(326).contains("locked"));
        assert!(hint(64).contains("suspended"));
    }

    #[test]
    fn an_empty_error_body_says_so() {
        let status = reqwest::StatusCode::SERVICE_UNAVAILABLE;
        let (Outcome::Retry(error, _) | Outcome::Fail(error)) = outcome_of(
            crate::api::profile::UPDATE_PROFILE,
            status,
            &HeaderMap::new(),
            b"",
            Duration::from_secs(0),
            false,
        ) else {
            panic!("an error answer taken for a success");
        };
        assert_eq!(
            error.to_string(),
            "HTTP 503 Service Unavailable with an empty body"
        );
    }

    #[test]
    fn only_uploads_get_a_hint_for_an_empty_refusal() {
        let hint = |path, status, body: &[u8]| {
            let status = reqwest::StatusCode::from_u16(status).unwrap();
            match outcome_of(path, status, &HeaderMap::new(), body, Duration::ZERO, false) {
                Outcome::Retry(error, _) | Outcome::Fail(error) => error.hint().map(str::to_owned),
                Outcome::Done(_) => panic!("an error answer taken for a success"),
            }
        };
        let profile = crate::api::profile::UPDATE_PROFILE;
        assert_eq!(hint(profile, 403, b""), None);
        assert_eq!(hint(UPDATE_PICTURE, 404, b""), None);
        assert_eq!(hint(UPDATE_BANNER, 422, b"{}"), None);
        assert!(hint(UPDATE_PICTURE, 422, b" \r\n").is_some_and(|h| h.contains("resize")));
    }

    #[test]
    fn an_xml_error_is_found_after_a_long_preamble() {
        let body = format!(
            "<?xml version=\"1.0\"?><!-- {} --><errors><error code=\"415\">Callback URL not approved</error></errors>",
            "x".repeat(4000)
        );
        let problem = Problem::decode(body.as_bytes()).unwrap();
        assert_eq!(
            (problem.code, problem.message.as_str()),
            (Some(415), "Callback URL not approved")
        );
    }

    #[test]
    fn error_bodies_of_every_shape_decode() {
        assert_eq!(
            Problem::decode(br#"{"errors":[{"code":32,"message":"Could not authenticate you."}]}"#),
            Some(Problem {
                code: Some(32),
                codes: vec![32],
                message: "Could not authenticate you.".into(),
                usage_cap: None,
            })
        );
        assert_eq!(
            Problem::decode(br#"{"error":"Invalid oauth_verifier parameter"}"#).map(|p| p.message),
            Some("Invalid oauth_verifier parameter".into())
        );
        assert_eq!(Problem::decode(b"<html>502</html>"), None);
        assert_eq!(Problem::decode(br#"{"errors":"nope"}"#), None);
    }

    #[test]
    fn excerpts_are_short_single_lines_without_escapes() {
        let body = format!(
            "<html>\n<title>502 \x1b[31mBad</title>\n{}",
            "x".repeat(500)
        );
        let e = excerpt(body.as_bytes());
        assert!(!e.contains('\n') && !e.contains('\x1b'), "{e}");
        assert!(e.starts_with("<html> <title>502 \\x1b[31mBad"), "{e}");
        assert!(e.ends_with("xx…") && e.chars().count() <= 124, "{e}");
    }

    proptest::proptest! {
        /// Whatever a server answers, classifying it neither panics nor loses the status.
        #[test]
        fn any_answer_classifies_without_panic(
            status in 300u16..600,
            body in proptest::collection::vec(proptest::num::u8::ANY, 0..2048),
            reset in proptest::option::of("[ -~]{0,24}|[0-9]{1,20}"),
        ) {
            let status = reqwest::StatusCode::from_u16(status).unwrap();
            let mut headers = HeaderMap::new();
            if let Some(reset) = reset
                && let Ok(value) = reqwest::header::HeaderValue::from_str(&reset)
            {
                headers.insert("x-rate-limit-reset", value);
            }
            let (Outcome::Retry(error, _) | Outcome::Fail(error)) =
                outcome_of(UPDATE_BANNER, status, &headers, &body, Duration::from_secs(60), false)
            else {
                panic!("a non-2xx answer was taken for a success");
            };
            let text = error.to_string();
            proptest::prop_assert!(text.starts_with(&format!("HTTP {}", status.as_u16())), "{}", text);
            // Server text is quoted in part only (control characters are escaped where it is
            // printed, by the stderr writer).
            proptest::prop_assert!(text.chars().count() < SERVER_TEXT * 7 + 200, "{:?}", text);
        }

        #[test]
        fn excerpts_of_any_bytes_are_single_printable_lines(
            body in proptest::collection::vec(proptest::num::u8::ANY, 0..4096),
        ) {
            let e = excerpt(&body);
            proptest::prop_assert!(e.chars().all(crate::sanitize::is_inert), "{:?}", e);
            proptest::prop_assert!(!e.contains('\n'));
            proptest::prop_assert!(e.chars().count() <= 121 * 10);
        }
    }

    #[test]
    fn hints_match_the_answer_they_explain() {
        let hint = |status, code, words| hint_for(status, code, words, false).unwrap_or("");
        assert!(hint(401, Some(135), "").contains("clock"));
        assert!(hint(404, Some(34), "").contains("check api_base"));
        let unsupported = "{\"title\":\"Unsupported Authentication\"}";
        assert!(hint(403, None, unsupported).contains("OAuth 1.0a user context"));
        assert_eq!(hint(403, None, "Forbidden"), "");
        assert!(hint(401, None, unsupported).contains("check the consumer key"));
        assert!(hint(402, None, "").contains("credits are spent"));
        assert!(hint(403, Some(453), "").contains("enable pay-per-use"));
        assert!(hint(503, None, "").contains("failed on its side"));
        assert_eq!(hint(400, None, ""), "");
    }

    #[test]
    fn clock_skew_is_told_in_the_largest_sensible_units() {
        let now = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let skew = |server_secs: u64| {
            let mut headers = HeaderMap::new();
            let date = httpdate::fmt_http_date(UNIX_EPOCH + Duration::from_secs(server_secs));
            headers.insert(
                reqwest::header::DATE,
                reqwest::header::HeaderValue::from_str(&date).unwrap(),
            );
            clock_skew(&headers, now).unwrap().text
        };
        assert_eq!(
            skew(1_800_000_000 - 42),
            "this machine's clock is 42 s ahead of the server's"
        );
        assert_eq!(
            skew(1_800_000_000 + 303),
            "this machine's clock is 5 min 3 s behind the server's"
        );
        assert_eq!(
            skew(1_800_000_000 - 7_260),
            "this machine's clock is 2 h 1 min ahead of the server's"
        );
        assert!(clock_skew(&HeaderMap::new(), now).is_none());
    }
}
