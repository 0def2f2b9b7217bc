//! Logging in with a PIN, auth status, and listing accounts.

mod support;

use std::path::Path;
use std::process::Output;

use serde_json::Value;
use support::{
    ACCESS_TOKEN, CONSUMER_KEY, CONSUMER_SECRET, FakeApi, NEW_TOKEN, NEW_TOKEN_SECRET, PIN,
    Sandbox, Scripted, assert_exit, assert_no_secrets, texts,
};

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

/// `auth login` with the consumer pair in the environment and `stdin` piped in.
fn login(sandbox: &Sandbox, api: &FakeApi, args: &[&str], stdin: &str) -> Output {
    sandbox
        .cmd()
        .env("TWPROFILE_API_BASE", api.base())
        .env("TWPROFILE_CONSUMER_KEY", CONSUMER_KEY)
        .env("TWPROFILE_CONSUMER_SECRET", CONSUMER_SECRET)
        .args(["auth", "login"])
        .args(args)
        .write_stdin(stdin)
        .output()
        .expect("run")
}

// Login.

#[test]
fn a_full_login_through_a_piped_pin_then_an_update_with_the_new_account() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let out = login(&sandbox, &api, &[], &format!("{PIN}\n"));
    assert_exit(&out, 0);
    let (stdout, stderr) = texts(&out);
    assert_eq!(stdout, "");
    assert!(
        stderr.contains(&format!(
            "{}/oauth/authorize?oauth_token=request-token-1",
            api.base()
        )),
        "{stderr}"
    );
    let path = sandbox.default_config();
    assert!(
        stderr.contains(&format!(
            "Logged in as @alice; saved as account 'alice' in {}",
            path.display()
        )),
        "{stderr}"
    );
    assert_no_secrets(&out, &api);

    // Both steps were signed and checked by the fake: request_token with the app alone and the
    // oob callback, access_token with the request token and the PIN.
    let requests = api.requests();
    assert_eq!(requests.len(), 2);
    assert!(requests.iter().all(|r| r.verdict.is_ok()), "{requests:#?}");
    assert_eq!(requests[0].path, "/oauth/request_token");
    assert_eq!(requests[0].oauth["oauth_callback"], "oob");
    assert!(!requests[0].oauth.contains_key("oauth_token"));
    assert_eq!(requests[1].path, "/oauth/access_token");
    assert_eq!(requests[1].oauth["oauth_verifier"], PIN);
    assert_eq!(requests[1].oauth["oauth_token"], "request-token-1");

    let text = std::fs::read_to_string(&path).expect("config written");
    assert!(text.starts_with("default_account = \"alice\""), "{text}");
    assert!(text.contains(NEW_TOKEN) && text.contains(NEW_TOKEN_SECRET));
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o600);

    let out = sandbox
        .cmd()
        .env("TWPROFILE_API_BASE", api.base())
        .args(["--name", "Logged In"])
        .output()
        .expect("run");
    assert_exit(&out, 0);
    let update = api.requests().pop().expect("update");
    assert_eq!(update.verdict, Ok(()));
    assert_eq!(update.oauth["oauth_token"], NEW_TOKEN);
    assert_eq!(api.profile().name, "Logged In");
}

#[test]
fn the_consumer_pair_can_be_typed_at_the_prompts() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let out = sandbox
        .cmd()
        .env("TWPROFILE_API_BASE", api.base())
        .args(["auth", "login", "--account", "main", "--json"])
        .write_stdin(format!("{CONSUMER_KEY}\n{CONSUMER_SECRET}\n{PIN}\n"))
        .output()
        .expect("run");
    assert_exit(&out, 0);
    let shown: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(shown["account"], "main");
    assert_eq!(shown["screen_name"], "alice");
    let text = std::fs::read_to_string(sandbox.default_config()).expect("config");
    assert!(text.contains("[accounts.main]"), "{text}");
    assert_no_secrets(&out, &api);
}

