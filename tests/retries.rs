//! Unattended runs: rate limits, server errors, timeouts and broken connections.

mod support;

use std::process::Output;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use support::{Sandbox, Scripted, assert_exit, assert_no_secrets, setup, texts};

fn run(sandbox: &Sandbox, args: &[&str]) -> (Output, Duration) {
    let started = Instant::now();
    let out = sandbox.cmd().args(args).output().expect("run twprofile");
    (out, started.elapsed())
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs()
}

#[test]
fn a_near_rate_limit_reset_is_waited_for_and_the_retry_signed_afresh() {
    let (api, sandbox) = setup();
    api.script([Scripted::api_error(429, 88, "Rate limit exceeded")
        .with_header("x-rate-limit-reset", &(now() + 1).to_string())]);
    let (out, elapsed) = run(&sandbox, &["-v", "--name", "Patient"]);
    assert_exit(&out, 0);
    let requests = api.requests();
    assert_eq!(requests.len(), 2);
    assert!(requests.iter().all(|r| r.verdict.is_ok()), "{requests:#?}");
    assert_ne!(
        requests[0].oauth["oauth_nonce"], requests[1].oauth["oauth_nonce"],
        "the retry reused the nonce"
    );
    assert!(
        requests[1].oauth["oauth_timestamp"]
            .parse::<u64>()
            .expect("number")
            > requests[0].oauth["oauth_timestamp"]
                .parse::<u64>()
                .expect("number"),
        "the retry kept the old timestamp"
    );
    // It slept until the reset (plus a second), not a fixed backoff.
    assert!(elapsed >= Duration::from_secs(1), "{elapsed:?}");
    let (stdout, stderr) = texts(&out);
    assert!(stderr.contains("API error 88"), "{stderr}");
    assert!(stderr.contains("retry 1 of 3 in"), "{stderr}");
    assert!(stdout.starts_with("Updated @alice"));
    assert_eq!(api.profile().name, "Patient");
}

#[test]
fn a_v2_rate_limit_that_names_no_usage_cap_is_still_waited_for() {
    let (api, sandbox) = setup();
    // Only a usage cap is the plan's (exit 9); v2's own word for a rate limit is waited out.
    api.script([Scripted::json(
        429,
        serde_json::json!({"title": "Too Many Requests", "detail": "Too Many Requests", "type": "about:blank", "status": 429}),
    )
    .with_header("x-rate-limit-reset", &(now() + 1).to_string())]);
    let (out, _) = run(&sandbox, &["--name", "Patient"]);
    assert_exit(&out, 0);
    assert_eq!(api.requests().len(), 2);
    assert_eq!(api.profile().name, "Patient");
}

#[test]
fn a_far_rate_limit_reset_stops_at_once_with_exit_6() {
    let (api, sandbox) = setup();
    api.script([Scripted::api_error(429, 88, "Rate limit exceeded")
        .with_header("x-rate-limit-reset", &(now() + 600).to_string())]);
    let (out, elapsed) = run(&sandbox, &["--max-wait", "30", "--name", "x"]);
    assert_exit(&out, 6);
    assert_eq!(api.requests().len(), 1);
    assert!(elapsed < Duration::from_secs(20), "it waited: {elapsed:?}");
    let (stdout, stderr) = texts(&out);
    assert_eq!(stdout, "");
    assert!(stderr.contains("the limit resets at "), "{stderr}");
    let ahead: u64 = stderr
        .split(" UTC (in ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("seconds from now");
    assert!((590..=600).contains(&ahead), "{stderr}");
    assert!(stderr.contains("--max-wait 30"), "{stderr}");
}

#[test]
fn a_rate_limit_without_a_reset_backs_off_then_exits_6() {
    let (api, sandbox) = setup();
    api.script([
        Scripted::raw(429, "text/plain", b"slow down"),
        Scripted::raw(429, "text/plain", b"slow down"),
    ]);
    let (out, _) = run(&sandbox, &["--retries", "1", "--name", "x"]);
    assert_exit(&out, 6);
    assert_eq!(api.requests().len(), 2);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains("HTTP 429 Too Many Requests: slow down (gave up after 2 attempts)"),
        "{stderr}"
    );
}

