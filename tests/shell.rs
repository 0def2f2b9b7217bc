//! At home in a shell: completions, the man page, help, colour conventions, broken pipes.

mod support;

use std::io::Write;
use std::process::{Command, Stdio};

use clap::CommandFactory;
use support::{Sandbox, setup, texts};
use twprofile::cli::Cli;

const SHELLS: [(&str, &str); 5] = [
    ("bash", "twprofile.bash"),
    ("zsh", "_twprofile"),
    ("fish", "twprofile.fish"),
    ("powershell", "_twprofile.ps1"),
    ("elvish", "twprofile.elv"),
];

#[test]
fn checked_in_completions_match_what_the_binary_generates() {
    let sandbox = Sandbox::new();
    let mut stale = Vec::new();
    for (shell, file) in SHELLS {
        let out = sandbox.run(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0));
        assert!(!out.stdout.is_empty(), "{shell}: empty script");
        let path = format!("{}/completions/{file}", env!("CARGO_MANIFEST_DIR"));
        let checked_in = std::fs::read(&path).unwrap_or_default();
        if checked_in != out.stdout {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "stale completions {stale:?}; regenerate them with:\n  for s in bash:twprofile.bash zsh:_twprofile fish:twprofile.fish powershell:_twprofile.ps1 elvish:twprofile.elv; do cargo run -q -- completions ${{s%%:*}} > completions/${{s#*:}}; done"
    );
}

#[test]
fn the_completion_scripts_are_valid_and_ask_the_binary() {
    for (shell, file, check) in [
        ("bash", "twprofile.bash", "-n"),
        ("zsh", "_twprofile", "-n"),
        ("fish", "twprofile.fish", "--no-execute"),
    ] {
        let path = format!("{}/completions/{file}", env!("CARGO_MANIFEST_DIR"));
        let script = std::fs::read_to_string(&path).expect("read");
        assert!(script.contains("TWPROFILE_COMPLETE="), "{file}: {script}");
        if !have(shell) {
            eprintln!("skipped: {shell} is not installed");
            continue;
        }
        let status = Command::new(shell)
            .args([check, &path])
            .status()
            .expect("shell");
        assert!(status.success(), "{file} is not valid {shell}");
    }
}

/// Whether `program` runs here.
fn have(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Three accounts, `work` the default; one whose name a shell would split, one that would
/// move the terminal. The secrets must never be offered.
const COMPLETION_CONFIG: &str = r#"default_account = "work"

[accounts.alice]
consumer_key = "ck-SECRET-1"
consumer_secret = "cs-SECRET-2"
access_token = "1-at-SECRET-3"
access_token_secret = "ats-SECRET-4"

[accounts.work]
consumer_key = "ck-SECRET-1"
consumer_secret = "cs-SECRET-2"
access_token = "1-at-SECRET-3"
access_token_secret = "ats-SECRET-4"

[accounts."two words"]
consumer_key = "ck-SECRET-1"
consumer_secret = "cs-SECRET-2"
access_token = "1-at-SECRET-3"
access_token_secret = "ats-SECRET-4"

[accounts."evil\u001b]0;x\u0007"]
consumer_key = "ck-SECRET-1"
consumer_secret = "cs-SECRET-2"
access_token = "1-at-SECRET-3"
access_token_secret = "ats-SECRET-4"
"#;

/// A sandbox with [`COMPLETION_CONFIG`] as its config and `decoy.txt` beside it, where plain
/// filename completion would find it.
fn completion_sandbox() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.write_config(COMPLETION_CONFIG);
    sandbox.file("decoy.txt", "");
    sandbox
}

