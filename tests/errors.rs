//! Errors that help: the `--json` error object for programs, and hints that say what to do.

mod support;

use std::time::{Duration, SystemTime};

use serde_json::{Value, json};
use support::{Sandbox, Scripted, assert_exit, setup, texts};

/// The last line of stderr, which `--json` makes the error object.
fn error_object(stderr: &str) -> Value {
    let line = stderr.lines().last().unwrap_or_default();
    serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {stderr}"))
}

#[test]
fn a_failure_with_json_ends_with_one_object_to_branch_on() {
    let (api, sandbox) = setup();
    api.script([Scripted::api_error(401, 32, "Could not authenticate you.")]);
    let out = sandbox.run(&["--json", "--name", "x"]);
    assert_exit(&out, 4);
    let (stdout, stderr) = texts(&out);
    assert_eq!(stdout, "", "nothing on stdout on failure");
    assert!(
        stderr.starts_with("error: HTTP 401 Unauthorized, API error 32"),
        "{stderr}"
    );
    let object = error_object(&stderr);
    assert_eq!(object["error"]["exit_code"], 4);
    assert_eq!(object["error"]["kind"], "auth");
    assert_eq!(object["error"]["http_status"], 401);
    assert_eq!(object["error"]["api_codes"], json!([32]));
    assert!(
        object["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("Could not authenticate you."))
    );
    assert!(object["error"]["hint"].is_string());
}

#[test]
fn every_kind_of_failure_has_its_object() {
    let sandbox = Sandbox::new();
    // No config: a config error, with no HTTP status or API codes.
    let out = sandbox.run(&["show", "--json"]);
    assert_exit(&out, 3);
    let object = error_object(&texts(&out).1);
    assert_eq!(object["error"]["kind"], "config");
    assert!(object["error"].get("http_status").is_none());
    assert!(object["error"].get("api_codes").is_none());
    // A usage error found by the parser, in either position of --json.
    for args in [&["--json", "--bogus"][..], &["show", "--bogus", "--json"]] {
        let out = sandbox.run(args);
        assert_exit(&out, 2);
        let object = error_object(&texts(&out).1);
        assert_eq!(object["error"]["exit_code"], 2);
        assert_eq!(object["error"]["kind"], "usage");
        let message = object["error"]["message"].as_str().unwrap_or_default();
        assert!(
            message.contains("unexpected argument '--bogus' found"),
            "{message}"
        );
    }
    // Without --json, no object.
    let out = sandbox.run(&["show"]);
    assert!(!texts(&out).1.contains('{'));
}

#[test]
fn hints_for_the_answers_with_a_known_cause() {
    let v2 = |title: &str, detail: &str| {
        Scripted::json(
            403,
            json!({"title": title, "detail": detail, "type": "about:blank", "status": 403}),
        )
    };
    let cases = [
        (
            Scripted::api_error(404, 34, "Sorry, that page does not exist."),
            5,
            "check api_base",
        ),
        (
            v2(
                "Unsupported Authentication",
                "Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.",
            ),
            5,
            "OAuth 1.0a user context",
        ),
        (
            Scripted::api_error(403, 261, "Application cannot perform write actions."),
            4,
            "old tokens keep the old permission",
        ),
    ];
    for (answer, code, says) in cases {
        let (api, sandbox) = setup();
        api.script([answer]);
        let out = sandbox.run(&["--name", "x"]);
        assert_exit(&out, code);
        let (_, stderr) = texts(&out);
        let hint = hint_line(&stderr);
        assert!(hint.contains(says), "{hint}");
    }
}

/// The hint line of a run's stderr.
fn hint_line(stderr: &str) -> &str {
    stderr
        .lines()
        .find(|l| l.starts_with("hint: "))
        .unwrap_or_else(|| panic!("no hint: {stderr}"))
}

#[test]
fn the_plan_or_the_credits_exit_9_at_once_with_what_to_change() {
    let soon = (SystemTime::now() + Duration::from_secs(1))
        .duration_since(SystemTime::UNIX_EPOCH)
        .expect("clock")
        .as_secs()
        .to_string();
    let cases = [
        // Pay-per-use with no credits left: api.x.com answers 402 with a v2 problem
        // (https://github.com/tryethernal/ethernal/issues/1324 shows the status and headers).
        (
            Scripted::json(
                402,
                json!({
                    "title": "CreditsDepleted",
                    "detail": "Your enrolled account [2012345678901234567] does not have any credits to fulfill this request.",
                    "type": "https://api.twitter.com/2/problems/credits",
                }),
            ),
            "credits are spent, or its spending cap is reached: add credits or raise the cap in the developer portal",
        ),
        (
            Scripted::api_error(
                403,
                453,
                "You currently have access to a subset of X API V2 endpoints and limited v1.1 endpoints (e.g. media post, oauth) only.",
            ),
            "the Free tier answers 453): upgrade the plan in the developer portal, or enable pay-per-use",
        ),
        // The monthly cap, as a 429 with rate-limit headers to spare
        // (https://github.com/xdevplatform/xdk/issues/25).
        (
            Scripted::json(
                429,
                json!({
                    "account_id": "1234567890",
                    "product_name": "standard-basic",
                    "title": "UsageCapExceeded",
                    "period": "Monthly",
                    "scope": "Product",
                    "detail": "Usage cap exceeded: Monthly product cap",
                    "type": "https://api.twitter.com/2/problems/usage-capped",
                }),
            )
            .with_header("x-rate-limit-limit", "40000")
            .with_header("x-rate-limit-remaining", "39999"),
            "monthly usage cap is reached: raise the cap in the developer portal, or wait until its period resets",
        ),
        // The daily one, in the shape of X's OpenAPI problem `UsageCapExceededProblem`
        // (period Daily or Monthly, scope Account or Product; markcowl/adl,
        // adl/test/scenarios/v3/single/output/twitter/models/UsageCapExceededProblem.ts).
        (
            Scripted::json(
                429,
                json!({
                    "title": "UsageCapExceeded",
                    "detail": "Usage cap exceeded: Daily account cap",
                    "type": "https://api.x.com/2/problems/usage-capped",
                    "period": "Daily",
                    "scope": "Account",
                }),
            ),
            "daily usage cap is reached",
        ),
    ];
    for (answer, says) in cases {
        let (api, sandbox) = setup();
        // A reset a second away and a Retry-After within --max-wait: neither is waited for,
        // since waiting cannot bring credits back and every attempt may be billed.
        api.script([answer
            .with_header("x-rate-limit-reset", &soon)
            .with_header("retry-after", "1")]);
        let out = sandbox.run(&["--json", "--max-wait", "60", "--name", "x"]);
        assert_exit(&out, 9);
        assert_eq!(api.requests().len(), 1, "retried");
        assert_eq!(api.profile().name, "Alice");
        let (stdout, stderr) = texts(&out);
        assert_eq!(stdout, "");
        assert!(stderr.starts_with("error: HTTP 4"), "{stderr}");
        assert!(hint_line(&stderr).contains(says), "{stderr}");
        let object = error_object(&stderr);
        assert_eq!(object["error"]["kind"], "billing");
        assert_eq!(object["error"]["exit_code"], 9);
    }
}

#[test]
fn a_refused_timestamp_says_how_far_the_clock_is_off() {
    let (api, sandbox) = setup();
    let server_time = SystemTime::now() - Duration::from_secs(3600);
    api.script([Scripted::api_error(401, 135, "Timestamp out of bounds.")
        .with_header("date", &httpdate::fmt_http_date(server_time))]);
    let out = sandbox.run(&["--name", "x"]);
    assert_exit(&out, 4);
    let (_, stderr) = texts(&out);
    assert_eq!(
        hint_line(&stderr),
        "hint: the request's timestamp was refused: this machine's clock is 1 h 0 min ahead of the server's; fix the clock (e.g. `timedatectl set-ntp true`)"
    );
}

#[test]
fn a_refused_timestamp_with_the_right_time_does_not_blame_the_clock() {
    let (api, sandbox) = setup();
    api.script([Scripted::api_error(401, 135, "Timestamp out of bounds.")
        .with_header("date", &httpdate::fmt_http_date(SystemTime::now()))]);
    let out = sandbox.run(&["--name", "x"]);
    assert_exit(&out, 4);
    let (_, stderr) = texts(&out);
    let hint = hint_line(&stderr);
    assert!(
        hint.starts_with("hint: this machine's clock agrees with the server's (within "),
        "{hint}"
    );
    assert!(
        hint.contains(
            "held too long on the way (by a proxy, say), or X had a problem on its side; run again"
        ),
        "{hint}"
    );
    assert!(!hint.contains("fix the clock"), "{hint}");
}

#[test]
fn with_credentials_from_the_environment_hints_point_at_the_variables() {
    let cases = [
        (
            Scripted::api_error(401, 32, "Could not authenticate you."),
            vec!["--name", "x"],
        ),
        (
            Scripted::api_error(401, 89, "Invalid or expired token."),
            vec!["show"],
        ),
        (
            Scripted::api_error(400, 215, "Bad Authentication data."),
            vec!["--name", "x"],
        ),
        (
            Scripted::raw(401, "text/plain", b"Unauthorized"),
            vec!["show"],
        ),
        (
            Scripted::api_error(403, 261, "Application cannot perform write actions."),
            vec!["--name", "x"],
        ),
        (support::read_only_answer(), vec!["auth", "status"]),
    ];
    for (answer, args) in cases {
        let api = support::FakeApi::start();
        let sandbox = Sandbox::new();
        api.script([answer]);
        let mut cmd = sandbox.std_cmd();
        let out = support::env_credentials(&mut cmd, &api)
            .args(&args)
            .output()
            .expect("run");
        assert_exit(&out, 4);
        let (_, stderr) = texts(&out);
        let hint = hint_line(&stderr);
        // `auth login` saves to the config file, which these variables override: no help.
        assert!(!hint.contains("auth login"), "{args:?}: {hint}");
        assert!(
            hint.contains("the credentials came from the TWPROFILE_* variables")
                || hint.contains("TWPROFILE_ACCESS_TOKEN and TWPROFILE_ACCESS_TOKEN_SECRET, where the credentials came from"),
            "{args:?}: {hint}"
        );
    }
}

#[test]
fn a_network_failure_says_what_to_check() {
    let sandbox = Sandbox::new();
    sandbox.write_config(&support::alice_config("http://127.0.0.1:9"));
    let out = sandbox.run(&["--retries", "0", "--name", "x"]);
    assert_exit(&out, 7);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains("hint: check the network and that 127.0.0.1:9 is the API"),
        "{stderr}"
    );
}

