//! The update, end to end: the real binary against the fake API.

mod support;

use std::process::Output;

use serde_json::Value;
use support::{
    ACCESS_TOKEN, CONSUMER_KEY, CONSUMER_SECRET, FakeApi, Profile, Sandbox, Scripted, assert_exit,
    assert_no_secrets, oauth, setup, texts,
};

/// The one request the fake received, which must have passed its signature check.
fn only_request(api: &FakeApi) -> support::Recorded {
    let requests = api.requests();
    assert_eq!(
        requests.len(),
        1,
        "expected exactly one request: {requests:#?}"
    );
    let request = requests.into_iter().next().expect("one request");
    assert_eq!(request.verdict, Ok(()), "signature check");
    request
}

// 1. What is sent.

#[test]
fn every_field_and_option_is_sent_exactly_and_signed() {
    let (api, sandbox) = setup();
    let out = sandbox.run(&[
        "--name",
        "Alice Liddell",
        "--url",
        "wonderland.example",
        "--location",
        "Oxford",
        "--description",
        "Curiouser & curiouser",
        "--skip-status",
        "--include-entities",
        "false",
    ]);
    assert_exit(&out, 0);
    let request = only_request(&api);
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/1.1/account/update_profile.json");
    assert_eq!(
        request.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let mut names = request.param_names();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "description",
            "include_entities",
            "location",
            "name",
            "skip_status",
            "url"
        ]
    );
    assert_eq!(request.param("name"), Some("Alice Liddell"));
    assert_eq!(request.param("url"), Some("wonderland.example"));
    assert_eq!(request.param("location"), Some("Oxford"));
    assert_eq!(request.param("description"), Some("Curiouser & curiouser"));
    assert_eq!(request.param("skip_status"), Some("true"));
    assert_eq!(request.param("include_entities"), Some("false"));
    assert_no_secrets(&out, &api);
}

#[test]
fn only_the_fields_given_are_sent() {
    let (api, sandbox) = setup();
    let out = sandbox.run(&["--location", "Paris"]);
    assert_exit(&out, 0);
    let request = only_request(&api);
    assert_eq!(request.param_names(), ["location"]);
    assert_eq!(api.profile().name, Profile::default().name);
}

#[test]
fn an_empty_url_is_sent_empty_and_clears_the_website() {
    let (api, sandbox) = setup();
    let out = sandbox.run(&["--url", ""]);
    assert_exit(&out, 0);
    let request = only_request(&api);
    assert_eq!(request.param("url"), Some(""));
    assert!(String::from_utf8_lossy(&request.body).contains("url="));
    assert_eq!(api.profile().url, "");
}

#[test]
fn awkward_characters_are_signed_and_arrive_unchanged() {
    let values = [
        "emoji 😀🦀🏳️‍🌈 and ☃",
        "a&b=c+d%20e!*'()~",
        "line one\nline two\r\n\ttabbed",
        " leading and trailing spaces ",
        "quotes \" and \\ backslash; semicolon, comma",
        "-starts with a dash",
    ];
    for value in values {
        let (api, sandbox) = setup();
        let out = sandbox.run(&["--description", value]);
        assert_exit(&out, 0);
        let request = only_request(&api);
        assert_eq!(request.param("description"), Some(value), "{value:?}");
    }
}

#[test]
fn the_bio_can_come_from_a_file_with_one_trailing_newline_dropped() {
    let (api, sandbox) = setup();
    let path = sandbox.home().join("bio.txt");
    std::fs::write(&path, "Line one\nLine two\n\n").expect("write bio");
    let out = sandbox.run(&["--description-file", path.to_str().expect("utf-8 path")]);
    assert_exit(&out, 0);
    assert_eq!(
        only_request(&api).param("description"),
        Some("Line one\nLine two\n")
    );
}

#[test]
fn the_bio_can_come_from_stdin() {
    let (api, sandbox) = setup();
    let out = sandbox
        .cmd()
        .args(["--description-file", "-"])
        .write_stdin("From a pipe 🚰\r\n")
        .output()
        .expect("run");
    assert_exit(&out, 0);
    assert_eq!(
        only_request(&api).param("description"),
        Some("From a pipe 🚰")
    );
}