/// What `shell`'s completion, as installed from `completions/`, offers for `words` (the last
/// one being completed), run in `sandbox` with the binary first on PATH. `None` when the shell
/// is not installed.
fn completes_in(shell: &str, sandbox: &Sandbox, words: &[&str]) -> Option<Vec<String>> {
    if !have(shell) {
        eprintln!("skipped: {shell} is not installed");
        return None;
    }
    let dir = format!("{}/completions", env!("CARGO_MANIFEST_DIR"));
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let last = words.len() - 1;
    let (program, args): (String, Vec<String>) = match shell {
        "bash" => (
            format!(
                "source '{dir}/twprofile.bash'; COMP_WORDS=({}); COMP_CWORD={last}; COMP_TYPE=9; COMP_LINE='{}'; _clap_complete_twprofile twprofile '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
                quoted.join(" "),
                words.join(" "),
                words[last],
                words[last.saturating_sub(1)],
            ),
            vec!["-c".into()],
        ),
        // Autoloaded from `fpath`, as the README installs it, and called as the first TAB
        // would; `_describe` and `compdef` stand in for the completion system's, printing what
        // would be offered.
        "zsh" => (
            format!(
                "compdef() {{ :; }}; _describe() {{ shift 2; print -rl -- \"${{(@P)1}}\"; }}; fpath=('{dir}' $fpath); autoload -U _twprofile; words=({}); CURRENT={}; _twprofile",
                quoted.join(" "),
                words.len(),
            ),
            vec!["-f".into(), "-c".into()],
        ),
        "fish" => (
            format!(
                "source '{dir}/twprofile.fish'; complete --do-complete '{}'",
                words.join(" ")
            ),
            vec!["--no-config".into(), "-c".into()],
        ),
        _ => unreachable!("{shell}"),
    };
    let binary_dir = std::path::Path::new(env!("CARGO_BIN_EXE_twprofile"))
        .parent()
        .expect("dir");
    let path = std::env::join_paths(std::iter::once(binary_dir.to_owned()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .expect("PATH");
    let out = Command::new(shell)
        .args(args)
        .arg(&program)
        .env_clear()
        .env("HOME", sandbox.home())
        .env("XDG_CONFIG_HOME", sandbox.home().join("xdg"))
        .env("PATH", path)
        .current_dir(sandbox.home())
        .output()
        .expect("shell");
    let (stdout, stderr) = texts(&out);
    for secret in ["SECRET", "\u{1b}"] {
        assert!(
            !stdout.contains(secret) && !stderr.contains(secret),
            "{stdout}{stderr}"
        );
    }
    // zsh shows `value:help`, fish `value<TAB>help`: the value is what is inserted.
    Some(
        stdout
            .lines()
            .filter(|l| !l.is_empty())
            .map(|l| l.split(['\t', ':']).next().unwrap_or(l).to_owned())
            .collect(),
    )
}

#[test]
fn account_names_complete_from_the_config_in_bash_zsh_and_fish() {
    let sandbox = completion_sandbox();
    let mut ran = 0;
    for shell in ["bash", "zsh", "fish"] {
        let completes = |words: &[&str]| completes_in(shell, &sandbox, words);
        let Some(after_a) = completes(&["twprofile", "-a", ""]) else {
            continue;
        };
        ran += 1;
        // The default first; no name a shell would split or a terminal obey; no files.
        assert_eq!(after_a, ["work", "alice"], "{shell}");
        assert_eq!(
            completes(&["twprofile", "show", "--account", "al"]).unwrap_or_default(),
            ["alice"],
            "{shell}"
        );
        assert_eq!(
            completes(&["twprofile", "accounts", "default", ""]).unwrap_or_default(),
            ["work", "alice"],
            "{shell}"
        );
        assert_eq!(
            completes(&["twprofile", "accounts", "rename", "w"]).unwrap_or_default(),
            ["work"],
            "{shell}"
        );
        // The new name is the user's to type.
        assert_eq!(
            completes(&["twprofile", "accounts", "rename", "work", ""]).unwrap_or_default(),
            Vec::<String>::new(),
            "{shell}"
        );
        // Flags when a `-` is typed.
        assert!(
            completes(&["twprofile", "accounts", "default", "--"])
                .unwrap_or_default()
                .contains(&"--help".to_owned()),
            "{shell}"
        );
    }
    // The CI machine has all three; a skipped shell is said above.
    assert!(ran > 0, "no shell to complete in");
}

#[test]
fn completion_reads_the_config_the_line_names() {
    let sandbox = completion_sandbox();
    sandbox.file(
        "other.toml",
        COMPLETION_CONFIG
            .replace("accounts.alice", "accounts.bob")
            .replace("default_account = \"work\"\n", ""),
    );
    let other = sandbox.home().join("other.toml");
    let other = other.to_str().expect("utf-8");
    let Some(names) = completes_in(
        "bash",
        &sandbox,
        &["twprofile", "--config", other, "-a", ""],
    ) else {
        return;
    };
    assert_eq!(names, ["bob", "work"]);
    let with_equals = format!("--config={other}");
    assert_eq!(
        completes_in(
            "bash",
            &sandbox,
            &["twprofile", "show", &with_equals, "-a", "b"]
        ),
        Some(vec!["bob".to_owned()])
    );
    // Where the shell shows a description (fish, zsh), the default says it is.
    let out = sandbox
        .std_cmd()
        .current_dir(sandbox.home())
        .env("TWPROFILE_COMPLETE", "fish")
        .args(["--", "twprofile", "-a", ""])
        .output()
        .expect("run");
    assert_eq!(texts(&out).0, "work\tthe default account\nalice\n");
    // `~/` on the line is the home directory, as the shell will make it.
    assert_eq!(
        completes_in(
            "bash",
            &sandbox,
            &["twprofile", "--config", "~/other.toml", "-a", "b"]
        ),
        Some(vec!["bob".to_owned()])
    );
    // No config: nothing offered, and no error on the terminal.
    assert_eq!(
        completes_in(
            "bash",
            &sandbox,
            &["twprofile", "--config", "missing.toml", "-a", ""]
        ),
        Some(Vec::new())
    );
}

#[test]
fn completion_offers_commands_keys_and_files_where_each_is_wanted() {
    let sandbox = completion_sandbox();
    for shell in ["bash", "zsh", "fish"] {
        let completes = |words: &[&str]| completes_in(shell, &sandbox, words).unwrap_or_default();
        if !have(shell) {
            continue;
        }
        let commands = completes(&["twprofile", ""]);
        assert!(
            commands.contains(&"apply".to_owned()),
            "{shell}: {commands:?}"
        );
        assert!(
            !commands.iter().any(|c| c.starts_with('-')),
            "{shell}: {commands:?}"
        );
        assert_eq!(
            completes(&["twprofile", "show", "--field", "descr"]),
            ["description"]
        );
        assert!(
            completes(&["twprofile", "show", "--field", ""])
                .contains(&"followers_count".to_owned())
        );
        assert!(!completes(&["twprofile", "-a", "d"]).contains(&"decoy.txt".to_owned()));
        for words in [
            &["twprofile", "image", ""][..],
            &["twprofile", "banner", "de"],
            &["twprofile", "apply", "de"],
            &["twprofile", "--description-file", "de"],
        ] {
            assert!(
                completes(words).contains(&"decoy.txt".to_owned()),
                "{shell}: {words:?}"
            );
        }
        assert!(completes(&["twprofile", "image", "--d"]).contains(&"--dry-run".to_owned()));
    }
}

#[test]
fn only_its_own_variable_asks_for_completions() {
    let sandbox = completion_sandbox();
    let version_with = |name: &str, value: &str| {
        let out = sandbox
            .std_cmd()
            .env(name, value)
            .arg("--version")
            .output()
            .expect("run");
        texts(&out).0
    };
    let version = format!("twprofile {}\n", env!("CARGO_PKG_VERSION"));
    // clap's usual `COMPLETE`, set for something else in a cron job, changes nothing.
    assert_eq!(version_with("COMPLETE", "bash"), version);
    // Set but empty is unset.
    assert_eq!(version_with("TWPROFILE_COMPLETE", ""), version);
    // Left in the environment, it does not stop a command from running.
    assert_eq!(version_with("TWPROFILE_COMPLETE", "fish"), version);
    // Asked as the scripts ask, it answers instead of running.
    let out = sandbox
        .std_cmd()
        .env("TWPROFILE_COMPLETE", "fish")
        .output()
        .expect("run");
    assert!(texts(&out).0.contains("TWPROFILE_COMPLETE=fish"));
    // Asked for a shell it has no script for: a usage error that names the ones it has.
    let out = sandbox
        .std_cmd()
        .env("TWPROFILE_COMPLETE", "tcsh")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        texts(&out),
        (
            String::new(),
            "error: TWPROFILE_COMPLETE: unknown shell `tcsh`, expected one of `bash`, `zsh`, `fish`\n"
                .to_owned()
        )
    );
}

/// Every long flag of every command, as clap knows them.
fn all_long_flags() -> Vec<String> {
    fn walk(cmd: &clap::Command, out: &mut Vec<String>) {
        for arg in cmd.get_arguments() {
            if let Some(long) = arg.get_long() {
                out.push(format!("--{long}"));
            }
        }
        for sub in cmd.get_subcommands() {
            walk(sub, out);
        }
    }
    let mut out = Vec::new();
    walk(&Cli::command(), &mut out);
    out.sort();
    out.dedup();
    out
}

#[test]
fn the_man_page_covers_every_flag_and_section() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&["man"]);
    assert_eq!(out.status.code(), Some(0));
    let page = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(page.contains("\n.TH twprofile 1 "), "no .TH header");
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH OPTIONS",
        ".SH COMMANDS",
        ".SH CONFIGURATION",
        ".SH ENVIRONMENT",
        ".SH \"EXIT STATUS\"",
        ".SH EXAMPLES",
    ] {
        assert!(page.contains(section), "{section} missing");
    }
    let flags = all_long_flags();
    assert!(flags.len() > 25, "{flags:?}");
    for flag in flags {
        let roff = flag.replace('-', "\\-");
        assert!(
            page.contains(&format!("\\fB{roff}\\fR")),
            "{flag} missing from the man page"
        );
    }
    for variable in [
        "TWPROFILE_API_BASE",
        "TWPROFILE_ACCESS_TOKEN_SECRET",
        "NO_COLOR",
    ] {
        assert!(page.contains(variable), "{variable} missing");
    }
}