#[test]
fn a_misspelled_account_gets_a_suggestion_and_its_source() {
    let (_api, sandbox) = setup();
    let out = sandbox
        .cmd()
        .env("TWPROFILE_ACCOUNT", "alcie")
        .args(["show"])
        .output()
        .expect("run");
    assert_exit(&out, 3);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains("the name came from TWPROFILE_ACCOUNT"),
        "{stderr}"
    );
    assert!(stderr.contains("hint: did you mean 'alice'?"), "{stderr}");

    let text = std::fs::read_to_string(sandbox.default_config()).expect("config");
    sandbox.write_config(&format!("default_account = \"bob\"\n{text}"));
    let out = sandbox.run(&["show"]);
    assert_exit(&out, 3);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains("no account named 'bob'")
            && stderr.contains("the name came from default_account"),
        "{stderr}"
    );
}

#[test]
fn a_missing_config_given_by_path_is_named_in_the_hint() {
    let sandbox = Sandbox::new();
    let path = sandbox.home().join("elsewhere.toml");
    let out = sandbox.run(&["show", "--config", path.to_str().expect("utf-8")]);
    assert_exit(&out, 3);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains(&format!(
            "`twprofile auth login --config {}`",
            path.display()
        )),
        "{stderr}"
    );
}

