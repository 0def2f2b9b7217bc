//! Accounts from the portal's tokens, accounts that belong to someone else, logout, rename, and
//! checking every account.

mod support;

use std::process::Output;

use support::{
    ACCESS_TOKEN, ACCESS_TOKEN_SECRET, CONSUMER_KEY, CONSUMER_SECRET, FakeApi, PIN, Profile,
    Sandbox, Scripted, assert_exit, assert_no_secrets, texts,
};

/// `auth login --with-token` with the keys as flags and the two secrets on stdin.
fn with_token(sandbox: &Sandbox, api: &FakeApi, args: &[&str], stdin: &str) -> Output {
    sandbox
        .cmd()
        .env("TWPROFILE_API_BASE", api.base())
        .args([
            "auth",
            "login",
            "--with-token",
            "--consumer-key",
            CONSUMER_KEY,
        ])
        .args(["--access-token", ACCESS_TOKEN])
        .args(args)
        .write_stdin(stdin)
        .output()
        .expect("run")
}

fn config_text(sandbox: &Sandbox) -> String {
    std::fs::read_to_string(sandbox.default_config()).expect("config")
}

#[test]
fn the_portals_four_values_make_an_account_checked_before_it_is_saved() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let out = with_token(
        &sandbox,
        &api,
        &[],
        &format!("{CONSUMER_SECRET}\n{ACCESS_TOKEN_SECRET}\n"),
    );
    assert_exit(&out, 0);
    assert_no_secrets(&out, &api);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains("Logged in as @alice; saved as account 'alice'"),
        "{stderr}"
    );
    // One signed read, nothing else.
    let requests = api.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].path, "/1.1/account/verify_credentials.json");
    assert_eq!(requests[0].verdict, Ok(()));
    let text = config_text(&sandbox);
    assert!(
        text.contains("screen_name = \"alice\"") && text.contains("user_id = \"6253282\""),
        "{text}"
    );
    // The account works.
    let out = sandbox
        .cmd()
        .env("TWPROFILE_API_BASE", api.base())
        .args(["--name", "Portal"])
        .output()
        .expect("run");
    assert_exit(&out, 0);
    assert_eq!(api.profile().name, "Portal");
}

#[test]
fn portal_secrets_can_come_from_the_environment() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let out = sandbox
        .cmd()
        .env("TWPROFILE_API_BASE", api.base())
        .env("TWPROFILE_CONSUMER_KEY", CONSUMER_KEY)
        .env("TWPROFILE_CONSUMER_SECRET", CONSUMER_SECRET)
        .env("TWPROFILE_ACCESS_TOKEN", ACCESS_TOKEN)
        .env("TWPROFILE_ACCESS_TOKEN_SECRET", ACCESS_TOKEN_SECRET)
        .args(["auth", "login", "--with-token", "--account", "bot"])
        .output()
        .expect("run");
    assert_exit(&out, 0);
    assert!(config_text(&sandbox).contains("[accounts.bot]"));
}

#[test]
fn wrong_portal_values_save_nothing_and_missing_keys_are_named() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let out = with_token(
        &sandbox,
        &api,
        &[],
        &format!("{CONSUMER_SECRET}\nwrong-secret\n"),
    );
    assert_exit(&out, 4);
    let (_, stderr) = texts(&out);
    assert!(stderr.contains("checking the tokens: HTTP 401"), "{stderr}");
    assert!(stderr.contains("hint: check the four values"), "{stderr}");
    assert!(!sandbox.default_config().exists());

    let out = sandbox
        .cmd()
        .env("TWPROFILE_API_BASE", api.base())
        .args([
            "auth",
            "login",
            "--with-token",
            "--consumer-key",
            CONSUMER_KEY,
        ])
        .write_stdin("a\nb\n")
        .output()
        .expect("run");
    assert_exit(&out, 2);
    assert!(
        texts(&out)
            .1
            .contains("--with-token needs --access-token or TWPROFILE_ACCESS_TOKEN")
    );
}

