//! The `TWPROFILE_*` variables, and what makes a credential one.

use std::path::PathBuf;

use super::Credentials;
use crate::color::ColorVars;
use crate::error::Error;
use crate::secret::Secret;

/// Every variable twprofile reads, with what it means: the one list `--help` and the man page
/// show.
pub const VARIABLES: &[(&str, &str)] = &[
    (
        "TWPROFILE_CONSUMER_KEY, TWPROFILE_CONSUMER_SECRET, TWPROFILE_ACCESS_TOKEN, TWPROFILE_ACCESS_TOKEN_SECRET",
        "Credentials for CI. When TWPROFILE_ACCESS_TOKEN is set, all four are used and no config file is needed; a missing or empty one is named in the error. auth login reads the consumer pair from the first two, and --with-token all four.",
    ),
    (
        "TWPROFILE_CONSUMER_KEY_FILE, … (a _FILE twin of each credential variable)",
        "The credential read from the file it names (a regular file, at most 1 MiB, one trailing newline dropped), as container secrets are mounted.",
    ),
    ("TWPROFILE_CONFIG", "The config file."),
    ("TWPROFILE_ACCOUNT", "The account to act as."),
    (
        "TWPROFILE_NOW",
        "The time templates see as now (RFC 3339, such as 2026-12-03T09:00:00Z): for tests and previews.",
    ),
    (
        "TWPROFILE_STATE",
        "The state file where apply records what it uploaded (default: state.toml in the user state dir, $XDG_STATE_HOME/twprofile on Linux).",
    ),
    (
        "TWPROFILE_COMPLETE",
        "Set by the bash, zsh and fish completion scripts: answer a TAB instead of running.",
    ),
    (
        "TWPROFILE_API_BASE",
        "The API base URL (default https://api.x.com); wins over api_base.",
    ),
    (
        "NO_COLOR",
        "When set and not empty, no colour under --color auto.",
    ),
    (
        "CLICOLOR_FORCE",
        "When set and not 0, colour under --color auto even into a pipe (NO_COLOR still wins).",
    ),
    ("CLICOLOR", "When 0, no colour under --color auto."),
    ("TERM", "When dumb, no colour under --color auto."),
    (
        "SSL_CERT_FILE, SSL_CERT_DIR",
        "Extra trusted certificates (a corporate proxy's CA, say), read only when a server's issuer is not among the bundled Mozilla roots. A file that is not regular, or over 16 MiB, is refused.",
    ),
    ("HTTPS_PROXY, HTTP_PROXY, NO_PROXY", "Proxies, as usual."),
];

/// The variables this process reads, read once so the rest of the code (and its tests) never
/// touch the process environment.
#[derive(Clone, Debug, Default)]
pub struct Environment {
    /// `TWPROFILE_CONFIG`, a path as the system gives it.
    pub config: Option<PathBuf>,
    /// `TWPROFILE_ACCOUNT`
    pub account: Option<String>,
    /// `TWPROFILE_STATE`, a path as the system gives it.
    pub state: Option<PathBuf>,
    /// `TWPROFILE_API_BASE`
    pub api_base: Option<String>,
    /// The four credential variables; set-but-empty is kept.
    pub credentials: EnvCredentials,
    /// `NO_COLOR`, `CLICOLOR_FORCE`, `CLICOLOR` and `TERM`.
    pub color: ColorVars,
    /// `TWPROFILE_NOW`: the time templates see, when set.
    pub now: Option<String>,
}

