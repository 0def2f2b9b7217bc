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

/// Bob, user 783214, as a second user of `api`: his access token and secret.
fn add_bob(api: &FakeApi) -> (&'static str, &'static str) {
    let (token, secret) = ("783214-Qm9iQWNjZXNzVG9rZW4", "bts-Qm9iVG9rZW5TZWNyZXQ");
    api.add_user(
        token,
        secret,
        Profile {
            screen_name: "bob".into(),
            user_id: "783214".into(),
            ..Profile::default()
        },
    );
    (token, secret)
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
    assert!(
        text.contains(&format!("keyring_entry = \"{name}-")),
        "{text}"
    );
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
    let (_, stderr) = texts(&out);
    assert!(!stderr.contains("warning"), "{stderr}");
    assert!(
        stderr.contains("its secrets in the kernel keyring moved with it"),
        "{stderr}"
    );
    assert!(config_text(&sandbox).contains(&format!("keyring_entry = \"{new}-")));
    assert_exit(&sandbox.run(&["show", "-a", &new]), 0);

    // The old name's entry went with it: the old file, put back, finds nothing.
    let renamed = config_text(&sandbox);
    sandbox.write_config(&before);
    let out = sandbox.run(&["show", "-a", &old]);
    assert_exit(&out, 3);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains(&format!("account '{old}'")) && stderr.contains("but it has no entry"),
        "{stderr}"
    );
    assert!(stderr.contains("auth login --keyring=keyutils"), "{stderr}");

    // Logout deletes the entry, not only the table.
    sandbox.write_config(&renamed);
    let out = sandbox.run(&["auth", "logout", "-a", &new]);
    assert_exit(&out, 0);
    let (_, stderr) = texts(&out);
    assert!(!stderr.contains("warning"), "{stderr}");
    assert!(
        stderr.contains("and its secrets from the kernel keyring"),
        "{stderr}"
    );
    assert_entry_gone(&sandbox, &renamed, &new);
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
        stderr.contains("error: the Secret Service did not keep the secrets (failed: ")
            && stderr.contains("nothing was saved"),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: the Secret Service needs a D-Bus session"),
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

    // The account, not a store, refusing: said as it is, not as stores that failed.
    let (bob_token, bob_secret) = add_bob(&api);
    let out = login(&sandbox, &api, &name, "--keyring", &[bob_token, bob_secret]);
    assert_exit(&out, 3);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.starts_with(&format!("error: account '{name}' in "))
            && stderr.contains("belongs to @alice"),
        "{stderr}"
    );

    // Logging in again without the flag keeps the account in its store, under a new entry; the
    // old one goes.
    let first = config_text(&sandbox);
    let out = login(&sandbox, &api, &name, "--force", &[]);
    assert_exit(&out, 0);
    let second = config_text(&sandbox);
    assert!(second.contains("keyring = \"keyutils\""), "{second}");
    assert!(!second.contains(ACCESS_TOKEN_SECRET), "{second}");
    assert_ne!(entry_of(&first), entry_of(&second));
    assert_exit(&sandbox.run(&["show", "-a", &name]), 0);
    assert_entry_gone(&sandbox, &first, &name);

    // --no-keyring takes it out of the store and into the file.
    sandbox.write_config(&second);
    let out = login(&sandbox, &api, &name, "--no-keyring", &[]);
    assert_exit(&out, 0);
    let text = config_text(&sandbox);
    assert!(!text.contains("keyring"), "{text}");
    assert!(text.contains(ACCESS_TOKEN_SECRET), "{text}");
    assert_entry_gone(&sandbox, &second, &name);
}

/// With `config` as the config file, `name`'s entry is gone: a run says so (exit 3).
fn assert_entry_gone(sandbox: &Sandbox, config: &str, name: &str) {
    sandbox.write_config(config);
    let out = sandbox.run(&["show", "-a", name]);
    assert_exit(&out, 3);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains(&format!("account '{name}'")) && stderr.contains("but it has no entry"),
        "{stderr}"
    );
}

/// The `keyring_entry` a config file records.
fn entry_of(config: &str) -> String {
    config
        .lines()
        .find_map(|line| line.strip_prefix("keyring_entry = "))
        .expect("a keyring_entry")
        .trim_matches('"')
        .to_owned()
}