#[test]
fn an_account_is_not_handed_to_another_user_without_force() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let login = |args: &[&str]| {
        sandbox
            .cmd()
            .env("TWPROFILE_API_BASE", api.base())
            .env("TWPROFILE_CONSUMER_KEY", CONSUMER_KEY)
            .env("TWPROFILE_CONSUMER_SECRET", CONSUMER_SECRET)
            .args(["auth", "login", "--account", "alice"])
            .args(args)
            .write_stdin(format!("{PIN}\n"))
            .output()
            .expect("run")
    };
    assert_exit(&login(&[]), 0);
    let before = config_text(&sandbox);
    // The browser was logged in as someone else this time.
    api.set_profile(Profile {
        screen_name: "mallory".into(),
        user_id: "666".into(),
        ..Profile::default()
    });
    let out = login(&[]);
    assert_exit(&out, 3);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains("account 'alice' in ")
            && stderr.contains("belongs to @alice, but these tokens are @mallory's"),
        "{stderr}"
    );
    assert_eq!(config_text(&sandbox), before, "the file changed");
    let out = login(&["--force"]);
    assert_exit(&out, 0);
    assert!(config_text(&sandbox).contains("screen_name = \"mallory\""));
}

const TWO: &str = r#"# my accounts
default_account = "work" # the bot

# the bot's account
[accounts.work]
consumer_key = "ck-Zm9vYmFyYmF6cXV4MTIz"
consumer_secret = "cs-c2VjcmV0LWNvbnN1bWVyLWtleQ"
access_token = "6253282-QWxpY2VBY2Nlc3NUb2tlbg"
access_token_secret = "ats-QWxpY2VUb2tlblNlY3JldA"

# mine
[accounts.me]
consumer_key = "ck-Zm9vYmFyYmF6cXV4MTIz"
consumer_secret = "cs-c2VjcmV0LWNvbnN1bWVyLWtleQ"
access_token = "unknown-token-of-me"
access_token_secret = "whatever-secret"
"#;

#[test]
fn rename_keeps_comments_and_place_but_never_moves_the_default() {
    let sandbox = Sandbox::new();
    sandbox.write_config(TWO);
    let out = sandbox.run(&["accounts", "rename", "work", "bot"]);
    assert_exit(&out, 0);
    assert!(
        texts(&out).1.contains(
            "note: 'work' was the default account; there is none now, so runs that name no account stop until you pick one: `twprofile accounts default bot`"
        ),
        "{}",
        texts(&out).1
    );
    let text = config_text(&sandbox);
    assert_eq!(
        text,
        TWO.replace("default_account = \"work\"", "default_account = \"\"")
            .replace("[accounts.work]", "[accounts.bot]")
    );
    let out = sandbox.run(&["accounts", "rename", "bot", "me"]);
    assert_exit(&out, 3);
    assert!(texts(&out).1.contains("already has an account named 'me'"));
}

#[test]
fn logout_removes_the_account_and_a_default_that_named_it() {
    let sandbox = Sandbox::new();
    sandbox.write_config(TWO);
    let out = sandbox.run(&["auth", "logout"]);
    assert_exit(&out, 0);
    assert!(texts(&out).1.contains("Removed account 'work'"));
    let text = config_text(&sandbox);
    assert!(
        !text.contains("[accounts.work]") && text.contains("default_account = \"\" # the bot"),
        "{text}"
    );
    assert!(text.contains("# mine\n[accounts.me]"), "{text}");
    let out = sandbox.run(&["auth", "logout", "-a", "nobody"]);
    assert_exit(&out, 3);
}

