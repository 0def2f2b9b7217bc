//! Secrets without plaintext files: `_FILE` twins of the credential variables, as container
//! runtimes and Kubernetes hand secrets to programs, on the real binary against the fake API.

mod support;

use std::path::Path;
use std::process::{Command, Output};

use support::{
    ACCESS_TOKEN, ACCESS_TOKEN_SECRET, CONSUMER_KEY, CONSUMER_SECRET, FakeApi, Sandbox,
    assert_exit, assert_no_secrets, output_within, texts,
};

const VARIABLES: [(&str, &str); 4] = [
    ("TWPROFILE_CONSUMER_KEY", CONSUMER_KEY),
    ("TWPROFILE_CONSUMER_SECRET", CONSUMER_SECRET),
    ("TWPROFILE_ACCESS_TOKEN", ACCESS_TOKEN),
    ("TWPROFILE_ACCESS_TOKEN_SECRET", ACCESS_TOKEN_SECRET),
];

/// `show` with each credential given by `given(name, value)`: as a variable or a file.
fn show_with(api: &FakeApi, sandbox: &Sandbox, given: impl Fn(&mut Command, &str, &str)) -> Output {
    let mut cmd = sandbox.std_cmd();
    cmd.env("TWPROFILE_API_BASE", api.base()).arg("show");
    for (name, value) in VARIABLES {
        given(&mut cmd, name, value);
    }
    cmd.output().expect("run")
}

/// A secret file as a runtime mounts one: the value and a newline.
fn secret_file(sandbox: &Sandbox, name: &str, value: &str) -> std::path::PathBuf {
    sandbox.file(&format!("run/secrets/{name}"), format!("{value}\n"))
}

#[test]
fn each_credential_can_come_from_the_file_its_file_twin_names() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let out = show_with(&api, &sandbox, |cmd, name, value| {
        let path = secret_file(&sandbox, name, value);
        cmd.env(format!("{name}_FILE"), path);
    });
    assert_exit(&out, 0);
    assert!(texts(&out).0.contains("@alice"), "{:?}", texts(&out));
    assert_no_secrets(&out, &api);
    // The signature checked out: the values were read less their newline.
    assert!(api.requests().iter().all(|r| r.verdict.is_ok()));

    // Mixed: two variables, two files; a file with CRLF and one with no newline at all.
    let out = show_with(&api, &sandbox, |cmd, name, value| match name {
        "TWPROFILE_CONSUMER_KEY" => {
            cmd.env(name, value);
        }
        "TWPROFILE_ACCESS_TOKEN" => {
            let path = sandbox.file("crlf", format!("{value}\r\n"));
            cmd.env(format!("{name}_FILE"), path);
        }
        "TWPROFILE_ACCESS_TOKEN_SECRET" => {
            let path = sandbox.file("bare", value);
            cmd.env(format!("{name}_FILE"), path);
        }
        _ => {
            cmd.env(name, value);
        }
    });
    assert_exit(&out, 0);
}

#[test]
fn a_file_twin_that_cannot_be_a_secret_is_refused_by_name_and_nothing_is_sent() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let token_file = |sandbox: &Sandbox, path: &Path| {
        show_with(&api, sandbox, |cmd, name, value| {
            if name == "TWPROFILE_ACCESS_TOKEN_SECRET" {
                cmd.env(format!("{name}_FILE"), path);
            } else {
                cmd.env(name, value);
            }
        })
    };
    let cases: Vec<(std::path::PathBuf, &str)> = vec![
        (sandbox.home().join("missing"), "does not exist"),
        (sandbox.home().to_owned(), "not a regular file"),
        (
            sandbox.file("huge", vec![b'a'; 1100 * 1024]),
            "is over 1 MiB",
        ),
        // Two newlines: the second is part of the value, which a credential cannot end with.
        (
            sandbox.file("two", format!("{ACCESS_TOKEN_SECRET}\n\n")),
            "whitespace",
        ),
        (sandbox.file("empty", ""), "TWPROFILE_ACCESS_TOKEN_SECRET"),
    ];
    #[cfg(unix)]
    let cases = {
        let mut cases = cases;
        let fifo = sandbox.home().join("fifo");
        assert!(
            Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .expect("mkfifo")
                .success()
        );
        cases.push((fifo, "not a regular file"));
        cases
    };
    for (path, says) in cases {
        let out = token_file(&sandbox, &path);
        assert_exit(&out, 3);
        let stderr = texts(&out).1;
        assert!(stderr.contains(says), "{}: {stderr}", path.display());
        assert!(
            stderr
                .lines()
                .next()
                .is_some_and(|l| l.starts_with("error: "))
        );
        assert_no_secrets(&out, &api);
    }
    assert!(api.requests().is_empty(), "nothing was sent");
}