#[test]
fn two_config_files_with_an_account_of_the_same_name_keep_apart() {
    if !keyutils_here("same name, two config files") {
        return;
    }
    let api = FakeApi::start();
    let (bob_token, bob_secret) = add_bob(&api);
    let name = unique("shared");
    let first = sandbox_for(&api);
    let second = sandbox_for(&api);
    let _cleanup = (
        Cleanup(&first, name.clone()),
        Cleanup(&second, name.clone()),
    );
    assert_exit(&login(&first, &api, &name, "--keyring=keyutils", &[]), 0);
    let out = login(
        &second,
        &api,
        &name,
        "--keyring=keyutils",
        &[bob_token, bob_secret],
    );
    assert_exit(&out, 0);
    assert_ne!(
        entry_of(&config_text(&first)),
        entry_of(&config_text(&second))
    );
    let shows = |sandbox: &Sandbox, handle: &str| {
        let out = sandbox.run(&["show", "-a", &name]);
        assert_exit(&out, 0);
        assert!(texts(&out).0.contains(handle), "{:?}", texts(&out));
    };
    shows(&first, "@alice");
    shows(&second, "@bob");

    // Logging out of one leaves the other's secrets alone.
    assert_exit(&second.run(&["auth", "logout", "-a", &name]), 0);
    shows(&first, "@alice");

    // A hand-written table naming the first's entry, recorded for another user, cannot delete
    // it on logout: the entry is not its account's.
    second.write_config(&format!(
        "api_base = \"{}\"\n[accounts.{name}]\nkeyring = \"keyutils\"\nkeyring_entry = \"{}\"\nuser_id = \"783214\"\n",
        api.base(),
        entry_of(&config_text(&first))
    ));
    let out = second.run(&["show", "-a", &name]);
    assert_exit(&out, 3);
    assert!(texts(&out).1.contains("user 6253282"), "{:?}", texts(&out));
    let out = second.run(&["auth", "logout", "-a", &name]);
    assert_exit(&out, 0);
    assert!(
        texts(&out)
            .1
            .contains("which holds user 6253282's tokens, not user 783214's: it was left there"),
        "{:?}",
        texts(&out)
    );
    shows(&first, "@alice");

    // Renaming such a table moves nothing: it keeps naming the same entry.
    let entry = entry_of(&config_text(&first));
    second.write_config(&format!(
        "api_base = \"{}\"\n[accounts.{name}]\nkeyring = \"keyutils\"\nkeyring_entry = \"{entry}\"\nuser_id = \"783214\"\n",
        api.base()
    ));
    let renamed = format!("{name}-renamed");
    let out = second.run(&["accounts", "rename", &name, &renamed]);
    assert_exit(&out, 0);
    assert!(
        texts(&out).1.contains("stay in the same entry"),
        "{:?}",
        texts(&out)
    );
    assert_eq!(entry_of(&config_text(&second)), entry);
    shows(&first, "@alice");

    // Recording no user at all, it cannot show the entry is its own either.
    let entry = entry_of(&config_text(&first));
    let by_hand = |entry: &str| {
        second.write_config(&format!(
            "api_base = \"{}\"\n[accounts.{name}]\nkeyring = \"keyutils\"\nkeyring_entry = \"{entry}\"\n",
            api.base()
        ));
        second.run(&["auth", "logout", "-a", &name])
    };
    let out = by_hand(&entry);
    assert_exit(&out, 0);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains("which nothing shows to be this account's")
            && !stderr.contains("and its secrets from")
            && !stderr.contains("warning: warning"),
        "{stderr}"
    );
    shows(&first, "@alice");

    // A name that cannot be an entry is not one: nothing is claimed deleted, nothing long shown.
    for odd in [
        String::new(),
        "x".repeat(5000),
        "a\\u001b[31mred".to_owned(),
    ] {
        second.write_config(&format!(
            "api_base = \"{}\"\n[accounts.{name}]\nkeyring = \"keyutils\"\nkeyring_entry = \"{odd}\"\n",
            api.base()
        ));
        let out = second.run(&["show", "-a", &name]);
        assert_exit(&out, 3);
        assert!(
            texts(&out)
                .1
                .contains("has a keyring_entry that cannot name an entry"),
            "{:?}",
            texts(&out)
        );
        let out = by_hand(&odd);
        assert_exit(&out, 0);
        let (_, stderr) = texts(&out);
        assert!(!stderr.contains("and its secrets from"), "{stderr}");
        assert!(stderr.len() < 1000, "{} bytes", stderr.len());
    }
    shows(&first, "@alice");
}

#[test]
fn a_login_does_not_turn_an_accounts_commands_into_plain_text_unasked() {
    let api = FakeApi::start();
    let sandbox = sandbox_for(&api);
    let config = format!(
        "api_base = \"{}\"\n[accounts.cmd]\nconsumer_key = \"{CONSUMER_KEY}\"\nconsumer_secret_command = [\"printf\", \"{CONSUMER_SECRET}\"]\naccess_token = \"{ACCESS_TOKEN}\"\naccess_token_secret_command = [\"printf\", \"{ACCESS_TOKEN_SECRET}\"]\n",
        api.base()
    );
    sandbox.write_config(&config);
    let out = login(&sandbox, &api, "cmd", "--quiet", &[]);
    assert_exit(&out, 3);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains(
            "gets secrets from commands (consumer_secret_command, access_token_secret_command)"
        ) && stderr.contains("nothing was saved")
            && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(config_text(&sandbox), config);
    let out = login(&sandbox, &api, "cmd", "--force", &[]);
    assert_exit(&out, 0);
    let text = config_text(&sandbox);
    assert!(!text.contains("_command"), "{text}");
    assert!(text.contains(ACCESS_TOKEN_SECRET), "{text}");
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
    // Logging in again to b does not quietly write its secrets into the file.
    let before = config_text(&sandbox);
    let out = login(&sandbox, &api, "b", "--force", &[]);
    assert_exit(&out, 3);
    assert!(
        texts(&out)
            .1
            .contains("has keyring = 'vault', which is not a credential store; nothing was saved"),
        "{:?}",
        texts(&out)
    );
    assert_eq!(config_text(&sandbox), before);
    assert_eq!(
        api.requests().len(),
        1,
        "only the refused login's read of the tokens"
    );
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
        &entry_of(&config_text(&sandbox)),
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

    // Four keys, one empty: refused as the file and the environment refuse it.
    entry
        .set_password(&format!(
            r#"{{"consumer_key":"{CONSUMER_KEY}","consumer_secret":"","access_token":"{ACCESS_TOKEN}","access_token_secret":"{ACCESS_TOKEN_SECRET}"}}"#
        ))
        .expect("set");
    let out = sandbox.run(&["show", "-a", &name]);
    assert_exit(&out, 3);
    assert!(
        texts(&out).1.contains("its entry has an empty credential"),
        "{:?}",
        texts(&out)
    );
    assert_no_secrets(&out, &api);
    assert_eq!(api.requests().len(), 1, "only the login's read");
}
