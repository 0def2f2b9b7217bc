//! The files a run reads and writes, attacked: what `export -o` may replace, where a profile
//! file's paths may lead, files swapped while being opened, held and planted lock files, and
//! every credential the run can see kept out of what it publishes.

#![cfg(unix)]

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

use support::{FakeApi, Sandbox, assert_exit, setup, texts};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n-a picture-";

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

fn export_to(sandbox: &Sandbox, path: &Path) -> std::process::Output {
    sandbox.run(&["export", "-o", path.to_str().unwrap()])
}

#[test]
fn export_never_replaces_the_config_the_state_or_a_file_with_a_credential() {
    let (api, sandbox) = setup();
    let config = sandbox.default_config();
    let before = std::fs::read_to_string(&config).unwrap();
    let link = sandbox.home().join("config-link.toml");
    std::os::unix::fs::symlink(&config, &link).unwrap();
    let state = sandbox.file("xdg-state/twprofile/state.toml", "version = 1\n");
    let with_secret = sandbox.file("notes.txt", format!("token {}\n", support::ACCESS_TOKEN));
    let other_config = sandbox.file(
        "other.toml",
        "[accounts.x]\nconsumer_key = \"k\"\naccess_token_secret = \"unknown to this run\"\n",
    );
    for (target, why) in [
        (&config, "it is twprofile's own config or state file"),
        (&link, "it is twprofile's own config or state file"),
        (&state, "it is twprofile's own config or state file"),
        (&with_secret, "it holds a credential"),
        (&other_config, "it looks like a twprofile config file"),
    ] {
        let kept = std::fs::read(target).unwrap();
        let out = export_to(&sandbox, target);
        assert_exit(&out, 2);
        assert!(
            texts(&out).1.contains(&format!(
                "error: refusing to write {}: {why}",
                target.display()
            )),
            "{}",
            texts(&out).1
        );
        assert_eq!(std::fs::read(target).unwrap(), kept);
    }
    assert_eq!(std::fs::read_to_string(&config).unwrap(), before);
    // Every command still works.
    assert_exit(&sandbox.run(&["show"]), 0);
    support::assert_no_secrets(&export_to(&sandbox, &with_secret), &api);
}

#[test]
fn export_honours_the_umask_and_drops_setuid_setgid_and_sticky_bits() {
    let (_api, sandbox) = setup();
    let fresh = sandbox.home().join("fresh.toml");
    let mut cmd = sandbox.std_cmd();
    cmd.args(["export", "-o", fresh.to_str().unwrap()]);
    // SAFETY: umask is async-signal-safe, as pre_exec requires.
    unsafe {
        use std::os::unix::process::CommandExt;
        cmd.pre_exec(|| {
            libc::umask(0o077);
            Ok(())
        });
    }
    assert_exit(&cmd.output().unwrap(), 0);
    assert_eq!(mode(&fresh), 0o600);

    let old = sandbox.file("old.toml", "name = \"x\"\n");
    std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o7755)).unwrap();
    assert_exit(&export_to(&sandbox, &old), 0);
    assert_eq!(mode(&old), 0o755);
    assert!(
        std::fs::read_to_string(&old)
            .unwrap()
            .contains("screen_name = \"alice\"")
    );
}

