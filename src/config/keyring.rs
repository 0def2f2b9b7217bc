//! Secrets kept in the operating system's credential store (`auth login --keyring`): the macOS
//! Keychain, Windows Credential Manager, the Secret Service (GNOME Keyring, KWallet) or the
//! kernel keyring. An account keeps one entry, service `twprofile` and user its name with a
//! random suffix (`alice-3f9a2c1d`, so that two config files with an `alice` never share one),
//! holding its four credentials; the config file says only which store and entry
//! (`keyring = "keyutils"`, `keyring_entry = "alice-3f9a2c1d"`).
//!
//! Every store is built in on purpose, per platform: a store is never picked by default, so no
//! build can keep secrets in one that forgets them. What a store writes is read back at once.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use keyring_core::{CredentialStore, Entry};
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::secret::{Credentials, Secret};

/// The service every entry is filed under.
const SERVICE: &str = "twprofile";

/// Most of a store's own reason shown in an error.
const REASON_MAX: usize = 200;

/// Longest a store may take to answer: a locked keyring can wait for a password nobody will
/// type (a dialog on a desktop no one watches, a cron job's D-Bus session), and an unattended
/// run must end.
const DEADLINE: Duration = Duration::from_secs(30);

/// Credentials already read this run, by store and account: `apply` of many files that name
/// one account asks the store once.
static READ: Mutex<Vec<(Store, String, Credentials)>> = Mutex::new(Vec::new());

/// A credential store, as the config file names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Store {
    /// The macOS Keychain (`keychain`).
    Keychain,
    /// Windows Credential Manager (`windows`).
    Windows,
    /// The freedesktop Secret Service over D-Bus (`secret-service`).
    SecretService,
    /// The Linux kernel keyring (`keyutils`).
    Keyutils,
}

/// Every store's name, for errors and `--keyring=STORE`.
pub const STORE_NAMES: [&str; 4] = ["keychain", "windows", "secret-service", "keyutils"];

impl Store {
    /// The store a config file or `--keyring=NAME` names.
    pub fn parse(name: &str) -> Option<Store> {
        match name {
            "keychain" => Some(Store::Keychain),
            "windows" => Some(Store::Windows),
            "secret-service" => Some(Store::SecretService),
            "keyutils" => Some(Store::Keyutils),
            _ => None,
        }
    }

    /// Its name in the config file.
    pub fn name(self) -> &'static str {
        match self {
            Store::Keychain => "keychain",
            Store::Windows => "windows",
            Store::SecretService => "secret-service",
            Store::Keyutils => "keyutils",
        }
    }

    /// Its name for people: `the kernel keyring`.
    pub fn describe(self) -> &'static str {
        match self {
            Store::Keychain => "the macOS Keychain",
            Store::Windows => "Windows Credential Manager",
            Store::SecretService => "the Secret Service",
            Store::Keyutils => "the kernel keyring",
        }
    }

    /// The stores this build has, in the order a bare `--keyring` tries them: on Linux the
    /// Secret Service, which keeps secrets across reboots, before the kernel keyring, which is
    /// there on every headless machine but forgets at reboot.
    pub fn available() -> &'static [Store] {
        if cfg!(target_os = "macos") {
            &[Store::Keychain]
        } else if cfg!(windows) {
            &[Store::Windows]
        } else if cfg!(target_os = "linux") {
            &[Store::SecretService, Store::Keyutils]
        } else {
            &[]
        }
    }

    /// The store itself, connected.
    fn open(self) -> Result<Arc<CredentialStore>, keyring_core::Error> {
        #[cfg(any(target_os = "linux", target_os = "macos", windows))]
        let config = std::collections::HashMap::new();
        match self {
            #[cfg(target_os = "macos")]
            Store::Keychain => {
                Ok(apple_native_keyring_store::keychain::Store::new_with_configuration(&config)?)
            }
            #[cfg(windows)]
            Store::Windows => Ok(windows_native_keyring_store::Store::new_with_configuration(
                &config,
            )?),
            #[cfg(target_os = "linux")]
            Store::SecretService => {
                Ok(zbus_secret_service_keyring_store::Store::new_with_configuration(&config)?)
            }
            #[cfg(target_os = "linux")]
            Store::Keyutils => {
                // A process outside a login session (a container, a cron job) has no session
                // keyring of its own, only the user's shared one, through which the store cannot
                // reach the user's persistent keyring where entries live. Starting one for this
                // process (a new, empty one only when it has none) lets it; errors show below.
                let _ = linux_keyutils::KeyRing::from_special_id(
                    linux_keyutils::KeyRingIdentifier::Session,
                    true,
                );
                Ok(linux_keyutils_keyring_store::Store::new_with_configuration(
                    &config,
                )?)
            }
            #[allow(unreachable_patterns)]
            _ => Err(keyring_core::Error::NoDefaultStore),
        }
    }

    /// The entry named `entry` in this store.
    fn entry(self, entry: &str) -> Result<Entry, Error> {
        let store = self.open().map_err(|e| self.failure(&e))?;
        Entry::new_in_store(&store, SERVICE, entry).map_err(|e| self.failure(&e))
    }

    /// A store's error in this tool's words (exit 3). Only the store's own reason for a
    /// platform failure is quoted, one line and bounded; never what an entry held.
    fn failure(self, error: &keyring_core::Error) -> Error {
        use keyring_core::Error as E;
        let what = self.describe();
        let reason = |e: &dyn std::fmt::Display| {
            let text = e.to_string();
            let text = crate::sanitize::line(&text);
            let end = crate::sanitize::floor_char_boundary(&text, REASON_MAX);
            text[..end].to_owned()
        };
        match error {
            E::NoStorageAccess(e) => {
                let error = Error::config(format!("{what} cannot be used here: {}", reason(e)));
                match self {
                    Store::Keyutils => error.with_hint(
                        "a container's seccomp profile often forbids the kernel keyring (Docker's default does): keep the secrets in files or a <key>_command there",
                    ),
                    _ => error,
                }
            }
            E::PlatformFailure(e) => {
                let error = Error::config(format!("{what} failed: {}", reason(e)));
                match self {
                    Store::SecretService => error.with_hint(
                        "the Secret Service needs a D-Bus session, which a desktop login has and SSH or cron usually not: on a headless machine use --keyring=keyutils",
                    ),
                    _ => error,
                }
            }
            E::NoDefaultStore => Error::config(format!("{what} is not part of this build")),
            E::NoEntry => Error::config(format!("{what} has no such entry")),
            _ => Error::config(format!("{what} refused the entry")),
        }
    }
}

