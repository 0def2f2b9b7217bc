//! Errors that carry the exit code the process ends with.

use std::fmt;
use std::process::ExitCode;

/// The API error codes that mean the credentials or the access level were refused (exit 4).
pub const AUTH_API_CODES: [i64; 8] = [32, 64, 89, 135, 215, 220, 261, 326];

/// The API error code that means the app's access tier lacks the endpoint (exit 9): the plan, not
/// the credentials, is what to change.
pub const TIER_API_CODE: i64 = 453;

/// What exit 0 means, for the man page and the README's table, which list it with [`Kind::ALL`].
pub const SUCCESS: &str = "Success, or unchanged with --if-changed.";

/// What went wrong, as far as the exit code is concerned (SPEC's table).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Anything not below.
    Failure,
    /// Bad flags, no field, a value too long, unreadable or non-UTF-8 input.
    Usage,
    /// No or malformed config, unknown account, missing credential.
    Config,
    /// The API rejected the credentials or the access level.
    Auth,
    /// The API refused the request for another reason.
    Refused,
    /// Rate limited beyond what we may wait for.
    RateLimited,
    /// Network failure, timeout or server error.
    Network,
    /// `apply --check`: the profile differs from the file.
    Drift,
    /// The developer account's plan or credits refused the request.
    Billing,
}

impl Kind {
    /// The process exit status for this kind.
    pub fn code(self) -> u8 {
        match self {
            Kind::Failure => 1,
            Kind::Usage => 2,
            Kind::Config => 3,
            Kind::Auth => 4,
            Kind::Refused => 5,
            Kind::RateLimited => 6,
            Kind::Network => 7,
            Kind::Drift => 8,
            Kind::Billing => 9,
        }
    }

    /// The process exit status for this kind.
    pub fn exit_code(self) -> ExitCode {
        ExitCode::from(self.code())
    }

    /// Every kind, in exit-code order.
    pub const ALL: [Kind; 9] = [
        Kind::Failure,
        Kind::Usage,
        Kind::Config,
        Kind::Auth,
        Kind::Refused,
        Kind::RateLimited,
        Kind::Network,
        Kind::Drift,
        Kind::Billing,
    ];

    /// A few words for `--help`'s list of exit codes.
    pub fn short(self) -> &'static str {
        match self {
            Kind::Failure => "other",
            Kind::Usage => "usage",
            Kind::Config => "config",
            Kind::Auth => "credentials or access",
            Kind::Refused => "refused by the API",
            Kind::RateLimited => "rate limited",
            Kind::Network => "network or server error",
            Kind::Drift => "apply --check found differences",
            Kind::Billing => "plan or credits",
        }
    }

    /// When this exit code is used, for the man page and the README's table.
    pub fn meaning(self) -> String {
        match self {
            Kind::Failure => "Anything not below (for example, the API answered 200 with a body that is not a JSON object).".to_owned(),
            Kind::Usage => "Usage: bad flags, no field given, a value too long, unreadable or non-UTF-8 input, an image that is missing, empty, too large or not GIF/JPEG/PNG, an unknown show --field.".to_owned(),
            Kind::Config => "Configuration: no or malformed config file (named with the line), unknown account, missing or malformed credential.".to_owned(),
            Kind::Auth => format!(
                "Rejected credentials or access: HTTP 401, API codes {}; auth status: a token that cannot write.",
                AUTH_API_CODES.map(|c| c.to_string()).join(", ")
            ),
            Kind::Refused => "The API refused the request otherwise (other 4xx, e.g. code 120, value too long).".to_owned(),
            Kind::RateLimited => "Rate limited (HTTP 429 or code 88) beyond --max-wait, or after the retries.".to_owned(),
            Kind::Network => "Network failure, timeout or server error (5xx, codes 130 and 131) after the retries; an untrusted TLS certificate (at once).".to_owned(),
            Kind::Drift => "apply --check: the profile differs from the file (nothing was changed).".to_owned(),
            Kind::Billing => format!(
                "The developer account's plan or credits: HTTP 402 (credits spent), API code {TIER_API_CODE} (the access tier lacks the endpoint), a usage cap reached (HTTP 429 saying so); never retried."
            ),
        }
    }

    /// The kind's name in the `--json` error object.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Failure => "failure",
            Kind::Usage => "usage",
            Kind::Config => "config",
            Kind::Auth => "auth",
            Kind::Refused => "refused",
            Kind::RateLimited => "rate_limited",
            Kind::Network => "network",
            Kind::Drift => "drift",
            Kind::Billing => "billing",
        }
    }
}