#[test]
fn status_fails_with_exit_4_when_the_token_cannot_write() {
    let (api, sandbox) = support::setup();
    let out = sandbox.run(&["auth", "status"]);
    assert_exit(&out, 0);
    let writable = texts(&out).0;
    assert!(writable.contains("  access   read-write\n"), "{writable}");

    api.script([support::read_only_answer()]);
    let out = sandbox.run(&["auth", "status"]);
    // Updates would fail with 261, so a check before an unattended run must fail now.
    assert_exit(&out, 4);
    let (stdout, stderr) = texts(&out);
    // The status is printed as for any token, only the level differs.
    assert_eq!(stdout, writable.replace("read-write", "read"));
    assert!(
        stderr.starts_with(
            "error: the token's access level is 'read': updates would fail with API error 261\nhint: the app lacks write permission"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("or run `twprofile auth login` again"),
        "{stderr}"
    );

    // Every account is checked; a read-only one counts as failed, with the same exit code.
    api.script([support::read_only_answer()]);
    let out = sandbox.run(&["auth", "status", "--all"]);
    assert_exit(&out, 4);
    let (stdout, stderr) = texts(&out);
    assert!(
        stdout.starts_with("failed  * alice            the token's access level is 'read'"),
        "{stdout}"
    );
    assert!(
        stderr.contains("error: alice: the token's access level is 'read'")
            && stderr.contains("hint: the app lacks write permission")
            && stderr.contains("error: 1 of 1 accounts failed: alice"),
        "{stderr}"
    );
    assert_eq!(api.requests().len(), 3);
}

#[test]
fn status_all_checks_every_account_and_fails_if_one_does() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    sandbox.write_config(&format!("api_base = \"{}\"\n{TWO}", api.base()));
    let out = sandbox.run(&["auth", "status", "--all"]);
    assert_exit(&out, 4);
    let (stdout, stderr) = texts(&out);
    assert!(
        stdout.contains("ok      * work")
            && stdout.contains("@alice")
            && stdout.contains("read-write"),
        "{stdout}"
    );
    assert!(stdout.contains("failed    me"), "{stdout}");
    assert!(stderr.contains("error: me: HTTP 401"), "{stderr}");
    assert_eq!(api.requests().len(), 2);
}

#[test]
fn accounts_says_when_the_environment_wins_and_how_to_add_one() {
    let sandbox = Sandbox::new();
    sandbox.write_config("# nothing yet\n");
    let out = sandbox.run(&["accounts"]);
    assert_exit(&out, 0);
    assert!(
        texts(&out)
            .1
            .contains("add one with `twprofile auth login`")
    );
    sandbox.write_config(TWO);
    let out = sandbox
        .cmd()
        .env("TWPROFILE_ACCESS_TOKEN", "x")
        .arg("accounts")
        .output()
        .expect("run");
    assert_exit(&out, 0);
    assert!(texts(&out).1.contains("TWPROFILE_ACCESS_TOKEN is set"));
    assert_eq!(texts(&out).0, "  me\n* work\n");
}

#[test]
fn tokens_of_an_unknown_owner_do_not_take_a_recorded_account() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let stdin = format!("{CONSUMER_SECRET}\n{ACCESS_TOKEN_SECRET}\n");
    assert_exit(&with_token(&sandbox, &api, &["-a", "work"], &stdin), 0);
    // A server that names nobody it can be told by.
    api.set_profile(Profile {
        screen_name: "al ice".into(),
        user_id: "x1".into(),
        ..Profile::default()
    });
    let out = with_token(&sandbox, &api, &["-a", "work"], &stdin);
    assert_exit(&out, 3);
    assert!(
        texts(&out)
            .1
            .contains("belongs to @alice, but these tokens are an unknown user's")
    );
    let out = with_token(&sandbox, &api, &["-a", "work", "--force"], &stdin);
    assert_exit(&out, 0);
    let text = config_text(&sandbox);
    assert!(
        !text.contains("screen_name") && !text.contains("user_id"),
        "stale identity kept:\n{text}"
    );
}

#[test]
fn empty_portal_keys_are_refused() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let out = sandbox
        .cmd()
        .env("TWPROFILE_API_BASE", api.base())
        .args([
            "auth",
            "login",
            "--with-token",
            "--consumer-key",
            "",
            "--access-token",
            "",
        ])
        .write_stdin("a\nb\n")
        .output()
        .expect("run");
    assert_exit(&out, 2);
    assert!(texts(&out).1.contains("--consumer-key is empty"));
    assert!(api.requests().is_empty());
}

#[cfg(unix)]
#[test]
fn a_config_that_is_a_dangling_symlink_is_written_through() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let real = sandbox.home().join("real.toml");
    let link = sandbox.home().join("link.toml");
    std::os::unix::fs::symlink("real.toml", &link).expect("symlink");
    let out = with_token(
        &sandbox,
        &api,
        &["--config", link.to_str().expect("utf-8")],
        &format!("{CONSUMER_SECRET}\n{ACCESS_TOKEN_SECRET}\n"),
    );
    assert_exit(&out, 0);
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&real)
            .expect("target")
            .contains("[accounts.alice]")
    );
}

