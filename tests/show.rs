//! Reading the profile (`show`) and skipping no-op updates (`--if-changed`).

mod support;

use serde_json::Value;
use support::{Profile, Scripted, assert_exit, assert_no_secrets, setup, texts};

// Show.

#[test]
fn show_prints_a_readable_summary_with_links_expanded() {
    let (api, sandbox) = setup();
    let out = sandbox.run(&["show"]);
    assert_exit(&out, 0);
    assert_eq!(
        texts(&out).0,
        "Alice @alice\n  bio          Writing code. Blog: https://blog.alice.example/posts\n  location     Berlin\n  website      https://alice.example/\n  followers    1234\n  following    56\n  joined       2007-05-23\n"
    );
    let request = api.requests().pop().expect("request");
    assert_eq!(request.method, "GET");
    assert_eq!(request.param("include_entities"), Some("true"));
    assert_eq!(request.verdict, Ok(()));
    assert_no_secrets(&out, &api);
}

#[test]
fn show_json_prints_the_object() {
    let (api, sandbox) = setup();
    let out = sandbox.run(&["show", "--json"]);
    assert_exit(&out, 0);
    let user: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(user, support::user_json(&api.profile()));
}

#[test]
fn show_fields_print_one_value_a_line() {
    let (_api, sandbox) = setup();
    let out = sandbox.run(&[
        "show",
        "--field",
        "url",
        "--field",
        "followers_count",
        "--field",
        "description",
        "--field",
        "protected",
        "--field",
        "screen_name",
    ]);
    assert_exit(&out, 0);
    assert_eq!(
        texts(&out).0,
        "https://alice.example/\n1234\nWriting code. Blog: https://blog.alice.example/posts\nfalse\nalice\n"
    );
}

/// A real `verify_credentials` answer, cut to the user's own fields (the embedded `status`
/// left out): tweepy/tweepy, cassettes/testverifycredentials.json. Its `entities` lists `url`
/// before `description` and writes `/` as `\/`. The last two keys are added: numbers that
/// would change if parsed and written again (`1000.0`, `1.2345678901234568e29`).
const RECORDED_USER: &str = r#"{"id":82301637,"id_str":"82301637","name":"Tweepy test 123","screen_name":"tweepytest","location":"pytopia","profile_location":null,"description":"A test account for testing stuff.","url":"http:\/\/t.co\/3L9bWVrV0b","entities":{"url":{"urls":[{"url":"http:\/\/t.co\/3L9bWVrV0b","expanded_url":"http:\/\/foo.com","display_url":"foo.com","indices":[0,22]}]},"description":{"urls":[]}},"protected":false,"followers_count":10,"friends_count":11,"listed_count":0,"created_at":"Wed Oct 14 07:28:20 +0000 2009","favourites_count":1,"utc_offset":-21600,"time_zone":"Central Time (US & Canada)","geo_enabled":true,"verified":false,"statuses_count":540,"lang":"en","ratio":1.0e3,"huge":123456789012345678901234567890}"#;

#[test]
fn a_field_into_a_pipe_is_the_json_the_server_sent() {
    let api = support::FakeApi::start();
    let sandbox = support::Sandbox::new();
    // Pretty-printed too: the value still takes one line, its keys and numbers as sent.
    let pretty = RECORDED_USER.replace(",\"", ",\n  \"");
    api.script([
        Scripted::raw(200, "application/json", RECORDED_USER.as_bytes()),
        Scripted::raw(200, "application/json", pretty.as_bytes()),
    ]);
    let entities = r#"{"url":{"urls":[{"url":"http:\/\/t.co\/3L9bWVrV0b","expanded_url":"http:\/\/foo.com","display_url":"foo.com","indices":[0,22]}]},"description":{"urls":[]}}"#;
    for _ in 0..2 {
        let mut cmd = sandbox.std_cmd();
        support::env_credentials(&mut cmd, &api).args([
            "show", "--field", "entities", "--field", "ratio", "--field", "huge", "--field", "url",
        ]);
        let out = cmd.output().expect("run");
        assert_exit(&out, 0);
        assert_eq!(
            texts(&out).0,
            format!("{entities}\n1.0e3\n123456789012345678901234567890\nhttp://foo.com\n")
        );
    }
}

/// 🏴 and `code` in tag characters, then the cancel tag: a subdivision flag when `code` is one.
fn flag(code: &str) -> String {
    let tags: String = code
        .chars()
        .map(|c| char::from_u32(0xE0000 + u32::from(c)).expect("a tag character"))
        .collect();
    format!("\u{1F3F4}{tags}\u{E007F}")
}

