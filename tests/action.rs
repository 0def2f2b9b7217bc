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

/// A stand-in for the binary where only installing it is tested: the debug build is 90 MB,
/// slow to compress.
const STAND_IN: &str = "#!/bin/sh\necho 'twprofile 0.1.0'\n";

/// Writes the stand-in binary and returns its path.
fn stand_in(dir: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("stand-in-twprofile");
    std::fs::write(&path, STAND_IN).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// A release directory as the release workflow lays it out: `VERSION/ARCHIVE` and its `.sha256`,
/// holding the real binary or the stand-in.
fn release(dir: &Path, checksum: Option<&str>) -> PathBuf {
    release_of(dir, &stand_in(dir), checksum)
}

fn release_of(dir: &Path, binary: &Path, checksum: Option<&str>) -> PathBuf {
    let stem = format!("twprofile-{VERSION}-{TARGET}");
    let staging = dir.join("staging").join(&stem);
    std::fs::create_dir_all(&staging).unwrap();
    let copied = staging.join("twprofile");
    match std::fs::read_link(binary) {
        Ok(target) => std::os::unix::fs::symlink(target, &copied).unwrap(),
        Err(_) => {
            std::fs::copy(binary, &copied).unwrap();
        }
    }
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
        .env("RUNNER_TEMP", {
            let temp = dir.join("runner_temp");
            std::fs::create_dir_all(&temp).unwrap();
            temp
        })
        .env("GITHUB_PATH", dir.join("github_path"))
        .env("GITHUB_OUTPUT", dir.join("github_output"))
        .current_dir(dir);
    cmd
}

/// Runs install.sh, which must fail saying `expected`.
fn install_fails(dir: &Path, releases: &Path, expected: &str) {
    let out = step(dir, "install.sh", releases).output().unwrap();
    assert_exit(&out, 1);
    assert!(texts(&out).1.contains(expected), "{}", texts(&out).1);
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
    support::env_credentials(&mut cmd, api)
        .env("TWPROFILE_BIN", bin)
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
    let releases = release_of(dir, Path::new(env!("CARGO_BIN_EXE_twprofile")), None);
    let out = step(dir, "install.sh", &releases).output().unwrap();
    assert_exit(&out, 0);
    let github_path = std::fs::read_to_string(dir.join("github_path")).unwrap();
    let unpacked = PathBuf::from(github_path.trim_end());
    assert!(
        unpacked.starts_with(dir.join("runner_temp")),
        "{github_path}"
    );
    let bin = unpacked.join("twprofile");
    assert!(outputs(dir).contains(&format!("path={}", bin.display())));
    assert!(texts(&out).0.starts_with("twprofile "), "{}", texts(&out).0);
    let sums = std::fs::read_to_string(
        releases
            .join(VERSION)
            .join(format!("twprofile-{VERSION}-{TARGET}.tar.gz.sha256")),
    )
    .unwrap();
    let kept = dir
        .join("toolcache/twprofile/owner/twprofile")
        .join(VERSION)
        .join(TARGET)
        .join(format!("{}.tar.gz", &sums[..64]));
    assert!(kept.is_file());

    // From the cache the second time: only the checksum is fetched (the archive is gone).
    let archive = releases
        .join(VERSION)
        .join(format!("twprofile-{VERSION}-{TARGET}.tar.gz"));
    let saved = std::fs::read(&archive).unwrap();
    std::fs::remove_file(&archive).unwrap();
    assert_exit(&step(dir, "install.sh", &releases).output().unwrap(), 0);
    assert!(outputs(dir).contains("path="));
    // A cache that another job poisoned is not trusted: its archive fails the checksum, and
    // the release is fetched again.
    std::fs::write(&kept, b"planted").unwrap();
    install_fails(dir, &releases, "cannot download");
    std::fs::write(&archive, &saved).unwrap();
    assert_exit(&step(dir, "install.sh", &releases).output().unwrap(), 0);
    assert_eq!(std::fs::read(&kept).unwrap(), saved);
    outputs(dir);

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
    install_fails(dir, &releases, "checksum mismatch");
    assert!(
        !dir.join("toolcache/twprofile/owner/twprofile")
            .join(VERSION)
            .join(TARGET)
            .exists()
    );
    assert!(!dir.join("github_path").exists());
    // Something that is not a checksum at all is refused too.
    let releases = release(dir, Some("<html>not found</html>"));
    install_fails(dir, &releases, "does not hold a SHA-256");
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

/// The release workflow's packaging, and the README's install line run against its output
/// (the Linux line: GNU sha256sum).
#[cfg(target_os = "linux")]
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
    let dist = dir.join("releases/download").join(VERSION);
    let out = Command::new("bash")
        .arg(".github/scripts/package.sh")
        .args([VERSION, TARGET])
        .arg(stand_in(dir))
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

    // The README's install line, exactly as written there, from a file:// "release".
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let block = readme
        .split("```sh\nrepo=REPO/releases/download")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the install block");
    let script = format!(
        "repo=file://{}{block}",
        dir.join("releases/download").display()
    );
    let install = |home: &Path| {
        Command::new("bash")
            .args([
                "-c",
                &format!("{script}\n\"$HOME/.local/bin/twprofile\" --version"),
            ])
            .env("HOME", home)
            .output()
            .unwrap()
    };
    let out = install(dir);
    assert_exit(&out, 0);
    assert!(texts(&out).0.contains(": OK\n"), "{}", texts(&out).0);
    assert!(
        texts(&out).0.contains("twprofile 0.1.0"),
        "{}",
        texts(&out).0
    );
    // A valid archive with another binary in it fails the checksum, and the line stops there.
    let evil = dir.join("evil").join(&stem);
    std::fs::create_dir_all(&evil).unwrap();
    std::fs::write(evil.join("twprofile"), "#!/bin/sh\necho EVIL\n").unwrap();
    let status = Command::new("tar")
        .arg("-czf")
        .arg(dist.join(format!("{stem}.tar.gz")))
        .arg("-C")
        .arg(dir.join("evil"))
        .arg(&stem)
        .status()
        .unwrap();
    assert!(status.success());
    let other = dir.join("other");
    std::fs::create_dir_all(&other).unwrap();
    let out = install(&other);
    assert_ne!(out.status.code(), Some(0));
    assert!(texts(&out).0.contains("FAILED"), "{}", texts(&out).0);
    assert!(!texts(&out).0.contains("EVIL"));
    assert!(!dir.join("other/.local/bin/twprofile").exists());
}

#[test]
fn inputs_are_checked_and_what_went_through_counts_as_changed() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let releases = dir.join("unused");
    let api = FakeApi::start();
    let bin = env!("CARGO_BIN_EXE_twprofile");

    // Control characters reach the profile escaped, not as a broken file.
    let out = run_step(
        dir,
        &releases,
        bin,
        &api,
        &[("INPUT_LOCATION", "Bell\u{7}Town")],
    );
    assert_exit(&out, 0);
    assert_eq!(api.profile().location, "Bell\u{7}Town");
    outputs(dir);

    // Flags on several lines all count; -q would hide the result and is refused.
    let out = run_step(
        dir,
        &releases,
        bin,
        &api,
        &[("INPUT_NAME", "Dee"), ("INPUT_ARGS", "--retries 1\n-v\n")],
    );
    assert_exit(&out, 0);
    assert!(texts(&out).1.contains("> GET "), "{}", texts(&out).1);
    outputs(dir);
    let out = run_step(
        dir,
        &releases,
        bin,
        &api,
        &[("INPUT_NAME", "Eve"), ("INPUT_ARGS", "-q")],
    );
    assert_exit(&out, 2);
    assert_eq!(outputs(dir), "changed=false\nexit-code=2\n");
    assert_eq!(api.profile().name, "Dee");
    let out = run_step(
        dir,
        &releases,
        bin,
        &api,
        &[("INPUT_NAME", "Eve"), ("INPUT_CHECK", "True")],
    );
    assert_exit(&out, 8);
    outputs(dir);

    // The picture went through, then the text was refused: the profile did change.
    std::fs::write(dir.join("a.png"), b"\x89PNG\r\n\x1a\n-picture-").unwrap();
    let user = support::user_json(&api.profile());
    api.script([
        support::Scripted::json(200, user.clone()),
        support::Scripted::json(200, user),
        support::Scripted::api_error(403, 120, "Account update failed: value is too long."),
    ]);
    let out = run_step(
        dir,
        &releases,
        bin,
        &api,
        &[("INPUT_IMAGE", "a.png"), ("INPUT_NAME", "Zed")],
    );
    assert_exit(&out, 5);
    assert_eq!(outputs(dir), "changed=true\nexit-code=5\n");
}

