//! `apply --jobs`: many files and accounts in one run, at once over one connection pool, with
//! output in file order and each account's requests in order.

mod support;

use std::fmt::Write as _;
use std::time::Duration;

use serde_json::Value;
use support::{
    ACCESS_TOKEN, CONSUMER_KEY, CONSUMER_SECRET, FakeApi, Profile, Sandbox, Scripted, texts,
};

/// `n` accounts, `user0` … `user{n-1}`, each its own user at the fake, with a profile file
/// `p{i}.toml` that changes its name (one field out of sync). Returns the files' names.
fn accounts(api: &FakeApi, sandbox: &Sandbox, n: usize) -> Vec<String> {
    let mut config = format!("api_base = \"{}\"\n", api.base());
    let mut files = Vec::new();
    for i in 0..n {
        let token = format!("{}-tok{i}", 7_000_000 + i);
        let secret = format!("sec{i}");
        api.add_user(
            &token,
            &secret,
            Profile {
                screen_name: format!("user{i}"),
                user_id: format!("{}", 7_000_000 + i),
                ..Profile::default()
            },
        );
        write!(
            config,
            "\n[accounts.user{i}]\nconsumer_key = \"{CONSUMER_KEY}\"\nconsumer_secret = \"{CONSUMER_SECRET}\"\naccess_token = \"{token}\"\naccess_token_secret = \"{secret}\"\n"
        )
        .expect("write");
        let name = format!("p{i}.toml");
        sandbox.file(
            &name,
            format!("account = \"user{i}\"\nname = \"User {i}\"\n"),
        );
        files.push(name);
    }
    sandbox.write_config(&config);
    files
}

/// Runs `apply` on `files` in the sandbox's home with `extra` flags.
fn apply(sandbox: &Sandbox, files: &[String], extra: &[&str]) -> std::process::Output {
    let mut args = vec!["apply"];
    args.extend(extra);
    args.extend(files.iter().map(String::as_str));
    sandbox
        .std_cmd()
        .current_dir(sandbox.home())
        .args(args)
        .output()
        .expect("run")
}

#[test]
fn files_run_at_once_up_to_jobs_over_shared_connections() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let files = accounts(&api, &sandbox, 8);
    // A distant server: requests overlap when the files run at once.
    api.set_delay("", Duration::from_millis(150));
    let out = apply(&sandbox, &files, &["--jobs", "4"]);
    assert_eq!(out.status.code(), Some(0), "{:?}", texts(&out));
    // Every file applied: a read and a write each.
    for i in 0..8 {
        assert_eq!(
            api.profile_of(&format!("{}-tok{i}", 7_000_000 + i))
                .expect("user")
                .name,
            format!("User {i}")
        );
    }
    assert_eq!(api.requests().len(), 16);
    assert_eq!(api.max_in_flight(), 4, "four files at once, no more");
    // One pool: a connection per file in flight (and one to spare), not one per file.
    assert!(api.connections() <= 5, "{} connections", api.connections());
}

#[test]
fn one_job_runs_the_files_one_by_one_over_one_connection() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let files = accounts(&api, &sandbox, 4);
    api.set_delay("", Duration::from_millis(20));
    let out = apply(&sandbox, &files, &["-j", "1"]);
    assert_eq!(out.status.code(), Some(0), "{:?}", texts(&out));
    assert_eq!(api.max_in_flight(), 1);
    assert_eq!(api.connections(), 1, "connections reused across accounts");
}

#[test]
fn output_follows_the_files_when_the_first_is_slowest() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let files = accounts(&api, &sandbox, 4);
    // The first file's account answers last, and its write fails; the third fails at once.
    api.set_delay(&format!("{}-tok0", 7_000_000), Duration::from_millis(400));
    sandbox.file("p2.toml", "account = \"user2\"\nname = \"x\"\nbogus = 1\n");
    let out = apply(&sandbox, &files, &["--json"]);
    let (stdout, stderr) = texts(&out);
    let reports: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    let order: Vec<&str> = reports
        .iter()
        .map(|r| r["file"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        order,
        ["p0.toml", "p1.toml", "p2.toml", "p3.toml"],
        "{stdout}"
    );
    assert_eq!(reports[0]["changed"], true);
    assert_eq!(reports[2]["ok"], false);
    // The failure is the third file's, reported once, whole.
    assert_eq!(stderr.matches("error:").count(), 1, "{stderr}");
    assert!(stderr.contains("p2.toml"), "{stderr}");
    assert_eq!(out.status.code(), Some(2));

    // Text output too: each file's plan in file order, not in the order they finished.
    let again = FakeApi::start();
    let sandbox = Sandbox::new();
    let files = accounts(&again, &sandbox, 3);
    again.set_delay(&format!("{}-tok0", 7_000_000), Duration::from_millis(400));
    let out = apply(&sandbox, &files, &[]);
    let stdout = texts(&out).0;
    let at = |needle: &str| {
        stdout
            .find(needle)
            .unwrap_or_else(|| panic!("{needle}: {stdout}"))
    };
    assert!(
        at("@user0") < at("@user1") && at("@user1") < at("@user2"),
        "{stdout}"
    );
    assert_eq!(stdout.matches("Applied 1 change").count(), 3, "{stdout}");
}