/// Runs `operation` on a store, giving up after `deadline`: the store's call goes on in its
/// thread, which the process leaves behind when it exits.
fn within<T: Send + 'static>(
    store: Store,
    deadline: Duration,
    operation: impl FnOnce() -> Result<T, Error> + Send + 'static,
) -> Result<T, Error> {
    let (send, receive) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("credential store".to_owned())
        .spawn(move || {
            let _ = send.send(operation());
        });
    if spawned.is_err() {
        return Err(Error::config(format!(
            "{} could not be asked: no thread",
            store.describe()
        )));
    }
    receive.recv_timeout(deadline).unwrap_or_else(|_| {
        Err(Error::config(format!(
            "{} did not answer within {} s",
            store.describe(),
            deadline.as_secs()
        ))
        .with_hint("a locked keyring waits for its password: unlock it, or keep the secrets in a file or a <key>_command for unattended runs"))
    })
}

/// Sets entry `entry` to `text` and reads it back by a new handle, within the deadline.
fn set_and_read_back(store: Store, entry: &str, text: &str) -> Result<String, Error> {
    let (entry, text) = (entry.to_owned(), text.to_owned());
    within(store, DEADLINE, move || {
        store
            .entry(&entry)?
            .set_password(&text)
            .map_err(|e| store.failure(&e))?;
        store
            .entry(&entry)?
            .get_password()
            .map_err(|e| store.failure(&e))
    })
}

/// What entry `entry` holds: `Ok(None)` when there is none.
fn get(store: Store, entry: &str) -> Result<Option<String>, Error> {
    let entry = entry.to_owned();
    within(store, DEADLINE, move || {
        match store.entry(&entry)?.get_password() {
            Ok(text) => Ok(Some(text)),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(store.failure(&e)),
        }
    })
}

/// What an entry holds: the four credentials, as JSON, and the user they were saved for.
#[derive(Serialize, Deserialize)]
struct Stored {
    consumer_key: String,
    consumer_secret: String,
    access_token: String,
    access_token_secret: String,
    /// Whose tokens these are, as the login found: what lets a logout know the entry is its
    /// account's before deleting it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    user_id: Option<String>,
}

/// The four credentials as an entry holds them, with their user.
fn encode(credentials: &Credentials, user_id: Option<&str>) -> String {
    let stored = Stored {
        consumer_key: credentials.consumer_key.expose().to_owned(),
        consumer_secret: credentials.consumer_secret.expose().to_owned(),
        access_token: credentials.access_token.expose().to_owned(),
        access_token_secret: credentials.access_token_secret.expose().to_owned(),
        user_id: user_id.map(str::to_owned),
    };
    // Strings always serialize.
    serde_json::to_string(&stored).unwrap_or_default()
}