// 2. Local validation: exit 2, nothing sent.

fn assert_refused_locally(api: &FakeApi, out: &Output, needles: &[&str]) {
    assert_exit(out, 2);
    let (stdout, stderr) = texts(out);
    assert_eq!(stdout, "");
    for needle in needles {
        assert!(stderr.contains(needle), "{needle:?} not in:\n{stderr}");
    }
    assert!(api.requests().is_empty(), "something was sent");
}

#[test]
fn no_field_is_a_usage_error() {
    let (api, sandbox) = setup();
    let out = sandbox.run(&["--skip-status"]);
    assert_refused_locally(&api, &out, &["error: nothing to update"]);
}

#[test]
fn each_limit_is_enforced_in_characters() {
    let cases = [
        ("--name", 50, "name limit is 50"),
        ("--url", 100, "url limit is 100"),
        ("--location", 30, "location limit is 30"),
        ("--description", 160, "description limit is 160"),
    ];
    for (flag, limit, message) in cases {
        let (api, sandbox) = setup();
        let too_long = "é".repeat(limit + 1);
        let out = sandbox.run(&[flag, &too_long]);
        assert_refused_locally(&api, &out, &[flag, message]);

        let (api, sandbox) = setup();
        let at_limit = "é".repeat(limit);
        assert_exit(&sandbox.run(&[flag, &at_limit]), 0);
        assert_eq!(only_request(&api).params[0].1, at_limit);
    }
}

#[test]
fn one_hundred_sixty_emoji_pass() {
    let (api, sandbox) = setup();
    let bio = "😀".repeat(160);
    assert_exit(&sandbox.run(&["--description", &bio]), 0);
    assert_eq!(only_request(&api).param("description"), Some(bio.as_str()));
}

#[test]
fn bad_description_files_are_refused() {
    let (api, sandbox) = setup();
    let nul = sandbox.home().join("nul.txt");
    std::fs::write(&nul, b"before\0after").expect("write");
    let latin1 = sandbox.home().join("latin1.txt");
    std::fs::write(&latin1, b"caf\xe9").expect("write");
    let missing = sandbox.home().join("missing.txt");

    let out = sandbox.run(&["--description-file", nul.to_str().expect("path")]);
    assert_refused_locally(&api, &out, &["NUL byte"]);
    let out = sandbox.run(&["--description-file", latin1.to_str().expect("path")]);
    assert_refused_locally(&api, &out, &["not valid UTF-8"]);
    let out = sandbox.run(&["--description-file", missing.to_str().expect("path")]);
    assert_refused_locally(&api, &out, &["missing.txt", "no such file"]);
    let out = sandbox
        .cmd()
        .args(["--description-file", "-"])
        .write_stdin(&b"\xff\xfe"[..])
        .output()
        .expect("run");
    assert_refused_locally(&api, &out, &["stdin", "not valid UTF-8"]);
}

#[test]
fn bad_flags_are_usage_errors() {
    let (api, sandbox) = setup();
    let out = sandbox.run(&["--include-entities", "maybe", "--name", "x"]);
    assert_refused_locally(&api, &out, &["--include-entities"]);
    let out = sandbox.run(&["--description", "a", "--description-file", "b"]);
    assert_refused_locally(&api, &out, &["cannot be used with"]);
    let out = sandbox.run(&["--colour", "always"]);
    assert_refused_locally(&api, &out, &["--colour"]);
}

// 3. Credentials and configuration.

#[test]
fn environment_credentials_need_no_config_file() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let out = sandbox
        .cmd()
        .env("TWPROFILE_CONSUMER_KEY", CONSUMER_KEY)
        .env("TWPROFILE_CONSUMER_SECRET", CONSUMER_SECRET)
        .env("TWPROFILE_ACCESS_TOKEN", ACCESS_TOKEN)
        .env(
            "TWPROFILE_ACCESS_TOKEN_SECRET",
            support::ACCESS_TOKEN_SECRET,
        )
        .env("TWPROFILE_API_BASE", api.base())
        .args(["--name", "From CI"])
        .output()
        .expect("run");
    assert_exit(&out, 0);
    assert_eq!(only_request(&api).param("name"), Some("From CI"));
    assert_eq!(texts(&out).1, "");
    assert_no_secrets(&out, &api);
}

