//! `auth login --keyring`: secrets in the OS credential store, the config file saying only which
//! store, on the real binary against the fake API. On Linux the kernel keyring (keyutils) is the
//! store every machine has; each test saves with one process and reads back with another, so a
//! store that keeps nothing cannot pass.
//!
//! Where the kernel keyring cannot be reached (a seccomp profile that forbids `keyctl`, another
//! system), the tests that need it say so on stderr and stop; with
//! `TWPROFILE_TEST_KEYRING=required` (as `.ci/run` sets it) that is a failure instead.

mod support;

use std::process::Output;

use support::{
    ACCESS_TOKEN, ACCESS_TOKEN_SECRET, CONSUMER_KEY, CONSUMER_SECRET, FakeApi, Profile, SECRETS,
    Sandbox, assert_exit, assert_no_secrets, texts,
};

/// Whether the kernel keyring answers here; else why the test stops.
fn keyutils_here(test: &str) -> bool {
    #[cfg(target_os = "linux")]
    {
        // KEYCTL_GET_KEYRING_ID of the user keyring, without creating anything.
        // SAFETY: a keyctl(2) call with integer arguments only.
        let id = unsafe { libc::syscall(libc::SYS_keyctl, 0, libc::KEY_SPEC_USER_KEYRING, 0) };
        if id >= 0 {
            return true;
        }
    }
    let why = format!(
        "SKIPPED {test}: the kernel keyring cannot be reached here ({})",
        std::io::Error::last_os_error()
    );
    assert!(
        std::env::var("TWPROFILE_TEST_KEYRING").as_deref() != Ok("required"),
        "{why}, and TWPROFILE_TEST_KEYRING=required"
    );
    eprintln!("{why}");
    false
}

/// An account name no other test or run shares: entries live in the user's keyring, not in the
/// sandbox.
fn unique(tag: &str) -> String {
    format!("kr-{tag}-{}-{}", std::process::id(), fastrand::u32(..))
}

/// `auth login --with-token` as `name`, with the secrets on stdin and `keyring` as given.
fn login(sandbox: &Sandbox, api: &FakeApi, name: &str, keyring: &str, more: &[&str]) -> Output {
    sandbox
        .cmd()
        .env("TWPROFILE_API_BASE", api.base())
        .args(["auth", "login", "--with-token", "-a", name, keyring])
        .args(["--consumer-key", CONSUMER_KEY, "--access-token"])
        .arg(more.first().copied().unwrap_or(ACCESS_TOKEN))
        .write_stdin(format!(
            "{CONSUMER_SECRET}\n{}\n",
            more.get(1).copied().unwrap_or(ACCESS_TOKEN_SECRET)
        ))
        .args(more.get(2..).unwrap_or_default())
        .output()
        .expect("run")
}

/// A sandbox whose config file has no account yet, only the fake API's address.
fn sandbox_for(api: &FakeApi) -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.write_config(&format!("api_base = \"{}\"\n", api.base()));
    sandbox
}

fn config_text(sandbox: &Sandbox) -> String {
    std::fs::read_to_string(sandbox.default_config()).unwrap_or_default()
}

/// Removes `name`'s entry whatever a failed test left: logout deletes it.
struct Cleanup<'a>(&'a Sandbox, String);

impl Drop for Cleanup<'_> {
    fn drop(&mut self) {
        let _ = self.0.run(&["auth", "logout", "-a", &self.1]);
    }
}

#[test]
fn a_keyring_login_keeps_no_secret_in_the_file_and_the_next_process_reads_it_back() {
    if !keyutils_here("keyring login") {
        return;
    }
    let api = FakeApi::start();
    let sandbox = sandbox_for(&api);
    let name = unique("login");
    let _cleanup = Cleanup(&sandbox, name.clone());
    let out = login(&sandbox, &api, &name, "--keyring=keyutils", &[]);
    assert_exit(&out, 0);
    assert_no_secrets(&out, &api);
    assert!(
        texts(&out)
            .1
            .contains("its secrets are in the kernel keyring"),
        "{:?}",
        texts(&out)
    );
    let text = config_text(&sandbox);
    assert!(text.contains("keyring = \"keyutils\""), "{text}");
    assert!(text.contains("user_id = \"6253282\""), "{text}");
    for secret in SECRETS {
        assert!(
            !text.contains(secret),
            "a secret is in the config file:\n{text}"
        );
    }

    // Another process signs with what the keyring gave back.
    let out = sandbox.run(&["show", "-a", &name]);
    assert_exit(&out, 0);
    assert_no_secrets(&out, &api);
    assert!(texts(&out).0.contains("@alice"), "{:?}", texts(&out));
    let requests = api.requests();
    assert!(requests.iter().all(|r| r.verdict.is_ok()), "{requests:?}");

    // auth status says where they are, and not what.
    let out = sandbox.run(&["auth", "status", "-a", &name]);
    assert_exit(&out, 0);
    assert_no_secrets(&out, &api);
    let (stdout, _) = texts(&out);
    assert!(
        stdout.contains("secrets  the kernel keyring (consumer_key, consumer_secret, access_token, access_token_secret)"),
        "{stdout}"
    );
    let out = sandbox.run(&["auth", "status", "-a", &name, "--json"]);
    assert_exit(&out, 0);
    assert!(
        texts(&out).0.contains("\"the kernel keyring\""),
        "{:?}",
        texts(&out)
    );
}