#[test]
fn flags_and_keycaps_in_a_bio_show_as_they_are_and_stray_tags_escaped() {
    let (api, sandbox) = setup();
    let (scotland, england, wales) = (flag("gbsct"), flag("gbeng"), flag("gbwls"));
    let keycap = "1\u{FE0F}\u{20E3}";
    // A lone tag, tags after a letter, and a run the cancel tag never ends.
    let stray = format!(
        "\u{E0067} a{} {}",
        flag("gbsct").trim_start_matches('\u{1F3F4}'),
        flag("gbsct").trim_end_matches('\u{E007F}')
    );
    api.set_profile(Profile {
        description: format!("{scotland} {england} {wales} {keycap} {stray}"),
        ..Profile::default()
    });
    let out = sandbox.run(&["show"]);
    assert_exit(&out, 0);
    let (stdout, _) = texts(&out);
    let bio = stdout
        .lines()
        .find_map(|line| line.strip_prefix("  bio          "))
        .expect("a bio row");
    let tags = "\\u{e0067}\\u{e0062}\\u{e0073}\\u{e0063}\\u{e0074}";
    assert_eq!(
        bio,
        format!(
            "{scotland} {england} {wales} {keycap} \\u{{e0067}} a{tags}\\u{{e007f}} \u{1F3F4}{tags}"
        )
    );
    support::assert_inert("stdout", &stdout);
}

#[test]
fn an_unknown_field_is_a_usage_error_naming_close_matches() {
    let (_api, sandbox) = setup();
    let out = sandbox.run(&["show", "--field", "descripton"]);
    assert_exit(&out, 2);
    let (stdout, stderr) = texts(&out);
    assert_eq!(stdout, "");
    assert!(
        stderr
            .contains("error: the profile has no field 'descripton'; did you mean 'description'?"),
        "{stderr}"
    );
}

// --if-changed.

#[test]
fn if_changed_with_equal_values_sends_no_post() {
    let (api, sandbox) = setup();
    let current = Profile::default();
    let out = sandbox.run(&[
        "--if-changed",
        "--name",
        &current.name,
        "--location",
        &current.location,
    ]);
    assert_exit(&out, 0);
    let (stdout, stderr) = texts(&out);
    assert_eq!(stdout, "");
    assert_eq!(stderr, "unchanged\n");
    let methods: Vec<String> = api.requests().iter().map(|r| r.method.clone()).collect();
    assert_eq!(methods, ["GET"]);

    let out = sandbox.run(&["--if-changed", "--json", "--name", &current.name]);
    assert_exit(&out, 0);
    let user: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(user["screen_name"], "alice");

    let out = sandbox.run(&["--if-changed", "-q", "--name", &current.name]);
    assert_exit(&out, 0);
    assert_eq!(texts(&out), (String::new(), String::new()));
    assert!(api.requests().iter().all(|r| r.method == "GET"));
}

#[test]
fn if_changed_compares_against_expanded_links() {
    let (api, sandbox) = setup();
    let current = Profile::default();
    // The API holds both as t.co links; the expansions equal what is asked for.
    let served = support::user_json(&current);
    assert!(
        served["url"]
            .as_str()
            .is_some_and(|u| u.starts_with("https://t.co/"))
    );
    assert!(
        served["description"]
            .as_str()
            .is_some_and(|d| d.contains("https://t.co/"))
    );
    let out = sandbox.run(&[
        "--if-changed",
        "--url",
        &current.url,
        "--description",
        &current.description,
    ]);
    assert_exit(&out, 0);
    assert_eq!(texts(&out).1, "unchanged\n");
    assert!(api.requests().iter().all(|r| r.method == "GET"));

    // A website given without a scheme matches the http:// the API added.
    api.set_profile(Profile {
        url: "http://alice.example".into(),
        ..Profile::default()
    });
    let out = sandbox.run(&["--if-changed", "--url", "alice.example"]);
    assert_exit(&out, 0);
    assert_eq!(texts(&out).1, "unchanged\n");
    assert!(api.requests().iter().all(|r| r.method == "GET"));
}

#[test]
fn if_changed_sends_only_the_fields_that_differ() {
    let (api, sandbox) = setup();
    let current = Profile::default();
    let out = sandbox.run(&[
        "--if-changed",
        "--name",
        &current.name,
        "--location",
        "Hamburg",
        "--skip-status",
    ]);
    assert_exit(&out, 0);
    let requests = api.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].method, "GET");
    let post = &requests[1];
    assert_eq!(post.method, "POST");
    assert_eq!(post.verdict, Ok(()));
    assert_eq!(post.param_names(), ["location", "skip_status"]);
    assert_eq!(post.param("location"), Some("Hamburg"));
    assert_eq!(texts(&out).0, "Updated @alice\n  location     Hamburg\n");
}