#[test]
fn a_missing_environment_credential_is_named() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let out = sandbox
        .cmd()
        .env("TWPROFILE_CONSUMER_KEY", CONSUMER_KEY)
        .env("TWPROFILE_CONSUMER_SECRET", "")
        .env("TWPROFILE_ACCESS_TOKEN", ACCESS_TOKEN)
        .env("TWPROFILE_API_BASE", api.base())
        .args(["--name", "x"])
        .output()
        .expect("run");
    assert_exit(&out, 3);
    let (stdout, stderr) = texts(&out);
    assert_eq!(stdout, "");
    assert!(
        stderr.contains(
            "TWPROFILE_CONSUMER_SECRET, TWPROFILE_ACCESS_TOKEN_SECRET are unset or empty"
        ),
        "{stderr}"
    );
    assert!(api.requests().is_empty());
    assert_no_secrets(&out, &api);
}

#[test]
fn no_config_file_says_to_log_in() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let out = sandbox
        .cmd()
        .env("TWPROFILE_API_BASE", api.base())
        .args(["--name", "x"])
        .output()
        .expect("run");
    assert_exit(&out, 3);
    let (_, stderr) = texts(&out);
    let expected = sandbox.default_config();
    assert!(
        stderr.contains(&format!("no config file at {}", expected.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: run `twprofile auth login`"),
        "{stderr}"
    );
    assert!(api.requests().is_empty());
}

#[test]
fn malformed_toml_names_file_and_line_without_echoing_secrets() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let path = sandbox.write_config(&format!(
        "api_base = \"{}\"\n[accounts.alice]\nconsumer_key = \"{CONSUMER_KEY}\"\nconsumer_secret = \"{CONSUMER_SECRET}\n",
        api.base()
    ));
    let out = sandbox.run(&["--name", "x"]);
    assert_exit(&out, 3);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains(&format!(
            "malformed config file {} at line 4",
            path.display()
        )),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(api.requests().is_empty());
    assert_no_secrets(&out, &api);
}

#[test]
fn unknown_account_and_missing_key_are_config_errors() {
    let (api, sandbox) = setup();
    let out = sandbox.run(&["--account", "bob", "--name", "x"]);
    assert_exit(&out, 3);
    let (_, stderr) = texts(&out);
    assert!(stderr.contains("no account named 'bob'"), "{stderr}");
    assert!(stderr.contains("it has alice"), "{stderr}");
    assert!(
        stderr.contains("twprofile auth login --account bob"),
        "{stderr}"
    );

    sandbox.write_config(&format!(
        "api_base = \"{}\"\n[accounts.alice]\nconsumer_key = \"{CONSUMER_KEY}\"\nconsumer_secret = \"{CONSUMER_SECRET}\"\naccess_token = \"{ACCESS_TOKEN}\"\n",
        api.base()
    ));
    let out = sandbox.run(&["--name", "x"]);
    assert_exit(&out, 3);
    let (_, stderr) = texts(&out);
    assert!(stderr.contains("has no access_token_secret"), "{stderr}");
    assert!(api.requests().is_empty());
    assert_no_secrets(&out, &api);
}

/// Two accounts with their own tokens; which one signs shows in `oauth_token`.
fn two_accounts(sandbox: &Sandbox, api: &FakeApi, default: Option<&str>) {
    api.add_token("2222-BobToken", "bob-token-secret");
    let default_line = default
        .map(|d| format!("default_account = \"{d}\"\n"))
        .unwrap_or_default();
    let text = format!(
        "{default_line}{}\n[accounts.bob]\nconsumer_key = \"{CONSUMER_KEY}\"\nconsumer_secret = \"{CONSUMER_SECRET}\"\naccess_token = \"2222-BobToken\"\naccess_token_secret = \"bob-token-secret\"\n",
        support::alice_config(&api.base())
    );
    sandbox.write_config(&text);
}

fn token_used(api: &FakeApi) -> String {
    api.requests()
        .last()
        .and_then(|r| r.oauth.get("oauth_token").cloned())
        .expect("a request")
}

