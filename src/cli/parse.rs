//! The command line as it is shown and parsed: the derive definition with the shared options
//! worded for each command, usage errors through the sanitizer (and as JSON under `--json`).

use super::{Cli, EXAMPLES};
use crate::color::ColorWhen;
use crate::config::Environment;
use crate::error::Kind;

/// The three examples a bare `twprofile` shows with its usage.
const FIRST_STEPS: &str = "\
Examples:
  twprofile auth login                                  (once, to save an account)
  twprofile --description \"Keep calm and ship\"
  twprofile --description-file bio.txt --if-changed -q  (from cron or CI)

`twprofile --help` lists every option; `twprofile show` prints the profile.";

/// `twprofile --version` and `twprofile --help` (or `-V`, `-h`) alone are answered here and the
/// process exits, before the environment, a credential or the command tree is read or built:
/// they are what a user or an installer runs to see that the program works, and start-up is
/// all they cost (bench/README.md).
pub fn answer_at_once() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some(line) = version_only(&args) {
        print_and_exit(&line);
    }
    if args.len() == 2 {
        let color = colors(&args, &crate::color::ColorVars::from_process());
        if let Some(text) = prerendered_help(&args, color.stdout, help_width()) {
            print_and_exit(text);
        }
    }
}

/// Each stream decides for itself: help goes to stdout, errors to stderr.
fn colors(args: &[std::ffi::OsString], vars: &crate::color::ColorVars) -> Colors {
    use std::io::IsTerminal;
    let when = color_choice(args);
    Colors {
        stdout: when.decide(vars, std::io::stdout().is_terminal()),
        stderr: when.decide(vars, std::io::stderr().is_terminal()),
    }
}

/// Parses this process's command line, exiting as clap does (usage on stderr, exit 2) when it
/// is not one: bad flags, update flags with a subcommand, or nothing at all.
pub fn parse(env: &Environment) -> Cli {
    use clap::FromArgMatches;
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let color = colors(&args, &env.color);
    let mut cmd = command();
    if args.len() <= 1 {
        let about = cmd.get_about().map(ToString::to_string).unwrap_or_default();
        let usage = cmd.render_usage();
        crate::stderr::say(&format!("{about}\n\n{usage}\n\n{FIRST_STEPS}"));
        std::process::exit(2);
    }
    // `--json` anywhere before a `--`, in any spelling clap would see as the flag.
    let json = args
        .iter()
        .take_while(|a| *a != "--")
        .filter_map(|a| a.to_str())
        .any(|a| a == "--json" || a.starts_with("--json="));
    let matches = cmd
        .try_get_matches_from_mut(&args)
        .unwrap_or_else(|e| usage_error(e, json, color));
    let cli = Cli::from_arg_matches(&matches)
        .unwrap_or_else(|e| usage_error(e.format(&mut cmd), json, color));
    if let (Some(command), Some(flag)) = (&cli.command, cli.update.first_given()) {
        let e = cmd.error(
            clap::error::ErrorKind::ArgumentConflict,
            format!(
                "{flag} belongs to the bare update and cannot be used with `{}`",
                command.name()
            ),
        );
        usage_error(e, json, color);
    }
    cli
}

/// Prints help or the version on stdout and exits 0; a reader that went away is no error, a
/// full disk is (exit 1).
fn print_and_exit(text: &str) -> ! {
    if let Err(e) = crate::output::emit(text) {
        crate::stderr::labelled("error", &format!("writing to stdout: {e}"));
        std::process::exit(Kind::Failure.code().into());
    }
    std::process::exit(0);
}