/// man-db's `--warnings` (Linux; macOS's man is mandoc's or BSD's).
#[cfg(target_os = "linux")]
#[test]
fn man_renders_the_page_without_warnings() {
    let sandbox = Sandbox::new();
    let page = sandbox.run(&["man"]).stdout;
    let mut man = Command::new("man")
        .args(["--warnings", "-l", "-"])
        .env("MANWIDTH", "80")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("man (from man-db) must be installed; .ci/run installs it");
    man.stdin
        .take()
        .expect("stdin")
        .write_all(&page)
        .expect("write page");
    let out = man.wait_with_output().expect("man");
    let (rendered, warnings) = texts(&out);
    assert!(out.status.success(), "{warnings}");
    assert_eq!(warnings, "", "man warned");
    assert!(rendered.contains("EXIT STATUS"));
    assert!(rendered.contains("twprofile auth login"));
}

#[test]
fn global_flags_mean_the_same_in_every_command() {
    let cmd = Cli::command();
    fn find<'a>(cmd: &'a clap::Command, path: &[&str]) -> &'a clap::Command {
        path.iter()
            .fold(cmd, |c, name| c.find_subcommand(name).expect("subcommand"))
    }
    let mut built = cmd.clone();
    built.build();
    for path in [
        &["show"][..],
        &["auth", "login"],
        &["auth", "status"],
        &["accounts"],
        &["image"],
        &["banner"],
    ] {
        let sub = find(&built, path);
        for flag in [
            "json", "quiet", "verbose", "account", "config", "color", "timeout",
        ] {
            let arg = sub
                .get_arguments()
                .find(|a| a.get_long() == Some(flag))
                .unwrap_or_else(|| panic!("{path:?} lacks --{flag}"));
            assert!(
                arg.is_global_set(),
                "{path:?} --{flag} is not the global one"
            );
        }
    }
}

