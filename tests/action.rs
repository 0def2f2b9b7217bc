//! The GitHub Action's scripts, run here as the runner would run them: a locally built binary
//! packed as a release archive stands in for the download (served from a `file://` URL), and
//! the fake API stands in for X.
#![cfg(unix)]

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::{FakeApi, assert_exit, texts};

const VERSION: &str = "v0.1.0";
const TARGET: &str = "x86_64-unknown-linux-musl";

/// A release directory as the release workflow lays it out: `VERSION/ARCHIVE` and its `.sha256`.
fn release(dir: &Path, checksum: Option<&str>) -> PathBuf {
    let stem = format!("twprofile-{VERSION}-{TARGET}");
    let staging = dir.join("staging").join(&stem);
    std::fs::create_dir_all(&staging).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_twprofile"), staging.join("twprofile")).unwrap();
    let releases = dir.join("releases");
    std::fs::create_dir_all(releases.join(VERSION)).unwrap();
    let archive = releases.join(VERSION).join(format!("{stem}.tar.gz"));
    let status = Command::new("tar")
        .arg("-czf")
        .arg(&archive)
        .arg("-C")
        .arg(dir.join("staging"))
        .arg(&stem)
        .status()
        .unwrap();
    assert!(status.success());
    let sum = match checksum {
        Some(sum) => sum.to_owned(),
        None => {
            use sha2::Digest;
            let bytes = std::fs::read(&archive).unwrap();
            sha2::Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect()
        }
    };
    std::fs::write(
        releases.join(VERSION).join(format!("{stem}.tar.gz.sha256")),
        format!("{sum}  {stem}.tar.gz\n"),
    )
    .unwrap();
    releases
}

/// The runner's environment for one step.
fn step(dir: &Path, script: &str, releases: &Path) -> Command {
    let mut cmd = Command::new("bash");
    cmd.arg(format!("{}/action/{script}", env!("CARGO_MANIFEST_DIR")))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir)
        .env("TWPROFILE_REPOSITORY", "owner/twprofile")
        .env("TWPROFILE_VERSION", VERSION)
        .env(
            "TWPROFILE_DOWNLOAD_BASE",
            format!("file://{}", releases.display()),
        )
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64")
        .env("RUNNER_TOOL_CACHE", dir.join("toolcache"))
        .env("GITHUB_PATH", dir.join("github_path"))
        .env("GITHUB_OUTPUT", dir.join("github_output"))
        .current_dir(dir);
    cmd
}

fn outputs(dir: &Path) -> String {
    let text = std::fs::read_to_string(dir.join("github_output")).unwrap_or_default();
    std::fs::remove_file(dir.join("github_output")).ok();
    text
}

fn run_step(
    dir: &Path,
    releases: &Path,
    bin: &str,
    api: &FakeApi,
    inputs: &[(&str, &str)],
) -> std::process::Output {
    let mut cmd = step(dir, "run.sh", releases);
    cmd.env("TWPROFILE_BIN", bin)
        .env("TWPROFILE_API_BASE", api.base())
        .env("TWPROFILE_CONSUMER_KEY", support::CONSUMER_KEY)
        .env("TWPROFILE_CONSUMER_SECRET", support::CONSUMER_SECRET)
        .env("TWPROFILE_ACCESS_TOKEN", support::ACCESS_TOKEN)
        .env(
            "TWPROFILE_ACCESS_TOKEN_SECRET",
            support::ACCESS_TOKEN_SECRET,
        )
        .env("XDG_STATE_HOME", dir.join("state"));
    for (name, value) in inputs {
        cmd.env(name, value);
    }
    cmd.output().unwrap()
}

#[test]
fn the_action_installs_a_verified_release_and_updates_the_profile() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let releases = release(dir, None);
    let out = step(dir, "install.sh", &releases).output().unwrap();
    assert_exit(&out, 0);
    let cached = dir.join(format!("toolcache/twprofile/0.1.0/{TARGET}"));
    assert_eq!(
        std::fs::read_to_string(dir.join("github_path")).unwrap(),
        format!("{}\n", cached.display())
    );
    let bin = cached.join("twprofile");
    assert!(outputs(dir).contains(&format!("path={}", bin.display())));
    assert!(texts(&out).0.starts_with("twprofile "), "{}", texts(&out).0);

    // From the cache the second time: no download (the release is gone).
    std::fs::remove_dir_all(&releases).unwrap();
    assert_exit(&step(dir, "install.sh", &releases).output().unwrap(), 0);
    assert!(outputs(dir).contains(&format!("path={}", bin.display())));

    let api = FakeApi::start();
    let bin = bin.to_str().unwrap();
    let inputs = [
        ("INPUT_DESCRIPTION", "Shipping \"v2\" \\ today\nsecond line"),
        ("INPUT_LOCATION", "Paris"),
        ("INPUT_CHECK", "false"),
    ];
    let out = run_step(dir, &releases, bin, &api, &inputs);
    assert_exit(&out, 0);
    assert_eq!(outputs(dir), "changed=true\nexit-code=0\n");
    let profile = api.profile();
    assert_eq!(profile.description, "Shipping \"v2\" \\ today\nsecond line");
    assert_eq!(profile.location, "Paris");
    support::assert_no_secrets(&out, &api);

    // Run again: nothing differs, one read, changed=false.
    let before = api.requests().len();
    let out = run_step(dir, &releases, bin, &api, &inputs);
    assert_exit(&out, 0);
    assert_eq!(outputs(dir), "changed=false\nexit-code=0\n");
    assert_eq!(api.requests().len(), before + 1);

    // check: drift fails the step with exit 8 and changes nothing.
    let out = run_step(
        dir,
        &releases,
        bin,
        &api,
        &[("INPUT_NAME", "Bob"), ("INPUT_CHECK", "true")],
    );
    assert_exit(&out, 8);
    assert_eq!(outputs(dir), "changed=false\nexit-code=8\n");
    assert_eq!(api.profile().name, "Alice");

    // A profile file from the repository, with an extra flag.
    std::fs::write(dir.join("profile.toml"), "name = \"Carol\"\n").unwrap();
    let out = run_step(
        dir,
        &releases,
        bin,
        &api,
        &[
            ("INPUT_PROFILE", "profile.toml"),
            ("INPUT_ARGS", "--retries 1 -v"),
        ],
    );
    assert_exit(&out, 0);
    assert!(texts(&out).1.contains("> GET "), "{}", texts(&out).1);
    assert_eq!(api.profile().name, "Carol");

    // No input at all is a usage error.
    let out = run_step(dir, &releases, bin, &api, &[]);
    assert_exit(&out, 2);
    assert!(
        texts(&out).1.contains("give at least one of"),
        "{}",
        texts(&out).1
    );
}