/// Exits as clap does; with `--json` on the line, a usage error also ends with the JSON error
/// object, as every other failure does.
fn usage_error(e: clap::Error, json: bool, color: Colors) -> ! {
    if !e.use_stderr() {
        // --help and --version: clap's text on stdout, coloured only where stdout takes it; a
        // reader that went away is no error, a full disk is.
        let rendered = e.render();
        let text = if color.stdout {
            rendered.ansi().to_string()
        } else {
            rendered.to_string()
        };
        print_and_exit(&text);
    }
    // The message may quote the command line, which can hold anything: written through the
    // sanitizer, keeping only clap's own colours.
    let rendered = e.render();
    if color.stderr {
        crate::stderr::styled(&rendered.ansi().to_string());
    } else {
        crate::stderr::styled(&rendered.to_string());
    }
    if json {
        let rendered = rendered.to_string();
        // The first paragraph: the message and any lines it lists (missing arguments, say).
        let message = rendered
            .lines()
            .take_while(|line| !line.trim().is_empty())
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" ");
        crate::stderr::json(&crate::error::object(
            crate::error::Kind::Usage,
            message.trim_start_matches("error: "),
            None,
            None,
            &[],
        ));
    }
    std::process::exit(e.exit_code());
}

/// Whether each stream is coloured.
#[derive(Clone, Copy)]
struct Colors {
    stdout: bool,
    stderr: bool,
}