#[test]
fn status_all_warns_about_plain_http_too() {
    let sandbox = Sandbox::new();
    sandbox.write_config(&format!("api_base = \"http://api.example.com\"\n{TWO}"));
    let out = sandbox.run(&[
        "auth",
        "status",
        "--all",
        "--retries",
        "0",
        "--timeout",
        "2",
    ]);
    assert!(
        texts(&out)
            .1
            .contains("warning: API base http://api.example.com is plain http://")
    );
}

#[test]
fn status_all_names_each_failure_and_how_to_fix_it() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    sandbox.write_config(&format!("api_base = \"{}\"\n{TWO}", api.base()));
    let out = sandbox.run(&["auth", "status", "--all"]);
    assert_exit(&out, 4);
    let (stdout, stderr) = texts(&out);
    assert!(
        stdout.contains("failed    me               HTTP 401 Unauthorized, API error 32"),
        "{stdout}"
    );
    assert!(
        stderr.contains("hint: run `twprofile auth login --account me` to renew its tokens"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: 1 of 2 accounts failed: me"),
        "{stderr}"
    );
}

#[test]
fn logging_out_the_default_says_how_to_pick_another() {
    let sandbox = Sandbox::new();
    sandbox.write_config(&format!("{TWO}\n[accounts.third]\nconsumer_key = \"k\"\n"));
    let out = sandbox.run(&["auth", "logout"]);
    assert_exit(&out, 0);
    assert!(texts(&out).1.contains("note: no default account now, so runs that name no account stop; pick one with `twprofile accounts default NAME` (one of me, third)"));
}

#[test]
fn changing_accounts_with_json_prints_them_after() {
    let sandbox = Sandbox::new();
    sandbox.write_config(TWO);
    let out = sandbox.run(&["accounts", "default", "me", "--json"]);
    assert_exit(&out, 0);
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(shown["default"], "me");
    let out = sandbox.run(&["accounts", "rename", "me", "bad name"]);
    assert_exit(&out, 2);
}

#[test]
fn a_swapped_pair_of_letters_still_finds_the_account() {
    let sandbox = Sandbox::new();
    sandbox.write_config(
        &TWO.replace("[accounts.work]", "[accounts.bot]")
            .replace("\"work\"", "\"bot\""),
    );
    let out = sandbox
        .cmd()
        .env("TWPROFILE_ACCOUNT", "bto")
        .arg("show")
        .output()
        .expect("run");
    assert_exit(&out, 3);
    assert!(
        texts(&out).1.contains("hint: did you mean 'bot'?"),
        "{}",
        texts(&out).1
    );
}

#[test]
fn piped_portal_secrets_are_taken_as_they_are() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let out = with_token(
        &sandbox,
        &api,
        &[],
        &format!("{CONSUMER_SECRET} \n{ACCESS_TOKEN_SECRET}\n"),
    );
    assert_exit(&out, 3);
    assert!(texts(&out).1.contains("starts or ends with whitespace"));
    assert_no_secrets(&out, &api);
    assert!(api.requests().is_empty());
}

#[test]
fn a_code_specific_hint_survives_with_token() {
    let cases = [
        (
            Scripted::api_error(403, 453, "You currently have access to a subset"),
            "the Free tier answers 453",
        ),
        (
            Scripted::json(402, serde_json::json!({"title": "CreditsDepleted"})),
            "pay-per-use credits are spent",
        ),
    ];
    for (answer, says) in cases {
        let api = FakeApi::start();
        let sandbox = Sandbox::new();
        api.script([answer]);
        let out = with_token(
            &sandbox,
            &api,
            &[],
            &format!("{CONSUMER_SECRET}\n{ACCESS_TOKEN_SECRET}\n"),
        );
        // The plan refused, not the four values: checking them again would not help.
        assert_exit(&out, 9);
        let stderr = texts(&out).1;
        assert!(stderr.contains(says), "{stderr}");
        assert!(!stderr.contains("check the four values"), "{stderr}");
        assert!(!sandbox.default_config().exists());
    }
}

#[test]
fn logout_keeps_the_files_header_comment() {
    let sandbox = Sandbox::new();
    sandbox.write_config(TWO);
    let out = sandbox.run(&["auth", "logout"]);
    assert_exit(&out, 0);
    let text = config_text(&sandbox);
    assert!(text.starts_with("# my accounts\n"), "{text}");
}

