//! `apply` and `export` against the real binary and the fake API: plans, request counts, the
//! record of uploads, drift checks, several files, and backup and restore.

mod support;

use serde_json::Value;
use support::{Profile, READ, Sandbox, assert_exit, assert_no_secrets, calls, setup, texts};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n-a picture-";
const JPEG: &[u8] = b"\xFF\xD8\xFF\xE0-a banner-";

const UPDATE: &str = "POST /1.1/account/update_profile.json";
const PICTURE: &str = "POST /1.1/account/update_profile_image.json";
const BANNER: &str = "POST /1.1/account/update_profile_banner.json";
const REMOVE: &str = "POST /1.1/account/remove_profile_banner.json";

/// The profile file for the fake's default profile, exactly.
const IN_SYNC: &str = r#"
name = "Alice"
url = "https://alice.example/"
location = "Berlin"
description = "Writing code. Blog: https://blog.alice.example/posts"
"#;

fn apply(sandbox: &Sandbox, file: &std::path::Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["apply", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    sandbox.run(&args)
}

#[test]
fn a_profile_in_sync_costs_one_read_and_nothing_else() {
    let (api, sandbox) = setup();
    let file = sandbox.file("profile.toml", IN_SYNC);
    let out = apply(&sandbox, &file, &[]);
    assert_exit(&out, 0);
    assert_eq!(calls(&api), [READ]);
    assert!(
        texts(&out).0.ends_with("profile.toml: @alice is in sync\n"),
        "{}",
        texts(&out).0
    );
    assert_no_secrets(&out, &api);
    assert!(api.requests().iter().all(|r| r.verdict.is_ok()));
}

#[test]
fn changed_text_is_one_read_and_one_update_with_only_what_differs() {
    let (api, sandbox) = setup();
    let file = sandbox.file(
        "profile.toml",
        "name = \"Alice\"\nlocation = \"Paris\"\ndescription = \"New bio\"\n",
    );
    let out = apply(&sandbox, &file, &["--color", "never"]);
    assert_exit(&out, 0);
    assert_eq!(calls(&api), [READ, UPDATE]);
    let update = &api.requests()[1];
    assert_eq!(
        update.param_names(),
        ["description", "location", "skip_status"]
    );
    assert_eq!(update.param("location"), Some("Paris"));
    assert!(update.verdict.is_ok(), "{:?}", update.verdict);
    let (stdout, _) = texts(&out);
    assert!(
        stdout.contains("  location     Berlin → Paris\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "  description  Writing code. Blog: https://blog.alice.example/posts → New bio\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("Applied 2 changes to @alice\n"),
        "{stdout}"
    );
    assert_eq!(api.profile().location, "Paris");
    // Applied, the same file is in sync: one read.
    let out = apply(&sandbox, &file, &[]);
    assert_exit(&out, 0);
    assert_eq!(calls(&api), [READ, UPDATE, READ]);
}

#[test]
fn values_compare_as_if_changed_does_links_schemes_and_html_escapes() {
    let (api, sandbox) = setup();
    api.set_profile(Profile {
        name: "Tom & Jerry <3".into(),
        url: "http://alice.example".into(),
        description: "A & B https://blog.alice.example/posts".into(),
        escape_html: true,
        ..Profile::default()
    });
    let file = sandbox.file(
        "profile.toml",
        "name = \"Tom & Jerry <3\"\nurl = \"alice.example\"\ndescription = \"A & B https://blog.alice.example/posts\"\n",
    );
    let out = apply(&sandbox, &file, &[]);
    assert_exit(&out, 0);
    assert_eq!(calls(&api), [READ], "{}", texts(&out).0);
}

#[test]
fn every_mistake_in_a_file_is_found_before_any_request() {
    let (api, sandbox) = setup();
    sandbox.file("not-an-image.png", "just text");
    sandbox.file("empty-bio.txt", "\n");
    let cases: &[(&str, &str)] = &[
        (
            "nmae = \"x\"",
            "profile.toml: nmae is not a profile file key",
        ),
        (
            "name = 5",
            "profile.toml: name must be a string, not integer",
        ),
        (
            "location = \"a\\u0000b\"",
            "profile.toml: location contains a NUL byte",
        ),
        ("image = \"not-an-image.png\"", "profile.toml: image: "),
        ("image = \"missing.png\"", "profile.toml: image: "),
        (
            "banner = true",
            "profile.toml: banner must be a file name, a table with file and the crop, or false; not true",
        ),
        (
            "banner = { file = \"b.jpg\", wdth = 3 }",
            "profile.toml: banner.wdth is not a profile file key",
        ),
        (
            "banner = { file = \"b.jpg\", width = -1 }",
            "profile.toml: banner.width must be a whole number of pixels, 0 or more",
        ),
        (
            "description = \"a\"\ndescription_file = \"bio.txt\"",
            "description and description_file both set the bio",
        ),
        (
            "description_file = \"empty-bio.txt\"",
            "profile.toml: description_file: ",
        ),
        ("name = ", "malformed profile file"),
        ("account = \"no such\"", "profile.toml: account: "),
    ];
    sandbox.file("b.jpg", JPEG);
    for (text, expected) in cases {
        let file = sandbox.file("profile.toml", text);
        let out = apply(&sandbox, &file, &[]);
        assert_exit(&out, 2);
        let (_, stderr) = texts(&out);
        assert!(stderr.contains(expected), "{text}:\n{stderr}");
        assert_eq!(stderr.matches("error:").count(), 1, "{stderr}");
    }
    let file = sandbox.file("profile.toml", "nmae = \"x\"");
    assert!(
        texts(&apply(&sandbox, &file, &[]))
            .1
            .contains("hint: did you mean name?")
    );
    assert!(api.requests().is_empty(), "{:?}", calls(&api));
    // A value over its limit is refused once the read shows it would be sent, before any write.
    let file = sandbox.file("profile.toml", format!("name = \"{}\"", "n".repeat(51)));
    let out = apply(&sandbox, &file, &[]);
    assert_exit(&out, 2);
    assert!(
        texts(&out)
            .1
            .contains("profile.toml: name is 51 characters; the name limit is 50"),
        "{}",
        texts(&out).1
    );
    assert_eq!(calls(&api), [READ]);
    // A directory, and a file that is not there.
    let out = apply(&sandbox, sandbox.home(), &[]);
    assert_exit(&out, 2);
    assert!(texts(&out).1.contains("is a directory, not a regular file"));
    let out = apply(&sandbox, &sandbox.home().join("nope.toml"), &[]);
    assert_exit(&out, 2);
    assert!(texts(&out).1.contains("nope.toml: no such file"));
    assert_eq!(calls(&api), [READ]);
}

/// The record of `kind` (`image` or `banner`) for the fake's user.
fn record(sandbox: &Sandbox, kind: &str) -> Option<toml::Table> {
    let text = std::fs::read_to_string(sandbox.state_file()).ok()?;
    let table: toml::Table = toml::from_str(&text).expect("state file parses");
    table["users"]["6253282"].get(kind)?.as_table().cloned()
}

#[test]
fn a_picture_is_uploaded_once_then_only_when_the_file_or_the_profile_changes() {
    let (api, sandbox) = setup();
    sandbox.file("avatar.png", PNG);
    let file = sandbox.file("profile.toml", "name = \"Alice\"\nimage = \"avatar.png\"\n");
    let out = apply(&sandbox, &file, &[]);
    assert_exit(&out, 0);
    assert_eq!(calls(&api), [READ, PICTURE]);
    assert_eq!(api.uploads()[0].size, PNG.len());
    let recorded = record(&sandbox, "image").expect("a record");
    assert_eq!(recorded["sha256"].as_str(), Some(sha256(PNG).as_str()));
    assert_eq!(
        recorded["url"].as_str(),
        Some(api.profile().image_url.as_str())
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(sandbox.state_file())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let dir = sandbox.state_file().parent().unwrap().to_owned();
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        // Written by rename: no temporary file is left beside it.
        assert!(
            names
                .iter()
                .all(|n| n == "state.toml" || n == "state.toml.lock"),
            "{names:?}"
        );
    }

    // In sync now: one read.
    assert_exit(&apply(&sandbox, &file, &[]), 0);
    assert_eq!(calls(&api).len(), 3);

    // Changed on the website: put back.
    let mut edited = api.profile();
    edited.image_url = "https://pbs.twimg.com/profile_images/99/web_normal.png".into();
    api.set_profile(edited);
    let out = apply(&sandbox, &file, &["--color", "never"]);
    assert_exit(&out, 0);
    assert!(
        texts(&out).0.contains("(the profile shows another image)"),
        "{}",
        texts(&out).0
    );
    assert_eq!(calls(&api)[3..], [READ, PICTURE]);

    // The file changed: sent again.
    sandbox.file("avatar.png", [PNG, b"more"].concat());
    assert_exit(&apply(&sandbox, &file, &[]), 0);
    assert_eq!(calls(&api)[5..], [READ, PICTURE]);
    assert_eq!(api.uploads()[2].size, PNG.len() + 4);

    // --force-images sends it whatever the record says.
    assert_exit(&apply(&sandbox, &file, &["--force-images"]), 0);
    assert_eq!(calls(&api)[7..], [READ, PICTURE]);
    assert_exit(&apply(&sandbox, &file, &[]), 0);
    assert_eq!(calls(&api)[9..], [READ]);
}

#[test]
fn a_banner_is_recorded_with_its_crop_and_sent_again_when_either_changes() {
    let (api, sandbox) = setup();
    sandbox.file("header.jpg", JPEG);
    let file = sandbox.file(
        "profile.toml",
        "banner = { file = \"header.jpg\", width = 1500, height = 500 }\n",
    );
    assert_exit(&apply(&sandbox, &file, &[]), 0);
    // The banner endpoint answers with nothing: the profile is read once more for its URL.
    assert_eq!(calls(&api), [READ, BANNER, READ]);
    assert_eq!(
        api.uploads()[0].geometry,
        [Some(1500), Some(500), None, None]
    );
    let recorded = record(&sandbox, "banner").expect("a record");
    assert_eq!(recorded["crop"].as_str(), Some("width=1500,height=500"));
    assert_eq!(
        recorded["url"].as_str(),
        api.profile().banner_url.as_deref()
    );
    assert_exit(&apply(&sandbox, &file, &[]), 0);
    assert_eq!(calls(&api).len(), 4);

    let file = sandbox.file(
        "profile.toml",
        "banner = { file = \"header.jpg\", width = 1500, height = 600 }\n",
    );
    assert_exit(&apply(&sandbox, &file, &[]), 0);
    assert_eq!(calls(&api)[4..], [READ, BANNER, READ]);
    sandbox.file("header.jpg", [JPEG, b"v2"].concat());
    assert_exit(&apply(&sandbox, &file, &[]), 0);
    assert_eq!(calls(&api)[7..], [READ, BANNER, READ]);
    assert_exit(&apply(&sandbox, &file, &[]), 0);
    assert_eq!(calls(&api)[10..], [READ]);
}

#[test]
fn a_banner_with_text_and_picture_needs_no_extra_read() {
    let (api, sandbox) = setup();
    sandbox.file("header.jpg", JPEG);
    sandbox.file("a.png", PNG);
    let file = sandbox.file(
        "profile.toml",
        "name = \"New\"\nimage = \"a.png\"\nbanner = \"header.jpg\"\n",
    );
    assert_exit(&apply(&sandbox, &file, &[]), 0);
    assert_eq!(calls(&api), [READ, BANNER, PICTURE, UPDATE]);
    assert_exit(&apply(&sandbox, &file, &[]), 0);
    assert_eq!(calls(&api)[4..], [READ]);
}

#[test]
fn images_of_the_wrong_shape_are_applied_with_a_warning_naming_the_file() {
    let (api, sandbox) = setup();
    sandbox.file("wide.png", support::png_header(600, 400));
    sandbox.file("header.gif", support::gif_header(1000, 500));
    let file = sandbox.file(
        "profile.toml",
        "image = \"wide.png\"\nbanner = \"header.gif\"\n",
    );
    let out = apply(&sandbox, &file, &[]);
    assert_exit(&out, 0);
    let (_, stderr) = texts(&out);
    let warnings: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("warning: "))
        .collect();
    assert_eq!(
        warnings,
        [
            "wide.png is 600×400 pixels, not square: X shows a profile picture as a square and crops the rest",
            "header.gif is 1000×500 pixels, not 3:1 and smaller than 1500×500: X may refuse it as too small, or crop it and show it enlarged and blurred",
        ],
        "{stderr}"
    );
    assert_eq!(calls(&api), [READ, BANNER, PICTURE]);
}

#[test]
fn banner_false_removes_a_banner_once() {
    let (api, sandbox) = setup();
    let mut profile = api.profile();
    profile.banner_url = Some("https://pbs.twimg.com/profile_banners/6253282/1".into());
    api.set_profile(profile);
    let file = sandbox.file("profile.toml", "banner = false\n");
    let out = apply(&sandbox, &file, &["--color", "never"]);
    assert_exit(&out, 0);
    assert!(
        texts(&out)
            .0
            .contains("banner       https://pbs.twimg.com/profile_banners/6253282/1 → (none)"),
        "{}",
        texts(&out).0
    );
    assert_eq!(calls(&api), [READ, REMOVE]);
    assert!(api.banner_removed());
    assert_exit(&apply(&sandbox, &file, &[]), 0);
    assert_eq!(calls(&api), [READ, REMOVE, READ]);
}

#[test]
fn check_reports_drift_with_exit_8_and_changes_nothing() {
    let (api, sandbox) = setup();
    sandbox.file("a.png", PNG);
    let file = sandbox.file("profile.toml", "name = \"Bob\"\nimage = \"a.png\"\n");
    let out = apply(&sandbox, &file, &["--check", "--color", "never"]);
    assert_exit(&out, 8);
    let (stdout, stderr) = texts(&out);
    assert!(stdout.contains("  name         Alice → Bob\n"), "{stdout}");
    assert!(
        stdout.contains("(no record of an earlier upload)"),
        "{stdout}"
    );
    assert!(
        stderr.contains("error: ")
            && stderr
                .contains("profile.toml: the profile differs in name, image; nothing was changed"),
        "{stderr}"
    );
    assert_eq!(calls(&api), [READ]);
    assert_eq!(api.profile().name, "Alice");
    let file = sandbox.file("profile.toml", IN_SYNC);
    assert_exit(&apply(&sandbox, &file, &["--check"]), 0);
}

#[test]
fn dry_run_reads_plans_and_prints_signed_requests_without_writing() {
    let (api, sandbox) = setup();
    sandbox.file("a.png", PNG);
    let file = sandbox.file("profile.toml", "location = \"Paris\"\nimage = \"a.png\"\n");
    let out = apply(&sandbox, &file, &["--dry-run"]);
    assert_exit(&out, 0);
    assert_eq!(calls(&api), [READ]);
    let (stdout, _) = texts(&out);
    assert!(stdout.contains("POST http://127.0.0.1:"), "{stdout}");
    assert!(
        stdout.contains("/1.1/account/update_profile_image.json"),
        "{stdout}"
    );
    assert!(stdout.contains("image=<"), "{stdout}");
    assert!(
        stdout.contains("location=Paris&skip_status=true"),
        "{stdout}"
    );
    assert!(stdout.contains("Authorization: OAuth "), "{stdout}");
    assert_no_secrets(&out, &api);
    assert!(!sandbox.state_file().exists());
}

#[test]
fn json_prints_one_object_per_file_and_a_failure_does_not_stop_the_rest() {
    let (api, sandbox) = setup();
    let good = sandbox.file("good.toml", "location = \"Paris\"\n");
    let bad = sandbox.file("bad.toml", "nmae = \"x\"\n");
    let synced = sandbox.file("synced.toml", "location = \"Paris\"\n");
    let out = sandbox.run(&[
        "apply",
        bad.to_str().unwrap(),
        good.to_str().unwrap(),
        synced.to_str().unwrap(),
        "--json",
    ]);
    // The first failure's exit code, after every file was tried.
    assert_exit(&out, 2);
    let (stdout, stderr) = texts(&out);
    let lines: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert_eq!(lines[0]["error"]["exit_code"], 2);
    assert!(lines[0]["file"].as_str().unwrap().ends_with("bad.toml"));
    assert_eq!(lines[1]["in_sync"], false);
    assert_eq!(lines[1]["changed"], true);
    assert_eq!(lines[1]["ok"], true);
    assert_eq!(lines[0]["ok"], false);
    assert_eq!(lines[0]["changed"], false);
    assert_eq!(lines[1]["account"], "alice");
    assert_eq!(lines[1]["changes"][0]["key"], "location");
    assert_eq!(lines[1]["changes"][0]["old"], "Berlin");
    assert_eq!(lines[1]["changes"][0]["new"], "Paris");
    assert_eq!(lines[2]["in_sync"], true);
    // In sync is a success that changed nothing.
    assert_eq!(lines[2]["ok"], true);
    assert_eq!(lines[2]["changed"], false);
    assert!(lines[2].get("error").is_none());
    assert_eq!(stderr.matches("error:").count(), 1, "{stderr}");
    assert_eq!(calls(&api), [READ, UPDATE, READ]);
}

#[test]
fn each_file_may_name_its_account() {
    let (api, sandbox) = setup();
    let config = std::fs::read_to_string(sandbox.default_config()).unwrap();
    sandbox.write_config(&config.replace(
        "[accounts.alice]",
        "default_account = \"alice\"\n[accounts.alice]",
    ));
    let file = sandbox.file("profile.toml", "account = \"bob\"\nname = \"B\"\n");
    let out = apply(&sandbox, &file, &[]);
    assert_exit(&out, 3);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains("no account named 'bob'")
            && stderr.contains("the name came from account = 'bob' in "),
        "{stderr}"
    );
    assert!(api.requests().is_empty());
    let file = sandbox.file("profile.toml", "account = \"alice\"\nname = \"B\"\n");
    let out = apply(&sandbox, &file, &["-a", "alice"]);
    assert_exit(&out, 0);
    assert_eq!(api.profile().name, "B");
}