#[test]
fn export_refuses_a_symlink_another_user_owns() {
    if !is_root() {
        eprintln!("skipped: making a symlink owned by another user needs root");
        return;
    }
    let (_api, sandbox) = setup();
    let victim = sandbox.file("victim.txt", "precious\n");
    let shared = sandbox.home().join("tmp");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o1777)).unwrap();
    let planted = shared.join("backup.toml");
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    let c = std::ffi::CString::new(planted.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string; 65534 is nobody.
    assert_eq!(unsafe { libc::lchown(c.as_ptr(), 65534, 65534) }, 0);
    let out = export_to(&sandbox, &planted);
    assert_exit(&out, 2);
    assert!(
        texts(&out)
            .1
            .contains("is a symbolic link owned by another user, which is not followed"),
        "{}",
        texts(&out).1
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
}

#[test]
fn profile_paths_stay_inside_the_profile_directory_unless_root_widens_it() {
    let (api, sandbox) = setup();
    sandbox.file("run/secrets/deploy_token", "ghp_deploytokenvalue1234\n");
    sandbox.file("shared/a.png", PNG);
    sandbox.file("bots/inside.png", PNG);
    std::os::unix::fs::symlink(
        sandbox.home().join("run/secrets/deploy_token"),
        sandbox.home().join("bots/bio.txt"),
    )
    .unwrap();
    let secret = sandbox.home().join("run/secrets/deploy_token");
    let cases = [
        (
            format!("description_file = \"{}\"\n", secret.display()),
            "is an absolute path",
        ),
        (
            "description_file = \"../run/secrets/deploy_token\"\n".to_owned(),
            "goes up with ..",
        ),
        (
            "description_file = \"bio.txt\"\n".to_owned(),
            "leads out of",
        ),
        (
            "image = \"../shared/a.png\"\n".to_owned(),
            "goes up with ..",
        ),
    ];
    for (text, why) in cases {
        let file = sandbox.file("bots/profile.toml", &text);
        for extra in [&["--check"][..], &[]] {
            let mut args = vec!["apply", file.to_str().unwrap()];
            args.extend_from_slice(extra);
            let out = sandbox.run(&args);
            assert_exit(&out, 2);
            let (stdout, stderr) = texts(&out);
            assert!(stderr.contains(why), "{text}: {stderr}");
            assert!(stderr.contains("--root DIR"), "{stderr}");
            assert!(!stdout.contains("ghp_") && !stderr.contains("ghp_"));
        }
    }
    assert!(api.requests().is_empty());

    // --root widens where files may be, and no further.
    let file = sandbox.file(
        "bots/profile.toml",
        "image = \"../shared/a.png\"\ndescription_file = \"bio.txt\"\n",
    );
    let root = sandbox.home().join("shared");
    let out = sandbox.run(&[
        "apply",
        file.to_str().unwrap(),
        "--root",
        root.to_str().unwrap(),
    ]);
    assert_exit(&out, 2);
    assert!(texts(&out).1.contains("leads out of"), "{}", texts(&out).1);
    let file = sandbox.file("bots/profile.toml", "image = \"../shared/a.png\"\n");
    let out = sandbox.run(&[
        "apply",
        file.to_str().unwrap(),
        "--root",
        sandbox.home().to_str().unwrap(),
    ]);
    assert_exit(&out, 0);
    assert_eq!(api.uploads().len(), 1);
    // A file beside the profile needs nothing.
    let file = sandbox.file("bots/profile.toml", "image = \"inside.png\"\n");
    assert_exit(&sandbox.run(&["apply", file.to_str().unwrap()]), 0);
}

#[test]
fn a_file_swapped_for_a_fifo_while_apply_opens_it_never_hangs_the_run() {
    let (_api, sandbox) = setup();
    let dir = sandbox.home().join("p");
    std::fs::create_dir(&dir).unwrap();
    let file = sandbox.file("p/profile.toml", "description_file = \"bio.txt\"\n");
    let bio = dir.join("bio.txt");
    let regular = dir.join("regular");
    let fifo = dir.join("fifo");
    std::fs::write(&regular, "A bio\n").unwrap();
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string and mode.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flipper = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            // Each swap renames a fresh link over the name the profile uses: atomic, so the
            // name is always one of the two.
            let targets = [regular, fifo];
            let tmp = dir.join("bio.new");
            let mut i = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let _ = std::fs::remove_file(&tmp);
                std::os::unix::fs::symlink(&targets[i % 2], &tmp).unwrap();
                std::fs::rename(&tmp, &bio).unwrap();
                i += 1;
            }
        })
    };
    let mut refused = 0;
    for _ in 0..40 {
        let mut cmd = sandbox.std_cmd();
        cmd.args(["apply", file.to_str().unwrap(), "--check"]);
        let out = support::output_within(&mut cmd, 20);
        let code = out.status.code();
        assert!(code.is_some(), "a run hung and was killed");
        if code == Some(2) {
            assert!(
                texts(&out).1.contains("is a FIFO, not a regular file")
                    || texts(&out).1.contains("changed while it was being opened"),
                "{}",
                texts(&out).1
            );
            refused += 1;
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    flipper.join().unwrap();
    eprintln!("{refused} of 40 runs met the FIFO");
}

#[test]
fn a_held_lock_fails_the_run_after_a_bounded_wait_naming_it() {
    let (api, sandbox) = setup();
    sandbox.file("a.png", PNG);
    let file = sandbox.file("profile.toml", "image = \"a.png\"\n");
    let lock_path = sandbox.state_file().with_file_name("state.toml.lock");
    std::fs::create_dir_all(lock_path.parent().unwrap()).unwrap();
    let held = std::fs::File::create(&lock_path).unwrap();
    held.lock().unwrap();
    let started = Instant::now();
    let out = support::output_within(
        sandbox.std_cmd().args(["apply", file.to_str().unwrap()]),
        60,
    );
    let waited = started.elapsed();
    assert_exit(&out, 1);
    assert!(
        texts(&out).1.contains(&format!(
            "{} is still locked by another process after 10 s; nothing was changed",
            lock_path.display()
        )),
        "{}",
        texts(&out).1
    );
    assert!(waited >= Duration::from_secs(9), "{waited:?}");
    assert!(api.uploads().is_empty());

    // The config's lock too: an edit fails rather than hang.
    let config_lock = sandbox.default_config().with_file_name("config.toml.lock");
    let held_config = std::fs::File::create(&config_lock).unwrap();
    held_config.lock().unwrap();
    let out = support::output_within(sandbox.std_cmd().args(["accounts", "default", "alice"]), 60);
    assert_exit(&out, 1);
    assert!(
        texts(&out).1.contains("is still locked"),
        "{}",
        texts(&out).1
    );
    drop((held, held_config));
}

#[test]
fn a_planted_lock_symlink_is_never_followed() {
    let (_api, sandbox) = setup();
    let victim = sandbox.home().join("victim");
    let lock_path = sandbox.default_config().with_file_name("config.toml.lock");
    std::os::unix::fs::symlink(&victim, &lock_path).unwrap();
    let out = sandbox.run(&["accounts", "default", "alice"]);
    assert_exit(&out, 3);
    assert!(
        texts(&out)
            .1
            .contains("is a symbolic link; refusing to follow it"),
        "{}",
        texts(&out).1
    );
    assert!(!victim.exists(), "the lock was made through the link");
}

#[test]
fn no_credential_the_run_can_see_is_published() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    // Two accounts; the bio file holds the one not in use's token secret.
    sandbox.write_config(&format!(
        "{}\n[accounts.bob]\nconsumer_key = \"k-bob-app-key\"\nconsumer_secret = \"s-bob-app-secret\"\naccess_token = \"2222-bobtoken\"\naccess_token_secret = \"bob-token-secret-value\"\n",
        support::alice_config(&api.base())
    ));
    sandbox.file("bio.txt", "bob-token-secret-value\n");
    sandbox.file("env.txt", "from-the-environment-only\n");
    for (bio, extra_env) in [
        ("bio.txt", None),
        ("env.txt", Some("from-the-environment-only")),
    ] {
        let file = sandbox.file(
            "profile.toml",
            format!("account = \"alice\"\ndescription_file = \"{bio}\"\n"),
        );
        for check in [true, false] {
            let mut cmd = sandbox.cmd();
            if let Some(value) = extra_env {
                // Read for `auth login`, visible to the run though not in use.
                cmd.env("TWPROFILE_CONSUMER_SECRET", value);
            }
            cmd.args(["apply", file.to_str().unwrap()]);
            if check {
                cmd.arg("--check");
            }
            let out = cmd.output().unwrap();
            assert_exit(&out, 2);
            let (stdout, stderr) = texts(&out);
            assert!(
                stderr.contains("description holds a credential; refusing to publish it"),
                "{stderr}"
            );
            assert!(!stdout.contains("secret-value") && !stdout.contains("environment-only"));
        }
    }
    assert!(api.requests().is_empty());
}

