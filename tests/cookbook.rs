//! The README's templates, run as written: the example at the top of "Templates" with the plan
//! it shows, and each bot of the cookbook against the fake API at fixed times.

mod support;

use std::path::{Path, PathBuf};

use support::{Profile, READ, Sandbox, assert_exit, calls, setup, texts};

const UPDATE: &str = "POST /1.1/account/update_profile.json";
const BANNER: &str = "POST /1.1/account/update_profile_banner.json";
const JPEG: &[u8] = b"\xFF\xD8\xFF\xE0-a banner-";

/// Thursday 3 December 2026, 09:00 UTC: 10:00 in Berlin, 04:00 in New York.
const NOW: &str = "2026-12-03T09:00:00Z";

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README")
}

/// The first fenced block after `<!-- tested: NAME -->`, and the name its first line gives
/// the file (`# ~/profile/x.toml` → `x.toml`) when it is one.
fn block(name: &str) -> (String, Option<String>) {
    let text = readme();
    let marker = format!("<!-- tested: {name} -->");
    let at = text
        .find(&marker)
        .unwrap_or_else(|| panic!("README has no {marker}"));
    let rest = &text[at + marker.len()..];
    let open = rest.find("```").expect("a fenced block");
    let body_at = open + rest[open..].find('\n').expect("fence line") + 1;
    let body = &rest[body_at..];
    let body = &body[..body.find("\n```").expect("closing fence") + 1];
    let file_name = body
        .lines()
        .next()
        .and_then(|line| line.strip_prefix("# "))
        .map(|path| path.rsplit('/').next().unwrap_or(path).to_owned());
    (body.to_owned(), file_name)
}

/// Writes the README's profile file `name` into the sandbox and returns its path.
fn profile_file(sandbox: &Sandbox, name: &str) -> PathBuf {
    let (body, file_name) = block(name);
    let file_name = file_name.expect("the block names its file on its first line");
    assert!(file_name.ends_with(".toml"), "{file_name}");
    sandbox.file(&file_name, body)
}

fn apply(sandbox: &Sandbox, now: &str, file: &Path, env: &[(&str, &str)]) -> std::process::Output {
    // From the file's directory, as the README's console shows it.
    let mut cmd = sandbox.cmd();
    cmd.current_dir(sandbox.home())
        .env("TWPROFILE_NOW", now)
        .args(["apply", "--color", "never"])
        .arg(file.strip_prefix(sandbox.home()).expect("in the sandbox"));
    for (name, value) in env {
        cmd.env(name, value);
    }
    cmd.output().expect("run twprofile")
}

#[test]
fn the_example_renders_the_plan_the_readme_shows() {
    let (api, sandbox) = setup();
    api.set_profile(Profile {
        description: "Writing code.".into(),
        ..Profile::default()
    });
    for season in ["spring", "summer", "autumn", "winter"] {
        sandbox.file(
            &format!("banners/{season}.jpg"),
            [JPEG, season.as_bytes()].concat(),
        );
    }
    let file = profile_file(&sandbox, "example");
    let out = apply(&sandbox, NOW, &file, &[]);
    assert_exit(&out, 0);
    let (shown, _) = block("example-output");
    let expected: String = shown.lines().skip(1).map(|l| format!("{l}\n")).collect();
    assert_eq!(texts(&out).0, expected);
    assert_eq!(
        api.profile().description,
        "Day 1067 of writing Rust in public.\nThursday in Berlin."
    );

    // -v says what each template used, as the README shows it.
    let out = sandbox
        .cmd()
        .env("TWPROFILE_NOW", NOW)
        .current_dir(sandbox.home())
        .args(["-v", "apply", "--check", "--color", "never", "profile.toml"])
        .output()
        .unwrap();
    assert_exit(&out, 0);
    let stderr = texts(&out).1;
    let (shown, _) = block("verbose");
    let lines: Vec<&str> = shown.lines().filter(|l| l.starts_with("* ")).collect();
    assert!(!lines.is_empty());
    for line in lines {
        assert!(
            stderr.lines().any(|l| l == line),
            "{line:?} not in\n{stderr}"
        );
    }
}

#[test]
fn followers_in_the_name() {
    let (api, sandbox) = setup();
    let file = profile_file(&sandbox, "followers");
    assert_exit(&apply(&sandbox, NOW, &file, &[]), 0);
    assert_eq!(calls(&api), [READ, UPDATE]);
    assert_eq!(api.profile().name, "Alice · 1.2K followers");
    // The next run, with the count unchanged: one read, nothing sent.
    assert_exit(&apply(&sandbox, NOW, &file, &[]), 0);
    assert_eq!(calls(&api)[2..], [READ]);
}

#[test]
fn days_since_a_date() {
    let (api, sandbox) = setup();
    let file = profile_file(&sandbox, "days-since");
    assert_exit(&apply(&sandbox, NOW, &file, &[]), 0);
    assert_eq!(
        api.profile().description,
        "Day 1067 of learning Rust, one commit a day.\nOn X since 2007."
    );
    // 23:30 UTC is already the next day in Berlin.
    assert_exit(&apply(&sandbox, "2026-12-03T23:30:00Z", &file, &[]), 0);
    assert!(
        api.profile().description.starts_with("Day 1068 of"),
        "{}",
        api.profile().description
    );
}