#[test]
fn versions_that_are_not_release_tags_are_refused_before_any_download() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let releases = release(dir, None);
    for (version, expected) in [
        ("v1/../../x.y.z", "is not a release tag"),
        ("v0", "is not a full release tag"),
        (
            "3f2a0e9c5b7d4a1e8f6c2b9d0a3e5f7c1b4d6e8a",
            "is pinned to a commit",
        ),
        ("main", "is not a release tag"),
    ] {
        let out = step(dir, "install.sh", &releases)
            .env("TWPROFILE_VERSION", version)
            .output()
            .unwrap();
        assert_exit(&out, 1);
        assert!(
            texts(&out).1.contains(expected),
            "{version}: {}",
            texts(&out).1
        );
    }
    assert!(!dir.join("toolcache").exists());
    // A bare version number is taken as its tag.
    let out = step(dir, "install.sh", &releases)
        .env("TWPROFILE_VERSION", "0.1.0")
        .output()
        .unwrap();
    assert_exit(&out, 0);
}

#[test]
fn an_archive_whose_binary_is_a_link_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let link = dir.join("link-to-id");
    std::os::unix::fs::symlink("/usr/bin/id", &link).unwrap();
    // tar keeps the link as a link.
    let releases = release_of(dir, &link, None);
    install_fails(dir, &releases, "has no regular file");
}

