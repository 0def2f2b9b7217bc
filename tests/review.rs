//! Profile files in review: `apply --plan` shows what would change and exits 0 (a pull request
//! that edits the file differs by definition), `--markdown` writes that plan as a table that
//! a hostile value cannot break out of, and `--json` says success and change apart.

mod support;

use serde_json::Value;
use support::{Profile, READ, assert_exit, calls, setup, texts};

const JPEG: &[u8] = b"\xFF\xD8\xFF\xE0-a banner-";

#[test]
fn plan_shows_the_difference_exits_0_and_changes_nothing() {
    let (api, sandbox) = setup();
    sandbox.file("banner.jpg", JPEG);
    let file = sandbox.file(
        "profile.toml",
        "location = \"Paris\"\nbanner = \"banner.jpg\"\n",
    );
    let out = sandbox.run(&[
        "apply",
        "--plan",
        "--color",
        "never",
        file.to_str().unwrap(),
    ]);
    assert_exit(&out, 0);
    let stdout = texts(&out).0;
    assert!(
        stdout.contains("  location     Berlin → Paris\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  banner       (none) → banner.jpg"),
        "{stdout}"
    );
    assert!(!stdout.contains("Applied"), "{stdout}");
    assert_eq!(calls(&api), [READ]);
    assert!(!sandbox.state_file().exists());
    // The drift alarm is still --check's.
    let out = sandbox.run(&["apply", "--check", file.to_str().unwrap()]);
    assert_exit(&out, 8);
    let out = sandbox.run(&["apply", "--plan", "--check", file.to_str().unwrap()]);
    assert_exit(&out, 2);
    assert_eq!(calls(&api), [READ, READ]);
}

#[test]
fn plan_as_markdown_is_a_table_whose_cells_stay_cells() {
    let (api, sandbox) = setup();
    api.set_profile(Profile {
        name: "Al|ice <b>".into(),
        ..Profile::default()
    });
    let file = sandbox.file(
        "profile.toml",
        "name = \"Alice\"\ndescription = \"Line one\\n[two](https://x.example) @bob\"\n",
    );
    let out = sandbox.run(&["apply", "--plan", "--markdown", file.to_str().unwrap()]);
    assert_exit(&out, 0);
    let shown = file
        .display()
        .to_string()
        .replace('/', "\\/")
        .replace('.', "\\.");
    assert_eq!(
        texts(&out).0,
        format!(
            "**{shown}**: \\@alice\n\n\
             | field | now | after apply |\n\
             |---|---|---|\n\
             | name | Al\\|ice \\<b\\> | Alice |\n\
             | description | Writing code\\. Blog\\: https\\:\\/\\/blog\\.alice\\.example\\/posts | Line one<br>\\[two\\]\\(https\\:\\/\\/x\\.example\\) \\@bob |\n\n"
        )
    );
    // In sync, it says so in one line.
    let synced = sandbox.file("synced.toml", "name = \"Al|ice <b>\"\n");
    let out = sandbox.run(&["apply", "--plan", "--markdown", synced.to_str().unwrap()]);
    assert_exit(&out, 0);
    assert!(
        texts(&out).0.ends_with("\\@alice is in sync\n\n"),
        "{}",
        texts(&out).0
    );
    assert!(calls(&api).iter().all(|c| c == READ));
}

#[test]
fn json_says_success_and_change_apart() {
    let (api, sandbox) = setup();
    let changed = sandbox.file("changed.toml", "location = \"Paris\"\n");
    let line = |args: &[&str]| -> Value {
        let out = sandbox.run(&[&["--json", "apply"], args].concat());
        serde_json::from_str(texts(&out).0.trim()).expect("one object")
    };
    let planned = line(&["--plan", changed.to_str().unwrap()]);
    assert_eq!(
        (planned["ok"].clone(), planned["changed"].clone()),
        (true.into(), false.into())
    );
    assert_eq!(planned["in_sync"], false);
    let dry = line(&["--dry-run", changed.to_str().unwrap()]);
    assert_eq!(
        (dry["ok"].clone(), dry["changed"].clone()),
        (true.into(), false.into())
    );
    let applied = line(&[changed.to_str().unwrap()]);
    assert_eq!(
        (applied["ok"].clone(), applied["changed"].clone()),
        (true.into(), true.into())
    );
    assert_eq!(applied["done"], serde_json::json!(["location"]));
    let again = line(&[changed.to_str().unwrap()]);
    assert_eq!(
        (again["ok"].clone(), again["changed"].clone()),
        (true.into(), false.into())
    );
    assert_eq!(again["in_sync"], true);
    let drift = sandbox.file("drift.toml", "location = \"Rome\"\n");
    let checked = line(&["--check", drift.to_str().unwrap()]);
    assert_eq!(
        (checked["ok"].clone(), checked["changed"].clone()),
        (false.into(), false.into())
    );
    assert_eq!(checked["error"]["kind"], "drift");
    assert!(checked.get("applied").is_none());
    // Of all those runs, one wrote.
    let writes = calls(&api).iter().filter(|c| c.starts_with("POST")).count();
    assert_eq!(writes, 1);
}

/// `apply -` reads one profile file from stdin; the paths it names are relative to the working
/// directory, and stay inside it.
#[test]
fn a_profile_file_from_stdin_names_files_in_the_working_directory() {
    let (api, sandbox) = setup();
    sandbox.file("site/banner.jpg", JPEG);
    let run = |stdin: &str, args: &[&str]| {
        sandbox
            .cmd()
            .current_dir(sandbox.home().join("site"))
            .args(["apply", "--color", "never"])
            .args(args)
            .write_stdin(stdin)
            .output()
            .unwrap()
    };
    let out = run("location = \"Paris\"\nbanner = \"banner.jpg\"\n", &["-"]);
    assert_exit(&out, 0);
    assert!(
        texts(&out).0.starts_with("stdin: @alice\n"),
        "{}",
        texts(&out).0
    );
    assert_eq!(api.profile().location, "Paris");
    assert_eq!(api.uploads().len(), 1);
    let out = run("banner = \"../secret.jpg\"\n", &["-"]);
    assert_exit(&out, 2);
    assert!(texts(&out).1.contains("stdin: banner"), "{}", texts(&out).1);
    let out = run("location = \"Rome\"\n", &["-", "-"]);
    assert_exit(&out, 2);
    assert!(
        texts(&out).1.contains("stdin (-) can be read only once"),
        "{}",
        texts(&out).1
    );
    let out = run("location = \"Rome\"\n", &["--json", "--plan", "-"]);
    assert_exit(&out, 0);
    assert!(
        texts(&out).0.contains("\"file\":\"stdin\""),
        "{}",
        texts(&out).0
    );
    assert_eq!(api.profile().location, "Paris");
    // A generator that failed and printed nothing is not "in sync": nothing is read or sent.
    let before = api.requests().len();
    for empty in ["", "\n", "# only a comment\n"] {
        let out = run(empty, &["-"]);
        assert_exit(&out, 2);
        assert!(
            texts(&out).1.contains("profile file stdin is empty"),
            "{}",
            texts(&out).1
        );
    }
    assert_eq!(api.requests().len(), before);
}
