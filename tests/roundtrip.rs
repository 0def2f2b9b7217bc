//! Real bios round-trip exactly: user objects the API really returned (tests/fixtures/users,
//! sources in its README) replayed through `--if-changed`, `export` and `apply --check`. A value
//! holds when it is the live one with each link in any form that stands for it, and a value that
//! holds is never sent, so never refused for its length.

mod support;

use serde_json::Value;
use support::{FakeApi, READ, Sandbox, Scripted, assert_exit, calls, texts};

/// Every recorded user object, by file name.
fn recorded() -> Vec<(String, Value)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/users");
    let mut users: Vec<(String, Value)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .map(|path| {
            let user = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                user,
            )
        })
        .collect();
    users.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(users.len() >= 4, "{users:?}");
    users
}

fn one(name: &str) -> Value {
    recorded()
        .into_iter()
        .find(|(file, _)| file == name)
        .map(|(_, user)| user)
        .unwrap()
}

/// Runs the binary with the environment's credentials (no recorded user to compare with, so
/// any recorded profile may answer), the fake answering each read with `user`.
fn run(
    api: &FakeApi,
    sandbox: &Sandbox,
    user: &Value,
    reads: usize,
    args: &[&str],
) -> std::process::Output {
    api.script(std::iter::repeat_n(
        Scripted::json(200, user.clone()),
        reads,
    ));
    let mut cmd = sandbox.std_cmd();
    support::env_credentials(&mut cmd, api).args(args);
    support::output_within(&mut cmd, 30)
}

fn text(user: &Value, key: &str) -> String {
    user[key].as_str().unwrap_or_default().to_owned()
}

#[test]
fn a_fresh_export_of_every_recorded_profile_is_in_sync_and_fits() {
    for (name, user) in recorded() {
        let api = FakeApi::start();
        let sandbox = Sandbox::new();
        let file = sandbox.home().join("p.toml");
        let out = run(
            &api,
            &sandbox,
            &user,
            1,
            &["export", "-o", file.to_str().unwrap()],
        );
        assert_exit(&out, 0);
        assert_eq!(
            texts(&out).1,
            format!("wrote {}\n", file.display()),
            "{name}"
        );
        let exported: toml::Table =
            toml::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        for (key, limit) in [
            ("name", 50),
            ("url", 100),
            ("location", 30),
            ("description", 160),
        ] {
            let value = exported[key].as_str().unwrap();
            assert!(value.chars().count() <= limit, "{name}: {key} = {value:?}");
        }
        let out = run(
            &api,
            &sandbox,
            &user,
            1,
            &["apply", "--check", file.to_str().unwrap()],
        );
        assert_exit(&out, 0);
        assert!(
            texts(&out).0.ends_with("is in sync\n"),
            "{name}: {}",
            texts(&out).0
        );
        assert_eq!(calls(&api), [READ, READ], "{name}");
    }
}

#[test]
fn values_exactly_as_the_api_returns_them_hold() {
    for (name, user) in recorded() {
        let api = FakeApi::start();
        let sandbox = Sandbox::new();
        let (description, url) = (text(&user, "description"), text(&user, "url"));
        let out = run(
            &api,
            &sandbox,
            &user,
            1,
            &["--if-changed", "--description", &description, "--url", &url],
        );
        assert_exit(&out, 0);
        assert_eq!(texts(&out).1, "unchanged\n", "{name}");
        let file = sandbox.file(
            "raw.toml",
            format!(
                "description = {}\nurl = {}\n",
                toml::Value::from(description),
                toml::Value::from(url)
            ),
        );
        let out = run(
            &api,
            &sandbox,
            &user,
            1,
            &["apply", "--check", file.to_str().unwrap()],
        );
        assert_exit(&out, 0);
        assert_eq!(calls(&api), [READ, READ], "{name}");
    }
}