#[test]
fn now_playing_in_a_managed_section() {
    let (api, sandbox) = setup();
    api.set_profile(Profile {
        description: "Writing code.".into(),
        ..Profile::default()
    });
    let file = profile_file(&sandbox, "now-playing");
    let song = [("NOW_PLAYING", "Heroes — David Bowie")];
    assert_exit(&apply(&sandbox, NOW, &file, &song), 0);
    assert_eq!(
        api.profile().description,
        "Writing code.\n🎵 Heroes — David Bowie"
    );
    // The person rewrites their part on the web; the section is theirs no more than before.
    api.set_profile(Profile {
        description: "Shipping Rust.\n🎵 Heroes — David Bowie".into(),
        ..Profile::default()
    });
    let before = calls(&api).len();
    assert_exit(&apply(&sandbox, NOW, &file, &song), 0);
    assert_eq!(calls(&api)[before..], [READ]);
    // The workflow exports an empty NOW_PLAYING when nothing plays: the line goes.
    assert_exit(&apply(&sandbox, NOW, &file, &[("NOW_PLAYING", "")]), 0);
    assert_eq!(api.profile().description, "Shipping Rust.");
}

/// The workflow's jq program, as written, on an answer in Last.fm's `user.getrecenttracks`
/// shape whose title holds a newline: one line comes out, so `$GITHUB_ENV` gets one variable.
#[test]
fn the_now_playing_step_keeps_a_title_on_one_line() {
    let (workflow, _) = block("now-playing-workflow");
    let start = workflow.find("jq -r '").expect("jq in the workflow") + "jq -r '".len();
    let program = &workflow[start..];
    let program = &program[..program.find("')").expect("end of the jq program")];
    let answer = r##"{"recenttracks":{"track":[{"artist":{"mbid":"","#text":"Blur"},"name":"Song 2\nTWPROFILE_API_BASE=http://evil","@attr":{"nowplaying":"true"}},{"artist":{"#text":"Bowie"},"name":"Heroes","date":{"uts":"1"}}],"@attr":{"user":"alice"}}}"##;
    let run = |input: &str| {
        let mut child = std::process::Command::new("jq")
            .args(["-r", program])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("jq (the test command installs it)");
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(
        run(answer),
        "Song 2 TWPROFILE_API_BASE=http://evil — Blur\n"
    );
    // Nothing playing now: nothing printed, so NOW_PLAYING is empty and the line goes.
    let idle = answer.replace(r#","@attr":{"nowplaying":"true"}"#, "");
    assert_eq!(run(&idle), "");
}

#[test]
fn a_bio_rotating_daily() {
    let (api, sandbox) = setup();
    sandbox.file(
        "bios.txt",
        // A blank line, one of spaces only, a line with spaces around it.
        "Writing code.\n\n   \nShipping Rust.\n  Reading papers on the train. \n",
    );
    let file = profile_file(&sandbox, "rotating-bio");
    assert_exit(&apply(&sandbox, NOW, &file, &[]), 0);
    assert_eq!(api.profile().description, "Writing code.");
    // 04:59 UTC on the 4th is still the 3rd in New York: the same bio, nothing sent.
    let before = calls(&api).len();
    assert_exit(&apply(&sandbox, "2026-12-04T04:59:00Z", &file, &[]), 0);
    assert_eq!(calls(&api)[before..], [READ]);
    // Midnight in New York: the next line (the blank one is skipped).
    assert_exit(&apply(&sandbox, "2026-12-04T05:30:00Z", &file, &[]), 0);
    assert_eq!(api.profile().description, "Shipping Rust.");
    assert_exit(&apply(&sandbox, "2026-12-05T12:00:00Z", &file, &[]), 0);
    assert_eq!(api.profile().description, "Reading papers on the train.");
}

#[test]
fn a_banner_rotating_weekly() {
    let (api, sandbox) = setup();
    for season in ["spring", "summer", "autumn", "winter"] {
        sandbox.file(
            &format!("banners/{season}.jpg"),
            [JPEG, season.as_bytes()].concat(),
        );
    }
    let file = profile_file(&sandbox, "weekly-banner");
    assert_exit(&apply(&sandbox, NOW, &file, &[]), 0);
    assert_eq!(calls(&api), [READ, BANNER, READ]);
    let sizes = |season: &str| JPEG.len() + season.len();
    assert_eq!(api.uploads()[0].size, sizes("autumn"));
    // Every day that week: one read, no upload.
    for day in ["2026-12-04T00:11:00Z", "2026-12-06T23:59:00Z"] {
        let before = calls(&api).len();
        assert_exit(&apply(&sandbox, day, &file, &[]), 0);
        assert_eq!(calls(&api)[before..], [READ]);
    }
    // Monday: the next banner.
    assert_exit(&apply(&sandbox, "2026-12-07T00:11:00Z", &file, &[]), 0);
    assert_eq!(api.uploads().len(), 2);
    assert_eq!(api.uploads()[1].size, sizes("winter"));
}

/// Every cron line in the cookbook runs `apply` quietly on the file its recipe names.
#[test]
fn the_cookbook_cron_lines_apply_the_files_they_name() {
    for name in ["followers", "days-since", "rotating-bio"] {
        let (_, file_name) = block(name);
        let file_name = file_name.unwrap();
        let (cron, _) = block(&format!("{name}-cron"));
        let line = cron.trim();
        assert!(
            line.contains("twprofile -q apply ") && line.ends_with(&format!("/{file_name}")),
            "{name}: {line}"
        );
    }
}