#[test]
fn quiet_in_a_bundle_is_refused_and_messages_cannot_start_lines_of_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let api = FakeApi::start();
    let bin = env!("CARGO_BIN_EXE_twprofile");
    let unused = dir.join("unused");
    let out = run_step(
        dir,
        &unused,
        bin,
        &api,
        &[("INPUT_NAME", "N"), ("INPUT_ARGS", "-vq")],
    );
    assert_exit(&out, 2);
    let out = run_step(
        dir,
        &unused,
        bin,
        &api,
        &[("INPUT_NAME", "N"), ("INPUT_CHECK", "maybe\n::add-mask::x")],
    );
    assert_exit(&out, 2);
    let (_, stderr) = texts(&out);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("maybe%0A::add-mask::x"), "{stderr}");
    assert!(api.requests().is_empty());
}

/// `mode: plan` on a pull request: the Markdown plan in the job summary and the `plan`
/// output, exit 0 though the file differs, nothing sent; `check: true` still means check.
#[test]
fn plan_mode_writes_the_plan_to_the_summary_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let releases = dir.join("unused");
    let api = FakeApi::start();
    let bin = env!("CARGO_BIN_EXE_twprofile");
    std::fs::write(dir.join("profile.toml"), "location = \"Paris\"\n").unwrap();
    let summary = dir.join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let mut cmd = step(dir, "run.sh", &releases);
    support::env_credentials(&mut cmd, &api)
        .env("TWPROFILE_BIN", bin)
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("INPUT_PROFILE", "profile.toml")
        .env("INPUT_MODE", "plan");
    let out = cmd.output().unwrap();
    assert_exit(&out, 0);
    let table = "**profile\\.toml**: \\@alice\n\n| field | now | after apply |\n|---|---|---|\n\
                 | location | Berlin | Paris |\n\n";
    assert_eq!(
        std::fs::read_to_string(&summary).unwrap(),
        format!("earlier step\n{table}")
    );
    let written = outputs(dir);
    let delimiter = written
        .strip_prefix("plan<<")
        .and_then(|rest| rest.split('\n').next())
        .expect("a multi-line output")
        .to_owned();
    assert!(delimiter.len() > 30, "{delimiter}");
    assert_eq!(
        written,
        format!("plan<<{delimiter}\n{table}{delimiter}\nchanged=false\nexit-code=0\n")
    );
    assert_eq!(api.profile().location, "Berlin");
    assert!(api.requests().iter().all(|r| r.method == "GET"));

    for (inputs, code) in [
        (&[("INPUT_MODE", "check")][..], 8),
        (&[("INPUT_CHECK", "true")][..], 8),
        (&[("INPUT_MODE", "Plan"), ("INPUT_CHECK", "true")][..], 2),
        (&[("INPUT_MODE", "deploy")][..], 2),
    ] {
        let mut all = vec![("INPUT_PROFILE", "profile.toml")];
        all.extend_from_slice(inputs);
        let out = run_step(dir, &releases, bin, &api, &all);
        assert_exit(&out, code);
        assert!(outputs(dir).contains("changed=false\n"));
    }
    assert_eq!(api.profile().location, "Berlin");
}