#[test]
fn the_exit_code_is_the_first_failing_files_not_the_first_to_fail() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let files = accounts(&api, &sandbox, 3);
    // The first file fails late (its account is slow and unknown to the server: exit 4); the
    // second fails at once with a usage error (exit 2).
    let slow = format!("{}-tok0", 7_000_000);
    api.set_delay(&slow, Duration::from_millis(300));
    let config = std::fs::read_to_string(sandbox.default_config()).expect("config");
    sandbox.write_config(&config.replace(
        "access_token_secret = \"sec0\"",
        "access_token_secret = \"wrong\"",
    ));
    sandbox.file(
        "p1.toml",
        "account = \"user1\"\nname = \"\"\nnonsense = true\n",
    );
    let out = apply(&sandbox, &files, &[]);
    assert_eq!(out.status.code(), Some(4), "{:?}", texts(&out));
}

#[test]
fn one_accounts_files_take_turns_in_file_order() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let mut files = accounts(&api, &sandbox, 2);
    // Three files for user0, one for user1; user0's server is slow.
    sandbox.file("p0b.toml", "account = \"user0\"\nlocation = \"Paris\"\n");
    sandbox.file(
        "p0c.toml",
        "account = \"user0\"\nurl = \"https://zero.example\"\n",
    );
    files.insert(1, "p0b.toml".into());
    files.push("p0c.toml".into());
    let slow = format!("{}-tok0", 7_000_000);
    api.set_delay(&slow, Duration::from_millis(100));
    let out = apply(&sandbox, &files, &["--jobs", "4"]);
    assert_eq!(out.status.code(), Some(0), "{:?}", texts(&out));
    let sent: Vec<(String, String)> = api
        .requests()
        .iter()
        .filter(|r| r.oauth.get("oauth_token") == Some(&slow))
        .map(|r| {
            let what = ["name", "location", "url"]
                .into_iter()
                .find(|k| r.param(k).is_some())
                .unwrap_or("");
            (r.method.clone(), what.to_owned())
        })
        .collect();
    let expected: Vec<(String, String)> = [
        ("GET", ""),
        ("POST", "name"),
        ("GET", ""),
        ("POST", "location"),
        ("GET", ""),
        ("POST", "url"),
    ]
    .iter()
    .map(|(m, w)| ((*m).to_owned(), (*w).to_owned()))
    .collect();
    assert_eq!(sent, expected);
    // Meanwhile the other account was not held up: its write came before user0's last.
    let requests = api.requests();
    let other = requests
        .iter()
        .position(|r| r.method == "POST" && r.oauth.get("oauth_token") != Some(&slow))
        .expect("user1's write");
    let last = requests
        .iter()
        .rposition(|r| r.method == "POST" && r.oauth.get("oauth_token") == Some(&slow))
        .expect("user0's last write");
    assert!(other < last);
}

#[test]
fn a_rate_limit_wait_holds_only_its_own_account() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let files = accounts(&api, &sandbox, 3);
    let reset = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs()
        + 2;
    // The first request to arrive is told to wait for the reset.
    api.script([Scripted::api_error(429, 88, "Rate limit exceeded")
        .with_header("x-rate-limit-remaining", "0")
        .with_header("x-rate-limit-reset", &reset.to_string())]);
    let out = apply(&sandbox, &files, &["--jobs", "3"]);
    assert_eq!(out.status.code(), Some(0), "{:?}", texts(&out));
    let requests = api.requests();
    let token = |r: &support::Recorded| r.oauth.get("oauth_token").cloned().unwrap_or_default();
    let waited = token(&requests[0]);
    let retry = requests
        .iter()
        .rposition(|r| token(r) == waited && r.method == "GET")
        .expect("the retry");
    assert!(retry > 0);
    // Both other accounts read and wrote while that one waited for its retry.
    let others: Vec<String> = requests[..retry]
        .iter()
        .filter(|r| r.method == "POST" && token(r) != waited)
        .map(token)
        .collect();
    assert_eq!(others.len(), 2, "{others:?}");
    assert!(!others.contains(&ACCESS_TOKEN.to_owned()));
}

#[test]
fn jobs_is_a_number_from_1_to_64() {
    let sandbox = Sandbox::new();
    sandbox.file("p.toml", "name = \"x\"\n");
    for bad in ["0", "65", "many"] {
        let out = sandbox
            .std_cmd()
            .current_dir(sandbox.home())
            .args(["apply", "--jobs", bad, "p.toml"])
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "--jobs {bad}");
        assert!(texts(&out).1.contains("--jobs"), "{:?}", texts(&out));
    }
}