#[test]
fn login_into_an_existing_file_keeps_everything_else() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let original = format!(
        "# Personal and work accounts\ndefault_account = \"personal\" # used by cron\n\n[accounts.personal]\nconsumer_key = \"{CONSUMER_KEY}\"\nconsumer_secret = \"{CONSUMER_SECRET}\"\naccess_token = \"{ACCESS_TOKEN}\"\naccess_token_secret = \"{}\"\n\n# the team account\n[accounts.team]\nconsumer_key = \"k\"\nconsumer_secret = \"s\"\naccess_token = \"t\"\naccess_token_secret = \"ts\"\n",
        support::ACCESS_TOKEN_SECRET
    );
    let path = sandbox.write_config(&original);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    }
    let out = login(&sandbox, &api, &["--account", "work"], &format!("{PIN}\n"));
    assert_exit(&out, 0);
    let text = std::fs::read_to_string(&path).expect("config");
    assert!(text.starts_with(&original), "the old text changed:\n{text}");
    assert!(text.contains("[accounts.work]"), "{text}");
    assert!(text.contains(NEW_TOKEN), "{text}");
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o600);

    let out = sandbox
        .cmd()
        .env("TWPROFILE_API_BASE", api.base())
        .arg("accounts")
        .output()
        .expect("run");
    assert_exit(&out, 0);
    assert_eq!(texts(&out).0, "* personal\n  team\n  work\n");
}

#[test]
fn a_wrong_pin_leaves_the_file_untouched_and_exits_4() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let path = sandbox.write_alice(&api);
    let before = std::fs::read(&path).expect("config");
    let out = login(&sandbox, &api, &["--account", "other"], "0000000\n");
    assert_exit(&out, 4);
    let (stdout, stderr) = texts(&out);
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("Invalid oauth_verifier parameter"),
        "the server's words are missing:\n{stderr}"
    );
    assert!(stderr.contains("hint: the PIN may be wrong"), "{stderr}");
    assert_eq!(std::fs::read(&path).expect("config"), before);
    assert_no_secrets(&out, &api);
}

#[test]
fn a_refused_request_token_exits_4_and_writes_nothing() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    api.script([Scripted::api_error(
        403,
        415,
        "Callback URL not approved for this client application.",
    )]);
    let out = login(&sandbox, &api, &[], &format!("{PIN}\n"));
    assert_exit(&out, 4);
    assert!(
        texts(&out)
            .1
            .contains("API error 415: Callback URL not approved")
    );
    assert!(!sandbox.default_config().exists());
    assert_eq!(api.requests().len(), 1);
}

#[test]
fn auth_status_names_the_account_and_checks_it() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let path = sandbox.write_alice(&api);
    let out = sandbox.run(&["auth", "status"]);
    assert_exit(&out, 0);
    assert_eq!(
        texts(&out).0,
        format!(
            "Logged in to {} as @alice\n  account  alice (in {})\n  secrets  the config file (consumer_key, consumer_secret, access_token, access_token_secret)\n  access   read-write\n",
            api.base(),
            path.display()
        )
    );
    let request = api.requests().pop().expect("a request");
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, "/1.1/account/verify_credentials.json");
    assert_eq!(request.verdict, Ok(()));
    assert_no_secrets(&out, &api);

    api.script([Scripted::api_error(401, 89, "Invalid or expired token.")]);
    let out = sandbox.run(&["auth", "status"]);
    assert_exit(&out, 4);
    assert!(
        texts(&out)
            .1
            .contains("API error 89: Invalid or expired token.")
    );
}

// Accounts.

#[test]
fn accounts_lists_and_sets_the_default() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let path = sandbox.write_config(&format!(
        "{}\n# second\n[accounts.bob]\nconsumer_key = \"k\"\nconsumer_secret = \"s\"\naccess_token = \"t\"\naccess_token_secret = \"ts\"\n",
        support::alice_config(&api.base())
    ));
    let out = sandbox.run(&["accounts"]);
    assert_exit(&out, 0);
    assert_eq!(texts(&out).0, "  alice\n  bob\n");

    let out = sandbox.run(&["accounts", "default", "bob"]);
    assert_exit(&out, 0);
    assert_eq!(texts(&out).0, "");
    let text = std::fs::read_to_string(&path).expect("config");
    assert!(text.contains("# second"), "{text}");
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o600);

    let out = sandbox.run(&["accounts", "--json"]);
    let listed: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(listed["default"], "bob");
    assert_eq!(listed["accounts"], serde_json::json!(["alice", "bob"]));

    let out = sandbox.run(&["accounts", "default", "carol"]);
    assert_exit(&out, 3);
    assert!(texts(&out).1.contains("no account named 'carol'"));
    assert!(api.requests().is_empty());
}

#[test]
fn accounts_without_a_config_file_say_to_log_in() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&["accounts"]);
    assert_exit(&out, 3);
    assert!(texts(&out).1.contains("twprofile auth login"));
}