/// The README's workflows name the action by the repository `Cargo.toml` gives, so that a
/// recipe copied from it runs as written.
#[test]
fn readme_workflows_use_the_repository_cargo_toml_names() {
    let root = env!("CARGO_MANIFEST_DIR");
    let manifest = std::fs::read_to_string(format!("{root}/Cargo.toml")).unwrap();
    let repository = manifest
        .lines()
        .find_map(|l| l.strip_prefix("repository = \"https://github.com/"))
        .and_then(|rest| rest.strip_suffix('"'))
        .expect("a GitHub repository in Cargo.toml");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let uses: Vec<&str> = readme
        .lines()
        .filter_map(|l| l.trim().trim_start_matches("- ").strip_prefix("uses: "))
        .filter(|u| u.contains("twprofile@"))
        .collect();
    assert!(uses.len() >= 4, "{uses:?}");
    for action in uses {
        assert!(
            action.starts_with(&format!("{repository}@v")),
            "{action} is not {repository}"
        );
    }
}

/// Writes an executable script into `dir` (a directory put first on PATH).
fn shim(dir: &Path, name: &str, script: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn with_shims(cmd: &mut Command, shims: &Path) {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut paths = vec![shims.to_owned()];
    paths.extend(std::env::split_paths(&path));
    cmd.env("PATH", std::env::join_paths(paths).unwrap());
}

/// A writer that swaps the cached archive right after it is hashed cannot get its archive run:
/// the copy that was hashed is the one unpacked.
#[test]
fn an_archive_swapped_in_the_cache_after_its_check_is_not_what_runs() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let releases = release(dir, None);
    assert_exit(&step(dir, "install.sh", &releases).output().unwrap(), 0);
    outputs(dir);
    // A planted release: the same layout, another binary.
    let planted_dir = dir.join("planted");
    std::fs::create_dir_all(&planted_dir).unwrap();
    let evil = planted_dir.join("evil");
    std::fs::write(&evil, "#!/bin/sh\necho planted\n").unwrap();
    let planted = release_of(&planted_dir, &evil, None)
        .join(VERSION)
        .join(format!("twprofile-{VERSION}-{TARGET}.tar.gz"));
    // sha256sum that, once it has hashed, lets the writer swap every cached archive.
    let shims = dir.join("shims");
    let real = Command::new("sh")
        .args(["-c", "command -v sha256sum"])
        .output()
        .unwrap();
    let real = String::from_utf8(real.stdout).unwrap();
    shim(
        &shims,
        "sha256sum",
        &format!(
            "#!/bin/sh\n{} \"$@\"\nfor f in {}/toolcache/twprofile/owner/twprofile/*/*/*.tar.gz; do cp {} \"$f\"; done\n",
            real.trim(),
            dir.display(),
            planted.display()
        ),
    );
    let mut cmd = step(dir, "install.sh", &releases);
    with_shims(&mut cmd, &shims);
    let out = cmd.output().unwrap();
    assert_exit(&out, 0);
    assert_eq!(texts(&out).0, "twprofile 0.1.0\n");
}

#[test]
fn a_repository_that_is_not_owner_name_is_refused_before_any_download() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let releases = release(dir, None);
    for repo in [
        "../..",
        "owner/..",
        "../name",
        "owner/.",
        "-owner/name",
        "own er/name",
        "owner/na/me",
        "owner",
        "/name",
        "owner/",
    ] {
        let out = step(dir, "install.sh", &releases)
            .env("TWPROFILE_REPOSITORY", repo)
            .output()
            .unwrap();
        assert_exit(&out, 1);
        assert!(
            texts(&out).1.contains("is not OWNER/NAME"),
            "{repo}: {}",
            texts(&out).1
        );
    }
    assert!(!dir.join("toolcache").exists());
    let out = step(dir, "install.sh", &releases)
        .env("TWPROFILE_DOWNLOAD_BASE", "http://127.0.0.1:9/releases")
        .output()
        .unwrap();
    assert_exit(&out, 1);
    assert!(
        texts(&out).1.contains("over https only"),
        "{}",
        texts(&out).1
    );
}