#[test]
fn every_form_of_a_link_holds_and_another_link_or_scheme_does_not() {
    let user = one("checkiday-like.json");
    for url in [
        "https://t.co/Ws03xYz9aB",
        "https://www.holidays.example/",
        "https://www.holidays.example",
        "https://holidays.example",
        "holidays.example",
        "www.holidays.example/",
    ] {
        let api = FakeApi::start();
        let sandbox = Sandbox::new();
        let out = run(&api, &sandbox, &user, 1, &["--if-changed", "--url", url]);
        assert_exit(&out, 0);
        assert_eq!(calls(&api), [READ], "{url}");
    }
    for url in ["http://holidays.example", "https://holidays.example/blog"] {
        let api = FakeApi::start();
        let sandbox = Sandbox::new();
        let out = run(&api, &sandbox, &user, 2, &["--if-changed", "--url", url]);
        assert_exit(&out, 0);
        assert_eq!(
            calls(&api),
            [READ, "POST /1.1/account/update_profile.json"],
            "{url}"
        );
        assert_eq!(api.requests()[1].param("url"), Some(url));
    }
    // A bio with its links in mixed forms holds; with one link changed it does not.
    let bio = "Every holiday, every day: wacky and official ones from around the world, with their stories. Like us https://t.co/Fb01xYz9aB and read holidays.example";
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    assert_exit(
        &run(
            &api,
            &sandbox,
            &user,
            1,
            &["--if-changed", "--description", bio],
        ),
        0,
    );
    assert_eq!(calls(&api), [READ]);
    let changed = bio.replace("read holidays.example", "read holidays.example/x");
    let out = run(
        &api,
        &sandbox,
        &user,
        2,
        &["--if-changed", "--description", &changed],
    );
    assert_exit(&out, 0);
    assert_eq!(
        api.requests()[2].param("description"),
        Some(changed.as_str())
    );
}

#[test]
fn a_value_that_holds_is_never_refused_for_its_length() {
    let user = one("checkiday-like.json");
    let expanded = "Every holiday, every day: wacky and official ones from around the world, with their stories. Like us http://www.facebook.com/pages/Holiday-Bot/123456789 and read http://holidays.example/";
    assert_eq!(expanded.chars().count(), 186);
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let out = run(
        &api,
        &sandbox,
        &user,
        1,
        &["--if-changed", "--description", expanded],
    );
    assert_exit(&out, 0);
    assert_eq!(texts(&out).1, "unchanged\n");
    let file = sandbox.file(
        "p.toml",
        format!("description = {}\n", toml::Value::from(expanded)),
    );
    assert_exit(
        &run(
            &api,
            &sandbox,
            &user,
            1,
            &["apply", "--check", file.to_str().unwrap()],
        ),
        0,
    );
    assert_eq!(calls(&api), [READ, READ]);

    // What would be sent is held to the limit: before anything is read without --if-changed,
    // after the read (and before any write) with it and in apply.
    let other = expanded.replace("Every", "Each");
    let api = FakeApi::start();
    let out = run(&api, &sandbox, &user, 0, &["--description", &other]);
    assert_exit(&out, 2);
    assert!(api.requests().is_empty());
    let out = run(
        &api,
        &sandbox,
        &user,
        1,
        &["--if-changed", "--description", &other],
    );
    assert_exit(&out, 2);
    assert_eq!(
        texts(&out).1,
        "error: --description is 185 characters; the description limit is 160\n"
    );
    let file = sandbox.file(
        "p.toml",
        format!("description = {}\n", toml::Value::from(other.as_str())),
    );
    let out = run(&api, &sandbox, &user, 1, &["apply", file.to_str().unwrap()]);
    assert_exit(&out, 2);
    assert!(
        texts(&out)
            .1
            .contains(": description is 185 characters; the description limit is 160"),
        "{}",
        texts(&out).1
    );
    assert_eq!(calls(&api), [READ, READ]);
}

#[test]
fn export_expands_links_where_they_fit_and_shortens_only_where_they_do_not() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let user = one("checkiday-like.json");
    let out = run(&api, &sandbox, &user, 1, &["export"]);
    assert_exit(&out, 0);
    let exported: toml::Table = toml::from_str(&texts(&out).0).unwrap();
    assert_eq!(
        exported["url"].as_str(),
        Some("https://www.holidays.example/")
    );
    let bio = exported["description"].as_str().unwrap();
    assert!(bio.chars().count() <= 160, "{bio}");
    // The link that saves the most is written short (its display form is cut short with `…`,
    // so as the t.co link); the other stays as it expands.
    assert!(
        bio.ends_with(" us https://t.co/Fb01xYz9aB and read http://holidays.example/"),
        "{bio}"
    );
    let user = one("twitterapi.json");
    let out = run(&api, &sandbox, &user, 1, &["export", "--json"]);
    let object: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(object["url"], "https://developer.twitter.com");
}
