//! Templates in profile files and on the command line, against the real binary and the fake
//! API: what is rendered and sent, what a bio edited on the web keeps, rotation by the clock
//! alone, and hostile templates stopped before anything is written.

mod support;

use std::process::Command;

use support::{Profile, READ, Sandbox, assert_exit, assert_no_secrets, calls, setup, texts};

const UPDATE: &str = "POST /1.1/account/update_profile.json";
const BANNER: &str = "POST /1.1/account/update_profile_banner.json";
const JPEG: &[u8] = b"\xFF\xD8\xFF\xE0-a banner-";

/// Thursday 3 December 2026, 09:00 UTC.
const NOW: &str = "2026-12-03T09:00:00Z";

fn apply_at(
    sandbox: &Sandbox,
    now: &str,
    file: &std::path::Path,
    extra: &[&str],
) -> std::process::Output {
    sandbox
        .cmd()
        .env("TWPROFILE_NOW", now)
        .arg("apply")
        .arg(file)
        .args(extra)
        .output()
        .expect("run twprofile")
}

fn stderr_of(out: &std::process::Output) -> String {
    texts(out).1
}

#[test]
fn a_follower_count_in_the_name_is_rendered_after_the_one_read_and_then_in_sync() {
    let (api, sandbox) = setup();
    let file = sandbox.file(
        "profile.toml",
        "name = \"Alice · {{ user.followers_count | compact }} followers\"\n",
    );
    let out = apply_at(&sandbox, NOW, &file, &[]);
    assert_exit(&out, 0);
    assert_eq!(calls(&api), [READ, UPDATE]);
    assert_eq!(
        api.requests()[1].param("name"),
        Some("Alice · 1.2K followers")
    );
    assert_eq!(api.profile().name, "Alice · 1.2K followers");
    // Rendered again, it is what the profile holds: one read, nothing written.
    let out = apply_at(&sandbox, NOW, &file, &[]);
    assert_exit(&out, 0);
    assert_eq!(calls(&api)[2..], [READ]);
    assert_no_secrets(&out, &api);
}

#[test]
fn check_dry_run_and_json_show_the_rendered_value_and_v_says_what_was_used() {
    let (api, sandbox) = setup();
    let file = sandbox.file(
        "profile.toml",
        "location = \"{{ now.weekday }} in {{ env.CITY | default('Berlin') }}\"\n",
    );
    let out = sandbox
        .cmd()
        .env("TWPROFILE_NOW", NOW)
        .env("CITY", "Lisbon")
        .args(["apply", "--check", "-v", "--color", "never"])
        .arg(&file)
        .output()
        .unwrap();
    assert_exit(&out, 8);
    let (stdout, stderr) = texts(&out);
    assert!(stdout.contains("Berlin → Thursday in Lisbon"), "{stdout}");
    assert!(
        stderr.contains("location used now = 2026-12-03T09:00:00+00:00; env.CITY = \"Lisbon\""),
        "{stderr}"
    );
    let out = sandbox
        .cmd()
        .env("TWPROFILE_NOW", NOW)
        .env("TZ", "UTC")
        .args(["--json", "apply", "--dry-run"])
        .arg(&file)
        .output()
        .unwrap();
    assert_exit(&out, 0);
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = line.to_string();
    assert!(text.contains("Thursday in Berlin"), "{text}");
    assert!(calls(&api).iter().all(|c| c == READ));
}