#[test]
fn verbose_says_which_account_config_and_api_base() {
    let (api, sandbox) = setup();
    let out = sandbox.run(&["-v", "show"]);
    assert_exit(&out, 0);
    let (_, stderr) = texts(&out);
    let expected = format!(
        "* account 'alice' from {}; API base {}",
        sandbox.default_config().display(),
        api.base()
    );
    assert!(stderr.contains(&expected), "{stderr}");
}

#[test]
fn a_wrong_consumer_key_at_login_points_at_the_app_keys() {
    let api = support::FakeApi::start();
    let sandbox = Sandbox::new();
    let out = sandbox
        .cmd()
        .env("TWPROFILE_API_BASE", api.base())
        .env("TWPROFILE_CONSUMER_KEY", "not-the-app-key")
        .env("TWPROFILE_CONSUMER_SECRET", support::CONSUMER_SECRET)
        .args(["auth", "login"])
        .write_stdin("1234\n")
        .output()
        .expect("run");
    assert_exit(&out, 4);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains("hint: check the consumer key and secret: the app's API key"),
        "{stderr}"
    );
}

#[test]
fn the_error_object_stays_json_whatever_the_secrets_look_like() {
    let api = support::FakeApi::start();
    let sandbox = Sandbox::new();
    let out = sandbox
        .cmd()
        .env("TWPROFILE_API_BASE", api.base())
        .env("TWPROFILE_CONSUMER_KEY", "\",\"kind\":\"")
        .env("TWPROFILE_CONSUMER_SECRET", "error")
        .env("TWPROFILE_ACCESS_TOKEN", "hint")
        .env("TWPROFILE_ACCESS_TOKEN_SECRET", "message")
        .args(["--json", "--name", "x"])
        .output()
        .expect("run");
    assert_exit(&out, 4);
    let object = error_object(&texts(&out).1);
    assert_eq!(object["error"]["kind"], "auth");
    assert!(object["error"]["message"].is_string());
}