#[test]
fn a_link_swapped_to_outside_while_apply_opens_it_never_prints_or_sends_what_is_outside() {
    let (api, sandbox) = setup();
    let repo = sandbox.home().join("repo");
    std::fs::create_dir(&repo).unwrap();
    sandbox.file("outside/bio.txt", "OUTSIDE-SECRET-bio\n");
    sandbox.file("repo/inside.txt", "An inside bio\n");
    let file = sandbox.file("repo/profile.toml", "description_file = \"bio.txt\"\n");
    let bio = repo.join("bio.txt");
    std::os::unix::fs::symlink("inside.txt", &bio).unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flipper = {
        let (stop, repo) = (stop.clone(), repo.clone());
        std::thread::spawn(move || {
            let targets = ["inside.txt", "../outside/bio.txt"];
            let tmp = repo.join("bio.new");
            let mut i = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let _ = std::fs::remove_file(&tmp);
                std::os::unix::fs::symlink(targets[i % 2], &tmp).unwrap();
                std::fs::rename(&tmp, repo.join("bio.txt")).unwrap();
                i += 1;
            }
        })
    };
    for check in [true, false] {
        for _ in 0..30 {
            let mut cmd = sandbox.std_cmd();
            cmd.args(["apply", file.to_str().unwrap()]);
            if check {
                cmd.arg("--check");
            }
            let out = support::output_within(&mut cmd, 20);
            let (stdout, stderr) = texts(&out);
            assert!(
                !stdout.contains("OUTSIDE") && !stderr.contains("OUTSIDE"),
                "{stdout}{stderr}"
            );
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    flipper.join().unwrap();
    assert!(api.requests().iter().all(|r| {
        !r.param("description")
            .unwrap_or_default()
            .contains("OUTSIDE")
    }));
}

#[test]
fn a_fifo_on_the_command_line_reads_as_empty_instead_of_hanging() {
    let (api, sandbox) = setup();
    let fifo = sandbox.home().join("fifo");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string and mode.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    for args in [
        &["--description-file", fifo.to_str().unwrap()][..],
        &["image", fifo.to_str().unwrap()],
    ] {
        let out = support::output_within(sandbox.std_cmd().args(args), 20);
        assert_exit(&out, 2);
        assert!(texts(&out).1.contains("empty"), "{}", texts(&out).1);
    }
    assert!(api.requests().is_empty());
}

#[test]
fn a_bare_update_never_publishes_a_credential_it_can_see() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    sandbox.write_config(&format!(
        "{}\n[accounts.bob]\nconsumer_key = \"k\"\nconsumer_secret = \"s\"\naccess_token = \"2222-bobtoken\"\naccess_token_secret = \"bob-token-secret-value\"\n",
        support::alice_config(&api.base())
    ));
    let out = sandbox.run(&["-a", "alice", "--description", "bob-token-secret-value"]);
    assert_exit(&out, 2);
    assert!(
        texts(&out)
            .1
            .contains("--description holds a credential; refusing to publish it"),
        "{}",
        texts(&out).1
    );
    assert!(api.requests().is_empty());
}

#[test]
fn export_follows_no_directory_link_of_another_user_and_keeps_the_lock_files() {
    let (_api, sandbox) = setup();
    let lock = sandbox.default_config().with_file_name("config.toml.lock");
    std::fs::write(&lock, "").unwrap();
    let out = export_to(&sandbox, &lock);
    assert_exit(&out, 2);
    assert!(
        texts(&out).1.contains("own config or state file"),
        "{}",
        texts(&out).1
    );
    if !is_root() {
        eprintln!("skipped the directory-link half: a link owned by another user needs root");
        return;
    }
    let victim = sandbox.home().join("victim");
    std::fs::create_dir(&victim).unwrap();
    let shared = sandbox.home().join("shared");
    std::fs::create_dir(&shared).unwrap();
    let drop_link = shared.join("drop");
    std::os::unix::fs::symlink(&victim, &drop_link).unwrap();
    let c = std::ffi::CString::new(drop_link.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string; 65534 is nobody.
    assert_eq!(unsafe { libc::lchown(c.as_ptr(), 65534, 65534) }, 0);
    let out = export_to(&sandbox, &drop_link.join("notes.toml"));
    assert_exit(&out, 2);
    assert!(!victim.join("notes.toml").exists());
}