/// A new entry name for account `account`: its name and a random suffix.
pub fn fresh_entry(account: &str) -> String {
    format!("{account}-{:08x}", fastrand::u32(..))
}

/// Keeps credentials in entry `entry` of `store`, replacing what it held, and reads them
/// back: a store that accepts a secret and keeps nothing must fail here, not at the next run.
/// Every error says "STORE did not keep the secrets" (see [`did_not_keep`]).
pub fn save(
    store: Store,
    entry: &str,
    credentials: &Credentials,
    user_id: Option<&str>,
) -> Result<(), Error> {
    let text = encode(credentials, user_id);
    let kept = set_and_read_back(store, entry, &text).and_then(|back| {
        if back == text {
            Ok(())
        } else {
            Err(Error::config("what it gave back differs"))
        }
    });
    if kept.is_ok() {
        forget(store, entry);
    }
    let what = store.describe();
    kept.map_err(|e| {
        e.reword(|m| {
            let reason = m.strip_prefix(what).map_or(m, str::trim_start);
            format!("{what} did not keep the secrets ({reason})")
        })
    })
}

/// Drops what this run read of entry `entry`, after it changed.
fn forget(store: Store, entry: &str) {
    if let Ok(mut read) = READ.lock() {
        read.retain(|(s, e, _)| !(*s == store && e == entry));
    }
}

/// Whether `error` is [`save`]'s: the store failed, so another store may do.
pub fn did_not_keep(store: Store, error: &Error) -> bool {
    error
        .to_string()
        .starts_with(&format!("{} did not keep the secrets", store.describe()))
}

/// Account `account`'s credentials from entry `entry` of `store`, each remembered as a secret.
/// A missing, unreadable or incomplete entry is exit 3 naming the account and the store, never
/// what the entry held.
pub fn load(store: Store, entry: &str, account: &str, config: &Path) -> Result<Credentials, Error> {
    let whose = format!(
        "account '{account}' in {} keeps its secrets in {}",
        config.display(),
        store.describe()
    );
    let again = format!(
        "log in again: `twprofile auth login --keyring={} --account {}{}` (with --with-token for the developer portal's four values)",
        store.name(),
        crate::sanitize::shell_quote(account),
        super::config_flag_for(config)
    );
    if let Some((_, _, credentials)) = READ.lock().ok().and_then(|read| {
        read.iter()
            .find(|(s, e, _)| *s == store && e == entry)
            .cloned()
    }) {
        return Ok(credentials);
    }
    let text = match get(store, entry) {
        Ok(Some(text)) => text,
        Ok(None) => {
            let why = match store {
                Store::Keyutils => " (it forgets at reboot, and after days unused)",
                _ => "",
            };
            return Err(Error::config(format!(
                "{whose}, but it has no entry '{}'{why}",
                crate::sanitize::line(entry)
            ))
            .with_hint(again));
        }
        Err(e) => return Err(e.reword(|m| format!("{whose}: {m}"))),
    };
    let stored: Stored = serde_json::from_str(&text).map_err(|_| {
        Error::config(format!(
            "{whose}, but its entry does not hold the four credentials"
        ))
        .with_hint(again.clone())
    })?;
    let values = [
        &stored.consumer_key,
        &stored.consumer_secret,
        &stored.access_token,
        &stored.access_token_secret,
    ];
    if values.iter().any(|v| v.is_empty()) {
        return Err(
            Error::config(format!("{whose}, but its entry has an empty credential"))
                .with_hint(again),
        );
    }
    let credentials = Credentials {
        consumer_key: Secret::new(stored.consumer_key),
        consumer_secret: Secret::new(stored.consumer_secret),
        access_token: Secret::new(stored.access_token),
        access_token_secret: Secret::new(stored.access_token_secret),
    };
    for secret in [
        &credentials.consumer_key,
        &credentials.consumer_secret,
        &credentials.access_token,
        &credentials.access_token_secret,
    ] {
        crate::secret::remember(secret.expose());
    }
    if let Ok(mut read) = READ.lock() {
        read.push((store, entry.to_owned(), credentials.clone()));
    }
    Ok(credentials)
}

