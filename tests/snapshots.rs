//! Whole outputs as a person sees them: help, usage, errors with their hints. A change to any of
//! them shows up here as a diff to review (`cargo insta review`, or update the file by hand).

mod support;

use support::{Sandbox, Scripted, setup, texts};

/// stdout and stderr of a run, with what changes from run to run (the fake's port, the
/// sandbox's path) replaced by names.
fn seen(sandbox: &Sandbox, base: Option<&str>, args: &[&str]) -> String {
    let out = sandbox.run(args);
    let (stdout, stderr) = texts(&out);
    let mut text = format!(
        "$ twprofile {}\nexit {}\n--- stdout\n{stdout}--- stderr\n{stderr}",
        args.join(" "),
        out.status.code().unwrap_or(-1)
    );
    if let Some(base) = base {
        text = text.replace(base, "http://[FAKE]");
    }
    text.replace(&sandbox.home().display().to_string(), "[HOME]")
}

#[test]
fn help_for_every_command() {
    let sandbox = Sandbox::new();
    for (name, args) in [
        ("help", &["--help"][..]),
        ("help_short", &["-h"]),
        ("show_help", &["show", "--help"]),
        ("apply_help", &["apply", "--help"]),
        ("export_help", &["export", "--help"]),
        ("login_help", &["auth", "login", "--help"]),
        ("status_help", &["auth", "status", "--help"]),
        ("accounts_help", &["accounts", "--help"]),
        ("image_help", &["image", "--help"]),
        ("banner_help", &["banner", "--help"]),
        ("completions_help", &["completions", "--help"]),
        ("man_help", &["man", "--help"]),
        ("bare", &[]),
    ] {
        insta::assert_snapshot!(name, seen(&sandbox, None, args));
    }
}

#[test]
fn errors_with_their_hints() {
    let (api, sandbox) = setup();
    let base = api.base();
    let cases: Vec<(&str, Option<Scripted>, Vec<&str>)> = vec![
        (
            "error_401",
            Some(Scripted::api_error(401, 32, "Could not authenticate you.")),
            vec!["--name", "x"],
        ),
        (
            "error_261",
            Some(Scripted::api_error(
                403,
                261,
                "Application cannot perform write actions.",
            )),
            vec!["--name", "x"],
        ),
        (
            "error_453_json",
            Some(Scripted::api_error(
                403,
                453,
                "You currently have access to a subset of X API V2 endpoints only.",
            )),
            vec!["--json", "--name", "x"],
        ),
        (
            "error_usage_cap",
            Some(Scripted::json(
                429,
                serde_json::json!({
                    "title": "UsageCapExceeded",
                    "detail": "Usage cap exceeded: Monthly product cap",
                    "type": "https://api.twitter.com/2/problems/usage-capped",
                    "period": "Monthly",
                    "scope": "Product",
                }),
            )),
            vec!["--name", "x"],
        ),
        (
            "error_html_502",
            Some(Scripted::raw(
                502,
                "text/html",
                b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
            )),
            vec!["--retries", "0", "show"],
        ),
        ("error_unknown_account", None, vec!["-a", "alcie", "show"]),
        (
            "error_unknown_field",
            None,
            vec!["show", "--field", "descripton"],
        ),
        (
            "error_update_flag_with_command",
            None,
            vec!["--name", "x", "show"],
        ),
        (
            "error_too_long",
            None,
            vec!["--location", "a place far, far too long to fit in"],
        ),
    ];
    for (name, answer, args) in cases {
        if let Some(answer) = answer {
            api.script([answer]);
        }
        insta::assert_snapshot!(name, seen(&sandbox, Some(&base), &args));
    }
}

#[test]
fn a_missing_config() {
    let sandbox = Sandbox::new();
    insta::assert_snapshot!("error_no_config", seen(&sandbox, None, &["show"]));
}