#[cfg(unix)]
#[test]
fn a_file_twin_follows_a_kubernetes_style_link_and_says_where_a_bad_value_came_from() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    // Kubernetes mounts each key as a link into a timestamped directory.
    sandbox.file("secrets/..2026_12_04/token", format!("{ACCESS_TOKEN}\n"));
    std::os::unix::fs::symlink("..2026_12_04", sandbox.home().join("secrets/..data")).unwrap();
    std::os::unix::fs::symlink("..data/token", sandbox.home().join("secrets/token")).unwrap();
    let out = show_with(&api, &sandbox, |cmd, name, value| {
        if name == "TWPROFILE_ACCESS_TOKEN" {
            cmd.env(format!("{name}_FILE"), sandbox.home().join("secrets/token"));
        } else {
            cmd.env(name, value);
        }
    });
    assert_exit(&out, 0);

    let bad = sandbox.file("bad", format!(" {ACCESS_TOKEN}\n"));
    let out = show_with(&api, &sandbox, |cmd, name, value| {
        if name == "TWPROFILE_ACCESS_TOKEN" {
            cmd.env(format!("{name}_FILE"), &bad);
        } else {
            cmd.env(name, value);
        }
    });
    assert_exit(&out, 3);
    assert!(
        texts(&out)
            .1
            .contains("the file TWPROFILE_ACCESS_TOKEN_FILE names starts or ends with whitespace"),
        "{:?}",
        texts(&out)
    );
}

#[test]
fn a_variable_and_its_file_twin_both_set_is_refused() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let out = show_with(&api, &sandbox, |cmd, name, value| {
        cmd.env(name, value);
        if name == "TWPROFILE_ACCESS_TOKEN" {
            cmd.env(format!("{name}_FILE"), secret_file(&sandbox, name, value));
        }
    });
    assert_exit(&out, 3);
    assert!(
        texts(&out)
            .1
            .contains("TWPROFILE_ACCESS_TOKEN and TWPROFILE_ACCESS_TOKEN_FILE are both set"),
        "{:?}",
        texts(&out)
    );
    assert!(api.requests().is_empty());
}