#[test]
fn a_503_then_success() {
    let (api, sandbox) = setup();
    api.script([Scripted::api_error(503, 130, "Over capacity")]);
    let (out, elapsed) = run(&sandbox, &["-v", "--name", "Again"]);
    assert_exit(&out, 0);
    assert_eq!(api.requests().len(), 2);
    assert!(api.requests().iter().all(|r| r.verdict.is_ok()));
    assert!(
        elapsed >= Duration::from_millis(750),
        "no backoff: {elapsed:?}"
    );
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains(
            "* HTTP 503 Service Unavailable, API error 130: Over capacity; retry 1 of 3 in"
        ),
        "{stderr}"
    );
    assert_eq!(api.profile().name, "Again");
}

#[test]
fn repeated_500s_make_exactly_retries_plus_one_attempts_then_exit_7() {
    let (api, sandbox) = setup();
    api.script((0..5).map(|_| Scripted::raw(500, "text/html", b"<h1>Internal Server Error</h1>")));
    let (out, _) = run(&sandbox, &["-v", "--retries", "2", "--name", "x"]);
    assert_exit(&out, 7);
    let requests = api.requests();
    assert_eq!(requests.len(), 3);
    assert!(requests.iter().all(|r| r.verdict.is_ok()));
    let (stdout, stderr) = texts(&out);
    assert_eq!(stdout, "");
    assert!(stderr.contains("retry 1 of 2"), "{stderr}");
    assert!(stderr.contains("retry 2 of 2"), "{stderr}");
    assert!(
        stderr.contains("error: HTTP 500 Internal Server Error: <h1>Internal Server Error</h1> (gave up after 3 attempts)"),
        "{stderr}"
    );
    // The waits grow: about 1 s, then about 2 s.
    let waits: Vec<f64> = stderr
        .lines()
        .filter_map(|l| l.split(" in ").nth(1))
        .filter_map(|w| w.trim_end_matches(" s").parse().ok())
        .collect();
    assert_eq!(waits.len(), 2, "{stderr}");
    assert!(waits[0] >= 0.75 && waits[0] <= 1.25, "{waits:?}");
    assert!(waits[1] >= 1.5 && waits[1] <= 2.5, "{waits:?}");
    assert_no_secrets(&out, &api);
}

#[test]
fn retry_after_on_a_server_error_is_honoured() {
    let (api, sandbox) = setup();
    api.script([Scripted::raw(503, "text/plain", b"maintenance").with_header("retry-after", "0")]);
    let (out, elapsed) = run(&sandbox, &["-v", "--name", "x"]);
    assert_exit(&out, 0);
    assert_eq!(api.requests().len(), 2);
    assert!(texts(&out).1.contains("retry 1 of 3 in 0.0 s"));
    assert!(elapsed < Duration::from_millis(750), "{elapsed:?}");
}

#[test]
fn client_errors_are_never_retried() {
    let (api, sandbox) = setup();
    api.script([Scripted::api_error(403, 120, "Account update failed")]);
    let (out, _) = run(&sandbox, &["--name", "x"]);
    assert_exit(&out, 5);
    assert_eq!(api.requests().len(), 1);
}

#[test]
fn an_html_502_is_retried_then_reported_by_status_and_excerpt() {
    let (api, sandbox) = setup();
    let page: &[u8] = b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n";
    api.script([
        Scripted::raw(502, "text/html", page),
        Scripted::raw(502, "text/html", page),
    ]);
    let (out, _) = run(&sandbox, &["--retries", "1", "--name", "x"]);
    assert_exit(&out, 7);
    assert_eq!(api.requests().len(), 2);
    let (_, stderr) = texts(&out);
    assert!(stderr.starts_with("error: HTTP 502 Bad Gateway: <!DOCTYPE html> <html><head><title>502 Bad Gateway</title>"), "{stderr}");
    // One error line and its hint.
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    assert!(
        stderr
            .lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("hint: the API failed on its side")),
        "{stderr}"
    );
}

#[test]
fn a_server_that_never_answers_is_timed_out_per_attempt() {
    let (api, sandbox) = setup();
    api.script([Scripted::Hang]);
    let (out, elapsed) = run(
        &sandbox,
        &["--timeout", "2", "--retries", "0", "--name", "x"],
    );
    assert_exit(&out, 7);
    assert_eq!(api.requests().len(), 1);
    let (stdout, stderr) = texts(&out);
    assert_eq!(stdout, "");
    assert!(stderr.contains("timed out after 2 s"), "{stderr}");
    // It waited for the timeout it was given, not the 30 s default.
    assert!(elapsed >= Duration::from_secs(2), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(25), "{elapsed:?}");
}

#[test]
fn a_hang_then_success_recovers() {
    let (api, sandbox) = setup();
    api.script([Scripted::Hang]);
    let (out, _) = run(&sandbox, &["--timeout", "1", "--name", "Recovered"]);
    assert_exit(&out, 0);
    assert_eq!(api.requests().len(), 2);
    assert_eq!(api.profile().name, "Recovered");
}