#[test]
fn logout_deletes_the_entry_and_rename_moves_it() {
    if !keyutils_here("keyring logout and rename") {
        return;
    }
    let api = FakeApi::start();
    let sandbox = sandbox_for(&api);
    let old = unique("old");
    let new = unique("new");
    let _cleanup = (
        Cleanup(&sandbox, old.clone()),
        Cleanup(&sandbox, new.clone()),
    );
    assert_exit(&login(&sandbox, &api, &old, "--keyring=keyutils", &[]), 0);
    let before = config_text(&sandbox);

    let out = sandbox.run(&["accounts", "rename", &old, &new]);
    assert_exit(&out, 0);
    assert_no_secrets(&out, &api);
    assert!(
        texts(&out).1.is_empty() || !texts(&out).1.contains("warning"),
        "{:?}",
        texts(&out)
    );
    assert_exit(&sandbox.run(&["show", "-a", &new]), 0);

    // The old name's entry went with it: the old file, put back, finds nothing.
    let renamed = config_text(&sandbox);
    sandbox.write_config(&before);
    let out = sandbox.run(&["show", "-a", &old]);
    assert_exit(&out, 3);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains(&format!("account '{old}'")) && stderr.contains("has no entry for it"),
        "{stderr}"
    );
    assert!(stderr.contains("auth login --keyring=keyutils"), "{stderr}");

    // Logout deletes the entry, not only the table.
    sandbox.write_config(&renamed);
    let out = sandbox.run(&["auth", "logout", "-a", &new]);
    assert_exit(&out, 0);
    assert!(!texts(&out).1.contains("warning"), "{:?}", texts(&out));
    sandbox.write_config(&renamed);
    let out = sandbox.run(&["show", "-a", &new]);
    assert_exit(&out, 3);
    assert!(
        texts(&out).1.contains("has no entry for it"),
        "{:?}",
        texts(&out)
    );
    assert_eq!(
        api.requests().len(),
        2,
        "only the login's read and one show reached the API"
    );
}

#[test]
fn a_bare_keyring_flag_takes_the_first_store_that_works_and_none_working_writes_nothing() {
    if !keyutils_here("bare --keyring") {
        return;
    }
    let api = FakeApi::start();
    let sandbox = sandbox_for(&api);
    let empty = config_text(&sandbox);

    // No D-Bus session here (the environment is empty): the Secret Service cannot be reached,
    // and that is an error, not a quiet fall back to the file.
    let name = unique("none");
    let out = login(&sandbox, &api, &name, "--keyring=secret-service", &[]);
    assert_exit(&out, 3);
    assert_no_secrets(&out, &api);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains(
            "no credential store kept the secrets (the Secret Service did not keep the secrets:"
        ) && stderr.contains("nothing was saved"),
        "{stderr}"
    );
    assert_eq!(
        stderr.lines().filter(|l| l.starts_with("error")).count(),
        1,
        "{stderr}"
    );
    assert_eq!(config_text(&sandbox), empty);

    // Bare: the Secret Service first, then the kernel keyring, which works.
    let name = unique("auto");
    let _cleanup = Cleanup(&sandbox, name.clone());
    let out = login(&sandbox, &api, &name, "--keyring", &[]);
    assert_exit(&out, 0);
    assert!(
        texts(&out).1.contains("the kernel keyring"),
        "{:?}",
        texts(&out)
    );
    assert!(config_text(&sandbox).contains("keyring = \"keyutils\""));
    assert_exit(&sandbox.run(&["show", "-a", &name]), 0);

    // Logging in again to the file takes the entry out of the keyring.
    let out = login(&sandbox, &api, &name, "--force", &[]);
    assert_exit(&out, 0);
    let text = config_text(&sandbox);
    assert!(!text.contains("keyring"), "{text}");
    assert!(text.contains(ACCESS_TOKEN_SECRET), "{text}");
    std::fs::write(
        sandbox.default_config(),
        text.replace(
            &format!("access_token_secret = \"{ACCESS_TOKEN_SECRET}\""),
            "keyring = \"keyutils\"",
        )
        .replace(&format!("consumer_key = \"{CONSUMER_KEY}\""), "")
        .replace(&format!("consumer_secret = \"{CONSUMER_SECRET}\""), "")
        .replace(&format!("access_token = \"{ACCESS_TOKEN}\""), ""),
    )
    .expect("write");
    let out = sandbox.run(&["show", "-a", &name]);
    assert_exit(&out, 3);
    assert!(
        texts(&out).1.contains("has no entry for it"),
        "{:?}",
        texts(&out)
    );
}