#[test]
fn changing_an_unknown_account_suggests_the_close_one() {
    let sandbox = Sandbox::new();
    sandbox.write_config(TWO);
    for args in [
        &["accounts", "default", "wrok"][..],
        &["accounts", "rename", "wrok", "x"],
        &["auth", "logout", "-a", "wrok"],
    ] {
        let out = sandbox.run(args);
        assert_exit(&out, 3);
        assert!(
            texts(&out).1.contains("hint: did you mean 'work'?"),
            "{args:?}: {}",
            texts(&out).1
        );
    }
}

#[cfg(unix)]
#[test]
fn commands_that_only_read_the_file_warn_when_others_can_read_it() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    let path = sandbox.write_config(TWO);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let out = sandbox.run(&["accounts"]);
    assert_exit(&out, 0);
    assert!(
        texts(&out)
            .1
            .contains("(mode 0644); fix it with: chmod 600"),
        "{}",
        texts(&out).1
    );
}

#[test]
fn a_config_named_without_a_directory_is_written_where_it_is_run() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let out = sandbox
        .cmd()
        .current_dir(sandbox.home())
        .env("TWPROFILE_API_BASE", api.base())
        .args([
            "auth",
            "login",
            "--with-token",
            "--consumer-key",
            CONSUMER_KEY,
        ])
        .args(["--access-token", ACCESS_TOKEN, "--config", "here.toml"])
        .write_stdin(format!("{CONSUMER_SECRET}\n{ACCESS_TOKEN_SECRET}\n"))
        .output()
        .expect("run");
    assert_exit(&out, 0);
    assert!(sandbox.home().join("here.toml").exists());
}

#[test]
fn an_empty_consumer_key_variable_is_not_a_key() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    // --with-token: an empty variable counts as not given.
    let out = sandbox
        .cmd()
        .env("TWPROFILE_API_BASE", api.base())
        .env("TWPROFILE_CONSUMER_KEY", "")
        .args([
            "auth",
            "login",
            "--with-token",
            "--access-token",
            ACCESS_TOKEN,
        ])
        .write_stdin(format!("{CONSUMER_SECRET}\n{ACCESS_TOKEN_SECRET}\n"))
        .output()
        .expect("run");
    assert_exit(&out, 2);
    assert!(
        texts(&out)
            .1
            .contains("--with-token needs --consumer-key or TWPROFILE_CONSUMER_KEY"),
        "{}",
        texts(&out).1
    );
    // The PIN flow: an empty variable means the key is asked for, and the answer is used.
    let out = sandbox
        .cmd()
        .env("TWPROFILE_API_BASE", api.base())
        .env("TWPROFILE_CONSUMER_KEY", "")
        .env("TWPROFILE_CONSUMER_SECRET", CONSUMER_SECRET)
        .args(["auth", "login"])
        .write_stdin(format!("{CONSUMER_KEY}\n{PIN}\n"))
        .output()
        .expect("run");
    assert_exit(&out, 0);
    assert!(config_text(&sandbox).contains(CONSUMER_KEY));
}

#[test]
fn a_plain_401_at_the_request_token_points_at_the_app_keys_too() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let login = || {
        sandbox
            .cmd()
            .env("TWPROFILE_API_BASE", api.base())
            .env("TWPROFILE_CONSUMER_KEY", CONSUMER_KEY)
            .env("TWPROFILE_CONSUMER_SECRET", CONSUMER_SECRET)
            .args(["auth", "login"])
            .write_stdin("1234\n")
            .output()
            .expect("run")
    };
    api.script([support::Scripted::raw(401, "text/plain", b"Unauthorized")]);
    let out = login();
    assert_exit(&out, 4);
    assert!(
        texts(&out)
            .1
            .contains("hint: check the consumer key and secret"),
        "{}",
        texts(&out).1
    );
    // A 403 with code 32 is the app's keys as well; a 403 without it is not.
    api.script([support::Scripted::api_error(
        403,
        32,
        "Could not authenticate you.",
    )]);
    let out = login();
    assert!(
        texts(&out)
            .1
            .contains("hint: check the consumer key and secret"),
        "{}",
        texts(&out).1
    );
    api.script([support::Scripted::api_error(
        403,
        87,
        "Client is not permitted to perform this action.",
    )]);
    let out = login();
    assert!(
        !texts(&out)
            .1
            .contains("hint: check the consumer key and secret"),
        "{}",
        texts(&out).1
    );
}