#[test]
fn an_empty_or_lone_file_twin_is_named_and_never_falls_back_to_the_config_file() {
    let (api, sandbox) = support::setup();
    // The four as files, the token's variable empty: a secret that did not expand. The config
    // file's account must not sign instead.
    let out = show_with(&api, &sandbox, |cmd, name, value| {
        if name == "TWPROFILE_ACCESS_TOKEN" {
            cmd.env(format!("{name}_FILE"), "");
        } else {
            cmd.env(format!("{name}_FILE"), secret_file(&sandbox, name, value));
        }
    });
    assert_exit(&out, 3);
    assert!(
        texts(&out)
            .1
            .contains("TWPROFILE_ACCESS_TOKEN_FILE is set but empty"),
        "{:?}",
        texts(&out)
    );
    // A file that is empty is named as the file.
    let out = show_with(&api, &sandbox, |cmd, name, value| {
        let value = if name == "TWPROFILE_ACCESS_TOKEN" {
            ""
        } else {
            value
        };
        cmd.env(format!("{name}_FILE"), secret_file(&sandbox, name, value));
    });
    assert_exit(&out, 3);
    assert!(
        texts(&out)
            .1
            .contains("error: the file TWPROFILE_ACCESS_TOKEN_FILE names is empty\n"),
        "{:?}",
        texts(&out)
    );
    // The token alone, as a file: the others are named with their twins in mind.
    let out = show_with(&api, &sandbox, |cmd, name, value| {
        if name == "TWPROFILE_ACCESS_TOKEN" {
            cmd.env(format!("{name}_FILE"), secret_file(&sandbox, name, value));
        }
    });
    assert_exit(&out, 3);
    let (_, stderr) = texts(&out);
    assert!(
        stderr.contains("TWPROFILE_ACCESS_TOKEN_FILE is set, so credentials come from the environment, but TWPROFILE_CONSUMER_KEY,")
            && stderr.contains("(or their _FILE twins)"),
        "{stderr}"
    );
    assert!(api.requests().is_empty(), "nothing was sent");

    // Without the token, the others are not used, and a run says so.
    let out = sandbox
        .std_cmd()
        .env(
            "TWPROFILE_CONSUMER_SECRET_FILE",
            secret_file(&sandbox, "cs", CONSUMER_SECRET),
        )
        .arg("show")
        .output()
        .expect("run");
    assert_exit(&out, 0);
    assert!(
        texts(&out).1.contains("warning: TWPROFILE_CONSUMER_SECRET_FILE is set, but without TWPROFILE_ACCESS_TOKEN (or its _FILE) the environment's credentials are not used"),
        "{:?}",
        texts(&out)
    );
}

#[test]
fn login_takes_the_consumer_pair_and_tokens_from_files_too() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let mut cmd = sandbox.std_cmd();
    cmd.env("TWPROFILE_API_BASE", api.base())
        .args(["auth", "login", "--with-token"]);
    for (name, value) in VARIABLES {
        cmd.env(format!("{name}_FILE"), secret_file(&sandbox, name, value));
    }
    let out = cmd.output().expect("run");
    assert_exit(&out, 0);
    let config = std::fs::read_to_string(sandbox.default_config()).expect("config");
    assert!(config.contains(ACCESS_TOKEN), "saved");
    assert_no_secrets(&out, &api);

    // A file that cannot be read stops the login before any prompt or request.
    let before = api.requests().len();
    let out = sandbox
        .std_cmd()
        .env("TWPROFILE_API_BASE", api.base())
        .env(
            "TWPROFILE_CONSUMER_SECRET_FILE",
            sandbox.home().join("nowhere"),
        )
        .args(["auth", "login", "--account", "other"])
        .output()
        .expect("run");
    assert_exit(&out, 3);
    assert!(texts(&out).1.contains("TWPROFILE_CONSUMER_SECRET_FILE"));
    assert_eq!(api.requests().len(), before);
}

/// A config whose account `alice` takes its access token secret from `command` (TOML).
fn command_config(api: &FakeApi, command: &str) -> String {
    format!(
        r#"api_base = "{}"
default_account = "alice"

[accounts.alice]
consumer_key = "{CONSUMER_KEY}"
consumer_secret = "{CONSUMER_SECRET}"
access_token = "{ACCESS_TOKEN}"
access_token_secret_command = {command}

[accounts.bob]
consumer_key = "{CONSUMER_KEY}"
consumer_secret = "{CONSUMER_SECRET}"
access_token = "{ACCESS_TOKEN}"
access_token_secret_command = ["false"]
"#,
        api.base()
    )
}

