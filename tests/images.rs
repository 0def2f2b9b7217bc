//! Profile picture and banner, end to end.

mod support;

use std::path::PathBuf;

use serde_json::Value;
use support::{Sandbox, Scripted, Upload, assert_exit, assert_no_secrets, calls, setup, texts};

const BANNER: &str = "POST /1.1/account/update_profile_banner.json";
const REMOVE: &str = "POST /1.1/account/remove_profile_banner.json";

/// A file with the given magic bytes padded to `size`.
fn file(sandbox: &Sandbox, name: &str, magic: &[u8], size: usize) -> PathBuf {
    let mut bytes = magic.to_vec();
    bytes.resize(size.max(magic.len()), 0x5a);
    let path = sandbox.home().join(name);
    std::fs::write(&path, bytes).expect("write image");
    path
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F'];
const GIF: &[u8] = b"GIF89a\x01\x00\x01\x00";

fn upload(kind: &str, size: usize, format: &str, geometry: [Option<u32>; 4]) -> Upload {
    Upload {
        kind: kind.into(),
        size,
        format: format.into(),
        geometry,
    }
}

#[test]
fn png_jpeg_and_gif_pictures_are_accepted() {
    let (api, sandbox) = setup();
    for (name, magic, format, size) in [
        ("a.png", PNG, "PNG", 20_000),
        ("b.jpg", JPEG, "JPEG", 150_000),
        ("c.gif", GIF, "GIF", 716_799),
    ] {
        let path = file(&sandbox, name, magic, size);
        let out = sandbox.run(&["image", path.to_str().expect("path")]);
        assert_exit(&out, 0);
        // The summary shows the full-size picture the API now reports (the fake's URLs count
        // uploads).
        let n = api.uploads().len() + 1;
        assert_eq!(
            texts(&out).0,
            format!(
                "Updated @alice\n  picture      https://pbs.twimg.com/profile_images/{n}/new.png\n"
            )
        );
        assert_eq!(
            api.uploads().pop(),
            Some(upload("image", size, format, [None; 4]))
        );
        assert_no_secrets(&out, &api);
    }
    let requests = api.requests();
    assert_eq!(requests.len(), 3);
    assert!(
        requests.iter().all(|r| r.verdict.is_ok()),
        "the image is signed as a form parameter"
    );
    assert!(
        requests
            .iter()
            .all(|r| r.path == "/1.1/account/update_profile_image.json")
    );
}

#[test]
fn a_picture_from_stdin_with_options_and_json() {
    let (api, sandbox) = setup();
    let mut bytes = PNG.to_vec();
    bytes.resize(4096, 1);
    let out = sandbox
        .cmd()
        .args([
            "image",
            "-",
            "--skip-status",
            "--include-entities",
            "false",
            "--json",
        ])
        .write_stdin(bytes)
        .output()
        .expect("run");
    assert_exit(&out, 0);
    let user: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(user["screen_name"], "alice");
    let request = api.requests().pop().expect("request");
    assert_eq!(request.param("skip_status"), Some("true"));
    assert_eq!(request.param("include_entities"), Some("false"));
    assert_eq!(api.uploads(), [upload("image", 4096, "PNG", [None; 4])]);
}

#[test]
fn bad_images_are_refused_and_nothing_is_sent() {
    let (api, sandbox) = setup();
    let text = file(&sandbox, "not-really.png", b"hello, I am text", 100);
    let empty = file(&sandbox, "empty.png", b"", 0);
    let big_picture = file(&sandbox, "big.png", PNG, 716_800);
    let big_banner = file(&sandbox, "huge.jpg", JPEG, 5 * 1024 * 1024);
    let missing = sandbox.home().join("missing.gif");
    let cases: [(&str, &PathBuf, &str); 5] = [
        (
            "image",
            &text,
            "is not a GIF, JPEG or PNG image (judged by its content, not its name)",
        ),
        ("image", &empty, "is empty"),
        (
            "image",
            &big_picture,
            "is 716800 bytes; a profile picture must be under 700 KB",
        ),
        (
            "banner",
            &big_banner,
            "is 5242880 bytes; a banner must be under 5 MB",
        ),
        ("image", &missing, "no such file"),
    ];
    for (command, path, message) in cases {
        let out = sandbox.run(&[command, path.to_str().expect("path")]);
        assert_exit(&out, 2);
        let (stdout, stderr) = texts(&out);
        assert_eq!(stdout, "");
        assert!(stderr.contains(message), "{message:?} not in {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
    assert!(api.requests().is_empty(), "something was sent");
}

#[test]
fn a_banner_with_geometry() {
    let (api, sandbox) = setup();
    let path = file(&sandbox, "banner.jpg", JPEG, 2_000_000);
    let out = sandbox.run(&[
        "banner",
        path.to_str().expect("path"),
        "--width",
        "1500",
        "--height",
        "500",
        "--offset-left",
        "0",
        "--offset-top",
        "20",
    ]);
    assert_exit(&out, 0);
    assert_eq!(
        texts(&out).0,
        "Updated @alice\n  banner       JPEG 2000000 bytes, cropped to width 1500, height 500, left 0, top 20\n"
    );
    assert_eq!(
        api.uploads(),
        [upload(
            "banner",
            2_000_000,
            "JPEG",
            [Some(1500), Some(500), Some(0), Some(20)]
        )]
    );
    let request = api.requests().pop().expect("request");
    assert_eq!(request.path, "/1.1/account/update_profile_banner.json");
    assert_eq!(request.verdict, Ok(()));
    assert_no_secrets(&out, &api);
}

#[test]
fn banner_removal() {
    let (api, sandbox) = setup();
    let out = sandbox.run(&["banner", "--remove"]);
    assert_exit(&out, 0);
    assert_eq!(texts(&out).0, "Updated @alice\n  banner       removed\n");
    assert!(api.banner_removed());
    let request = api.requests().pop().expect("request");
    assert_eq!(request.path, "/1.1/account/remove_profile_banner.json");
    assert_eq!(request.verdict, Ok(()));
    // The answer is empty: --json prints nothing, not a blank line.
    let out = sandbox.run(&["banner", "--remove", "--json"]);
    assert_exit(&out, 0);
    assert_eq!(out.stdout, b"");

    let out = sandbox.run(&["banner", "--remove", "x.png"]);
    assert_exit(&out, 2);
    let out = sandbox.run(&["banner"]);
    assert_exit(&out, 2);
    assert_eq!(api.requests().len(), 2);
}

#[test]
fn banner_summaries_name_the_handle_whenever_it_is_known_for_free() {
    let api = support::FakeApi::start();
    let sandbox = Sandbox::new();
    let banner = sandbox.file("b.png", support::png_header(1500, 500));
    let picture = sandbox.file("p.png", support::png_header(400, 400));
    let (banner, picture) = (
        banner.to_str().expect("path"),
        picture.to_str().expect("path"),
    );
    let run = |args: &[&str], account: Option<&str>| {
        let mut cmd = sandbox.std_cmd();
        support::env_credentials(&mut cmd, &api).args(args);
        if let Some(account) = account {
            cmd.env("TWPROFILE_ACCOUNT", account);
        }
        let out = cmd.output().expect("run");
        assert_exit(&out, 0);
        texts(&out).0
    };
    // The environment's credentials and an answer with no user: only a read would tell the
    // handle, and none is made for it; the summary says whose credentials instead.
    assert_eq!(
        run(&["banner", banner], None),
        "Updated the account of TWPROFILE_ACCESS_TOKEN\n  banner       PNG 33 bytes\n"
    );
    assert_eq!(
        run(&["banner", "--remove"], None),
        "Updated the account of TWPROFILE_ACCESS_TOKEN\n  banner       removed\n"
    );
    assert_eq!(calls(&api), [BANNER, REMOVE]);
    // A picture's answer is the user.
    assert!(run(&["image", picture], None).starts_with("Updated @alice\n"));
    // An account named beside them is confirmed with a read: that read names the handle.
    sandbox.write_alice(&api);
    assert_eq!(
        run(&["banner", "--remove"], Some("alice")),
        "Updated @alice\n  banner       removed\n"
    );
    assert_eq!(calls(&api)[3..], [support::READ, REMOVE]);
    // A config account saved before handles were recorded is named by its account name.
    let unrecorded = support::alice_config(&api.base())
        .replace("screen_name = \"alice\"\n", "")
        .replace("user_id = \"6253282\"\n", "");
    sandbox.write_config(&unrecorded);
    let out = sandbox.run(&["banner", "--remove"]);
    assert_exit(&out, 0);
    assert_eq!(
        texts(&out).0,
        "Updated account 'alice'\n  banner       removed\n"
    );
    assert_eq!(calls(&api).len(), 6, "no read was added for a summary");
}

#[test]
fn a_422_answer_is_an_error_with_the_api_words() {
    let (api, sandbox) = setup();
    api.script([Scripted::api_error(
        422,
        0,
        "Image dimensions are too small",
    )]);
    let path = file(&sandbox, "small.gif", GIF, 300);
    let out = sandbox.run(&["banner", path.to_str().expect("path")]);
    assert_exit(&out, 5);
    let (stdout, stderr) = texts(&out);
    assert_eq!(stdout, "");
    assert!(
        stderr
            .contains("HTTP 422 Unprocessable Entity, API error 0: Image dimensions are too small"),
        "{stderr}"
    );
    assert_eq!(api.requests().len(), 1, "a 422 is not retried");
}

/// The `hint:` line of a run's stderr, if it has one.
fn hint(stderr: &str) -> Option<&str> {
    stderr.lines().find_map(|l| l.strip_prefix("hint: "))
}

#[test]
fn an_empty_refusal_of_an_image_says_what_the_status_means_and_no_more() {
    let (api, sandbox) = setup();
    // A JPEG whose header tells no size: no warning about its shape comes before the error.
    let path = file(&sandbox, "a.jpg", JPEG, 300);
    let path = path.to_str().expect("path");
    let cases = [
        (
            400,
            "HTTP 400 Bad Request",
            "found no image in the request, or could not process",
        ),
        (403, "HTTP 403 Forbidden", "the app lacks write permission"),
        (
            422,
            "HTTP 422 Unprocessable Entity",
            "could not resize the image, or it is too large",
        ),
    ];
    for command in ["image", "banner"] {
        for (status, line, meaning) in cases {
            api.script([Scripted::raw(status, "text/plain", b"")]);
            let out = sandbox.run(&[command, path]);
            assert_exit(&out, 5);
            let (stdout, stderr) = texts(&out);
            assert_eq!(stdout, "");
            assert!(
                stderr.starts_with(&format!("error: {line} with an empty body\n")),
                "{stderr}"
            );
            assert!(
                hint(&stderr).is_some_and(|h| h.contains(meaning)),
                "{command} {status}: {stderr}"
            );
        }
    }
    // With the credentials in the environment, the 403 hint sends the new tokens there.
    api.script([Scripted::raw(403, "text/plain", b"")]);
    let mut cmd = sandbox.std_cmd();
    support::env_credentials(&mut cmd, &api).args(["banner", path]);
    let out = cmd.output().expect("run");
    assert_exit(&out, 5);
    let (_, stderr) = texts(&out);
    assert!(
        hint(&stderr).is_some_and(|h| h.contains("TWPROFILE_ACCESS_TOKEN")),
        "{stderr}"
    );
    assert_eq!(api.requests().len(), 7, "none of them is retried");

    // An API code decides the hint, as for any endpoint.
    api.script([Scripted::api_error(
        403,
        261,
        "Application cannot perform write actions.",
    )]);
    let out = sandbox.run(&["image", path]);
    assert_exit(&out, 4);
    let (_, stderr) = texts(&out);
    assert!(
        hint(&stderr).is_some_and(|h| h.starts_with("the app lacks write permission: set it to")),
        "{stderr}"
    );
    // A body that says something is quoted, with no guess beside it.
    api.script([Scripted::raw(422, "text/plain", b"Image too tall")]);
    let out = sandbox.run(&["banner", path]);
    assert_exit(&out, 5);
    let (_, stderr) = texts(&out);
    assert_eq!(
        stderr,
        "error: HTTP 422 Unprocessable Entity: Image too tall\n"
    );
    // Removing a banner uploads nothing: an empty 400 there is not about image data.
    api.script([Scripted::raw(400, "text/plain", b"")]);
    let out = sandbox.run(&["banner", "--remove"]);
    assert_exit(&out, 5);
    assert_eq!(
        texts(&out).1,
        "error: HTTP 400 Bad Request with an empty body\n"
    );
}

/// The `warning:` lines of a run's stderr.
fn warnings(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter_map(|l| l.strip_prefix("warning: "))
        .collect()
}

#[test]
fn a_picture_that_is_not_square_is_sent_with_a_warning() {
    let (api, sandbox) = setup();
    let wide = sandbox.file("wide.png", support::png_header(400, 300));
    let square = sandbox.file("square.gif", support::gif_header(400, 400));
    let out = sandbox.run(&["image", wide.to_str().expect("path")]);
    assert_exit(&out, 0);
    let (_, stderr) = texts(&out);
    assert_eq!(
        warnings(&stderr),
        [format!(
            "{} is 400×300 pixels, not square: X shows a profile picture as a square and crops the rest",
            wide.display()
        )]
    );
    let out = sandbox.run(&["image", square.to_str().expect("path")]);
    assert_exit(&out, 0);
    assert_eq!(texts(&out).1, "");
    // A header that does not parse is the API's to judge: no warning, no error.
    let broken = file(&sandbox, "broken.jpg", JPEG, 2000);
    let out = sandbox.run(&["image", broken.to_str().expect("path")]);
    assert_exit(&out, 0);
    assert_eq!(texts(&out).1, "");
    assert_eq!(api.uploads().len(), 3, "a warning stops nothing");
}

#[test]
fn a_banner_that_is_not_3_to_1_or_is_small_is_sent_with_a_warning() {
    let (api, sandbox) = setup();
    let cases: [(&str, Vec<u8>, Option<&str>); 5] = [
        (
            "square.gif",
            support::gif_header(1500, 1500),
            Some("is 1500×1500 pixels, not 3:1: X shows a banner at 1500×500 and crops the rest"),
        ),
        (
            "small.png",
            support::png_header(1200, 400),
            Some(
                "is 1200×400 pixels, smaller than 1500×500: X may refuse it as too small, or show it enlarged and blurred",
            ),
        ),
        (
            "tiny.png",
            support::png_header(300, 300),
            Some(
                "is 300×300 pixels, not 3:1 and smaller than 1500×500: X may refuse it as too small, or crop it and show it enlarged and blurred",
            ),
        ),
        ("exact.png", support::png_header(1500, 500), None),
        ("large.gif", support::gif_header(3000, 1000), None),
    ];
    for (name, bytes, warning) in cases {
        let path = sandbox.file(name, bytes);
        let out = sandbox.run(&["banner", path.to_str().expect("path")]);
        assert_exit(&out, 0);
        let expected: Vec<String> = warning
            .map(|w| format!("{} {w}", path.display()))
            .into_iter()
            .collect();
        assert_eq!(warnings(&texts(&out).1), expected, "{name}");
    }
    // A crop judges the part it selects, not the whole file.
    let path = sandbox.file("big.png", support::png_header(3000, 3000));
    let path = path.to_str().expect("path");
    let out = sandbox.run(&["banner", path, "--width", "1500", "--height", "500"]);
    assert_exit(&out, 0);
    assert_eq!(texts(&out).1, "");
    let out = sandbox.run(&["banner", path, "--width", "900", "--height", "900"]);
    assert_exit(&out, 0);
    assert_eq!(
        warnings(&texts(&out).1),
        [format!(
            "the crop of {path} is 900×900 pixels, not 3:1 and smaller than 1500×500: X may refuse it as too small, or crop it and show it enlarged and blurred"
        )]
    );
    assert_eq!(api.uploads().len(), 7);
}

#[test]
fn dry_run_shows_the_size_not_the_base64() {
    let (api, sandbox) = setup();
    let path = file(&sandbox, "a.png", PNG, 30_000);
    let out = sandbox.run(&[
        "image",
        "--dry-run",
        "--skip-status",
        path.to_str().expect("path"),
    ]);
    assert_exit(&out, 0);
    let (stdout, _) = texts(&out);
    assert!(api.requests().is_empty());
    assert!(stdout.starts_with(&format!(
        "POST {}/1.1/account/update_profile_image.json\n",
        api.base()
    )));
    // 30000 bytes are 40000 base64 characters, some of them percent-encoded on the wire.
    assert!(stdout.contains("image=<"), "{stdout}");
    assert!(
        stdout.contains(" bytes of base64, not shown>&skip_status=true"),
        "{stdout}"
    );
    assert!(
        stdout.len() < 1000,
        "the base64 text leaked into the dry run"
    );
    assert!(stdout.contains("oauth_signature=\"***\""));
    assert_no_secrets(&out, &api);
}

#[test]
fn retries_apply_to_uploads_too() {
    let (api, sandbox) = setup();
    api.script([Scripted::api_error(503, 130, "Over capacity").with_header("retry-after", "0")]);
    let path = file(&sandbox, "a.png", PNG, 10_000);
    let out = sandbox.run(&["image", path.to_str().expect("path")]);
    assert_exit(&out, 0);
    let requests = api.requests();
    assert_eq!(requests.len(), 2);
    assert!(requests.iter().all(|r| r.verdict.is_ok()));
    assert_ne!(
        requests[0].oauth["oauth_nonce"],
        requests[1].oauth["oauth_nonce"]
    );
    assert_eq!(
        requests[0].body, requests[1].body,
        "the same body is re-sent"
    );
    assert_eq!(api.uploads().len(), 1);
}

#[test]
fn a_banner_answer_that_is_a_user_is_printed_and_summarised_from_it() {
    let (api, sandbox) = setup();
    let path = file(&sandbox, "b.jpg", JPEG, 1000);
    let mut user = support::user_json(&api.profile());
    user["screen_name"] = "from_the_answer".into();
    api.script([support::Scripted::json(200, user.clone())]);
    let out = sandbox.run(&["banner", path.to_str().expect("path"), "--json"]);
    assert_exit(&out, 0);
    let printed: serde_json::Value = serde_json::from_str(&texts(&out).0).expect("the user");
    assert_eq!(printed, user);
    api.script([support::Scripted::json(200, user)]);
    let out = sandbox.run(&["banner", path.to_str().expect("path"), "--color", "never"]);
    assert_exit(&out, 0);
    assert!(
        texts(&out).0.starts_with("Updated @from_the_answer\n"),
        "{}",
        texts(&out).0
    );
}