/// `TWPROFILE_CONSUMER_KEY`, `…_CONSUMER_SECRET`, `…_ACCESS_TOKEN`, `…_ACCESS_TOKEN_SECRET`,
/// each from the variable or from the file its `_FILE` twin names.
#[derive(Clone, Debug, Default)]
pub struct EnvCredentials {
    /// `TWPROFILE_CONSUMER_KEY`
    pub consumer_key: Option<Secret>,
    /// `TWPROFILE_CONSUMER_SECRET`
    pub consumer_secret: Option<Secret>,
    /// `TWPROFILE_ACCESS_TOKEN`: when set, the four are the credentials of every command.
    pub access_token: Option<Secret>,
    /// `TWPROFILE_ACCESS_TOKEN_SECRET`
    pub access_token_secret: Option<Secret>,
    /// The variables whose value came from a `_FILE`, for `auth status`.
    pub from_files: Vec<&'static str>,
    /// What went wrong reading a `_FILE` (or a variable set both ways), by variable, told when
    /// the credentials are used; never the content.
    pub problems: Vec<(&'static str, String)>,
    /// Which of the credential variables and their `_FILE` twins are set, empty or not.
    pub set: Vec<String>,
}

/// The credential variables, in the order errors list them, with the config key each stands
/// for.
pub(super) const CREDENTIAL_VARIABLES: [(&str, &str); 4] = [
    ("TWPROFILE_CONSUMER_KEY", "consumer_key"),
    ("TWPROFILE_CONSUMER_SECRET", "consumer_secret"),
    ("TWPROFILE_ACCESS_TOKEN", "access_token"),
    ("TWPROFILE_ACCESS_TOKEN_SECRET", "access_token_secret"),
];

/// What a credential variable's `_FILE` may name: a regular file (a Kubernetes secret's link
/// is followed), small, as container runtimes mount secrets.
const SECRET_FILE: crate::textfile::Role = crate::textfile::Role {
    name: "secret file",
    hint: Some("point the _FILE variable at a regular file holding only the value"),
    max: 1024 * 1024,
    kind: crate::error::Kind::Config,
};

/// One credential variable: its value, from the variable or from the file `NAME_FILE` names
/// (less one trailing newline), and what went wrong, if anything.
fn credential(name: &'static str) -> (Option<Secret>, bool, Option<String>) {
    let value = std::env::var_os(name).map(|v| v.to_string_lossy().into_owned());
    let file_name = format!("{name}_FILE");
    let Some(file) = std::env::var_os(&file_name) else {
        return (value.map(Secret::new), false, None);
    };
    if file.is_empty() {
        // As an empty variable is: a CI secret that did not expand, not a reason to fall back
        // to another account's credentials.
        return (
            None,
            true,
            Some(format!(
                "{file_name} is set but empty (a CI secret that did not expand?)"
            )),
        );
    }
    if value.is_some() {
        return (
            None,
            false,
            Some(format!("{name} and {file_name} are both set; keep one")),
        );
    }
    let path = PathBuf::from(file);
    match crate::textfile::read(&path, &SECRET_FILE) {
        Ok(Some(mut text)) => {
            crate::textfile::drop_trailing_newline(&mut text);
            (Some(Secret::new(text)), true, None)
        }
        Ok(None) => (
            None,
            true,
            Some(format!(
                "{file_name} names {}, which does not exist",
                path.display()
            )),
        ),
        Err(e) => (None, true, Some(format!("{file_name}: {e}"))),
    }
}

impl EnvCredentials {
    /// Reads the four variables (and their `_FILE` twins), remembering every value as a secret.
    fn from_process() -> Self {
        let mut credentials = EnvCredentials {
            set: CREDENTIAL_VARIABLES
                .iter()
                .flat_map(|(name, _)| [(*name).to_owned(), format!("{name}_FILE")])
                .filter(|name| std::env::var_os(name).is_some())
                .collect(),
            ..EnvCredentials::default()
        };
        for (name, _) in CREDENTIAL_VARIABLES {
            let (value, from_file, problem) = credential(name);
            if let Some(value) = &value {
                crate::secret::remember(value.expose());
            }
            if from_file && problem.is_none() {
                credentials.from_files.push(name);
            }
            if let Some(problem) = problem {
                credentials.problems.push((name, problem));
            }
            let slot = match name {
                "TWPROFILE_CONSUMER_KEY" => &mut credentials.consumer_key,
                "TWPROFILE_CONSUMER_SECRET" => &mut credentials.consumer_secret,
                "TWPROFILE_ACCESS_TOKEN" => &mut credentials.access_token,
                _ => &mut credentials.access_token_secret,
            };
            *slot = value;
        }
        credentials
    }

    /// Whether the access token is given, by its variable or its `_FILE` (even one that could
    /// not be read): the environment's credentials are then the ones every command uses.
    pub fn token_given(&self) -> bool {
        self.access_token.is_some()
            || self
                .problems
                .iter()
                .any(|(name, _)| *name == "TWPROFILE_ACCESS_TOKEN")
    }

    /// A warning for credential variables set beside no access token: the environment's
    /// credentials are used all four or not at all, and these are not.
    pub fn ignored(&self) -> Option<String> {
        if self.token_given() {
            return None;
        }
        let set = &self.set;
        (!set.is_empty()).then(|| {
            format!(
                "{} {} set, but without TWPROFILE_ACCESS_TOKEN (or its _FILE) the environment's credentials are not used: the config file's account signs",
                set.join(", "),
                if set.len() == 1 { "is" } else { "are" }
            )
        })
    }

    /// How errors name where a credential came from: `TWPROFILE_ACCESS_TOKEN`, or `the file
    /// TWPROFILE_ACCESS_TOKEN_FILE names`.
    pub(super) fn source(&self, name: &str) -> String {
        if self.from_files.contains(&name) {
            format!("the file {name}_FILE names")
        } else {
            name.to_owned()
        }
    }