/// An error with a kind, a one-line message and an optional hint for what to do next.
#[derive(Debug)]
pub struct Error {
    /// Decides the exit code.
    pub kind: Kind,
    message: String,
    hint: Option<String>,
    /// The HTTP status of the answer this error reports, if any.
    http_status: Option<u16>,
    /// The API's own error codes in that answer.
    api_codes: Vec<i64>,
}

impl Error {
    /// An error of `kind` saying `message`.
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            hint: None,
            http_status: None,
            api_codes: Vec::new(),
        }
    }

    /// A usage error (exit 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Error::new(Kind::Usage, message)
    }

    /// A configuration error (exit 3).
    pub fn config(message: impl Into<String>) -> Self {
        Error::new(Kind::Config, message)
    }

    /// Adds what the user can do about it.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The same error with its message rewritten (kind and hint kept), for context known only
    /// further up.
    pub fn reword(mut self, reword: impl FnOnce(&str) -> String) -> Self {
        self.message = reword(&self.message);
        self
    }

    /// The same error with another kind.
    pub fn with_kind(mut self, kind: Kind) -> Self {
        self.kind = kind;
        self
    }

    /// Records the answer this error reports: its HTTP status and the API's error codes.
    pub fn with_answer(mut self, http_status: u16, api_codes: Vec<i64>) -> Self {
        self.http_status = Some(http_status);
        self.api_codes = api_codes;
        self
    }

    /// What the user can do about it, if we know.
    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }

    /// The HTTP status of the answer, when the error reports one.
    pub fn http_status(&self) -> Option<u16> {
        self.http_status
    }

    /// The API's error codes in the answer.
    pub fn api_codes(&self) -> &[i64] {
        &self.api_codes
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// An error already reported on stderr (one file of several that `apply` went through): it
/// sets the exit code and prints nothing more.
#[derive(Debug)]
pub struct Reported(pub Kind);

impl fmt::Display for Reported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "exit {}", self.0.code())
    }
}

impl std::error::Error for Reported {}

/// A short reason for an I/O error, without the "(os error N)" suffix.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        std::io::ErrorKind::IsADirectory => "is a directory".to_owned(),
        _ => e.to_string(),
    }
}

/// The kind and hint of an error chain: the first typed [`Error`] in it decides.
pub fn kind_and_hint(err: &anyhow::Error) -> (Kind, Option<&str>) {
    err.chain()
        .find_map(|cause| cause.downcast_ref::<Error>())
        .map_or((Kind::Failure, None), |e| (e.kind, e.hint()))
}

/// Prints an error chain once, as `error: …` on one line and an optional `hint: …` line; with
/// `json`, then one JSON object on a line of its own, for programs to branch on.
pub fn report(err: &anyhow::Error, json: bool) -> Kind {
    if let Some(Reported(kind)) = err.downcast_ref::<Reported>() {
        return *kind;
    }
    let (kind, hint) = kind_and_hint(err);
    let message = one_line(err);
    crate::stderr::labelled("error", &message);
    if let Some(hint) = hint {
        crate::stderr::labelled("hint", hint);
    }
    if json {
        crate::stderr::json(&object_of(err));
    }
    kind
}

/// An error chain's message on one line: `{:#}` joins the context chain with ": ".
fn one_line(err: &anyhow::Error) -> String {
    format!("{err:#}").replace(['\n', '\r'], " ")
}

