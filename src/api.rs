//! The API client: signs each attempt, sends it, retries what is worth retrying, and turns every
//! answer into a reply or a typed error.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap};

use crate::error::{Error, Kind};
use crate::secret::redact;
use crate::sign::{self, Signer};
use crate::{sanitize, stderr};

/// The largest response body we read; a profile is a few kilobytes.
const MAX_BODY: usize = 8 * 1024 * 1024;
/// The longest pause between two attempts after a server or network failure.
const MAX_BACKOFF: Duration = Duration::from_secs(16);

/// How patient to be, and how much to say on stderr.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Per attempt, connecting and reading.
    pub timeout: Duration,
    /// Attempts after the first.
    pub retries: u32,
    /// The longest rate-limit reset we wait for.
    pub max_wait: Duration,
    /// Report requests, statuses, rate limits, timings and retries on stderr.
    pub verbose: bool,
}

/// A successful answer.
#[derive(Debug)]
pub struct Reply {
    /// HTTP status (2xx).
    pub status: u16,
    /// The body as received.
    pub body: Vec<u8>,
    /// `x-access-level`: what the token may do (`read`, `read-write`, `read-write-directmessages`).
    pub access_level: Option<String>,
}

/// The HTTP method of a call; both are signed the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Parameters in the query string.
    Get,
    /// Parameters in a form body.
    Post,
}