#[test]
fn a_pin_line_of_exactly_the_cap_is_a_pin_and_one_byte_more_is_not() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let run = |line: String| {
        sandbox
            .cmd()
            .env("TWPROFILE_API_BASE", api.base())
            .env("TWPROFILE_CONSUMER_KEY", CONSUMER_KEY)
            .env("TWPROFILE_CONSUMER_SECRET", CONSUMER_SECRET)
            .args(["auth", "login"])
            .write_stdin(line)
            .output()
            .expect("run")
    };
    // 4096 bytes with its newline: read, sent, and refused by the server as a wrong PIN.
    let out = run(format!("{}\n", "7".repeat(4095)));
    assert_ne!(out.status.code(), Some(2), "{}", texts(&out).1);
    assert!(
        !texts(&out).1.contains("is over 4096 bytes"),
        "{}",
        texts(&out).1
    );
    let out = run(format!("{}\n", "7".repeat(4096)));
    assert_exit(&out, 2);
    assert!(
        texts(&out).1.contains("the PIN is over 4096 bytes"),
        "{}",
        texts(&out).1
    );
}

#[cfg(unix)]
#[test]
fn status_all_checks_the_files_accounts_whatever_the_environment_says() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    sandbox.write_config(&support::alice_config(&api.base()));
    let out = sandbox
        .cmd()
        .env("TWPROFILE_ACCESS_TOKEN", "someone-elses-token")
        .env("TWPROFILE_ACCOUNT", "nobody")
        .args(["auth", "status", "--all", "--color", "never"])
        .output()
        .expect("run");
    assert_exit(&out, 0);
    assert!(
        texts(&out).0.starts_with("ok      * alice"),
        "{}",
        texts(&out).0
    );
}

#[cfg(unix)]
#[test]
fn logging_out_another_account_leaves_the_default_and_says_nothing_of_it() {
    let sandbox = Sandbox::new();
    sandbox.write_config(&format!("{TWO}\n[accounts.third]\nconsumer_key = \"k\"\n"));
    let out = sandbox.run(&["auth", "logout", "--account", "third"]);
    assert_exit(&out, 0);
    assert!(
        !texts(&out).1.contains("no default account now"),
        "{}",
        texts(&out).1
    );
    // The last account gone: nothing to pick from, so no note either.
    sandbox.write_config("[accounts.only]\nconsumer_key = \"k\"\n");
    let out = sandbox.run(&["auth", "logout"]);
    assert_exit(&out, 0);
    assert!(
        !texts(&out).1.contains("no default account now"),
        "{}",
        texts(&out).1
    );
}

/// Every hint a run with `--config` prints names that file, so that pasting it acts on the
/// same accounts: after a rename or a logout leaves no default, and when a run names none.
#[test]
fn hints_after_the_default_is_gone_name_the_config_file_they_came_from() {
    let sandbox = Sandbox::new();
    let path = sandbox.file("other/cfg2.toml", TWO);
    let config = path.to_str().expect("utf-8");
    let flag = format!("`twprofile --config {config} accounts default");
    let out = sandbox.run(&["--config", config, "accounts", "rename", "work", "bot"]);
    assert_exit(&out, 0);
    assert!(texts(&out).1.contains(&flag), "{}", texts(&out).1);
    // A run that names no account now stops, and says how to pick one in that file.
    let out = sandbox.run(&["--config", config, "show"]);
    assert_exit(&out, 3);
    assert!(texts(&out).1.contains(&flag), "{}", texts(&out).1);
    let out = sandbox.run(&["--config", config, "auth", "logout", "-a", "bot"]);
    assert_exit(&out, 0);
    assert!(texts(&out).1.contains(&flag), "{}", texts(&out).1);
    let out = sandbox.run(&["--config", config, "auth", "logout"]);
    assert_exit(&out, 3);
    assert!(
        texts(&out).1.contains("--account NAME"),
        "{}",
        texts(&out).1
    );
    let out = sandbox.run(&["--config", config, "auth", "logout", "-a", "me"]);
    assert_exit(&out, 0);
    let out = sandbox.run(&["--config", config, "accounts"]);
    assert!(
        texts(&out)
            .1
            .contains(&format!("`twprofile auth login --config {config}`")),
        "{}",
        texts(&out).1
    );
}