#[test]
fn a_dropped_connection_then_success() {
    let (api, sandbox) = setup();
    api.script([Scripted::Drop]);
    let (out, _) = run(&sandbox, &["-v", "--name", "Resent"]);
    assert_exit(&out, 0);
    assert_eq!(api.requests().len(), 2);
    assert!(api.requests().iter().all(|r| r.verdict.is_ok()));
    let (_, stderr) = texts(&out);
    assert!(stderr.contains("connection failed"), "{stderr}");
    assert_eq!(api.profile().name, "Resent");
}

#[test]
fn a_refused_port_is_retried_then_exit_7() {
    let sandbox = Sandbox::new();
    // Bind and drop a listener so the port is very likely closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port();
    sandbox.write_config(&support::alice_config(&format!("http://127.0.0.1:{port}")));
    let (out, _) = run(&sandbox, &["-v", "--retries", "1", "--name", "x"]);
    assert_exit(&out, 7);
    let (stdout, stderr) = texts(&out);
    assert_eq!(stdout, "");
    assert!(stderr.contains("retry 1 of 1"), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "error: 127.0.0.1:{port}: cannot connect: Connection refused (gave up after 2 attempts)"
        )),
        "{stderr}"
    );
}

#[test]
fn a_huge_body_is_refused_without_reading_it_all() {
    let (api, sandbox) = setup();
    let huge = vec![b'x'; 9 * 1024 * 1024];
    api.script([Scripted::raw(200, "application/json", &huge)]);
    let (out, _) = run(&sandbox, &["--name", "x"]);
    assert_exit(&out, 1);
    let (stdout, stderr) = texts(&out);
    assert_eq!(stdout, "");
    assert!(stderr.contains("over 8 MiB"), "{stderr}");
}

#[test]
fn a_body_of_exactly_the_cap_is_read_whole() {
    let (api, sandbox) = setup();
    let head = br#"{"screen_name":"alice","name":"x","pad":""#;
    let tail = br#""}"#;
    let mut body = head.to_vec();
    body.resize(8 * 1024 * 1024 - tail.len(), b'p');
    body.extend_from_slice(tail);
    assert_eq!(body.len(), 8 * 1024 * 1024);
    api.script([Scripted::raw(200, "application/json", &body)]);
    let (out, _) = run(&sandbox, &["--name", "x", "--color", "never"]);
    assert_exit(&out, 0);
    assert_eq!(texts(&out).0, "Updated @alice\n  name         x\n");
}

#[test]
fn a_truncated_user_and_an_empty_200_are_clear_errors() {
    let (api, sandbox) = setup();
    api.script([Scripted::raw(
        200,
        "application/json",
        br#"{"id":1,"screen_name":"ali"#,
    )]);
    let (out, _) = run(&sandbox, &["--name", "x"]);
    assert_exit(&out, 1);
    let (stdout, stderr) = texts(&out);
    assert_eq!(stdout, "");
    assert!(
        stderr.contains(
            "accepted the request (HTTP 200) but answered with a body that is not a JSON object"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: the profile was probably updated"),
        "{stderr}"
    );

    api.script([Scripted::raw(200, "application/json", b"")]);
    let (out, _) = run(&sandbox, &["--name", "x"]);
    assert_exit(&out, 1);
    assert!(texts(&out).1.contains("with an empty body"));
}

#[test]
fn a_user_without_the_summary_fields_gets_a_best_effort_summary() {
    let (api, sandbox) = setup();
    api.script([Scripted::raw(200, "application/json", br#"{"id": 1}"#)]);
    let (out, _) = run(&sandbox, &["--name", "Sent", "--location", "There"]);
    assert_exit(&out, 0);
    assert_eq!(
        texts(&out).0,
        "Updated\n  name         Sent\n  location     There\n"
    );
}

#[test]
fn a_config_readable_by_others_is_warned_about_and_still_used() {
    let (api, sandbox) = setup();
    let path = sandbox.default_config();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        let (out, _) = run(&sandbox, &["--name", "Warned"]);
        assert_exit(&out, 0);
        let (_, stderr) = texts(&out);
        assert_eq!(
            stderr,
            format!(
                "warning: config file {p} is accessible to group or others (mode 0644); fix it with: chmod 600 {p}\n",
                p = path.display()
            )
        );
        assert_eq!(api.profile().name, "Warned");
    }
}