    /// Refuses (exit 3) credentials whose `_FILE` could not be read, naming the variable.
    pub fn check_files(&self) -> Result<(), Error> {
        match self.problems.first() {
            Some((_, problem)) => Err(Error::config(problem.clone())
                .with_hint("a NAME_FILE variable names a regular file holding only the value")),
            None => Ok(()),
        }
    }

    /// Each variable's name with its value, in the order errors list them.
    fn named(&self) -> [(&'static str, &Option<Secret>); 4] {
        [
            ("TWPROFILE_CONSUMER_KEY", &self.consumer_key),
            ("TWPROFILE_CONSUMER_SECRET", &self.consumer_secret),
            ("TWPROFILE_ACCESS_TOKEN", &self.access_token),
            ("TWPROFILE_ACCESS_TOKEN_SECRET", &self.access_token_secret),
        ]
    }
}

impl Environment {
    /// Reads the variables of this process. A value that is not UTF-8 is kept with U+FFFD in
    /// place of the bad bytes, so that it is refused by name rather than taken for unset.
    pub fn from_process() -> Self {
        let var = |name: &str| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned());
        let non_empty = |name: &str| var(name).filter(|v| !v.is_empty());
        Environment {
            config: std::env::var_os("TWPROFILE_CONFIG")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
            account: non_empty("TWPROFILE_ACCOUNT"),
            state: std::env::var_os("TWPROFILE_STATE")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
            api_base: non_empty("TWPROFILE_API_BASE"),
            now: non_empty("TWPROFILE_NOW"),
            // Every credential the run can see is remembered, so that none is ever shown or
            // published, whichever account the run acts as.
            credentials: EnvCredentials::from_process(),
            color: ColorVars::from_process(),
        }
    }
}

pub(super) fn credentials_from_env(env: &Environment) -> Result<Credentials, Error> {
    env.credentials.check_files()?;
    let named = env.credentials.named();
    let missing: Vec<&str> = named
        .iter()
        .filter(|(_, value)| value.as_ref().is_none_or(Secret::is_empty))
        .map(|(name, _)| *name)
        .collect();
    if !missing.is_empty() {
        // The token itself may be the empty one: a CI secret that did not expand.
        let token = env.credentials.source("TWPROFILE_ACCESS_TOKEN");
        let why = if missing.contains(&"TWPROFILE_ACCESS_TOKEN") {
            if env
                .credentials
                .from_files
                .contains(&"TWPROFILE_ACCESS_TOKEN")
            {
                format!("{token} is empty")
            } else {
                format!("{token} is set but empty (a CI secret that did not expand?)")
            }
        } else if env
            .credentials
            .from_files
            .contains(&"TWPROFILE_ACCESS_TOKEN")
        {
            "TWPROFILE_ACCESS_TOKEN_FILE is set, so credentials come from the environment"
                .to_owned()
        } else {
            "TWPROFILE_ACCESS_TOKEN is set, so credentials come from the environment".to_owned()
        };
        let others: Vec<String> = missing
            .iter()
            .filter(|name| **name != "TWPROFILE_ACCESS_TOKEN")
            .map(|name| env.credentials.source(name))
            .collect();
        let message = match others.as_slice() {
            [] => why,
            [one] => format!("{why}, but {one} is unset or empty"),
            many => format!("{why}, but {} are unset or empty", many.join(", ")),
        };
        return Err(Error::config(message)
        .with_hint("set all four TWPROFILE_* credential variables (or their _FILE twins), or unset TWPROFILE_ACCESS_TOKEN and TWPROFILE_ACCESS_TOKEN_FILE to use the config file"));
    }
    for (name, value) in named {
        let source = env.credentials.source(name);
        check_credential(value.as_ref().unwrap_or(&Secret::default()), &source)?;
    }
    let given = env.credentials.clone();
    Ok(Credentials {
        consumer_key: given.consumer_key.unwrap_or_default(),
        consumer_secret: given.consumer_secret.unwrap_or_default(),
        access_token: given.access_token.unwrap_or_default(),
        access_token_secret: given.access_token_secret.unwrap_or_default(),
    })
}

/// Refuses a credential that cannot be what the developer portal showed: one with whitespace at
/// either end (a pasted newline is the usual one) or a control character. `what` names where it
/// came from; the value itself is never shown.
pub fn check_credential(value: &Secret, what: &str) -> Result<(), Error> {
    let text = value.expose();
    let problem = if text.trim() != text {
        "starts or ends with whitespace (often a newline kept when it was pasted)"
    } else if text.chars().any(char::is_control) {
        "contains a control character"
    } else if text.chars().any(crate::sanitize::is_invisible) {
        "contains an invisible character (a BOM or a zero-width space, say)"
    } else if text.contains('\u{FFFD}') {
        "is not valid UTF-8"
    } else {
        return Ok(());
    };
    Err(Error::config(format!("{what} {problem}"))
        .with_hint("set it again to exactly the value the developer portal shows"))
}