#[test]
fn account_choice_flag_or_variable_then_default_and_two_must_agree() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    two_accounts(&sandbox, &api, Some("bob"));

    assert_exit(&sandbox.run(&["--name", "x"]), 0);
    assert_eq!(token_used(&api), "2222-BobToken");

    let out = sandbox
        .cmd()
        .env("TWPROFILE_ACCOUNT", "alice")
        .args(["--name", "y"])
        .output()
        .expect("run");
    assert_exit(&out, 0);
    assert_eq!(token_used(&api), ACCESS_TOKEN);

    let out = sandbox
        .cmd()
        .env("TWPROFILE_ACCOUNT", "alice")
        .args(["-a", "alice", "--name", "z"])
        .output()
        .expect("run");
    assert_exit(&out, 0);
    assert_eq!(token_used(&api), ACCESS_TOKEN);
    assert!(api.requests().iter().all(|r| r.verdict.is_ok()));

    // A flag and the variable that name different accounts: refused, nothing sent.
    let sent = api.requests().len();
    let out = sandbox
        .cmd()
        .env("TWPROFILE_ACCOUNT", "alice")
        .args(["-a", "bob", "--name", "z"])
        .output()
        .expect("run");
    assert_exit(&out, 3);
    assert_eq!(
        texts(&out).1,
        "error: --account bob and TWPROFILE_ACCOUNT=alice name different accounts; refusing to guess whose profile to change\nhint: name one account: make them agree, or leave one out\n"
    );
    assert_eq!(api.requests().len(), sent);
}

#[test]
fn several_accounts_without_a_default_ask_for_one() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    two_accounts(&sandbox, &api, None);
    let out = sandbox.run(&["--name", "x"]);
    assert_exit(&out, 3);
    let (_, stderr) = texts(&out);
    assert!(stderr.contains("several accounts (alice, bob)"), "{stderr}");
    assert!(stderr.contains("--account"), "{stderr}");
    assert!(api.requests().is_empty());
}

#[test]
fn config_path_from_flag_or_variable_and_api_base_from_variable() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let elsewhere = sandbox.home().join("elsewhere.toml");
    // The file's api_base is dead; TWPROFILE_API_BASE must win over it.
    std::fs::write(&elsewhere, support::alice_config("http://127.0.0.1:9")).expect("write");

    let out = sandbox
        .cmd()
        .env("TWPROFILE_API_BASE", api.base())
        .args(["--config", elsewhere.to_str().expect("path"), "--name", "a"])
        .output()
        .expect("run");
    assert_exit(&out, 0);

    let out = sandbox
        .cmd()
        .env("TWPROFILE_API_BASE", api.base())
        .env("TWPROFILE_CONFIG", &elsewhere)
        .args(["--name", "b"])
        .output()
        .expect("run");
    assert_exit(&out, 0);
    assert_eq!(api.requests().len(), 2);
    assert_eq!(api.profile().name, "b");
}

#[test]
fn a_bad_api_base_is_a_config_error() {
    let (api, sandbox) = setup();
    let out = sandbox
        .cmd()
        .env("TWPROFILE_API_BASE", "api.x.com")
        .args(["--name", "x"])
        .output()
        .expect("run");
    assert_exit(&out, 3);
    let (_, stderr) = texts(&out);
    assert!(stderr.contains("TWPROFILE_API_BASE"), "{stderr}");
    assert!(api.requests().is_empty());
}

// 5. Output.

#[test]
fn the_summary_names_the_handle_and_each_field_with_links_expanded() {
    let (api, sandbox) = setup();
    let out = sandbox.run(&[
        "--url",
        "alice.example",
        "--description",
        "New post: https://blog.alice.example/hello",
    ]);
    assert_exit(&out, 0);
    let (stdout, stderr) = texts(&out);
    assert_eq!(
        stdout,
        "Updated @alice\n  website      http://alice.example\n  bio          New post: https://blog.alice.example/hello\n"
    );
    assert!(!stdout.contains("t.co"));
    assert_eq!(stderr, "");
    assert_no_secrets(&out, &api);
}

#[test]
fn a_cleared_field_says_so() {
    let (api, sandbox) = setup();
    let out = sandbox.run(&["--url", "", "--location", ""]);
    assert_exit(&out, 0);
    assert_eq!(
        texts(&out).0,
        "Updated @alice\n  website      (cleared)\n  location     (cleared)\n"
    );
    assert_eq!(api.profile().url, "");
}