#[test]
fn a_managed_section_replaces_its_line_and_keeps_what_was_written_on_the_web() {
    let (api, sandbox) = setup();
    api.set_profile(Profile {
        description: "Writing code.\n🎵 Old song".into(),
        ..Profile::default()
    });
    let file = sandbox.file(
        "profile.toml",
        "description = \"{{ user.description | section('🎵', env.NOW_PLAYING) }}\"\n",
    );
    let run = |song: Option<&str>| {
        let mut cmd = sandbox.cmd();
        cmd.env("TWPROFILE_NOW", NOW).arg("apply").arg(&file);
        if let Some(song) = song {
            cmd.env("NOW_PLAYING", song);
        }
        cmd.output().unwrap()
    };
    assert_exit(&run(Some("Heroes — David Bowie")), 0);
    assert_eq!(
        api.profile().description,
        "Writing code.\n🎵 Heroes — David Bowie"
    );
    // Edited on the web behind the tool's back: the person's part stays as they wrote it.
    api.set_profile(Profile {
        description: "Shipping Rust. https://alice.example/now\n🎵 Heroes — David Bowie".into(),
        ..Profile::default()
    });
    let before = calls(&api).len();
    assert_exit(&run(Some("Heroes — David Bowie")), 0);
    assert_eq!(calls(&api)[before..], [READ]);
    assert_exit(&run(Some("Song 2 — Blur")), 0);
    assert_eq!(
        api.profile().description,
        "Shipping Rust. https://alice.example/now\n🎵 Song 2 — Blur"
    );
    // Nothing playing: the section goes, the rest stays.
    assert_exit(&run(None), 0);
    assert_eq!(
        api.profile().description,
        "Shipping Rust. https://alice.example/now"
    );
    // The section is fitted into the room the rest leaves; the rest is never cut.
    let long = "word ".repeat(40);
    assert_exit(&run(Some(&long)), 0);
    let bio = api.profile().description;
    assert!(
        bio.starts_with("Shipping Rust. https://alice.example/now\n🎵 word"),
        "{bio}"
    );
    assert!(bio.ends_with('…') && bio.chars().count() <= 160, "{bio}");
}

#[test]
fn a_banner_rotates_by_the_week_and_the_record_decides_whether_to_upload() {
    let (api, sandbox) = setup();
    sandbox.file("banners/a.jpg", [JPEG, b"a"].concat());
    sandbox.file("banners/b.jpg", [JPEG, b"b"].concat());
    let file = sandbox.file(
        "profile.toml",
        "banner = \"banners/{{ rotate(['a.jpg', 'b.jpg'], every='week') }}\"\n",
    );
    assert_exit(&apply_at(&sandbox, NOW, &file, &[]), 0);
    assert_eq!(calls(&api), [READ, BANNER, READ]);
    let first = api.uploads()[0].size;
    // Later the same week (Sunday night): the same banner, recorded as shown: no upload.
    assert_exit(&apply_at(&sandbox, "2026-12-06T23:00:00Z", &file, &[]), 0);
    assert_eq!(calls(&api)[3..], [READ]);
    // Monday starts the next week: the other banner.
    let out = apply_at(
        &sandbox,
        "2026-12-07T00:30:00Z",
        &file,
        &["--color", "never"],
    );
    assert_exit(&out, 0);
    assert_eq!(calls(&api)[4..], [READ, BANNER, READ]);
    assert_eq!(api.uploads().len(), 2);
    assert_eq!(api.uploads()[1].size, first);
    assert!(texts(&out).0.contains("banners/b.jpg"), "{}", texts(&out).0);
}

#[test]
fn the_bundled_time_zone_database_serves_a_named_zone_without_the_systems() {
    let (api, sandbox) = setup();
    let file = sandbox.file(
        "profile.toml",
        "timezone = \"Asia/Kolkata\"\nlocation = \"{{ now.date }} {{ now.time }}\"\n",
    );
    let out = sandbox
        .cmd()
        .env("TWPROFILE_NOW", "2026-12-03T20:00:00Z")
        .env("TZDIR", sandbox.home().join("no-zoneinfo"))
        .args(["apply"])
        .arg(&file)
        .output()
        .unwrap();
    assert_exit(&out, 0);
    assert_eq!(api.profile().location, "2026-12-04 01:30");
    let file = sandbox.file("bad.toml", "timezone = \"Mars/Olympus\"\nname = \"x\"\n");
    let out = sandbox.run(&["apply", file.to_str().unwrap()]);
    assert_exit(&out, 2);
    assert!(
        stderr_of(&out).contains("bad.toml: timezone: \"Mars/Olympus\" is not a time zone name")
    );
    assert_eq!(calls(&api), [READ, UPDATE]);
}

#[test]
fn days_since_counts_calendar_days_in_the_files_time_zone() {
    let (api, sandbox) = setup();
    let file = sandbox.file(
        "profile.toml",
        "timezone = \"America/New_York\"\ndescription = \"Day {{ days_since('2026-01-01') + 1 }} of the year; joined {{ days_since(user.created_at) }} days ago\"\n",
    );
    // 02:00 UTC on 3 December is still 2 December in New York.
    assert_exit(&apply_at(&sandbox, "2026-12-03T02:00:00Z", &file, &[]), 0);
    assert_eq!(
        api.profile().description,
        "Day 336 of the year; joined 7133 days ago"
    );
}