/// With gh and a token, the archive's build provenance must verify; without them the log says
/// what was checked.
#[test]
fn build_provenance_is_verified_where_gh_and_a_token_are_at_hand() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let releases = release(dir, None);
    let shims = dir.join("shims");
    let log = dir.join("gh.log");
    shim(
        &shims,
        "gh",
        &format!(
            "#!/bin/sh\necho \"$@\" >> {}\nexit \"${{GH_EXIT:-0}}\"\n",
            log.display()
        ),
    );
    let run = |token: Option<&str>, exit: &str| {
        let mut cmd = step(dir, "install.sh", &releases);
        with_shims(&mut cmd, &shims);
        cmd.env("GH_EXIT", exit);
        if let Some(token) = token {
            cmd.env("GH_TOKEN", token);
        }
        cmd.output().unwrap()
    };
    let out = run(Some("ghs_token"), "0");
    assert_exit(&out, 0);
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(
        logged.starts_with("attestation verify ")
            && logged.trim_end().ends_with("--repo owner/twprofile"),
        "{logged}"
    );
    assert!(
        texts(&out)
            .1
            .contains("build provenance from owner/twprofile verified")
    );
    let out = run(Some("ghs_token"), "1");
    assert_exit(&out, 1);
    assert!(
        texts(&out).1.contains("no build provenance"),
        "{}",
        texts(&out).1
    );
    std::fs::remove_file(&log).unwrap();
    let out = run(None, "1");
    assert_exit(&out, 0);
    assert!(!log.exists());
    assert!(
        texts(&out).1.contains("build provenance not verified"),
        "{}",
        texts(&out).1
    );
}

/// Every action a workflow, the action itself or a README recipe uses is at a major that runs
/// on a supported Node (GitHub removed Node 20 from its runners in 2026): the first major of each
/// that declares `runs.using: node24`. The linter in .ci/run predates this check.
#[test]
fn every_action_used_runs_on_a_supported_node() {
    let first_node24 = [
        ("actions/checkout", 5),
        ("actions/cache", 5),
        ("actions/upload-artifact", 6),
        ("actions/download-artifact", 7),
        ("actions/attest-build-provenance", 3),
    ];
    let root = env!("CARGO_MANIFEST_DIR");
    let mut files = vec![format!("{root}/README.md"), format!("{root}/action.yml")];
    for entry in std::fs::read_dir(format!("{root}/.github/workflows")).unwrap() {
        files.push(entry.unwrap().path().display().to_string());
    }
    let mut seen = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for line in text.lines() {
            let Some(uses) = line.trim().trim_start_matches("- ").strip_prefix("uses: ") else {
                continue;
            };
            let Some((action, version)) = uses.split_once('@') else {
                continue;
            };
            if let Some((_, first)) = first_node24.iter().find(|(name, _)| *name == action) {
                let major: u32 = version
                    .trim_start_matches('v')
                    .split(['.', ' '])
                    .next()
                    .and_then(|m| m.parse().ok())
                    .unwrap_or_else(|| panic!("{file}: {uses}: not a major version"));
                assert!(
                    major >= *first,
                    "{file}: {uses} runs on Node 20; use v{first} or later"
                );
                seen += 1;
            }
        }
    }
    assert!(seen >= 10, "{seen}");
}

