//! The API client: signs each attempt, sends it, retries what is worth retrying, and hands
//! every answer to `answer` to become a reply or a typed error; `wait` says how long to wait
//! between attempts, and `profile` holds the call that reads a profile.

mod answer;
pub mod oauth;
pub mod profile;
mod wait;

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap};

use crate::error::{Error, Kind};
pub use crate::request::{Method, Prepared};
use crate::sign::{self, Signer};
use crate::stderr;
use answer::{Outcome, outcome_of, status_line};
pub use answer::{SERVER_TEXT, excerpt, hint_for, kind_of, server_text};
use wait::{backoff, describe_reset, reset_time};

/// The largest response body we read; a profile is a few kilobytes.
const MAX_BODY: usize = 8 * 1024 * 1024;

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

/// A connection to the API as one signer.
pub struct Client {
    http: reqwest::Client,
    api_base: String,
    signer: Signer,
    options: Options,
    /// The credentials came from the `TWPROFILE_*` variables: hints name them, not `auth login`.
    env_credentials: bool,
}

/// The run's HTTP clients, one for plain HTTP and one for HTTPS, each built on first use and
/// shared by every [`Client`] made with it: requests to one API base reuse its connections,
/// across files and accounts.
#[derive(Clone, Default)]
pub struct Pool(Arc<[OnceLock<reqwest::Client>; 2]>);

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pool")
    }
}

impl Pool {
    /// The HTTP client for `https` or plain HTTP, built the first time it is asked for.
    fn http(&self, https: bool, options: &Options) -> anyhow::Result<reqwest::Client> {
        let slot = &self.0[usize::from(https)];
        if let Some(http) = slot.get() {
            return Ok(http.clone());
        }
        let tls = crate::tls::client_config(https)
            .map_err(|e| anyhow::anyhow!("cannot set up TLS: {e}"))?;
        let http = reqwest::Client::builder()
            .user_agent(concat!("twprofile/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(options.timeout)
            .timeout(options.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .tls_backend_preconfigured(tls)
            .build()
            .map_err(|e| anyhow::anyhow!("cannot set up the HTTP client: {e}"))?;
        Ok(slot.get_or_init(|| http).clone())
    }
}

impl Client {
    /// A client for `api_base` (no trailing slash) signing as `signer`, its connections from
    /// `pool`; nothing is sent yet.
    pub fn new(
        api_base: &str,
        signer: Signer,
        options: Options,
        pool: &Pool,
    ) -> anyhow::Result<Self> {
        let http = pool.http(api_base.starts_with("https://"), &options)?;
        Ok(Client {
            http,
            api_base: api_base.to_owned(),
            signer,
            options,
            env_credentials: false,
        })
    }

    /// Says whether the credentials came from the `TWPROFILE_*` variables, which decides where
    /// the hint of a refused credential sends the user.
    pub fn with_env_credentials(mut self, env_credentials: bool) -> Self {
        self.env_credentials = env_credentials;
        self
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
            let (error, wait) = match self.attempt(path, &prepared).await {
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

    async fn attempt(&self, path: &str, prepared: &Prepared) -> Outcome {
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
            log_answer(status, &headers, body.len(), started);
        }
        if status.is_success() {
            let access_level = headers
                .get("x-access-level")
                .and_then(|v| v.to_str().ok())
                .map(|v| crate::sanitize::cut(v.trim(), 64));
            return Outcome::Done(Reply {
                status: status.as_u16(),
                body,
                access_level,
            });
        }
        outcome_of(
            path,
            status,
            &headers,
            &body,
            self.options.max_wait,
            self.env_credentials,
        )
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

/// `-v`: the status, size and time of an answer, its rate-limit headers and when the limit resets.
fn log_answer(status: reqwest::StatusCode, headers: &HeaderMap, size: usize, started: Instant) {
    stderr::say(&format!(
        "< HTTP {} ({size} bytes) in {} ms",
        status_line(status),
        started.elapsed().as_millis()
    ));
    for (name, value) in headers {
        if name.as_str().starts_with("x-rate-limit-") {
            let value = String::from_utf8_lossy(value.as_bytes());
            stderr::say(&format!(
                "< {name}: {}",
                crate::sanitize::cut(&value, SERVER_TEXT)
            ));
        }
    }
    if let Some(reset) = reset_time(headers, SystemTime::now()) {
        stderr::say(&format!(
            "  the limit resets {}",
            describe_reset(reset, SystemTime::now())
        ));
    }
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