#[test]
fn an_entry_of_another_users_account_of_the_same_name_is_not_overwritten() {
    if !keyutils_here("another user's entry") {
        return;
    }
    let api = FakeApi::start();
    let bob_token = "783214-Qm9iQWNjZXNzVG9rZW4";
    let bob_secret = "bts-Qm9iVG9rZW5TZWNyZXQ";
    api.add_user(
        bob_token,
        bob_secret,
        Profile {
            screen_name: "bob".into(),
            user_id: "783214".into(),
            ..Profile::default()
        },
    );
    let name = unique("shared");
    let first = sandbox_for(&api);
    let _cleanup = Cleanup(&first, name.clone());
    assert_exit(&login(&first, &api, &name, "--keyring=keyutils", &[]), 0);

    // Another config file, the same account name, another user.
    let second = sandbox_for(&api);
    let empty = config_text(&second);
    let out = login(
        &second,
        &api,
        &name,
        "--keyring=keyutils",
        &[bob_token, bob_secret],
    );
    assert_exit(&out, 3);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains("already holds the secrets of an account")
            && stderr.contains("user 6253282")
            && stderr.contains("@bob"),
        "{stderr}"
    );
    assert_eq!(config_text(&second), empty);
    // The first is untouched.
    let out = first.run(&["show", "-a", &name]);
    assert_exit(&out, 0);
    assert!(texts(&out).0.contains("@alice"));
}

#[test]
fn a_keyring_account_that_also_has_secrets_or_names_no_store_is_refused() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let base = api.base();
    sandbox.write_config(&format!(
        "api_base = \"{base}\"\n[accounts.a]\nkeyring = \"keyutils\"\naccess_token = \"{ACCESS_TOKEN}\"\n[accounts.b]\nkeyring = \"vault\"\n"
    ));
    let out = sandbox.run(&["show", "-a", "a"]);
    assert_exit(&out, 3);
    assert!(
        texts(&out).1.contains(
            "keeps its secrets in the kernel keyring but also sets access_token; keep one"
        ),
        "{:?}",
        texts(&out)
    );
    let out = sandbox.run(&["show", "-a", "b"]);
    assert_exit(&out, 3);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains("has keyring = 'vault', which is not a credential store")
            && stderr.contains("keychain, windows, secret-service, keyutils"),
        "{stderr}"
    );
    let out = sandbox.run(&["auth", "login", "--keyring=vault"]);
    assert_exit(&out, 2);
    assert!(api.requests().is_empty());
}

#[cfg(target_os = "linux")]
#[test]
fn an_entry_that_is_not_the_four_credentials_is_refused_without_showing_it() {
    if !keyutils_here("garbled entry") {
        return;
    }
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let name = unique("garbled");
    let _cleanup = Cleanup(&sandbox, name.clone());
    assert_exit(&login(&sandbox, &api, &name, "--keyring=keyutils", &[]), 0);
    // Written by this test process through the store directly, as another program could.
    let _ =
        linux_keyutils::KeyRing::from_special_id(linux_keyutils::KeyRingIdentifier::Session, true);
    let store = linux_keyutils_keyring_store::Store::new().expect("store");
    let entry = keyring_core::Entry::new_in_store(
        &(store as std::sync::Arc<keyring_core::CredentialStore>),
        "twprofile",
        &name,
    )
    .expect("entry");
    entry
        .set_password("hunter2-not-json-sk-GARBLED")
        .expect("set");
    let out = sandbox.run(&["show", "-a", &name]);
    assert_exit(&out, 3);
    let (stdout, stderr) = texts(&out);
    assert!(
        stderr.contains("its entry does not hold the four credentials"),
        "{stderr}"
    );
    assert!(!format!("{stdout}{stderr}").contains("hunter2"), "{stderr}");
    assert_eq!(api.requests().len(), 1, "only the login's read");
}