#[test]
fn a_checksum_mismatch_stops_the_install_before_anything_runs() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let releases = release(dir, Some(&"0".repeat(64)));
    let out = step(dir, "install.sh", &releases).output().unwrap();
    assert_exit(&out, 1);
    assert!(
        texts(&out).1.contains("checksum mismatch"),
        "{}",
        texts(&out).1
    );
    assert!(
        !dir.join("toolcache/twprofile/0.1.0")
            .join(TARGET)
            .join("twprofile")
            .exists()
    );
    assert!(!dir.join("github_path").exists());
    // Something that is not a checksum at all is refused too.
    let releases = release(dir, Some("<html>not found</html>"));
    let out = step(dir, "install.sh", &releases).output().unwrap();
    assert_exit(&out, 1);
    assert!(
        texts(&out).1.contains("does not hold a SHA-256"),
        "{}",
        texts(&out).1
    );
}

#[test]
fn the_release_is_found_from_the_actions_own_path_when_the_runner_leaves_it_out() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let releases = release(dir, None);
    let out = step(dir, "install.sh", &releases)
        .env_remove("TWPROFILE_REPOSITORY")
        .env_remove("TWPROFILE_VERSION")
        .env(
            "GITHUB_ACTION_PATH",
            dir.join("_actions/owner/twprofile/v0.1.0"),
        )
        .output()
        .unwrap();
    assert_exit(&out, 0);
    // A branch is not a release.
    let out = step(dir, "install.sh", &releases)
        .env("TWPROFILE_VERSION", "main")
        .output()
        .unwrap();
    assert_exit(&out, 1);
    assert!(
        texts(&out).1.contains("is not a release tag"),
        "{}",
        texts(&out).1
    );
}

/// The release workflow's packaging, and the README's install line run against its output.
#[test]
fn a_release_archive_holds_the_docs_and_installs_with_its_checksum_checked() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let man = dir.join("twprofile.1");
    let page = Command::new(env!("CARGO_BIN_EXE_twprofile"))
        .arg("man")
        .output()
        .unwrap();
    std::fs::write(&man, page.stdout).unwrap();
    let dist = dir.join("releases").join(VERSION);
    let out = Command::new("bash")
        .arg(".github/scripts/package.sh")
        .args([VERSION, TARGET, env!("CARGO_BIN_EXE_twprofile")])
        .arg(&man)
        .arg(&dist)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_exit(&out, 0);
    let stem = format!("twprofile-{VERSION}-{TARGET}");
    let listing = Command::new("tar")
        .arg("-tzf")
        .arg(dist.join(format!("{stem}.tar.gz")))
        .output()
        .unwrap();
    let listing = String::from_utf8(listing.stdout).unwrap();
    for file in [
        "twprofile",
        "README.md",
        "LICENSE",
        "doc/twprofile.1",
        "completions/twprofile.bash",
        "completions/_twprofile",
        "completions/twprofile.fish",
    ] {
        assert!(
            listing.contains(&format!("{stem}/{file}\n")),
            "{file} missing:\n{listing}"
        );
    }

    // The README's one-line install, from a file:// "release".
    let script = format!(
        r#"set -eu
repo=file://{releases} version={VERSION} target={TARGET}
cd "$(mktemp -d)"
curl -fsSLO "$repo/$version/twprofile-$version-$target.tar.gz"
curl -fsSL "$repo/$version/twprofile-$version-$target.tar.gz.sha256" | sha256sum -c -
tar -xzf "twprofile-$version-$target.tar.gz"
install -D -m 755 "twprofile-$version-$target/twprofile" "$HOME/.local/bin/twprofile"
"$HOME/.local/bin/twprofile" --version"#,
        releases = dir.join("releases").display()
    );
    let out = Command::new("bash")
        .args(["-c", &script])
        .env("HOME", dir)
        .output()
        .unwrap();
    assert_exit(&out, 0);
    assert!(texts(&out).0.contains(": OK\n"), "{}", texts(&out).0);
    assert!(
        texts(&out).0.contains("twprofile 0.1.0"),
        "{}",
        texts(&out).0
    );
    // A tampered archive fails the same line.
    std::fs::write(dist.join(format!("{stem}.tar.gz")), b"tampered").unwrap();
    let out = Command::new("bash")
        .args(["-c", &script])
        .env("HOME", dir.join("other"))
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0));
    assert!(!dir.join("other/.local/bin/twprofile").exists());
}