#[test]
fn files_waiting_for_their_accounts_turn_leave_their_places_to_other_accounts() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let mut files = accounts(&api, &sandbox, 5);
    // Four files for user0, whose server is slow, before the other accounts' files.
    let mut slow_files = Vec::new();
    for (i, key) in [
        "location = \"A\"",
        "location = \"B\"",
        "url = \"https://c.example\"",
    ]
    .into_iter()
    .enumerate()
    {
        let name = format!("slow{i}.toml");
        sandbox.file(&name, format!("account = \"user0\"\n{key}\n"));
        slow_files.push(name);
    }
    let rest = files.split_off(1);
    files.extend(slow_files);
    files.extend(rest);
    let slow = format!("{}-tok0", 7_000_000);
    api.set_delay(&slow, Duration::from_millis(300));
    let out = apply(&sandbox, &files, &["--jobs", "2"]);
    assert_eq!(out.status.code(), Some(0), "{:?}", texts(&out));
    assert!(api.max_in_flight() <= 2, "{}", api.max_in_flight());
    let requests = api.requests();
    let slow_writes: Vec<usize> = requests
        .iter()
        .enumerate()
        .filter(|(_, r)| r.method == "POST" && r.oauth.get("oauth_token") == Some(&slow))
        .map(|(at, _)| at)
        .collect();
    assert_eq!(slow_writes.len(), 4);
    // Every other account was applied while user0's files took their turns.
    let other_writes = requests
        .iter()
        .enumerate()
        .filter(|(_, r)| r.method == "POST" && r.oauth.get("oauth_token") != Some(&slow))
        .map(|(at, _)| at)
        .collect::<Vec<_>>();
    assert_eq!(other_writes.len(), 4);
    assert!(
        other_writes.iter().all(|at| *at < slow_writes[1]),
        "{other_writes:?} vs {slow_writes:?}"
    );
    // And the output is still in file order.
    let stdout = texts(&out).0;
    let at = |needle: &str| {
        stdout
            .find(needle)
            .unwrap_or_else(|| panic!("{needle}: {stdout}"))
    };
    assert!(at("slow2.toml") < at("p1.toml"), "{stdout}");
}

#[test]
fn under_json_the_last_error_line_is_the_runs_and_server_text_stays_inert() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let files = accounts(&api, &sandbox, 3);
    let config = std::fs::read_to_string(sandbox.default_config()).expect("config");
    // The first file fails on credentials (exit 4), the last on its own text (exit 2).
    sandbox.write_config(&config.replace(
        "access_token_secret = \"sec0\"",
        "access_token_secret = \"wrong\"",
    ));
    sandbox.file("p2.toml", "account = \"user2\"\nnonsense = true\n");
    let out = apply(&sandbox, &files, &["--json"]);
    assert_eq!(out.status.code(), Some(4));
    let stderr = texts(&out).1;
    let last: Value = serde_json::from_str(stderr.lines().last().expect("a line")).expect("json");
    assert_eq!(last["error"]["exit_code"], 4, "{stderr}");
    assert!(
        last["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("2 of 3 files failed")),
        "{stderr}"
    );

    // A name with a bidi override, as a hostile server would send it.
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let files = accounts(&api, &sandbox, 1);
    api.add_user(
        &format!("{}-tok0", 7_000_000),
        "sec0",
        Profile {
            screen_name: "user0".into(),
            user_id: "7000000".into(),
            name: "RED\u{202e}gnp.exe".into(),
            ..Profile::default()
        },
    );
    let out = apply(&sandbox, &files, &["--json", "--plan"]);
    let stdout = texts(&out).0;
    assert!(!stdout.contains('\u{202e}'), "{stdout:?}");
    assert!(stdout.contains("RED\\u202egnp.exe"), "{stdout}");
}

/// Under `-v`, each file's block of lines on stderr starts with the account line naming the
/// file, so that a log of stderr alone tells two files of one account apart.
#[test]
fn verbose_blocks_on_stderr_name_their_file() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let mut files = accounts(&api, &sandbox, 1);
    sandbox.file("p0b.toml", "account = \"user0\"\nlocation = \"Paris\"\n");
    files.push("p0b.toml".into());
    let out = apply(&sandbox, &files, &["-v", "--jobs", "2"]);
    assert_eq!(out.status.code(), Some(0), "{:?}", texts(&out));
    let stderr = texts(&out).1;
    let heads: Vec<&str> = stderr.lines().filter(|l| l.starts_with("* ")).collect();
    assert_eq!(heads.len(), 2, "{stderr}");
    assert!(
        heads[0].starts_with("* p0.toml: account 'user0' from "),
        "{stderr}"
    );
    assert!(
        heads[1].starts_with("* p0b.toml: account 'user0' from "),
        "{stderr}"
    );
}