/// The `--json` error object of an error chain (see [`object`]).
pub fn object_of(err: &anyhow::Error) -> serde_json::Value {
    let (kind, hint) = kind_and_hint(err);
    let typed = err.chain().find_map(|cause| cause.downcast_ref::<Error>());
    object(
        kind,
        &one_line(err),
        hint,
        typed.and_then(Error::http_status),
        typed.map_or(&[][..], Error::api_codes),
    )
}

/// The `--json` error object: `{"error":{"exit_code":…,"kind":…,"message":…}}`, with `hint`,
/// `http_status` and `api_codes` only when there is one.
pub fn object(
    kind: Kind,
    message: &str,
    hint: Option<&str>,
    http_status: Option<u16>,
    api_codes: &[i64],
) -> serde_json::Value {
    let mut error = serde_json::Map::new();
    error.insert("exit_code".into(), kind.code().into());
    error.insert("kind".into(), kind.name().into());
    error.insert("message".into(), message.into());
    if let Some(hint) = hint {
        error.insert("hint".into(), hint.into());
    }
    if let Some(status) = http_status {
        error.insert("http_status".into(), status.into());
    }
    if !api_codes.is_empty() {
        error.insert("api_codes".into(), api_codes.into());
    }
    serde_json::json!({ "error": error })
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn the_typed_error_decides_the_kind_under_context() {
        let err: anyhow::Result<()> = Err(Error::config("no account named bob").into());
        let err = err.context("loading credentials").unwrap_err();
        assert_eq!(kind_and_hint(&err).0, Kind::Config);
        assert_eq!(
            format!("{err:#}"),
            "loading credentials: no account named bob"
        );
    }

    #[test]
    fn rewording_keeps_kind_and_hint() {
        let err = Error::config("bad")
            .with_hint("fix it")
            .reword(|m| format!("step: {m}"));
        assert_eq!(err.to_string(), "step: bad");
        assert_eq!((err.kind, err.hint()), (Kind::Config, Some("fix it")));
        assert_eq!(err.with_kind(Kind::Auth).kind, Kind::Auth);
    }

    #[test]
    fn an_untyped_error_is_a_plain_failure() {
        let err = anyhow::anyhow!("boom");
        assert_eq!(kind_and_hint(&err), (Kind::Failure, None));
    }

    #[test]
    fn every_exit_code_is_described_once_and_in_order() {
        let codes: Vec<u8> = Kind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(codes, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        for kind in Kind::ALL {
            assert!(!kind.short().is_empty() && kind.meaning().ends_with('.'));
        }
        assert!(
            Kind::Auth
                .meaning()
                .contains("32, 64, 89, 135, 215, 220, 261, 326;")
        );
        assert!(Kind::Billing.meaning().contains("API code 453"));
    }

    /// The README's table of exit codes says what `Kind` says, row for row, and its list of
    /// `--json` kinds names them all, so that the README cannot drift from the code.
    #[test]
    fn the_readme_lists_the_exit_codes_as_they_are() {
        let readme = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));
        let section = readme
            .split("\n## Exit codes\n")
            .nth(1)
            .expect("the README has a section ## Exit codes");
        let rows: Vec<(String, String)> = section
            .lines()
            .skip_while(|line| !line.starts_with("| exit |"))
            .take_while(|line| line.starts_with('|'))
            .skip(2)
            .map(|row| {
                let (code, when) = row
                    .trim_matches('|')
                    .split_once('|')
                    .unwrap_or_else(|| panic!("not a row of two cells: {row}"));
                // Backticks are the README's markup, not words.
                (code.trim().to_owned(), when.trim().replace('`', ""))
            })
            .collect();
        let expected: Vec<(String, String)> = std::iter::once((0, SUCCESS.to_owned()))
            .chain(Kind::ALL.iter().map(|k| (k.code(), k.meaning())))
            .map(|(code, when)| (code.to_string(), when))
            .collect();
        assert_eq!(rows, expected);

        let kinds = section
            .lines()
            .find(|line| line.starts_with("| `kind` |"))
            .expect("the README lists the --json kinds");
        for kind in Kind::ALL {
            assert!(kinds.contains(&format!("`{}`", kind.name())), "{kinds}");
        }
    }
}