#[test]
fn a_template_that_does_not_parse_is_refused_before_any_request() {
    let (api, sandbox) = setup();
    let file = sandbox.file(
        "profile.toml",
        "name = \"Alice\"\ndescription = \"\"\"\nline one\n{{ user.followers_count \n\"\"\"\n",
    );
    let out = apply_at(&sandbox, NOW, &file, &[]);
    assert_exit(&out, 2);
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains("profile.toml: description: syntax error at line 2 of the value"),
        "{stderr}"
    );
    assert_eq!(
        stderr.lines().filter(|l| l.starts_with("error:")).count(),
        1,
        "{stderr}"
    );
    assert!(calls(&api).is_empty());
}

#[test]
fn hostile_templates_stop_with_exit_2_and_nothing_is_written() {
    let (api, sandbox) = setup();
    sandbox.file("secret.txt", "outside");
    let cases: [(&str, &str); 7] = [
        ("{% for i in range(10**9) %}x{% endfor %}", "range"),
        (
            "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
            "out of fuel",
        ),
        ("{{ user.folowers_count }}", "undefined"),
        ("{{ nothing_here() }}", "description"),
        ("{{ file('../secret.txt') }}", "goes up with .."),
        (
            "{{ env.GITHUB_TOKEN | default('x') }}",
            "named like a secret",
        ),
        ("{{ ('x' * 9000) ~ ('y' * 9000) }}", "more than 16 KiB"),
    ];
    for (template, says) in cases {
        let dir = sandbox.home().join("p");
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("profile.toml");
        std::fs::write(
            &file,
            format!("description = \"{}\"\n", template.replace('"', "\\\"")),
        )
        .unwrap();
        let out = sandbox
            .cmd()
            .env("GITHUB_TOKEN", "ghp_not_for_a_bio")
            .arg("apply")
            .arg(&file)
            .output()
            .unwrap();
        assert_exit(&out, 2);
        let stderr = stderr_of(&out);
        assert!(
            stderr.contains("profile.toml: description:"),
            "{template}: {stderr}"
        );
        assert!(stderr.contains(says), "{template}: {stderr}");
        assert!(!stderr.contains("ghp_not_for_a_bio"), "{stderr}");
    }
    assert!(calls(&api).iter().all(|c| c == READ), "{:?}", calls(&api));
}

#[cfg(unix)]
#[test]
fn a_template_that_allocates_without_end_is_stopped_with_a_clear_error() {
    let (api, sandbox) = setup();
    let file = sandbox.file(
        "profile.toml",
        "description = \"{% set ns = namespace(s='x' * 40000) %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}\"\n",
    );
    let mut cmd = sandbox.std_cmd();
    cmd.arg("apply").arg(&file);
    support::limit_memory(&mut cmd, 1 << 30);
    let out = support::output_within(&mut cmd, 60);
    assert_exit(&out, 2);
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains("profile.toml: description: the template ran out of fuel"),
        "{stderr}"
    );
    assert_eq!(calls(&api), [READ]);
}

#[test]
fn rendered_values_go_through_every_rule_a_written_value_does() {
    let (api, sandbox) = setup();
    // Over the limit without fit: refused, with the way out.
    let file = sandbox.file("long.toml", "name = \"{{ 'word ' * 20 }}\"\n");
    let out = apply_at(&sandbox, NOW, &file, &[]);
    assert_exit(&out, 2);
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains("long.toml: name is 100 characters; the name limit is 50"),
        "{stderr}"
    );
    assert!(stderr.contains("| fit"), "{stderr}");
    // With fit: cut at a word boundary.
    let file = sandbox.file("fit.toml", "name = \"{{ ('word ' * 20) | fit }}\"\n");
    assert_exit(&apply_at(&sandbox, NOW, &file, &[]), 0);
    let name = api.profile().name;
    assert!(
        name.ends_with("word…") && name.chars().count() <= 50,
        "{name}"
    );
    // An empty bio from a feed that failed is refused.
    let file = sandbox.file(
        "empty.toml",
        "description = \"{{ env.FEED | default('') }}\"\n",
    );
    let out = apply_at(&sandbox, NOW, &file, &[]);
    assert_exit(&out, 2);
    assert!(
        stderr_of(&out).contains("renders an empty bio"),
        "{}",
        stderr_of(&out)
    );
    // A credential that reaches a value by any way is refused.
    let secret = support::alice_config(&api.base());
    let token_secret = secret
        .lines()
        .find_map(|l| l.strip_prefix("access_token_secret = "))
        .map(|v| v.trim_matches('"').to_owned())
        .expect("the test config has a token secret");
    let file = sandbox.file("leak.toml", "description = \"{{ env.NOTES }}\"\n");
    let out = sandbox
        .cmd()
        .env("NOTES", format!("see {token_secret}"))
        .arg("apply")
        .arg(&file)
        .output()
        .unwrap();
    assert_exit(&out, 2);
    assert!(
        stderr_of(&out).contains("leak.toml: description holds a credential"),
        "{}",
        stderr_of(&out)
    );
    assert_no_secrets(&out, &api);
    let writes = calls(&api).iter().filter(|c| *c != READ).count();
    assert_eq!(writes, 1);
}