/// Deletes entry `entry` of `store`; `Ok(false)` when there was none.
pub fn delete(store: Store, entry: &str) -> Result<bool, Error> {
    forget(store, entry);
    let entry = entry.to_owned();
    within(store, DEADLINE, move || {
        match store.entry(&entry)?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring_core::Error::NoEntry) => Ok(false),
            Err(e) => Err(store.failure(&e)),
        }
    })
}

/// Whose tokens an entry holds, as far as its store says.
#[derive(Debug, PartialEq, Eq)]
pub enum Holder {
    /// The store has no such entry.
    Absent,
    /// An entry that does not say (or a store that did not answer).
    Unknown,
    /// The user the login recorded in the entry, else the one its access token begins with.
    User(String),
}

/// Whose tokens entry `entry` of `store` holds.
pub fn holder(store: Store, entry: &str) -> Holder {
    let text = match get(store, entry) {
        Ok(Some(text)) => text,
        Ok(None) => return Holder::Absent,
        Err(_) => return Holder::Unknown,
    };
    let Ok(stored) = serde_json::from_str::<Stored>(&text) else {
        return Holder::Unknown;
    };
    stored
        .user_id
        .or_else(|| super::account::token_user_id(&stored.access_token).map(str::to_owned))
        .map_or(Holder::Unknown, Holder::User)
}

/// Whether `entry` can name an entry: not empty, at most 256 bytes, no control characters.
pub fn valid_entry(entry: &str) -> bool {
    !entry.is_empty() && entry.len() <= 256 && !entry.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_that_does_not_answer_is_given_up_on_at_the_deadline() {
        let started = std::time::Instant::now();
        let error = within(Store::SecretService, Duration::from_millis(200), || {
            std::thread::sleep(Duration::from_secs(5));
            Ok(())
        })
        .unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(2));
        assert_eq!(
            error.to_string(),
            "the Secret Service did not answer within 0 s"
        );
        assert!(error.hint().is_some_and(|h| h.contains("locked keyring")));
        let answer = within(Store::Keyutils, Duration::from_secs(5), || Ok(7));
        assert_eq!(answer.ok(), Some(7));
    }

    #[test]
    fn a_stores_errors_are_said_in_its_name_with_what_to_do() {
        use keyring_core::Error as E;
        let platform = |text: &str| -> keyring_core::error::PlatformError {
            Box::new(std::io::Error::other(text.to_owned()))
        };
        let error = Store::Keyutils.failure(&E::NoStorageAccess(platform("denied")));
        assert_eq!(
            error.to_string(),
            "the kernel keyring cannot be used here: denied"
        );
        assert!(error.hint().is_some_and(|h| h.contains("seccomp")));
        let error = Store::SecretService.failure(&E::NoStorageAccess(platform("x\u{7}")));
        assert_eq!(error.hint(), None);
        assert!(!error.to_string().contains('\u{7}'), "{error}");
        let error = Store::Keyutils.failure(&E::PlatformFailure(platform(&"y".repeat(500))));
        assert_eq!(
            error.to_string().len(),
            "the kernel keyring failed: ".len() + 200
        );
        assert_eq!(error.hint(), None);
        assert_eq!(
            Store::Keychain.failure(&E::NoDefaultStore).to_string(),
            "the macOS Keychain is not part of this build"
        );
        assert_eq!(
            Store::Windows.failure(&E::NoEntry).to_string(),
            "Windows Credential Manager has no such entry"
        );
        assert_eq!(
            Store::Keyutils
                .failure(&E::BadEncoding(b"hunter2".to_vec()))
                .to_string(),
            "the kernel keyring refused the entry"
        );
    }

    #[test]
    fn every_store_is_named_and_parsed_back() {
        for name in STORE_NAMES {
            let store = Store::parse(name).expect(name);
            assert_eq!(store.name(), name);
        }
        assert_eq!(Store::parse("Keyutils"), None);
        assert_eq!(Store::parse(""), None);
    }

    #[test]
    fn an_entry_holds_the_four_credentials_and_nothing_else() {
        let credentials = Credentials {
            consumer_key: Secret::new("ck\"1"),
            consumer_secret: Secret::new("cs"),
            access_token: Secret::new("12-at"),
            access_token_secret: Secret::new("ats"),
        };
        let text = encode(&credentials, None);
        assert_eq!(
            text,
            r#"{"consumer_key":"ck\"1","consumer_secret":"cs","access_token":"12-at","access_token_secret":"ats"}"#
        );
        let text = encode(&credentials, Some("12"));
        assert!(
            text.ends_with(r#""access_token_secret":"ats","user_id":"12"}"#),
            "{text}"
        );
    }
}