/// The README's recipes work when copied: every step output read names a step `id` the README
/// gives, and every cron line compares before it writes (`apply` or `--if-changed`), since
/// pay-per-use bills every write.
#[test]
fn readme_recipes_read_outputs_of_named_steps_and_cron_lines_compare_first() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let ids: Vec<&str> = readme
        .lines()
        .filter_map(|l| l.trim().strip_prefix("id: "))
        .collect();
    let mut read = 0;
    for (at, _) in readme.match_indices("steps.") {
        let rest = &readme[at + "steps.".len()..];
        let Some((id, after)) = rest.split_once('.') else {
            continue;
        };
        if after.starts_with("outputs.") {
            assert!(
                ids.contains(&id),
                "steps.{id} is read but no step has id: {id}"
            );
            read += 1;
        }
    }
    assert!(read >= 2, "{read}");
    let help = std::process::Command::new(env!("CARGO_BIN_EXE_twprofile"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    let mut crons = 0;
    for line in readme.lines().chain(help.lines()) {
        let line = line.trim();
        let fields: Vec<&str> = line.split_whitespace().collect();
        let schedule = fields.len() > 6
            && fields[..5]
                .iter()
                .all(|f| f.chars().all(|c| c.is_ascii_digit() || "*/,-".contains(c)));
        if schedule && line.contains("twprofile") {
            assert!(
                line.contains(" apply ") || line.contains("--if-changed"),
                "a cron line that writes every run: {line}"
            );
            crons += 1;
        }
    }
    assert!(crons >= 5, "{crons}");
}

/// The README's profile workflow, as written: its `mode` expression evaluated for each event
/// it runs on, and each job run through the action's script against the fake API: the pull
/// request plans (exit 0, nothing sent), the push applies, the schedule checks.
#[test]
fn the_readme_profile_workflow_plans_applies_and_checks() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let start = readme
        .find("# .github/workflows/profile.yml")
        .expect("the profile workflow");
    let workflow = &readme[start..start + readme[start..].find("```").unwrap()];
    let field = |name: &str| {
        workflow
            .lines()
            .find_map(|l| l.trim().strip_prefix(&format!("{name}: ")))
            .unwrap_or_else(|| panic!("no {name}: in the workflow"))
            .to_owned()
    };
    // `${{ a == 'x' && 'm' || b == 'y' && 'n' || 'o' }}`, GitHub's short-circuit as written.
    let expression = field("mode");
    let expression = expression
        .strip_prefix("${{")
        .and_then(|e| e.strip_suffix("}}"))
        .expect("an expression")
        .trim()
        .to_owned();
    let quoted = |s: &str| s.trim().trim_matches('\'').to_owned();
    let mode_for = |event: &str| -> String {
        for branch in expression.split("||") {
            match branch.split_once("&&") {
                Some((condition, value)) => {
                    let (left, right) = condition.split_once("==").expect("a comparison");
                    assert_eq!(left.trim(), "github.event_name");
                    if quoted(right) == event {
                        return quoted(value);
                    }
                }
                None => return quoted(branch),
            }
        }
        panic!("no mode for {event}")
    };
    assert_eq!(mode_for("pull_request"), "plan");
    assert_eq!(mode_for("push"), "apply");
    assert_eq!(mode_for("schedule"), "check");
    assert!(
        field("if").contains("github.event.pull_request.head.repo.full_name == github.repository")
    );
    let profile = field("profile");

    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let releases = dir.join("unused");
    let api = FakeApi::start();
    let bin = env!("CARGO_BIN_EXE_twprofile");
    std::fs::write(dir.join(&profile), "location = \"Paris\"\n").unwrap();
    let job = |event: &str| {
        let mode = mode_for(event);
        let out = run_step(
            dir,
            &releases,
            bin,
            &api,
            &[
                ("INPUT_PROFILE", profile.as_str()),
                ("INPUT_MODE", mode.as_str()),
            ],
        );
        (out, outputs(dir))
    };
    let (out, written) = job("pull_request");
    assert_exit(&out, 0);
    assert!(
        written.contains("| location | Berlin | Paris |"),
        "{written}"
    );
    assert_eq!(api.profile().location, "Berlin");
    let (out, written) = job("push");
    assert_exit(&out, 0);
    assert!(written.contains("changed=true"), "{written}");
    assert_eq!(api.profile().location, "Paris");
    let (out, _) = job("schedule");
    assert_exit(&out, 0);
    // Edited on the website: the nightly check fails, and changes nothing.
    let mut edited = api.profile();
    edited.location = "Rome".into();
    api.set_profile(edited);
    let (out, written) = job("schedule");
    assert_exit(&out, 8);
    assert!(written.contains("exit-code=8"), "{written}");
    assert_eq!(api.profile().location, "Rome");
}

/// The field inputs are text: a workflow passes issue titles and feeds through them, which must
/// not run as templates that read files or the environment.
#[test]
fn field_inputs_are_sent_as_written_never_rendered() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let api = FakeApi::start();
    let value = "New issue: {{ file('/etc/hostname') }} {{ env.HOME }}";
    let out = run_step(
        dir,
        &dir.join("unused"),
        env!("CARGO_BIN_EXE_twprofile"),
        &api,
        &[("INPUT_DESCRIPTION", value)],
    );
    assert_exit(&out, 0);
    assert_eq!(api.profile().description, value);
}