#[test]
fn argv_in_a_usage_error_cannot_drive_the_terminal() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&["--bogus\x1b]0;PWN\x07\u{202e}", "--json"]);
    assert_exit(&out, 2);
    let (_, stderr) = texts(&out);
    support::assert_inert("stderr", &stderr);
    assert!(stderr.contains("--bogus\\u{202e}"), "{stderr}");
    assert_eq!(error_object(&stderr)["error"]["kind"], "usage");
}

#[test]
fn an_xml_error_at_login_is_read_for_its_code() {
    let api = support::FakeApi::start();
    let sandbox = Sandbox::new();
    api.script([Scripted::raw(
        403,
        "application/xml",
        br#"<?xml version="1.0" encoding="UTF-8"?><errors><error code="415">Callback URL not approved for this client application.</error></errors>"#,
    )]);
    let out = sandbox
        .cmd()
        .env("TWPROFILE_API_BASE", api.base())
        .env("TWPROFILE_CONSUMER_KEY", support::CONSUMER_KEY)
        .env("TWPROFILE_CONSUMER_SECRET", support::CONSUMER_SECRET)
        .args(["auth", "login"])
        .write_stdin("1\n")
        .output()
        .expect("run");
    assert_exit(&out, 4);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains("API error 415: Callback URL not approved for this client application."),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: the PIN flow still needs a callback URL"),
        "{stderr}"
    );
}

#[test]
fn show_leaves_out_empty_fields() {
    let (api, sandbox) = setup();
    api.set_profile(support::Profile {
        location: String::new(),
        ..support::Profile::default()
    });
    let out = sandbox.run(&["show"]);
    assert_exit(&out, 0);
    assert!(!texts(&out).0.contains("location"), "{}", texts(&out).0);
}