#[test]
fn file_reads_a_small_file_beside_the_profile() {
    let (api, sandbox) = setup();
    sandbox.file("playing.txt", "Heroes\n");
    let file = sandbox.file(
        "profile.toml",
        "location = \"♪ {{ file('playing.txt') }}\"\n",
    );
    assert_exit(&apply_at(&sandbox, NOW, &file, &[]), 0);
    assert_eq!(api.profile().location, "♪ Heroes");
}

#[test]
fn the_template_flag_renders_the_field_flags_after_one_read() {
    let (api, sandbox) = setup();
    let out = sandbox
        .cmd()
        .env("TWPROFILE_NOW", NOW)
        .args([
            "-v",
            "--template",
            "--name",
            "Alice · {{ user.followers_count | compact }} followers",
            "--location",
            "Berlin",
        ])
        .output()
        .unwrap();
    assert_exit(&out, 0);
    // The location held already; only the name is sent.
    assert_eq!(calls(&api), [READ, UPDATE]);
    assert_eq!(api.requests()[1].param_names(), ["name"]);
    assert_eq!(
        api.requests()[1].param("name"),
        Some("Alice · 1.2K followers")
    );
    assert!(
        stderr_of(&out).contains("* --name used user.followers_count = 1234"),
        "{}",
        stderr_of(&out)
    );
    // In sync: the note, one read.
    let out = sandbox
        .cmd()
        .args([
            "--template",
            "--name",
            "Alice · {{ user.followers_count | compact }} followers",
        ])
        .output()
        .unwrap();
    assert_exit(&out, 0);
    assert_eq!(calls(&api)[2..], [READ]);
    // Without --template the braces are text, as they always were.
    let out = sandbox.run(&["--dry-run", "--name", "{{ x }}"]);
    assert_exit(&out, 0);
    assert!(
        texts(&out).0.contains("name=%7B%7B%20x%20%7D%7D"),
        "{}",
        texts(&out).0
    );
    // A syntax error is refused before any request.
    let out = sandbox.run(&["--template", "--name", "{{ x"]);
    assert_exit(&out, 2);
    assert!(
        stderr_of(&out).contains("--name: syntax error"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(calls(&api).len(), 3);
}

/// `TZDIR` names the database to read a zone from, as for the C library: here one whose
/// `Europe/Berlin` is really India's, so the time shows which file was read.
#[test]
fn a_zone_is_read_from_the_database_tzdir_names() {
    let (api, sandbox) = setup();
    let kolkata = std::fs::read("/usr/share/zoneinfo/Asia/Kolkata")
        .expect("this machine's zone database (.ci/run runs where it is)");
    sandbox.file("zones/Europe/Berlin", kolkata);
    let file = sandbox.file(
        "profile.toml",
        "timezone = \"Europe/Berlin\"\nlocation = \"{{ now.time }}\"\n",
    );
    let out = sandbox
        .cmd()
        .env("TWPROFILE_NOW", NOW)
        .env("TZDIR", sandbox.home().join("zones"))
        .arg("apply")
        .arg(&file)
        .output()
        .unwrap();
    assert_exit(&out, 0);
    assert_eq!(api.profile().location, "14:30");
}

#[test]
fn templates_may_take_64_kib_of_a_file_and_no_more() {
    let (api, sandbox) = setup();
    let comment = |bytes: usize| format!("{{# {} #}}", "x".repeat(bytes));
    let file = sandbox.file(
        "profile.toml",
        format!("description = \"{}Commented.\"\n", comment(60 * 1024)),
    );
    assert_exit(&apply_at(&sandbox, NOW, &file, &[]), 0);
    assert_eq!(api.profile().description, "Commented.");
    let file = sandbox.file(
        "big.toml",
        format!(
            "name = \"{}A\"\nlocation = \"{}B\"\n",
            comment(32 * 1024),
            comment(32 * 1024)
        ),
    );
    let before = calls(&api).len();
    let out = apply_at(&sandbox, NOW, &file, &[]);
    assert_exit(&out, 2);
    assert!(
        stderr_of(&out).contains("big.toml: the templates are over 64 KiB in all"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(calls(&api).len(), before);
}

/// What is data stays data: a bio file under --template, an export of a bio with braces,
/// and hidden files out of file()'s reach.
#[test]
fn bio_files_exports_and_hidden_files_are_never_templates() {
    let (api, sandbox) = setup();
    sandbox.file("bio.txt", "Now playing: {{ env.FEED }}\n");
    let out = sandbox
        .cmd()
        .current_dir(sandbox.home())
        .env("FEED", "leaked")
        .args([
            "--template",
            "--name",
            "{{ 'Al' ~ 'ice' }}",
            "--description-file",
            "bio.txt",
        ])
        .output()
        .unwrap();
    assert_exit(&out, 0);
    assert_eq!(api.profile().description, "Now playing: {{ env.FEED }}");

    // The web bio holds braces: the export says they are text, and applying it changes nothing.
    api.set_profile(Profile {
        description: "Ask me about {{ env.FEED }} {# and more".into(),
        ..Profile::default()
    });
    let backup = sandbox.home().join("backup.toml");
    assert_exit(&sandbox.run(&["export", "-o", backup.to_str().unwrap()]), 0);
    let text = std::fs::read_to_string(&backup).unwrap();
    assert!(text.contains("templates = false"), "{text}");
    let before = calls(&api).len();
    let out = sandbox
        .cmd()
        .env("FEED", "leaked")
        .args(["apply", backup.to_str().unwrap()])
        .output()
        .unwrap();
    assert_exit(&out, 0);
    assert_eq!(calls(&api)[before..], [READ]);

    sandbox.file(
        ".git/config",
        "[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n",
    );
    let file = sandbox.file("p.toml", "location = \"{{ file('.git/config') | fit }}\"\n");
    let before = calls(&api).len();
    let out = apply_at(&sandbox, NOW, &file, &[]);
    assert_exit(&out, 2);
    assert!(
        stderr_of(&out).contains("hidden files"),
        "{}",
        stderr_of(&out)
    );
    assert!(!stderr_of(&out).contains("c2VjcmV0"));
    assert_eq!(calls(&api)[before..], [READ]);
}

#[cfg(unix)]
#[test]
fn hidden_files_stay_unread_through_links_and_bio_files() {
    let (api, sandbox) = setup();
    sandbox.file(
        ".git/config",
        "[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n",
    );
    sandbox.file(".env", "DEPLOY=c2VjcmV0\n");
    let home = sandbox.home();
    std::os::unix::fs::symlink(".git", home.join("g")).unwrap();
    std::os::unix::fs::symlink(".env", home.join("notes.txt")).unwrap();
    for text in [
        "description = \"{{ file('g/config')[-70:] }}\"\n",
        "description = \"{{ file('notes.txt') }}\"\n",
        "description_file = \".env\"\n",
        "description_file = \"notes.txt\"\n",
        "description_file = \"g/config\"\n",
    ] {
        let file = sandbox.file("p.toml", text);
        let before = calls(&api).len();
        let out = apply_at(&sandbox, NOW, &file, &["--plan", "--markdown"]);
        assert_exit(&out, 2);
        let (stdout, stderr) = texts(&out);
        assert!(stderr.contains("hidden files"), "{text}: {stderr}");
        assert!(
            !stdout.contains("c2VjcmV0") && !stderr.contains("c2VjcmV0"),
            "{text}"
        );
        assert!(calls(&api)[before..].len() <= 1, "{text}: nothing written");
    }
    // On the command line too.
    let out = sandbox
        .cmd()
        .current_dir(home)
        .args([
            "--template",
            "--description",
            "{{ file('g/config') }}",
            "--dry-run",
        ])
        .output()
        .unwrap();
    assert_exit(&out, 2);
    assert!(!texts(&out).0.contains("c2VjcmV0"));
    // A profile kept in a hidden directory of its own reads the files beside it.
    sandbox.file(".github/profile/bio.txt", "Kept in .github\n");
    let file = sandbox.file(".github/profile/p.toml", "description_file = \"bio.txt\"\n");
    assert_exit(&apply_at(&sandbox, NOW, &file, &[]), 0);
    assert_eq!(api.profile().description, "Kept in .github");
}

#[test]
fn a_file_holding_a_credential_is_not_read_however_the_template_would_turn_it() {
    let (api, sandbox) = setup();
    sandbox.file("tok.txt", format!("{}\n", support::ACCESS_TOKEN_SECRET));
    for template in [
        "{{ file('tok.txt') | reverse }}",
        "{{ file('tok.txt')[1:] }}",
        "{{ file('tok.txt')[1:] | compact }}",
        "{{ file('tok.txt') | list | join(' ') }}",
    ] {
        let file = sandbox.file("p.toml", format!("location = \"{template}\"\n"));
        let out = apply_at(&sandbox, NOW, &file, &["--plan"]);
        assert_exit(&out, 2);
        assert!(
            texts(&out).1.contains("holds a credential"),
            "{:?}",
            texts(&out)
        );
        let secret = support::ACCESS_TOKEN_SECRET;
        let reversed: String = secret.chars().rev().collect();
        let (stdout, stderr) = texts(&out);
        for shown in [&secret[1..], reversed.as_str()] {
            assert!(
                !stdout.contains(shown) && !stderr.contains(shown),
                "{template}"
            );
        }
    }
    // The config file beside the profile holds them all.
    let config = sandbox.default_config();
    let dir = config.parent().unwrap();
    std::fs::write(
        dir.join("p.toml"),
        "location = \"{{ file('config.toml') | reverse }}\"\n",
    )
    .unwrap();
    let out = apply_at(&sandbox, NOW, &dir.join("p.toml"), &["--plan"]);
    assert_exit(&out, 2);
    assert_no_secrets(&out, &api);
    assert!(api.requests().iter().all(|r| r.method == "GET"));
}

#[test]
fn a_quoted_close_does_not_hide_a_long_tag_from_the_check() {
    let (_api, sandbox) = setup();
    for source in [
        format!("{{{{ '}}}}' ~ {} 1 }}}}", "- ".repeat(20_000)),
        format!("{{{{ \"%}}\" ~ user{} }}}}", ".a".repeat(20_000)),
        format!(
            "{{% set x = '%}}' ~ {} 1 %}}{{{{ x }}}}",
            "- ".repeat(20_000)
        ),
    ] {
        let file = sandbox.file("p.toml", format!("name = '''{source}'''\n"));
        let out = apply_at(&sandbox, NOW, &file, &["--plan"]);
        assert_exit(&out, 2);
        assert!(
            stderr_of(&out).contains("tag is over 1024 bytes"),
            "{}",
            stderr_of(&out)
        );
    }
    // A string that holds the closing braces is still one short tag.
    let file = sandbox.file("p.toml", "name = \"{{ 'a}}b' ~ \\\"%}\\\" }}\"\n");
    let out = apply_at(&sandbox, NOW, &file, &["--plan", "--json"]);
    assert_exit(&out, 0);
    assert!(texts(&out).0.contains("a}}b%}"), "{:?}", texts(&out));
}

#[test]
fn extreme_slices_and_ranges_end_in_an_error_or_a_value_never_a_crash() {
    let (api, sandbox) = setup();
    let mut files = Vec::new();
    for (i, template) in [
        "{{ [1,2][::-9223372036854775808] | join }}",
        "{{ 'abc'[::-9223372036854775808] }}",
        "{{ range(9223372036854775807, -9223372036854775808, -1) | first }}",
    ]
    .into_iter()
    .enumerate()
    {
        files.push(sandbox.file(
            &format!("x{i}.toml"),
            format!("location = \"{template}\"\n"),
        ));
    }
    files.push(sandbox.file("last.toml", "location = \"Paris\"\n"));
    let out = sandbox
        .cmd()
        .env("TWPROFILE_NOW", NOW)
        .arg("apply")
        .arg("--json")
        .args(&files)
        .output()
        .unwrap();
    let code = out.status.code();
    assert!(matches!(code, Some(0 | 2)), "{code:?}: {:?}", texts(&out));
    assert!(
        !stderr_of(&out).contains("internal error"),
        "{}",
        stderr_of(&out)
    );
    // Every file was reported, and the last one applied.
    assert_eq!(texts(&out).0.lines().count(), 4, "{:?}", texts(&out));
    assert_eq!(api.profile().location, "Paris");
}

#[test]
fn verbose_hides_a_secret_before_it_cuts_a_value() {
    let (_api, sandbox) = setup();
    let value = format!("{}{}", "y".repeat(50), support::ACCESS_TOKEN_SECRET);
    let file = sandbox.file("p.toml", "location = \"{{ env.NOTES | length }}\"\n");
    let out = sandbox
        .cmd()
        .env("TWPROFILE_NOW", NOW)
        .env("NOTES", &value)
        .args(["-v", "apply", "--plan"])
        .arg(&file)
        .output()
        .unwrap();
    assert_exit(&out, 0);
    let stderr = stderr_of(&out);
    assert!(stderr.contains("env.NOTES = "), "{stderr}");
    assert!(
        !stderr.contains(&support::ACCESS_TOKEN_SECRET[..6]),
        "{stderr}"
    );
}

#[test]
fn more_secret_names_are_refused_and_path_is_not_among_them() {
    let (_api, sandbox) = setup();
    for name in [
        "CI_JOB_JWT",
        "GH_PAT",
        "PGPASS",
        "HTTPS_PROXY",
        "SENTRY_DSN",
    ] {
        let file = sandbox.file("p.toml", format!("location = \"{{{{ env.{name} }}}}\"\n"));
        let out = sandbox
            .cmd()
            .env("TWPROFILE_NOW", NOW)
            .env(name, "hunter2-value")
            .args(["apply", "--plan"])
            .arg(&file)
            .output()
            .unwrap();
        assert_exit(&out, 2);
        assert!(!texts(&out).0.contains("hunter2"), "{name}");
    }
    let file = sandbox.file("p.toml", "location = \"{{ env.PATH | length > 0 }}\"\n");
    assert_exit(&apply_at(&sandbox, NOW, &file, &["--plan"]), 0);
}

#[cfg(unix)]
#[test]
fn a_tz_that_is_not_a_zone_file_is_refused_not_read() {
    let (_api, sandbox) = setup();
    let fifo = sandbox.home().join("zone.fifo");
    let status = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    let file = sandbox.file("p.toml", "location = \"{{ 1 }}\"\n");
    for tz in [
        fifo.display().to_string(),
        format!(":{}", fifo.display()),
        sandbox.home().display().to_string(),
    ] {
        let out = sandbox
            .cmd()
            .env("TZ", &tz)
            .args(["apply", "--plan"])
            .arg(&file)
            .output()
            .unwrap();
        assert_exit(&out, 2);
        assert!(
            stderr_of(&out).contains("not a time zone file"),
            "{tz}: {}",
            stderr_of(&out)
        );
    }
    // A zone file named by path is read.
    if std::path::Path::new("/usr/share/zoneinfo/Asia/Kolkata").exists() {
        let file = sandbox.file("p.toml", "location = \"{{ now.strftime('%z') }}\"\n");
        let out = sandbox
            .cmd()
            .env("TZ", ":/usr/share/zoneinfo/Asia/Kolkata")
            .env("TWPROFILE_NOW", NOW)
            .args(["apply", "--plan", "--json"])
            .arg(&file)
            .output()
            .unwrap();
        assert_exit(&out, 0);
        assert!(texts(&out).0.contains("+0530"), "{:?}", texts(&out));
    }
}

#[test]
fn a_misspelled_user_field_is_named_with_the_one_meant() {
    let (api, sandbox) = setup();
    let file = sandbox.file(
        "p.toml",
        "name = \"{{ user.folowers_count | compact }} fans\"\n",
    );
    let out = apply_at(&sandbox, NOW, &file, &[]);
    assert_exit(&out, 2);
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains("(user.folowers_count is not a field of the profile)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("did you mean user.followers_count?"),
        "{stderr}"
    );
    assert_eq!(calls(&api), [READ]);
    // Alone, it is the undefined value itself.
    let file = sandbox.file("p.toml", "name = \"{{ user.folowers_count }}\"\n");
    let stderr = stderr_of(&apply_at(&sandbox, NOW, &file, &[]));
    assert!(
        stderr.contains("undefined value (user.folowers_count"),
        "{stderr}"
    );
}

/// `**` on floats is the C library's `pow`: on glibc, loaded from libm.so.6 at the first use
/// rather than with every run. The results are the system's own to the last bit: these pairs
/// are ones a portable `pow` rounds one place differently.
#[test]
fn float_powers_are_the_systems_own_and_libm_loads_only_for_them() {
    let pairs = [
        (0.3585939710093456_f64, -19.412089842461626_f64),
        (4.999741443431407, -1.48037376978544),
        (956.0, 8.0),
    ];
    let (api, sandbox) = setup();
    let template: Vec<String> = pairs
        .iter()
        .map(|(x, y)| format!("{{{{ {x:?} ** {y:?} }}}}"))
        .collect();
    let file = sandbox.file(
        "profile.toml",
        format!("description = \"{}\"\n", template.join(" ")),
    );
    let mut cmd = sandbox.cmd();
    if cfg!(all(target_os = "linux", target_env = "gnu")) {
        cmd.env("LD_DEBUG", "files");
    }
    let out = cmd.arg("apply").arg(&file).output().unwrap();
    assert_exit(&out, 0);
    let expected: Vec<String> = pairs
        .iter()
        .map(|(x, y)| minijinja::Value::from(x.powf(*y)).to_string())
        .collect();
    assert_eq!(
        api.requests()[1].param("description"),
        Some(expected.join(" ").as_str())
    );
    if cfg!(all(target_os = "linux", target_env = "gnu")) {
        let loaded = |out: &std::process::Output| {
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .any(|l| l.contains("file=libm.so.6"))
        };
        assert!(loaded(&out), "the first ** loads libm.so.6");
        let out = sandbox
            .cmd()
            .env("LD_DEBUG", "files")
            .arg("--version")
            .output()
            .unwrap();
        assert_exit(&out, 0);
        assert!(!loaded(&out), "{}", String::from_utf8_lossy(&out.stderr));
    }
}

/// A library loaded with libm.so.6 whose constructor calls `pow` (one found through
/// `LD_LIBRARY_PATH`) gets an answer instead of waiting on the load it is part of, and the
/// template is rendered with the portable `pow` when that library has none.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[test]
fn a_libm_whose_constructor_calls_pow_neither_hangs_nor_is_used() {
    let (api, sandbox) = setup();
    let lib = sandbox.home().join("lib");
    std::fs::create_dir_all(&lib).unwrap();
    let source = sandbox.file(
        "ctor.c",
        "double pow(double, double);\n\
         volatile double base = 2.0, exponent = 0.5, got;\n\
         __attribute__((constructor)) static void init(void) { got = pow(base, exponent); }\n",
    );
    let built = Command::new("cc")
        .args(["-shared", "-fPIC", "-fno-builtin", "-o"])
        .arg(lib.join("libm.so.6"))
        .arg(&source)
        .status()
        .expect("run cc");
    assert!(built.success());
    let file = sandbox.file("profile.toml", "name = \"{{ 2.0 ** 0.5 }}\"\n");
    let out = sandbox
        .cmd()
        .env("LD_LIBRARY_PATH", &lib)
        .arg("apply")
        .arg(&file)
        .output()
        .unwrap();
    assert_exit(&out, 0);
    assert_eq!(api.requests()[1].param("name"), Some("1.4142135623730951"));
}

/// The picture's and the banner's templates, which share a template name (only the text
/// fields have their own, for `fit`), each render their own text.
#[test]
fn the_picture_and_the_banner_each_render_their_own_template() {
    let (api, sandbox) = setup();
    sandbox.file("art/avatar.png", support::png_header(400, 400));
    sandbox.file("art/banner.jpg", [JPEG, b"b"].concat());
    let file = sandbox.file(
        "profile.toml",
        "image = \"art/{{ 'avatar' }}.png\"\nbanner = \"art/{{ 'banner' }}.jpg\"\nname = \"{{ 'Alice' }} B\"\n",
    );
    let out = apply_at(&sandbox, NOW, &file, &["--dry-run", "--color", "never"]);
    assert_exit(&out, 0);
    let stdout = texts(&out).0;
    assert!(stdout.contains("art/avatar.png"), "{stdout}");
    assert!(stdout.contains("art/banner.jpg"), "{stdout}");
    assert!(stdout.contains("Alice B"), "{stdout}");
    assert!(calls(&api).iter().all(|c| c == READ));
}