#[test]
fn json_prints_the_returned_user_object_only() {
    let (api, sandbox) = setup();
    let out = sandbox.run(&["--json", "--url", "alice.example"]);
    assert_exit(&out, 0);
    let (stdout, _) = texts(&out);
    let user: Value = serde_json::from_str(&stdout).expect("stdout is JSON");
    assert_eq!(user["screen_name"], "alice");
    assert_eq!(user["url"], support::tco("http://alice.example"));
    assert_eq!(
        user["entities"]["url"]["urls"][0]["expanded_url"],
        "http://alice.example"
    );
    assert_eq!(user, support::user_json(&api.profile()));
}

#[test]
fn quiet_prints_nothing_on_success() {
    let (api, sandbox) = setup();
    let out = sandbox.run(&["-q", "--name", "Shh"]);
    assert_exit(&out, 0);
    assert_eq!(texts(&out), (String::new(), String::new()));
    assert_eq!(api.profile().name, "Shh");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let (_api, sandbox) = setup();
    let out = sandbox.run(&["--name", "Plain"]);
    assert!(!texts(&out).0.contains('\x1b'), "escape codes into a pipe");

    let out = sandbox.run(&["--color", "always", "--name", "Bright"]);
    assert!(
        texts(&out).0.contains("\x1b["),
        "no colour with --color always"
    );

    let out = sandbox
        .cmd()
        .env("NO_COLOR", "1")
        .args(["--color", "auto", "--name", "Plain"])
        .output()
        .expect("run");
    assert!(!texts(&out).0.contains('\x1b'));

    let out = sandbox.run(&["--color", "never", "--name", "Plain"]);
    assert!(!texts(&out).0.contains('\x1b'));
}