#[test]
fn a_credential_can_come_from_a_command_run_when_its_account_is_used() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    sandbox.write_config(&command_config(
        &api,
        &format!(r#"["printf", "%s\n", "{ACCESS_TOKEN_SECRET}"]"#),
    ));
    // bob's command would fail; it is not run when alice is used.
    let out = sandbox.run(&["show"]);
    assert_exit(&out, 0);
    assert!(texts(&out).0.contains("@alice"));
    assert!(api.requests().iter().all(|r| r.verdict.is_ok()));
    assert_no_secrets(&out, &api);
    // Applied to several files of one account, it is asked once (and each file works).
    sandbox.file("a.toml", "name = \"A\"\n");
    sandbox.file("b.toml", "location = \"B\"\n");
    let out = sandbox
        .std_cmd()
        .current_dir(sandbox.home())
        .args(["apply", "a.toml", "b.toml"])
        .output()
        .expect("run");
    assert_exit(&out, 0);
}

#[test]
fn a_failing_command_is_exit_3_naming_the_account_and_key_and_never_its_output() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let noisy = format!(
        r#"["sh", "-c", "echo {ACCESS_TOKEN_SECRET}; echo stderr-{ACCESS_TOKEN_SECRET} >&2; exit 7"]"#
    );
    for (command, says) in [
        (noisy.as_str(), "exited with status 7"),
        (r#"["false"]"#, "exited with status 1"),
        (r#"["true"]"#, "printed nothing"),
        (r#"["yes"]"#, "printed over 64 KiB"),
        (
            r#"["/nonexistent/pass", "show"]"#,
            "could not start /nonexistent/pass: ",
        ),
        ("[]", "is empty"),
        (r#"["sh", "-c", "kill -9 $$"]"#, "was killed by a signal"),
        (
            r#"["printf", "%s\n", " padded"]"#,
            "starts or ends with whitespace",
        ),
    ] {
        sandbox.write_config(&command_config(&api, command));
        let out = sandbox.run(&["show"]);
        assert_exit(&out, 3);
        let (stdout, stderr) = texts(&out);
        assert!(stdout.is_empty(), "{command}: {stdout}");
        assert!(
            stderr.contains("access_token_secret_command of account 'alice'"),
            "{command}: {stderr}"
        );
        assert!(stderr.contains(says), "{command}: {stderr}");
        assert!(!stderr.contains(ACCESS_TOKEN_SECRET), "{command}: {stderr}");
        // "Not shown" only where it printed something.
        assert_eq!(
            stderr.contains("its output is not shown"),
            ["exited", "over 64", "killed"]
                .iter()
                .any(|s| says.contains(s)),
            "{command}: {stderr}"
        );
    }
    // A value with stray whitespace is the command's to fix, not the portal's.
    sandbox.write_config(&command_config(&api, r#"["printf", "%s\n\n", "v"]"#));
    let stderr = texts(&sandbox.run(&["show"])).1;
    assert!(
        stderr.contains("make the command print only the value"),
        "{stderr}"
    );
    // A huge program name is cut in the error.
    let long = "p".repeat(5000);
    sandbox.write_config(&command_config(
        &api,
        &format!(r#"["/nonexistent/{long}"]"#),
    ));
    let stderr = texts(&sandbox.run(&["show"])).1;
    assert!(
        stderr.contains("could not start /nonexistent/ppp"),
        "{stderr}"
    );
    assert!(stderr.contains("ppp…: "), "{stderr}");
    // Exactly 64 KiB is within the bound (this one then fails the credential check).
    sandbox.write_config(&command_config(
        &api,
        r#"["sh", "-c", "head -c 65535 /dev/zero | tr '\\0' a; printf ' '"]"#,
    ));
    let stderr = texts(&sandbox.run(&["show"])).1;
    assert!(
        !stderr.contains("printed over") && stderr.contains("starts or ends with whitespace"),
        "{stderr}"
    );
    assert!(stderr.len() < 600, "{} bytes", stderr.len());
    // Acting as bob runs bob's command, and says so.
    let out = sandbox.run(&["-a", "bob", "show"]);
    assert_exit(&out, 3);
    assert!(texts(&out).1.contains("account 'bob'"));
    assert!(api.requests().is_empty(), "nothing was sent");
}

#[test]
fn a_command_that_never_ends_is_stopped_at_its_deadline_with_what_it_started() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    // What it started is stopped with it; and a command that printed its value and exited is
    // not held up by a process it left holding its output.
    let pids = sandbox.home().join("pids");
    for (command, code) in [
        (
            format!(
                r#"["sh", "-c", "sleep 600 & echo $! >> {}; echo {ACCESS_TOKEN_SECRET}"]"#,
                pids.display()
            ),
            0,
        ),
        (
            format!(
                r#"["sh", "-c", "sleep 600 & echo $! >> {}; sleep 600"]"#,
                pids.display()
            ),
            3,
        ),
        // Its value printed and its output closed, it never exits: stopped all the same.
        (
            format!(
                r#"["sh", "-c", "echo $$ >> {}; echo {ACCESS_TOKEN_SECRET}; exec >&-; exec sleep 600"]"#,
                pids.display()
            ),
            3,
        ),
    ] {
        sandbox.write_config(&command_config(&api, &command));
        let started = std::time::Instant::now();
        let mut cmd = sandbox.std_cmd();
        cmd.arg("show");
        // A run that waits past the deadline is killed at two minutes and fails below.
        let out = output_within(unattended(&mut cmd), 120);
        assert_exit(&out, code);
        if code == 0 {
            assert!(
                started.elapsed() < std::time::Duration::from_secs(10),
                "held up"
            );
        } else {
            assert!(
                texts(&out).1.contains("did not finish within 30 s"),
                "{:?}",
                texts(&out)
            );
            // Stopped, not waited out.
            assert!(started.elapsed() < std::time::Duration::from_secs(120));
        }
    }
    let listed = std::fs::read_to_string(&pids).expect("pids");
    std::thread::sleep(std::time::Duration::from_millis(300));
    for pid in listed.split_whitespace() {
        assert!(gone(pid), "the command's child {pid} is still running");
    }
}

/// Runs `cmd` as cron does: in a session of its own, with no controlling terminal.
fn unattended(cmd: &mut Command) -> &mut Command {
    use std::os::unix::process::CommandExt;
    // SAFETY: setsid is async-signal-safe, as pre_exec requires.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            Ok(())
        })
    }
}

/// Whether process `pid` is gone (or a zombie nobody reaped yet).
fn gone(pid: &str) -> bool {
    let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    !state
        .rsplit(')')
        .next()
        .and_then(|rest| rest.split_whitespace().next())
        .is_some_and(|s| s != "Z" && s != "X")
}

#[test]
fn a_command_ends_with_twprofile_when_a_signal_ends_it() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    let pids = sandbox.home().join("pids");
    for signal in [libc::SIGTERM, libc::SIGHUP, libc::SIGINT] {
        let _ = std::fs::remove_file(&pids);
        sandbox.write_config(&command_config(
            &api,
            &format!(
                r#"["sh", "-c", "sleep 600 & echo $! > {}; wait"]"#,
                pids.display()
            ),
        ));
        let mut cmd = sandbox.std_cmd();
        cmd.arg("show")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        let mut child = unattended(&mut cmd).spawn().expect("run");
        let started = std::time::Instant::now();
        let pid = loop {
            if let Ok(text) = std::fs::read_to_string(&pids)
                && text.ends_with('\n')
            {
                break text.trim().to_owned();
            }
            assert!(
                started.elapsed().as_secs() < 20,
                "the command never started"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        // SAFETY: kill(2) of the child this test started.
        unsafe {
            libc::kill(child.id() as libc::pid_t, signal);
        }
        let status = child.wait().expect("wait");
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(signal), "it dies of the signal");
        std::thread::sleep(std::time::Duration::from_millis(300));
        assert!(
            gone(&pid),
            "signal {signal}: the command's child {pid} outlived twprofile"
        );
    }
}

#[test]
fn a_command_can_ask_at_the_terminal() {
    // A password manager prompting on the terminal: it must be able to read it (a process in
    // a background group that reads the terminal is stopped).
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    sandbox.write_config(&command_config(
        &api,
        r#"["sh", "-c", "printf 'Passphrase: ' > /dev/tty; read -r line < /dev/tty; printf '%s' \"$line\""]"#,
    ));
    let mut pty = support::pty::Pty::open();
    let mut cmd = sandbox.std_cmd();
    cmd.arg("show");
    pty.attach(&mut cmd);
    let mut child = cmd.spawn().expect("run");
    pty.wait_for("Passphrase: ");
    pty.type_in(format!("{ACCESS_TOKEN_SECRET}\n").as_bytes());
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(
            started.elapsed().as_secs() < 20,
            "it never finished: {}",
            pty.screen()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0), "{}", pty.screen());
    assert!(api.requests().iter().all(|r| r.verdict.is_ok()));
    assert_eq!(api.requests().len(), 1);
}

#[test]
fn a_command_written_wrong_is_refused_without_quoting_it() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    for command in [
        format!("\"{ACCESS_TOKEN_SECRET}\""),
        "42".to_owned(),
        format!("[\"printf\", 42, \"{ACCESS_TOKEN_SECRET}\"]"),
    ] {
        sandbox.write_config(&command_config(&api, &command));
        let out = sandbox.run(&["show"]);
        assert_exit(&out, 3);
        let stderr = texts(&out).1;
        assert!(!stderr.contains(ACCESS_TOKEN_SECRET), "{stderr}");
        assert!(stderr.contains("malformed config file"), "{stderr}");
    }
    // A key and its command both set: which one is meant is unclear.
    let both = command_config(&api, r#"["printf", "x"]"#).replace(
        "access_token_secret_command = [\"printf\"",
        &format!("access_token_secret = \"{ACCESS_TOKEN_SECRET}\"\naccess_token_secret_command = [\"printf\""),
    );
    sandbox.write_config(&both);
    let out = sandbox.run(&["show"]);
    assert_exit(&out, 3);
    assert!(
        texts(&out)
            .1
            .contains("sets both access_token_secret and access_token_secret_command"),
        "{:?}",
        texts(&out)
    );
}