#[test]
fn an_export_applies_as_no_change_and_restores_edits_made_on_the_web() {
    let (api, sandbox) = setup();
    let mut profile = api.profile();
    profile.description = "Line one & more\nhttps://blog.alice.example/posts".into();
    profile.escape_html = true;
    profile.banner_url = Some("https://pbs.twimg.com/profile_banners/6253282/7".into());
    api.set_profile(profile.clone());
    let backup = sandbox.home().join("backup.toml");
    let out = sandbox.run(&["export", "-o", backup.to_str().unwrap()]);
    assert_exit(&out, 0);
    let text = std::fs::read_to_string(&backup).unwrap();
    assert!(
        text.contains("# picture: https://pbs.twimg.com/profile_images/1/alice.png\n"),
        "{text}"
    );
    assert!(
        text.contains("# banner: https://pbs.twimg.com/profile_banners/6253282/7\n"),
        "{text}"
    );
    assert!(text.contains("account = \"alice\"\n"), "{text}");

    assert_exit(&apply(&sandbox, &backup, &[]), 0);
    assert_eq!(calls(&api), [READ, READ]);

    // Someone edits the profile on the website; the backup puts it back.
    let mut edited = profile.clone();
    edited.name = "Mallory".into();
    edited.url = String::new();
    edited.description = "hacked".into();
    api.set_profile(edited);
    assert_exit(&apply(&sandbox, &backup, &[]), 0);
    assert_eq!(calls(&api)[2..], [READ, UPDATE]);
    let restored = api.profile();
    assert_eq!(
        (restored.name, restored.url, restored.description),
        (profile.name, profile.url, profile.description)
    );

    // To stdout, the same text.
    let out = sandbox.run(&["export"]);
    assert_exit(&out, 0);
    assert_eq!(texts(&out).0, text);
}

