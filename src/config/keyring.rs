//! Secrets kept in the operating system's credential store (`auth login --keyring`): the macOS
//! Keychain, Windows Credential Manager, the Secret Service (GNOME Keyring, KWallet) or the
//! kernel keyring. An account keeps one entry, service `twprofile` and user the account's name,
//! holding its four credentials; the config file says only which store (`keyring = "keyutils"`).
//!
//! Every store is built in on purpose, per platform: a store is never picked by default, so no
//! build can keep secrets in one that forgets them. What a store writes is read back at once.

use std::sync::Arc;

use keyring_core::{CredentialStore, Entry};
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::secret::{Credentials, Secret};

/// The service every entry is filed under.
const SERVICE: &str = "twprofile";

/// Most of a store's own reason shown in an error.
const REASON_MAX: usize = 200;

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

    /// The entry of account `account` in this store.
    fn entry(self, account: &str) -> Result<Entry, Error> {
        let store = self.open().map_err(|e| self.failure(&e))?;
        Entry::new_in_store(&store, SERVICE, account).map_err(|e| self.failure(&e))
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
            E::PlatformFailure(e) => Error::config(format!("{what} failed: {}", reason(e))),
            E::NoDefaultStore => Error::config(format!("{what} is not part of this build")),
            E::NoEntry => Error::config(format!("{what} has no such entry")),
            _ => Error::config(format!("{what} refused the entry")),
        }
    }
}

/// What an entry holds: the four credentials, as JSON.
#[derive(Serialize, Deserialize)]
struct Stored {
    consumer_key: String,
    consumer_secret: String,
    access_token: String,
    access_token_secret: String,
}

/// The four credentials as an entry holds them.
fn encode(credentials: &Credentials) -> String {
    let stored = Stored {
        consumer_key: credentials.consumer_key.expose().to_owned(),
        consumer_secret: credentials.consumer_secret.expose().to_owned(),
        access_token: credentials.access_token.expose().to_owned(),
        access_token_secret: credentials.access_token_secret.expose().to_owned(),
    };
    // Four strings always serialize.
    serde_json::to_string(&stored).unwrap_or_default()
}

/// Keeps account `account`'s credentials in `store`, replacing what it held, and reads them
/// back: a store that accepts a secret and keeps nothing must fail here, not at the next run.
/// Every error says "STORE did not keep the secrets" (see [`did_not_keep`]).
pub fn save(store: Store, account: &str, credentials: &Credentials) -> Result<(), Error> {
    let text = encode(credentials);
    let kept = store.entry(account).and_then(|entry| {
        entry.set_password(&text).map_err(|e| store.failure(&e))?;
        // Read back by a new handle, as the next run will.
        let back = store
            .entry(account)?
            .get_password()
            .map_err(|e| store.failure(&e))?;
        if back == text {
            Ok(())
        } else {
            Err(Error::config("what it gave back differs"))
        }
    });
    kept.map_err(|e| e.reword(|m| format!("{} did not keep the secrets: {m}", store.describe())))
}

/// Whether `error` is [`save`]'s: the store failed, so another store may do.
pub fn did_not_keep(store: Store, error: &Error) -> bool {
    error
        .to_string()
        .starts_with(&format!("{} did not keep the secrets", store.describe()))
}

/// Account `account`'s credentials from `store`, each remembered as a secret. A missing or
/// unreadable entry is exit 3 naming the account and the store, never what the entry held.
pub fn load(store: Store, account: &str, config: &str) -> Result<Credentials, Error> {
    let whose = format!(
        "account '{account}' in {config} keeps its secrets in {}",
        store.describe()
    );
    let again = format!(
        "run `twprofile auth login --keyring={} --account {}` again",
        store.name(),
        crate::sanitize::shell_quote(account)
    );
    let got = store
        .entry(account)
        .map_err(|e| e.reword(|m| format!("{whose}: {m}")))?
        .get_password();
    let text = match got {
        Ok(text) => text,
        Err(keyring_core::Error::NoEntry) => {
            let why = match store {
                Store::Keyutils => " (it forgets at reboot, and after days unused)",
                _ => "",
            };
            return Err(
                Error::config(format!("{whose}, but it has no entry for it{why}")).with_hint(again),
            );
        }
        Err(e) => {
            let error = store.failure(&e);
            return Err(error.reword(|m| format!("{whose}: {m}")));
        }
    };
    let stored: Stored = serde_json::from_str(&text).map_err(|_| {
        Error::config(format!(
            "{whose}, but its entry does not hold the four credentials"
        ))
        .with_hint(again.clone())
    })?;
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
    Ok(credentials)
}

/// Deletes account `account`'s entry from `store`; `Ok(false)` when it had none.
pub fn delete(store: Store, account: &str) -> Result<bool, Error> {
    match store.entry(account)?.delete_credential() {
        Ok(()) => Ok(true),
        Err(keyring_core::Error::NoEntry) => Ok(false),
        Err(e) => Err(store.failure(&e)),
    }
}

/// The user whose tokens account `account`'s entry in `store` holds (an access token begins
/// with its user's id), if it has an entry the store will give.
pub fn holder(store: Store, account: &str) -> Option<String> {
    let text = store.entry(account).ok()?.get_password().ok()?;
    let stored: Stored = serde_json::from_str(&text).ok()?;
    super::account::token_user_id(&stored.access_token).map(str::to_owned)
}

/// The text an entry holds now, if any, to put back when what replaced it must be undone.
pub fn current(store: Store, account: &str) -> Option<String> {
    store.entry(account).ok()?.get_password().ok()
}

/// Puts back what [`current`] returned: the entry as it was, or none.
pub fn restore(store: Store, account: &str, before: Option<&str>) {
    let Ok(entry) = store.entry(account) else {
        return;
    };
    let _ = match before {
        Some(text) => entry.set_password(text),
        None => entry.delete_credential(),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let text = encode(&credentials);
        assert_eq!(
            text,
            r#"{"consumer_key":"ck\"1","consumer_secret":"cs","access_token":"12-at","access_token_secret":"ats"}"#
        );
    }
}