#[test]
fn auth_status_says_where_each_secret_comes_from_and_never_what_it_is() {
    let api = FakeApi::start();
    let sandbox = Sandbox::new();
    sandbox.write_config(&command_config(
        &api,
        &format!(r#"["printf", "%s", "{ACCESS_TOKEN_SECRET}"]"#),
    ));
    let out = sandbox.run(&["auth", "status"]);
    assert_exit(&out, 0);
    assert!(
        texts(&out).0.contains(
            "secrets  the config file (consumer_key, consumer_secret, access_token); the command printf (access_token_secret)"
        ),
        "{}",
        texts(&out).0
    );
    assert_no_secrets(&out, &api);
    let out = sandbox.run(&["auth", "status", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&texts(&out).0).expect("json");
    assert_eq!(json["sources"]["access_token_secret"], "the command printf");
    assert_eq!(json["sources"]["consumer_key"], "the config file");

    // The environment, one of them through its file.
    let mut cmd = sandbox.std_cmd();
    cmd.env("TWPROFILE_API_BASE", api.base())
        .args(["auth", "status", "--json"]);
    for (name, value) in VARIABLES {
        if name == "TWPROFILE_ACCESS_TOKEN_SECRET" {
            cmd.env(format!("{name}_FILE"), secret_file(&sandbox, name, value));
        } else {
            cmd.env(name, value);
        }
    }
    let out = cmd.output().expect("run");
    assert_exit(&out, 0);
    let json: serde_json::Value = serde_json::from_str(&texts(&out).0).expect("json");
    assert_eq!(json["sources"]["access_token"], "TWPROFILE_ACCESS_TOKEN");
    assert_eq!(
        json["sources"]["access_token_secret"],
        "the file TWPROFILE_ACCESS_TOKEN_SECRET_FILE names"
    );
    assert_no_secrets(&out, &api);
}