#[test]
fn uploads_that_landed_are_recorded_when_a_later_write_fails() {
    let (api, sandbox) = setup();
    sandbox.file("header.jpg", JPEG);
    sandbox.file("a.png", PNG);
    let file = sandbox.file(
        "profile.toml",
        "name = \"New\"\nimage = \"a.png\"\nbanner = \"header.jpg\"\n",
    );
    // A first run records both images.
    assert_exit(&apply(&sandbox, &file, &[]), 0);
    // Then the profile is edited on the website and the banner file changes; this time the
    // banner lands and the picture is refused.
    let mut profile = api.profile();
    profile.name = "Other".into();
    profile.image_url = "https://pbs.twimg.com/profile_images/50/web_normal.png".into();
    api.set_profile(profile.clone());
    sandbox.file("header.jpg", [JPEG, b"v2"].concat());
    api.script([
        support::Scripted::json(200, support::user_json(&profile)),
        support::Scripted::raw(201, "application/json", b""),
        support::Scripted::api_error(400, 3, "Image file is not valid"),
    ]);
    let out = sandbox.run(&["apply", file.to_str().unwrap(), "--json"]);
    assert_exit(&out, 5);
    let (stdout, stderr) = texts(&out);
    let line: Value = serde_json::from_str(stdout.trim()).expect("one object");
    // Not a success, but something changed: a bot reads both.
    assert_eq!(line["ok"], false);
    assert_eq!(line["changed"], true);
    assert_eq!(line["done"], serde_json::json!(["banner"]));
    assert!(
        stderr.contains("changed before the error: banner"),
        "{stderr}"
    );
    // The error names the file it belongs to.
    assert!(
        stderr.contains("error: ") && stderr.contains("profile.toml: "),
        "{stderr}"
    );
    // The banner that landed is recorded (the profile read once more still showed the old one,
    // so as an upload in processing), and only the rest goes again.
    let banner = record(&sandbox, "banner").unwrap();
    assert_eq!(
        banner["sha256"].as_str(),
        Some(sha256(&[JPEG, b"v2"].concat()).as_str())
    );
    assert_eq!(calls(&api).last().map(String::as_str), Some(READ));
    let n = calls(&api).len();
    assert_exit(&apply(&sandbox, &file, &[]), 0);
    assert_eq!(calls(&api)[n..], [READ, PICTURE, UPDATE]);
}