impl Method {
    /// `GET` or `POST`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// A request as it goes on the wire.
#[derive(Debug)]
pub struct Prepared {
    /// `GET` or `POST`.
    pub method: Method,
    /// The endpoint, with the query for a GET.
    pub url: String,
    /// The endpoint without a query: what the signature covers.
    signed_url: String,
    /// The full header; mask it before showing it.
    pub authorization: String,
    /// The form body of a POST (empty for a GET), built once and shared by every attempt.
    pub body: bytes::Bytes,
}

/// A connection to the API as one signer.
pub struct Client {
    http: reqwest::Client,
    api_base: String,
    signer: Signer,
    options: Options,
}

impl Client {
    /// A client for `api_base` (no trailing slash) signing as `signer`; nothing is sent yet.
    pub fn new(api_base: &str, signer: Signer, options: Options) -> anyhow::Result<Self> {
        let tls = crate::tls::client_config(api_base.starts_with("https://"))
            .map_err(|e| anyhow::anyhow!("cannot set up TLS: {e}"))?;
        let builder = reqwest::Client::builder()
            .user_agent(concat!("twprofile/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(options.timeout)
            .timeout(options.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .tls_backend_preconfigured(tls);
        let http = builder
            .build()
            .map_err(|e| anyhow::anyhow!("cannot set up the HTTP client: {e}"))?;
        Ok(Client {
            http,
            api_base: api_base.to_owned(),
            signer,
            options,
        })
    }

    /// The full URL of an API path such as `/1.1/account/update_profile.json`.
    pub fn endpoint(&self, path: &str) -> String {
        format!("{}{path}", self.api_base)
    }

    /// Encodes and signs a request (new nonce, current time).
    pub fn prepare(&self, method: Method, path: &str, params: &[(&str, String)]) -> Prepared {
        let signed_url = self.endpoint(path);
        let encoded = sign::encode(params);
        let (url, body) = match method {
            Method::Post => (signed_url.clone(), bytes::Bytes::from(encoded)),
            Method::Get if encoded.is_empty() => (signed_url.clone(), bytes::Bytes::new()),
            Method::Get => (format!("{signed_url}?{encoded}"), bytes::Bytes::new()),
        };
        let authorization =
            sign::authorize(method.as_str(), &signed_url, params, &self.signer, None);
        Prepared {
            method,
            url,
            signed_url,
            authorization,
            body,
        }
    }

    /// Sends a signed request, retrying rate limits, server errors and network failures as the
    /// options allow; each attempt is signed afresh.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        params: &[(&str, String)],
    ) -> Result<Reply, Error> {
        let mut attempt: u32 = 0;
        let mut prepared = self.prepare(method, path, params);
        loop {
            if attempt > 0 {
                // A fresh nonce and timestamp for every attempt; the body stays as built.
                prepared.authorization = sign::authorize(
                    method.as_str(),
                    &prepared.signed_url,
                    params,
                    &self.signer,
                    None,
                );
            }
            let (error, wait) = match self.attempt(&prepared).await {
                Outcome::Done(reply) => return Ok(reply),
                Outcome::Fail(error) => return Err(error),
                Outcome::Retry(error, wait) => (error, wait),
            };
            if attempt >= self.options.retries {
                return Err(match attempt.saturating_add(1) {
                    1 => error,
                    tries => error.reword(|m| format!("{m} (gave up after {tries} attempts)")),
                });
            }
            let wait = wait.unwrap_or_else(|| backoff(attempt));
            attempt += 1;
            if self.options.verbose {
                stderr::say(&format!(
                    "* {error}; retry {attempt} of {} in {:.1} s",
                    self.options.retries,
                    wait.as_secs_f64()
                ));
            }
            tokio::time::sleep(wait).await;
        }
    }

    async fn attempt(&self, prepared: &Prepared) -> Outcome {
        let verbose = self.options.verbose;
        if verbose {
            stderr::say(&format!("> {} {}", prepared.method.as_str(), prepared.url));
        }
        let started = Instant::now();
        let request = match prepared.method {
            Method::Get => self.http.get(&prepared.url),
            Method::Post => self
                .http
                .post(&prepared.url)
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(prepared.body.clone()),
        };
        let response = match request
            .header(AUTHORIZATION, &prepared.authorization)
            .send()
            .await
        {
            Ok(response) => response,
            Err(e) => {
                let error = self.network_error(&e);
                // A certificate that fails now fails the same way on every retry.
                return match tls_error(&e) {
                    Some(_) => Outcome::Fail(error.with_hint(
                        "the server's certificate is not trusted; behind a proxy with its own CA, point SSL_CERT_FILE at a bundle that includes it",
                    )),
                    None => Outcome::Retry(error, None),
                };
            }
        };
        let status = response.status();
        let headers = response.headers().clone();
        let body = match read_body(response).await {
            Ok(body) => body,
            Err(BodyError::TooLarge) => {
                return Outcome::Fail(Error::new(
                    Kind::Failure,
                    format!(
                        "HTTP {}: the response body is over {} MiB",
                        status_line(status),
                        MAX_BODY >> 20
                    ),
                ));
            }
            Err(BodyError::Http(e)) => return Outcome::Retry(self.network_error(&e), None),
        };
        if verbose {
            stderr::say(&format!(
                "< HTTP {} ({} bytes) in {} ms",
                status_line(status),
                body.len(),
                started.elapsed().as_millis()
            ));
            for (name, value) in headers.iter() {
                if name.as_str().starts_with("x-rate-limit-") {
                    let value = String::from_utf8_lossy(value.as_bytes());
                    stderr::say(&format!("< {name}: {}", cut(&value, SERVER_TEXT)));
                }
            }
            if let Some(reset) = reset_time(&headers, SystemTime::now()) {
                stderr::say(&format!(
                    "  the limit resets {}",
                    describe_reset(reset, SystemTime::now())
                ));
            }
        }
        if status.is_success() {
            let access_level = headers
                .get("x-access-level")
                .and_then(|v| v.to_str().ok())
                .map(|v| cut(v.trim(), 64));
            return Outcome::Done(Reply {
                status: status.as_u16(),
                body,
                access_level,
            });
        }
        classify(status, &headers, &body, self.options.max_wait)
    }

    fn network_error(&self, e: &reqwest::Error) -> Error {
        let what = if let Some(tls) = tls_error(e) {
            format!("TLS: {tls}")
        } else if e.is_timeout() {
            format!("timed out after {} s", self.options.timeout.as_secs())
        } else if e.is_connect() {
            format!("cannot connect: {}", root_cause(e))
        } else {
            format!("connection failed: {}", root_cause(e))
        };
        let host = e
            .url()
            .map(|u| {
                let mut host = u.host_str().unwrap_or_default().to_owned();
                if let Some(port) = u.port() {
                    host = format!("{host}:{port}");
                }
                host
            })
            .unwrap_or_default();
        // A TLS failure gets its own hint where it is caught.
        let hint = format!(
            "check the network and that {host} is the API (api_base, TWPROFILE_API_BASE); unattended runs can raise --timeout and --retries"
        );
        Error::new(Kind::Network, format!("{host}: {what}")).with_hint(hint)
    }
}

/// Turns a non-2xx answer into an error, and says whether (and after how long) to try again.
fn classify(
    status: reqwest::StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    max_wait: Duration,
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
    let kind = kind_of(status.as_u16(), code);
    let mut error = Error::new(kind, described).with_answer(status.as_u16(), codes);
    // The start of the body, for answers recognised by their words (v2's titles).
    let words = String::from_utf8_lossy(&body[..body.len().min(4096)]);
    if let Some(hint) = hint_for(status.as_u16(), code, &words) {
        error = error.with_hint(hint);
    }
    if code == Some(135)
        && let Some(skew) = clock_skew(headers, SystemTime::now())
    {
        error = error.with_hint(format!(
            "the request's timestamp was refused: {skew}; fix the clock (e.g. `timedatectl set-ntp true`)"
        ));
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

enum Outcome {
    Done(Reply),
    /// Worth another attempt: after the given wait, or the usual backoff.
    Retry(Error, Option<Duration>),
    Fail(Error),
}

enum BodyError {
    TooLarge,
    Http(reqwest::Error),
}

async fn read_body(mut response: reqwest::Response) -> Result<Vec<u8>, BodyError> {
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Http)? {
        if body.len() + chunk.len() > MAX_BODY {
            return Err(BodyError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// About 1 s, 2 s, 4 s … capped, each scaled by a random 0.75–1.25 so that many cron jobs
/// failing together do not retry together.
fn backoff(attempt: u32) -> Duration {
    let base = Duration::from_secs(1u64 << attempt.min(10)).min(MAX_BACKOFF);
    base.mul_f64(0.75 + fastrand::f64() * 0.5)
}

/// `Retry-After: SECS` when the server sent one we are willing to wait for.
fn retry_after(headers: &HeaderMap, max_wait: Duration) -> Option<Duration> {
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
const LATEST_RESET: u64 = 253_402_300_799;

/// `x-rate-limit-reset`, in seconds since the epoch as the API sends it. A value that is far off
/// in seconds but within a day of `now` in milliseconds (as some proxies send it) is read as
/// milliseconds; one past the year 9999 is no reset time at all.
fn reset_time(headers: &HeaderMap, now: SystemTime) -> Option<SystemTime> {
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
fn describe_reset(reset: SystemTime, now: SystemTime) -> String {
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

/// The exit kind of an API answer, by its error code first and its status second.
pub fn kind_of(status: u16, code: Option<i64>) -> Kind {
    match code {
        Some(32 | 64 | 89 | 135 | 215 | 220 | 261 | 326 | 453) => return Kind::Auth,
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

/// What the user can do next, for the answers that have a known cause.
pub fn hint_for(status: u16, code: Option<i64>, message: &str) -> Option<&'static str> {
    Some(match code {
        Some(32 | 89 | 215) => {
            "check the consumer key and secret and the access token and secret, or run `twprofile auth login`"
        }
        Some(135) => {
            "the request's timestamp was refused: check this machine's clock (e.g. `timedatectl set-ntp true`)"
        }
        Some(261) => {
            "the app lacks write permission: set it to \"Read and write\" in the developer portal's user authentication settings, then regenerate the access token and secret (old tokens keep the old permission) or run `twprofile auth login` again"
        }
        Some(453) => {
            "the app's access tier does not include the v1.1 account endpoints (the Free tier answers 453): a paid tier or pay-per-use credits are needed"
        }
        Some(326) => "the account is locked: log in at x.com to unlock it",
        Some(64) => "the account is suspended",
        Some(34) => {
            "the API base does not serve this endpoint: check api_base (or TWPROFILE_API_BASE); the default is https://api.x.com"
        }
        _ if status == 402 => {
            "the app's pay-per-use credits are spent: add credits in the developer portal, then run again"
        }
        _ if status == 403 && message.contains("Unsupported Authentication") => {
            "this endpoint takes OAuth 1.0a user context: use the access token and secret of the user (\"Access Token and Secret\" in the developer portal), not a bearer token"
        }
        _ if status == 401 => {
            "check the consumer key and secret and the access token and secret, or run `twprofile auth login`"
        }
        _ if status >= 500 => {
            "the API failed on its side: run again later (unattended runs can raise --retries)"
        }
        _ => return None,
    })
}

/// How far this machine's clock is from the server's, by the answer's `Date` header:
/// `this machine's clock is 1 h 0 min ahead of the server's`.
fn clock_skew(headers: &HeaderMap, now: SystemTime) -> Option<String> {
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
    Some(format!(
        "this machine's clock is {amount} {direction} the server's"
    ))
}

/// An API error body, in any of the shapes the API uses.
#[derive(Debug, PartialEq)]
struct Problem {
    /// The first error's code, which decides.
    code: Option<i64>,
    /// Every error's code, for the `--json` error object.
    codes: Vec<i64>,
    message: String,
}

impl Problem {
    fn decode(body: &[u8]) -> Option<Problem> {
        let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) else {
            return Problem::from_xml(body);
        };
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
        })
    }
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
        })
    }
}

fn status_line(status: reqwest::StatusCode) -> String {
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
    sanitize::line(&cut(&collapsed, LIMIT)).into_owned()
}

/// Server text for an error: every credential in it masked, then cut to [`SERVER_TEXT`].
pub fn server_text(text: &str) -> String {
    cut(&redact(text), SERVER_TEXT)
}

/// The most characters of server text an error message quotes.
pub const SERVER_TEXT: usize = 300;

/// The first `limit` characters of `text`, with `…` when there was more.
pub fn cut(text: &str, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// The TLS error behind a failed request, if that is what it was.
fn tls_error<'a>(e: &'a (dyn std::error::Error + 'static)) -> Option<&'a rustls::Error> {
    let mut cause = Some(e);
    while let Some(error) = cause {
        if let Some(tls) = error.downcast_ref::<rustls::Error>() {
            return Some(tls);
        }
        // io::Error hides the error it wraps from `source()` (and may wrap another io::Error):
        // step inside it instead.
        cause = match error
            .downcast_ref::<std::io::Error>()
            .and_then(std::io::Error::get_ref)
        {
            Some(inner) => Some(inner),
            None => error.source(),
        };
    }
    None
}

fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    let text = cause.to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
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
    }

    #[test]
    fn error_bodies_of_every_shape_decode() {
        assert_eq!(
            Problem::decode(br#"{"errors":[{"code":32,"message":"Could not authenticate you."}]}"#),
            Some(Problem {
                code: Some(32),
                codes: vec![32],
                message: "Could not authenticate you.".into()
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

    #[test]
    fn backoff_grows_and_is_capped() {
        for attempt in 0..20 {
            let wait = backoff(attempt);
            let base = (1u64 << attempt.min(10)).min(16) as f64;
            assert!(wait.as_secs_f64() >= base * 0.75 && wait.as_secs_f64() <= base * 1.25);
        }
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
                classify(status, &headers, &body, Duration::from_secs(60))
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
        let hint = |status, code, words| hint_for(status, code, words).unwrap_or("");
        assert!(hint(401, Some(135), "").contains("clock"));
        assert!(hint(404, Some(34), "").contains("check api_base"));
        let unsupported = "{\"title\":\"Unsupported Authentication\"}";
        assert!(hint(403, None, unsupported).contains("OAuth 1.0a user context"));
        assert_eq!(hint(403, None, "Forbidden"), "");
        assert!(hint(401, None, unsupported).contains("check the consumer key"));
        assert!(hint(402, None, "").contains("credits are spent"));
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
            clock_skew(&headers, now).unwrap()
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
        assert_eq!(clock_skew(&HeaderMap::new(), now), None);
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
        let answer = classify(
            reqwest::StatusCode::TOO_MANY_REQUESTS,
            &header(&(in_ten_minutes * 1000).to_string()),
            b"",
            Duration::from_secs(60),
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