#[test]
fn verbose_reports_request_status_rate_limits_and_time_on_stderr() {
    let (api, sandbox) = setup();
    let out = sandbox.run(&["-v", "--name", "Loud"]);
    assert_exit(&out, 0);
    let (stdout, stderr) = texts(&out);
    assert!(
        stderr.contains(&format!(
            "> POST {}/1.1/account/update_profile.json",
            api.base()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("< HTTP 200 OK"), "{stderr}");
    assert!(stderr.contains(" ms"), "{stderr}");
    assert!(stderr.contains("< x-rate-limit-remaining: 14"), "{stderr}");
    assert!(stderr.contains("< x-rate-limit-limit: 15"), "{stderr}");
    // The fake's reset, 1900000000, told in UTC too.
    assert!(
        stderr.contains("  the limit resets at 2030-03-17 17:46:40 UTC (in "),
        "{stderr}"
    );
    assert!(stdout.starts_with("Updated @alice"));
    assert_no_secrets(&out, &api);
}

#[test]
fn dry_run_shows_the_request_masked_and_sends_nothing() {
    let (api, sandbox) = setup();
    let out = sandbox.run(&["--dry-run", "--description", "Dry & 😀"]);
    assert_exit(&out, 0);
    assert!(api.requests().is_empty(), "dry run sent a request");
    let (stdout, _) = texts(&out);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[0],
        format!("POST {}/1.1/account/update_profile.json", api.base())
    );
    assert!(lines[1].starts_with("Authorization: OAuth "), "{stdout}");
    assert!(lines[1].contains("oauth_signature=\"***\""), "{stdout}");
    assert!(
        lines[1].contains("oauth_consumer_key=\"ck-Z…\""),
        "{stdout}"
    );
    assert!(lines[1].contains("oauth_token=\"6253…\""), "{stdout}");
    assert_eq!(lines[2], "Content-Type: application/x-www-form-urlencoded");
    assert_eq!(lines[3], "Content-Length: 36");
    assert_eq!(lines[4], "");
    assert_eq!(lines[5], "description=Dry%20%26%20%F0%9F%98%80");

    // Recompute the signature the tool made from what it printed; it must not be shown.
    let header = lines[1].trim_start_matches("Authorization: ");
    let shown = oauth::parse_authorization(header).expect("header parses");
    let mut params = vec![("description".to_owned(), "Dry & 😀".to_owned())];
    params.extend(
        [
            ("oauth_consumer_key", CONSUMER_KEY),
            ("oauth_signature_method", "HMAC-SHA1"),
            ("oauth_token", ACCESS_TOKEN),
            ("oauth_version", "1.0"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned())),
    );
    params.push(("oauth_nonce".into(), shown["oauth_nonce"].clone()));
    params.push(("oauth_timestamp".into(), shown["oauth_timestamp"].clone()));
    let base = oauth::base_string(
        "POST",
        &format!("{}/1.1/account/update_profile.json", api.base()),
        &params,
    );
    let signature =
        oauth::hmac_sha1_signature(&base, CONSUMER_SECRET, support::ACCESS_TOKEN_SECRET);
    assert!(!stdout.contains(&signature));
    assert!(!stdout.contains(&oauth::encode(&signature)));
    assert_no_secrets(&out, &api);
}

#[test]
fn dry_run_json_is_one_object() {
    let (api, sandbox) = setup();
    let out = sandbox.run(&["--dry-run", "--json", "--name", "N"]);
    assert_exit(&out, 0);
    let shown: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(shown["method"], "POST");
    assert_eq!(shown["body"], "name=N");
    assert!(
        shown["headers"]["Authorization"]
            .as_str()
            .is_some_and(|h| h.contains("oauth_signature=\"***\""))
    );
    assert!(api.requests().is_empty());
    assert_no_secrets(&out, &api);
}

// 6. Exit codes and the API's own words.

fn answer(scripted: Scripted, extra: &[&str]) -> (FakeApi, Output) {
    let (api, sandbox) = setup();
    api.script([scripted]);
    let mut args = vec!["--retries", "0", "--name", "x"];
    args.extend_from_slice(extra);
    let out = sandbox.run(&args);
    (api, out)
}

fn assert_failure(out: &Output, api: &FakeApi, code: i32, needles: &[&str]) {
    assert_exit(out, code);
    let (stdout, stderr) = texts(out);
    assert_eq!(stdout, "", "stdout must stay empty on failure");
    assert!(stderr.starts_with("error: "), "{stderr}");
    for needle in needles {
        assert!(stderr.contains(needle), "{needle:?} not in:\n{stderr}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_no_secrets(out, api);
}

#[test]
fn rejected_credentials_exit_4_with_a_hint() {
    let (api, out) = answer(
        Scripted::api_error(401, 32, "Could not authenticate you."),
        &[],
    );
    assert_failure(
        &out,
        &api,
        4,
        &[
            "HTTP 401 Unauthorized, API error 32: Could not authenticate you.",
            "hint: ",
            "twprofile auth login",
        ],
    );
}

#[test]
fn a_wrong_secret_is_caught_by_the_server_signature_check() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    sandbox.write_config(
        &support::alice_config(&api.base()).replace(CONSUMER_SECRET, "not-the-secret"),
    );
    let out = sandbox.run(&["--name", "x"]);
    assert_failure(&out, &api, 4, &["API error 32", "twprofile auth login"]);
    assert!(api.requests()[0].verdict.is_err());
    assert!(!texts(&out).1.contains("not-the-secret"));
}

#[test]
fn access_errors_exit_4_with_their_hints() {
    let cases = [
        (
            403,
            261,
            "Application cannot perform write actions.",
            "write permission",
        ),
        (401, 135, "Timestamp out of bounds.", "clock"),
        (401, 89, "Invalid or expired token.", "twprofile auth login"),
    ];
    for (status, code, message, hint) in cases {
        let (api, out) = answer(Scripted::api_error(status, code, message), &[]);
        assert_failure(
            &out,
            &api,
            4,
            &[&format!("API error {code}: {message}"), "hint: ", hint],
        );
    }
    // The access tier is the plan's, not the credentials'.
    let message = "You currently have access to a subset of X API V2 endpoints";
    let (api, out) = answer(Scripted::api_error(403, 453, message), &[]);
    assert_failure(
        &out,
        &api,
        9,
        &[
            &format!("API error 453: {message}"),
            "hint: ",
            "access tier",
        ],
    );
}

#[test]
fn other_refusals_exit_5_with_the_api_words() {
    let (api, out) = answer(
        Scripted::api_error(
            403,
            120,
            "Account update failed: Description is too long (maximum is 160 characters).",
        ),
        &[],
    );
    assert_failure(
        &out,
        &api,
        5,
        &["HTTP 403 Forbidden, API error 120: Account update failed: Description is too long"],
    );
}

#[test]
fn rate_limits_exit_6_with_the_reset_time() {
    let far = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs()
        + 900;
    let (api, out) = answer(
        Scripted::api_error(429, 88, "Rate limit exceeded")
            .with_header("x-rate-limit-reset", &far.to_string()),
        &[],
    );
    assert_failure(
        &out,
        &api,
        6,
        &["API error 88: Rate limit exceeded", "UTC", "--max-wait"],
    );
    assert_eq!(api.requests().len(), 1);
}

#[test]
fn server_errors_exit_7_and_html_is_excerpted() {
    let (api, out) = answer(Scripted::api_error(503, 130, "Over capacity"), &[]);
    assert_failure(
        &out,
        &api,
        7,
        &["HTTP 503 Service Unavailable, API error 130: Over capacity"],
    );

    let page = format!(
        "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>{}</body></html>",
        "padding ".repeat(200)
    );
    let (api, out) = answer(Scripted::raw(502, "text/html", page.as_bytes()), &[]);
    assert_failure(
        &out,
        &api,
        7,
        &["HTTP 502 Bad Gateway: <html> <head><title>502 Bad Gateway</title>"],
    );
    let (_, stderr) = texts(&out);
    assert!(stderr.len() < 400, "the excerpt is not short: {stderr}");
}

#[test]
fn hostile_answers_never_panic() {
    // (body, exit code when it comes with a 200)
    let bodies: [(&[u8], i32); 6] = [
        (b"", 1),
        (b"\xff\xfe\x00garbage", 1),
        (b"{\"errors\": [", 1),
        (b"[1, 2, 3]", 1),
        (b"\x1b]0;pwned\x07\x1b[2J", 1),
        // An object is a user, however odd: a best-effort summary.
        (b"{\"errors\": [{\"code\": \"32\", \"message\": 5}]}", 0),
    ];
    for (body, on_success) in bodies {
        for (status, expected) in [(200, on_success), (400, 5), (500, 7)] {
            let (api, out) = answer(Scripted::raw(status, "application/json", body), &[]);
            let (stdout, stderr) = texts(&out);
            if expected == 0 {
                assert_exit(&out, 0);
                assert_eq!(stdout, "Updated\n  name         x\n");
            } else {
                assert_failure(&out, &api, expected, &[]);
            }
            assert!(!stderr.contains('\x1b'), "escape codes reach the terminal");
        }
    }
}

#[test]
fn a_redirect_is_reported_not_followed() {
    let (api, sandbox) = setup();
    api.script([
        Scripted::raw(301, "text/html", b"<a>moved</a>").with_header(
            "location",
            "https://api.example.net/1.1/account/update_profile.json",
        ),
    ]);
    let out = sandbox.run(&["--name", "x"]);
    assert_failure(
        &out,
        &api,
        1,
        &[
            "HTTP 301 Moved Permanently: <a>moved</a>; redirected to https://api.example.net/1.1/account/update_profile.json",
            "hint: the API lives elsewhere now: set api_base",
        ],
    );
    assert_eq!(api.requests().len(), 1, "the redirect was followed");
}

#[test]
fn a_refused_connection_is_a_network_error() {
    let sandbox = Sandbox::new();
    sandbox.write_config(&support::alice_config("http://127.0.0.1:9"));
    let out = sandbox.run(&["--retries", "0", "--name", "x"]);
    assert_exit(&out, 7);
    let (stdout, stderr) = texts(&out);
    assert_eq!(stdout, "");
    assert!(stderr.contains("127.0.0.1:9: cannot connect"), "{stderr}");
}

#[test]
fn a_quiet_json_dry_run_still_prints_the_request_as_json() {
    let (api, sandbox) = setup();
    let out = sandbox.run(&["-q", "--json", "--dry-run", "--name", "A"]);
    assert_exit(&out, 0);
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(shown["method"], "POST");
    assert!(api.requests().is_empty());
}