#[test]
fn export_fits_long_links_and_warns_only_for_a_value_over_its_limit_as_it_is() {
    let (api, sandbox) = setup();
    let mut profile = api.profile();
    profile.description = format!("{} https://example.com/{}", "b".repeat(120), "p".repeat(60));
    profile.name = "n".repeat(60);
    api.set_profile(profile);
    let file = sandbox.home().join("p.toml");
    let out = sandbox.run(&["export", "-o", file.to_str().unwrap()]);
    assert_exit(&out, 0);
    let stderr = texts(&out).1;
    assert!(!stderr.contains("description is"), "{stderr}");
    assert!(
        stderr.contains(
            "warning: name is 60 characters, over the limit of 50 even with each link in its shortest form"
        ),
        "{stderr}"
    );
    let table: toml::Table = toml::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(table["description"].as_str().unwrap().chars().count(), 144);
    // Both hold, so applying the export sends nothing and refuses nothing.
    let out = apply(&sandbox, &file, &["--check"]);
    assert_exit(&out, 0);
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn a_state_path_that_is_not_a_state_file_is_never_written_over() {
    let (api, sandbox) = setup();
    sandbox.file("a.png", PNG);
    let file = sandbox.file("profile.toml", "image = \"a.png\"\n");
    let config = sandbox.default_config();
    let before = std::fs::read_to_string(&config).unwrap();
    let out = sandbox
        .cmd()
        .env("TWPROFILE_STATE", &config)
        .args(["apply", file.to_str().unwrap()])
        .output()
        .unwrap();
    // The upload happened; recording it is refused, loudly, and the config is intact.
    assert_exit(&out, 0);
    assert!(
        texts(&out).1.contains("it is left as it is"),
        "{}",
        texts(&out).1
    );
    assert_eq!(std::fs::read_to_string(&config).unwrap(), before);
    assert_eq!(calls(&api), [READ, PICTURE]);
}

#[test]
fn a_file_that_would_publish_a_credential_is_refused() {
    let (api, sandbox) = setup();
    sandbox.file("secret.txt", support::CONSUMER_SECRET);
    let file = sandbox.file("profile.toml", "description_file = \"secret.txt\"\n");
    for extra in [&[][..], &["--dry-run"], &["--check", "--json"]] {
        let out = apply(&sandbox, &file, extra);
        assert_exit(&out, 2);
        assert!(
            texts(&out)
                .1
                .contains("description holds a credential; refusing to publish it"),
            "{}",
            texts(&out).1
        );
        assert_no_secrets(&out, &api);
    }
    assert!(api.requests().is_empty());
}

#[test]
fn an_upload_the_api_is_still_processing_is_not_sent_again() {
    let (api, sandbox) = setup();
    sandbox.file("a.png", PNG);
    let file = sandbox.file("profile.toml", "image = \"a.png\"\n");
    // The answer to the upload still shows the old picture, as the API's does while it
    // processes the new one.
    let before = support::user_json(&api.profile());
    api.script([
        support::Scripted::json(200, before.clone()),
        support::Scripted::json(200, before),
    ]);
    assert_exit(&apply(&sandbox, &file, &[]), 0);
    assert_eq!(record(&sandbox, "image").unwrap().get("url"), None);
    // The profile now shows the processed picture: it is taken as the upload's, not sent again.
    let mut profile = api.profile();
    profile.image_url = "https://pbs.twimg.com/profile_images/3/processed_normal.png".into();
    api.set_profile(profile.clone());
    assert_exit(&apply(&sandbox, &file, &["--check"]), 0);
    // --check and --dry-run change nothing, the record included.
    assert_exit(&apply(&sandbox, &file, &["--dry-run"]), 0);
    assert_eq!(record(&sandbox, "image").unwrap().get("url"), None);
    assert_exit(&apply(&sandbox, &file, &[]), 0);
    assert_eq!(
        record(&sandbox, "image").unwrap()["url"].as_str(),
        Some(profile.image_url.as_str())
    );
    assert_eq!(calls(&api), [READ, PICTURE, READ, READ, READ]);
    // A change on the website after that is put back.
    profile.image_url = "https://pbs.twimg.com/profile_images/4/web_normal.png".into();
    api.set_profile(profile);
    assert_exit(&apply(&sandbox, &file, &[]), 0);
    assert_eq!(calls(&api)[5..], [READ, PICTURE]);
}

#[cfg(unix)]
#[test]
fn a_fifo_named_by_a_profile_file_is_refused_without_blocking() {
    let (api, sandbox) = setup();
    let fifo = sandbox.home().join("pipe.png");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string and mode.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    for text in [
        "image = \"pipe.png\"\n",
        "description_file = \"pipe.png\"\n",
    ] {
        let file = sandbox.file("profile.toml", text);
        let mut cmd = sandbox.std_cmd();
        cmd.args(["apply", file.to_str().unwrap()]);
        let out = support::output_within(&mut cmd, 20);
        assert_exit(&out, 2);
        assert!(
            texts(&out).1.contains("is a FIFO, not a regular file"),
            "{}",
            texts(&out).1
        );
    }
    assert!(api.requests().is_empty());
}

#[cfg(unix)]
#[test]
fn export_writes_through_a_symlink_and_keeps_the_files_mode() {
    use std::os::unix::fs::PermissionsExt;
    let (_api, sandbox) = setup();
    let real = sandbox.file("real.toml", "old");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = sandbox.home().join("link.toml");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    assert_exit(&sandbox.run(&["export", "-o", link.to_str().unwrap()]), 0);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .contains("name = \"Alice\"")
    );
    assert_eq!(
        std::fs::metadata(&real).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let out = sandbox.run(&["export", "-o", "/dev/null"]);
    assert_exit(&out, 2);
    assert!(
        texts(&out).1.contains("is not a regular file"),
        "{}",
        texts(&out).1
    );
}

#[test]
fn apply_retries_waits_and_sanitises_like_every_command() {
    let (api, sandbox) = setup();
    let file = sandbox.file("profile.toml", "name = \"Plain\"\n");
    // A server error on the read is retried.
    api.script([support::Scripted::api_error(503, 130, "Over capacity")]);
    let out = apply(&sandbox, &file, &["--retries", "1"]);
    assert_exit(&out, 0);
    assert_eq!(calls(&api), [READ, READ, UPDATE]);
    // A rate limit that resets too late stops at once with exit 6.
    api.script(
        [support::Scripted::api_error(429, 88, "Rate limit exceeded")
            .with_header("x-rate-limit-reset", "4102444800")],
    );
    let out = apply(&sandbox, &file, &[]);
    assert_exit(&out, 6);
    // Hostile text from the server reaches the terminal escaped in the plan.
    let hostile = "Eve\u{1b}[2J\u{202e}\u{9b}31m";
    api.set_profile(Profile {
        name: hostile.into(),
        screen_name: format!("eve{hostile}"),
        ..Profile::default()
    });
    let out = apply(&sandbox, &file, &["--color", "never"]);
    assert_exit(&out, 0);
    let (stdout, stderr) = texts(&out);
    support::assert_inert("plan", &stdout);
    support::assert_inert("stderr", &stderr);
    assert!(stdout.contains("→ Plain"), "{stdout}");
    assert_no_secrets(&out, &api);
}

#[test]
fn a_profile_file_may_be_large_with_comments_but_not_past_a_mebibyte() {
    let (api, sandbox) = setup();
    let comments = "# a note about the profile, kept with it\n".repeat(200);
    let file = sandbox.file("profile.toml", format!("{comments}name = \"Alice\"\n"));
    assert_exit(&apply(&sandbox, &file, &[]), 0);
    let file = sandbox.file("big.toml", "#".repeat(1024 * 1024 + 1));
    let out = apply(&sandbox, &file, &[]);
    assert_exit(&out, 2);
    assert!(texts(&out).1.contains("is over 1 MiB"), "{}", texts(&out).1);
    assert_eq!(calls(&api), [READ]);
}

#[test]
fn a_file_named_dash_beside_a_bare_profile_path_is_a_file_not_stdin() {
    let (api, sandbox) = setup();
    sandbox.file("profile.toml", "image = \"-\"\n");
    let out = sandbox
        .cmd()
        .current_dir(sandbox.home())
        .args(["apply", "profile.toml"])
        .write_stdin(PNG)
        .output()
        .unwrap();
    assert_exit(&out, 2);
    assert!(texts(&out).1.contains("no such file"), "{}", texts(&out).1);
    assert!(api.requests().is_empty());
}

#[test]
fn a_picture_alone_records_no_banner_and_an_odd_id_records_nothing() {
    let (api, sandbox) = setup();
    let mut profile = api.profile();
    profile.banner_url = Some("https://pbs.twimg.com/profile_banners/6253282/1".into());
    api.set_profile(profile.clone());
    sandbox.file("a.png", PNG);
    let file = sandbox.file("profile.toml", "image = \"a.png\"\n");
    assert_exit(&apply(&sandbox, &file, &[]), 0);
    assert!(record(&sandbox, "image").is_some());
    assert_eq!(record(&sandbox, "banner"), None);

    // An id that is not a number is not a key to record under: a warning, and nothing kept.
    std::fs::remove_file(sandbox.state_file()).unwrap();
    let config = std::fs::read_to_string(sandbox.default_config()).unwrap();
    sandbox.write_config(&config.replace("user_id = \"6253282\"\n", ""));
    profile.user_id = "../x".into();
    api.set_profile(profile);
    let out = apply(&sandbox, &file, &[]);
    assert_exit(&out, 0);
    assert!(
        texts(&out).1.contains("has no id_str to record"),
        "{}",
        texts(&out).1
    );
    assert!(!sandbox.state_file().exists());
}

#[test]
fn the_read_after_a_banner_upload_counts_but_never_hides_the_first_error() {
    let (api, sandbox) = setup();
    sandbox.file("header.jpg", JPEG);
    let file = sandbox.file("profile.toml", "banner = \"header.jpg\"\n");
    // The banner lands; the read for its URL fails: the run fails with that error.
    let user = support::user_json(&api.profile());
    api.script([
        support::Scripted::json(200, user.clone()),
        support::Scripted::raw(201, "application/json", b""),
        support::Scripted::api_error(500, 131, "Internal error"),
    ]);
    let out = apply(&sandbox, &file, &["--retries", "0"]);
    assert_exit(&out, 7);

    // The picture fails after the banner, and so does that read: the picture's error counts.
    sandbox.file("a.png", PNG);
    sandbox.file("header.jpg", [JPEG, b"v3"].concat());
    let file = sandbox.file(
        "profile.toml",
        "banner = \"header.jpg\"\nimage = \"a.png\"\n",
    );
    api.script([
        support::Scripted::json(200, user),
        support::Scripted::raw(201, "application/json", b""),
        support::Scripted::api_error(400, 3, "Image file is not valid"),
        support::Scripted::api_error(500, 131, "Internal error"),
    ]);
    let out = apply(&sandbox, &file, &["--retries", "0"]);
    assert_exit(&out, 5);
    assert!(
        texts(&out).1.contains("Image file is not valid"),
        "{}",
        texts(&out).1
    );
}

#[test]
fn export_as_json_and_into_a_bare_file_name_and_no_warning_at_the_limit() {
    let (api, sandbox) = setup();
    let mut profile = api.profile();
    profile.description = "d".repeat(160);
    api.set_profile(profile);
    let out = sandbox.run(&["export", "--json"]);
    assert_exit(&out, 0);
    let (stdout, stderr) = texts(&out);
    let object: Value = serde_json::from_str(&stdout).expect("a JSON object");
    assert_eq!(object["account"], "alice");
    assert_eq!(object["location"], "Berlin");
    assert_eq!(object["description"].as_str().map(str::len), Some(160));
    // Exactly at the limit is fine: no warning.
    assert!(!stderr.contains("warning"), "{stderr}");
    // -o with a bare name writes beside the current directory's other files.
    let out = sandbox
        .cmd()
        .current_dir(sandbox.home())
        .args(["export", "-o", "bare.toml"])
        .output()
        .unwrap();
    assert_exit(&out, 0);
    assert!(
        std::fs::read_to_string(sandbox.home().join("bare.toml"))
            .unwrap()
            .contains("name = \"Alice\"")
    );
    // The file is written beside its target, not in the current directory (here one where
    // nothing can be created).
    let out = sandbox
        .cmd()
        .current_dir("/proc")
        .args(["export", "-o"])
        .arg(sandbox.home().join("elsewhere.toml"))
        .output()
        .unwrap();
    assert_exit(&out, 0);
    assert!(sandbox.home().join("elsewhere.toml").is_file());
}