// Colour.

fn colours(envs: &[(&str, &str)], args: &[&str]) -> bool {
    let (_api, sandbox) = setup();
    let mut cmd = sandbox.cmd();
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd
        .args(args)
        .args(["--name", "Hue"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", texts(&out).1);
    texts(&out).0.contains('\x1b')
}

#[test]
fn colour_conventions_into_a_pipe() {
    assert!(!colours(&[], &[]), "colour into a pipe");
    assert!(colours(&[("CLICOLOR_FORCE", "1")], &[]));
    assert!(!colours(&[("CLICOLOR_FORCE", "0")], &[]));
    assert!(!colours(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")], &[]));
    assert!(colours(&[("NO_COLOR", "1")], &["--color", "always"]));
    assert!(!colours(&[("CLICOLOR_FORCE", "1")], &["--color", "never"]));
}

/// Runs the update under a pseudo-terminal (util-linux `script`) and says whether the output
/// was coloured.
#[cfg(target_os = "linux")]
fn colours_on_a_terminal(envs: &[(&str, &str)]) -> bool {
    let (_api, sandbox) = setup();
    let command = format!("{} --name Hue", env!("CARGO_BIN_EXE_twprofile"));
    let mut script = Command::new("script");
    script
        .args(["-qec", &command, "/dev/null"])
        .env_clear()
        .env("HOME", sandbox.home())
        .env("XDG_CONFIG_HOME", sandbox.home().join("xdg"))
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .stdin(Stdio::null());
    for (k, v) in envs {
        script.env(k, v);
    }
    let out = script
        .output()
        .expect("script (util-linux) must be installed");
    let (stdout, stderr) = texts(&out);
    assert!(stdout.contains("Updated"), "{stdout}{stderr}");
    stdout.contains('\x1b')
}

#[cfg(target_os = "linux")]
#[test]
fn colour_conventions_on_a_terminal() {
    assert!(colours_on_a_terminal(&[("TERM", "xterm-256color")]));
    assert!(!colours_on_a_terminal(&[
        ("TERM", "xterm-256color"),
        ("NO_COLOR", "1")
    ]));
    assert!(!colours_on_a_terminal(&[("TERM", "dumb")]));
    assert!(!colours_on_a_terminal(&[
        ("TERM", "xterm"),
        ("CLICOLOR", "0")
    ]));
    assert!(colours_on_a_terminal(&[
        ("TERM", "dumb"),
        ("CLICOLOR_FORCE", "1")
    ]));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let (api, sandbox) = setup();
    // The reader goes away before the tool writes a byte, as `| head -0` would.
    let mut child = Command::new(env!("CARGO_BIN_EXE_twprofile"))
        .args(["show", "--json"])
        .env_clear()
        .env("HOME", sandbox.home())
        .env("XDG_CONFIG_HOME", sandbox.home().join("xdg"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    let (_, stderr) = texts(&out);
    assert_eq!(stderr, "", "a broken pipe printed something");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(api.requests().len(), 1);
}

#[test]
fn show_into_head_exits_quietly() {
    let (_api, sandbox) = setup();
    let command = format!(
        "set -o pipefail; {} show | head -1",
        env!("CARGO_BIN_EXE_twprofile")
    );
    let out = Command::new("bash")
        .args(["-c", &command])
        .env_clear()
        .env("HOME", sandbox.home())
        .env("XDG_CONFIG_HOME", sandbox.home().join("xdg"))
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .output()
        .expect("bash");
    let (stdout, stderr) = texts(&out);
    assert_eq!(stdout, "Alice @alice\n");
    assert_eq!(stderr, "");
    assert!(out.status.success());
}

#[cfg(unix)]
#[test]
fn usage_errors_follow_the_colour_flag() {
    let sandbox = Sandbox::new();
    // Into a pipe: plain unless forced.
    let out = sandbox.run(&["--bogus"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!texts(&out).1.contains('\x1b'));
    let out = sandbox.run(&["--bogus", "--color", "always"]);
    assert!(texts(&out).1.contains('\x1b'), "--color always was ignored");
    // On a terminal: coloured, unless told not to.
    for (args, coloured) in [
        (&["--bogus"][..], true),
        (&["--bogus", "--color=never"], false),
    ] {
        let pty = support::pty::Pty::open();
        let mut cmd = sandbox.std_cmd();
        cmd.args(args).env("TERM", "xterm-256color");
        pty.attach(&mut cmd);
        assert_eq!(cmd.status().expect("run").code(), Some(2));
        let screen = pty.wait_for("For more information");
        assert_eq!(screen.contains('\x1b'), coloured, "{args:?}: {screen:?}");
    }
}

#[cfg(unix)]
#[test]
fn help_at_a_terminal_is_coloured_and_wrapped_to_it_up_to_100_columns() {
    let sandbox = Sandbox::new();
    let plain = texts(&sandbox.run(&["--help"])).0;
    let widest = |text: &str| text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!((90..=100).contains(&widest(&plain)), "{plain}");
    for (columns, flag) in [(60, "--help"), (100, "--help"), (160, "--help"), (70, "-h")] {
        let pty = support::pty::Pty::open();
        pty.resize(columns, 40);
        let mut cmd = sandbox.std_cmd();
        cmd.arg(flag).env("TERM", "xterm-256color");
        pty.attach(&mut cmd);
        assert_eq!(cmd.status().expect("run").code(), Some(0));
        let screen = pty.wait_for("9 plan or credits").replace("\r\n", "\n");
        assert!(
            screen.contains("\x1b["),
            "not coloured at {columns}: {screen:?}"
        );
        let bare = strip_ansi(&screen);
        let limit = usize::from(columns).min(100);
        assert!(widest(&bare) <= limit, "wider than {limit}:\n{bare}");
        assert!(
            widest(&bare) > limit - 12,
            "not wrapped to {limit}:\n{bare}"
        );
        if flag == "--help" && columns >= 100 {
            assert_eq!(bare.trim_end(), plain.trim_end(), "at {columns} columns");
        }
    }
    // COLUMNS, where no terminal says otherwise, as clap reads it.
    let out = sandbox
        .cmd()
        .env("COLUMNS", "72")
        .arg("--help")
        .output()
        .expect("run");
    let text = texts(&out).0;
    assert!((60..=72).contains(&widest(&text)), "{text}");
}

/// Text without its SGR colour sequences.
fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn global_options_work_before_the_subcommand_and_update_flags_only_without_one() {
    let (api, sandbox) = setup();
    let out = sandbox.run(&["-q", "--json", "show", "--field", "name"]);
    assert_eq!(out.status.code(), Some(0), "{}", texts(&out).1);
    assert_eq!(out.stdout, b"");
    let out = sandbox.run(&["--json", "show", "--field", "name"]);
    assert_eq!(texts(&out).0, "{\n  \"name\": \"Alice\"\n}\n");
    let out = sandbox.run(&["--name", "x", "show"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        texts(&out)
            .1
            .contains("error: --name belongs to the bare update and cannot be used with `show`")
    );
    assert_eq!(api.requests().len(), 2);
}

#[test]
fn a_bare_twprofile_shows_the_usage_and_three_examples() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&[]);
    assert_eq!(out.status.code(), Some(2));
    let (stdout, stderr) = texts(&out);
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("Usage: twprofile [OPTIONS] [COMMAND]"),
        "{stderr}"
    );
    assert_eq!(stderr.matches("\n  twprofile ").count(), 3, "{stderr}");
}

#[test]
fn help_says_what_each_command_prints_and_refuses_nonsense() {
    let sandbox = Sandbox::new();
    let help = |args: &[&str]| texts(&sandbox.run(args)).0;
    assert!(help(&["accounts", "--help"]).contains("Print the accounts and the default as JSON"));
    assert!(help(&["auth", "login", "--help"]).contains("The name to save the account under"));
    assert!(!help(&["man", "--help"]).contains("--json"));
    for path in [
        &["show"][..],
        &["accounts"],
        &["auth", "login"],
        &["auth", "status"],
        &["image"],
        &["banner"],
        &["completions"],
        &["man"],
    ] {
        let text = help(&[path, &["--help"]].concat());
        assert!(text.contains("\nExamples:\n"), "{path:?} has no examples");
    }
    let out = sandbox.run(&["show", "--timeout", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        texts(&out)
            .1
            .contains("invalid value '0' for '--timeout <SECS>': must be at least 1")
    );
    let out = sandbox.run(&["banner", "--remove", "--width", "3"]);
    assert_eq!(out.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn help_into_a_file_is_plain_even_with_a_terminal_on_stderr() {
    let sandbox = Sandbox::new();
    let pty = support::pty::Pty::open();
    let file = sandbox.home().join("help.txt");
    let mut cmd = sandbox.std_cmd();
    cmd.arg("--help").env("TERM", "xterm-256color");
    pty.attach(&mut cmd);
    cmd.stdout(std::fs::File::create(&file).expect("file"));
    assert_eq!(cmd.status().expect("run").code(), Some(0));
    let help = std::fs::read_to_string(&file).expect("help");
    assert!(help.contains("Usage: twprofile"), "{help}");
    assert!(!help.contains('\x1b'), "escape codes in a file");
}

#[test]
fn help_that_cannot_be_written_is_an_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_twprofile"))
        .arg("--help")
        .stdout(
            std::fs::File::options()
                .write(true)
                .open("/dev/full")
                .expect("/dev/full"),
        )
        .stderr(Stdio::piped())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(texts(&out).1.contains("error: writing to stdout"));
}