/// `--color` as the command line gives it, read before clap parses (its errors follow it too).
fn color_choice(args: &[std::ffi::OsString]) -> ColorWhen {
    let mut choice = ColorWhen::Auto;
    let mut words = args.iter().filter_map(|a| a.to_str());
    while let Some(word) = words.next() {
        let value = match word.strip_prefix("--color") {
            Some("") => words.next(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        choice = match value {
            Some("never") => ColorWhen::Never,
            Some("always") => ColorWhen::Always,
            Some(_) => ColorWhen::Auto,
            None => choice,
        };
        if word == "--" {
            break;
        }
    }
    choice
}

/// The bare command's help after its options: examples, then every variable and exit code,
/// from the tables the man page reads too.
fn after_help() -> String {
    let variables: Vec<String> = crate::config::VARIABLES
        .iter()
        .flat_map(|(names, _)| names.split(", "))
        .map(str::to_owned)
        .collect();
    let codes: Vec<String> = std::iter::once("0 ok".to_owned())
        .chain(
            Kind::ALL
                .iter()
                .map(|k| format!("{} {}", k.code(), k.short())),
        )
        .collect();
    format!(
        "{EXAMPLES}\n\nEnvironment:\n{}\n\nExit codes:\n{}",
        listed(&variables),
        listed(&codes)
    )
}

/// Items joined by commas, in indented lines under 80 columns.
pub(super) fn listed(items: &[String]) -> String {
    let mut lines = vec![String::new()];
    for item in items {
        let last = lines.last_mut().expect("one line at least");
        if !last.is_empty() && last.len() + item.len() + 2 > 76 {
            last.push(',');
            lines.push(String::new());
        } else if !last.is_empty() {
            last.push_str(", ");
        }
        lines.last_mut().expect("one line at least").push_str(item);
    }
    lines
        .iter()
        .map(|line| format!("  {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What `--json` prints, and what `-a` means, for each command: the options are shared, their
/// meaning is not.
const JSON_HELP: &[(&[&str], &str)] = &[
    (
        &["show"],
        "Print the user object as received (with --field, an object of those keys) on stdout",
    ),
    (
        &["apply"],
        "Print one JSON object a line per file: the plan, ok, whether anything changed, and any error",
    ),
    (
        &["export"],
        "Print the profile file's fields as one JSON object instead of TOML",
    ),
    (
        &["auth", "login"],
        "Print the saved account (name, screen_name, user_id, config file) as JSON on stdout",
    ),
    (
        &["auth", "status"],
        "Print the account, config file, API base and user as JSON on stdout",
    ),
    (
        &["accounts"],
        "Print the accounts and the default as JSON on stdout (after a change too)",
    ),
    (
        &["auth", "logout"],
        "Print the removed account and the config file as JSON on stdout",
    ),
    (
        &["auth"],
        "Print JSON on stdout: what, each command's help says",
    ),
    (
        &["image"],
        "Print the user object the API returned as JSON on stdout",
    ),
    (
        &["banner"],
        "Print the API's answer as JSON on stdout (the banner endpoints often answer with none)",
    ),
];

/// For `twprofile --version` (or `-V`) and nothing else, the line clap would print: printed
/// without building the whole command tree, which is most of what the process would do.
pub fn version_only(args: &[std::ffi::OsString]) -> Option<String> {
    match args {
        [_, flag] if flag == "--version" || flag == "-V" => {
            Some(format!("twprofile {}\n", env!("CARGO_PKG_VERSION")))
        }
        _ => None,
    }
}

/// The widest help is wrapped to, as clap 5 will by default: lines longer than this are hard
/// to read on a wide terminal.
pub const HELP_WIDTH: usize = 100;

/// `twprofile --help` and `-h`, as clap renders them at [`HELP_WIDTH`], plain and coloured:
/// building the whole tree and wrapping every line is most of what the process would do for
/// them. A unit test renders them again and fails when these differ.
pub(super) const PRERENDERED: [(&str, &str, &str); 2] = [
    (
        "--help",
        include_str!("help/long.txt"),
        include_str!("help/long.ansi.txt"),
    ),
    (
        "-h",
        include_str!("help/short.txt"),
        include_str!("help/short.ansi.txt"),
    ),
];

/// For `twprofile --help` or `-h` alone, at the width they were rendered for, the text clap
/// would print; `None` otherwise (clap renders it).
pub fn prerendered_help(
    args: &[std::ffi::OsString],
    color: bool,
    width: usize,
) -> Option<&'static str> {
    let [_, flag] = args else {
        return None;
    };
    let (_, plain, ansi) = PRERENDERED.iter().find(|(f, _, _)| flag == f)?;
    (width == HELP_WIDTH).then_some(if color { ansi } else { plain })
}

/// The width clap wraps help to: the terminal's (stdout, stderr or stdin), else `COLUMNS`, else
/// [`HELP_WIDTH`]; never more than that.
fn help_width() -> usize {
    let found = terminal_size::terminal_size()
        .map(|(width, _)| usize::from(width.0))
        .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok());
    found.unwrap_or(HELP_WIDTH).min(HELP_WIDTH)
}

/// The command line as parsed, shown in help and rendered in the man page and completions:
/// the derive definition, with the shared options worded for each command.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    let mut cmd = Cli::command()
        .after_help(after_help())
        .max_term_width(HELP_WIDTH);
    // Printing a script or a page takes none of the shared options: they are hidden there.
    let hidden: Vec<clap::Arg> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set())
        .map(|a| a.clone().hide(true))
        .collect();
    fn at(
        cmd: clap::Command,
        path: &[&str],
        f: &dyn Fn(clap::Command) -> clap::Command,
    ) -> clap::Command {
        match path {
            [] => f(cmd),
            [first, rest @ ..] => cmd.mut_subcommand(*first, |sub| at(sub, rest, f)),
        }
    }
    // clap gives each subcommand the global options it does not define itself: a copy with
    // other help, defined there first, is still the same option and fills the same field.
    let global = |id: &str| {
        cmd.get_arguments()
            .find(|a| a.get_id() == id)
            .cloned()
            .expect("GlobalArgs defines it")
    };
    let (json, account) = (global("json"), global("account"));
    for (path, help) in JSON_HELP {
        let json = json.clone().help(*help);
        cmd = at(cmd, path, &|sub| sub.arg(json.clone()));
    }
    let login_account =
        account.help("The name to save the account under [default: the screen name]");
    cmd = at(cmd, &["auth", "login"], &|sub| {
        sub.arg(login_account.clone())
    });
    for name in ["completions", "man"] {
        cmd = cmd.mut_subcommand(name, |sub| sub.args(hidden.clone()));
    }
    cmd
}
