//! Shell completions and the man page, generated from the one clap definition.

use clap_complete::Shell;
use roff::{Roff, bold, italic, roman};

use crate::cli;
use crate::config;
use crate::error::{self, Kind};

/// The user-object keys `show --field` offers to complete (any key is accepted).
const FIELD_KEYS: &[&str] = &[
    "name",
    "screen_name",
    "description",
    "url",
    "location",
    "followers_count",
    "friends_count",
    "listed_count",
    "statuses_count",
    "favourites_count",
    "created_at",
    "id_str",
    "protected",
    "verified",
    "profile_image_url_https",
    "profile_banner_url",
];

/// The variable that asks the binary for completions, as the scripts for bash, zsh and fish
/// call it on each TAB. A name of its own, not clap's usual `COMPLETE`: an unrelated `COMPLETE`
/// in a cron job's environment must not turn an update into printing a script.
pub const COMPLETE_VAR: &str = "TWPROFILE_COMPLETE";

/// The command completion walks: the one definition, with the user-object keys offered after
/// `show --field` and the config's account names after `-a`, `accounts default` and
/// `accounts rename`.
fn completion_command() -> clap::Command {
    use clap_complete::engine::{ArgValueCandidates, ArgValueCompleter};
    // `mut_args`, not `mut_arg`: the latter moves the argument last, and a positional's place
    // is its order.
    fn add(cmd: clap::Command, id: &str, ext: impl clap::builder::ArgExt + Clone) -> clap::Command {
        cmd.mut_args(|a| {
            if a.get_id() == id {
                a.add(ext.clone())
            } else {
                a
            }
        })
    }
    let accounts = ArgValueCompleter::new(account_names);
    let keys = ArgValueCandidates::new(|| FIELD_KEYS.iter().map(|k| (*k).into()).collect());
    add(cli::command(), "account", accounts.clone())
        .mut_subcommand("show", |show| add(show, "fields", keys))
        .mut_subcommand("accounts", |sub| {
            sub.mut_subcommand("default", |d| add(d, "name", accounts.clone()))
                .mut_subcommand("rename", |r| add(r, "old", accounts.clone()))
        })
}

/// Answers a completion request and exits, when the shell's script made one (see
/// [`COMPLETE_VAR`]); otherwise returns at the cost of one variable lookup.
pub fn complete_if_asked() {
    if std::env::var_os(COMPLETE_VAR).is_none() {
        return;
    }
    // The scripts call `twprofile -- WORDS…`, and registration is `twprofile` alone: the
    // variable left in an environment does not turn `twprofile apply --check` into printing a
    // script and exiting 0.
    let mut args = std::env::args_os().skip(1);
    match args.next() {
        None => {}
        Some(first) if first == "--" => {}
        Some(_) => return,
    }
    use clap_complete::env::{Bash, Fish, Shells, Zsh};
    let asked = clap_complete::CompleteEnv::with_factory(completion_command)
        .var(COMPLETE_VAR)
        .shells(Shells(&[
            &FlagsWhenAsked(Bash),
            &FlagsWhenAsked(Zsh),
            &FlagsWhenAsked(Fish),
        ]))
        .try_complete(std::env::args_os(), std::env::current_dir().ok().as_deref());
    match asked {
        Ok(false) => {}
        Ok(true) => std::process::exit(0),
        Err(e) => {
            let text = e.to_string();
            let text = text.trim().trim_start_matches("error: ");
            crate::stderr::labelled("error", &format!("{COMPLETE_VAR}: {text}"));
            std::process::exit(i32::from(Kind::Usage.code()));
        }
    }
}

/// A shell's completer that offers flags only once a `-` is typed: `accounts default <TAB>`
/// lists accounts and `image <TAB>` files, not forty flags after them.
struct FlagsWhenAsked<S>(S);

impl<S: clap_complete::env::EnvCompleter> clap_complete::env::EnvCompleter for FlagsWhenAsked<S> {
    fn name(&self) -> &'static str {
        self.0.name()
    }

    fn is(&self, name: &str) -> bool {
        self.0.is(name)
    }

    fn write_registration(
        &self,
        var: &str,
        name: &str,
        bin: &str,
        completer: &str,
        buf: &mut dyn std::io::Write,
    ) -> Result<(), std::io::Error> {
        self.0.write_registration(var, name, bin, completer, buf)
    }

    fn write_complete(
        &self,
        cmd: &mut clap::Command,
        args: Vec<std::ffi::OsString>,
        current_dir: Option<&std::path::Path>,
        buf: &mut dyn std::io::Write,
    ) -> Result<(), std::io::Error> {
        // The word being completed: bash and zsh name its place, fish passes it last.
        let place = std::env::var("_CLAP_COMPLETE_INDEX")
            .ok()
            .and_then(|i| i.parse::<usize>().ok());
        let typed = place
            .map_or(args.last(), |i| args.get(i))
            .is_some_and(|word| word.to_string_lossy().starts_with('-'));
        let mut all = Vec::new();
        self.0.write_complete(cmd, args, current_dir, &mut all)?;
        if typed {
            return buf.write_all(&all);
        }
        // Candidates are separated as the script asked (`_CLAP_IFS`), else one per line.
        let ifs = std::env::var("_CLAP_IFS").unwrap_or_else(|_| "\n".to_owned());
        let all = String::from_utf8_lossy(&all);
        let shown: Vec<&str> = all
            .split(ifs.as_str())
            .filter(|c| !c.starts_with('-'))
            .collect();
        buf.write_all(shown.join(ifs.as_str()).as_bytes())
    }
}

/// The account names in the config file that start with what is typed, the default first
/// marked as such. The file is the one a run would read: `--config` on the line being
/// completed, else `TWPROFILE_CONFIG`, else the usual place. Nothing is offered when it cannot
/// be read, and no name that a shell would split or that could move the terminal.
fn account_names(typed: &std::ffi::OsStr) -> Vec<clap_complete::CompletionCandidate> {
    let typed = typed.to_string_lossy();
    let env = config::Environment::from_process();
    let flag = config_on_line(std::env::args_os());
    let Ok(path) = config::config_path(flag.as_deref(), &env) else {
        return Vec::new();
    };
    let Ok(Some(file)) = config::load(&path) else {
        return Vec::new();
    };
    let default = file.default_account();
    let mut names: Vec<&str> = file
        .account_names()
        .into_iter()
        .filter(|name| name.starts_with(typed.as_ref()) && plain_name(name))
        .collect();
    names.sort_by_key(|name| Some(*name) != default);
    names
        .into_iter()
        .map(|name| {
            let candidate = clap_complete::CompletionCandidate::new(name);
            if Some(name) == default {
                candidate.help(Some("the default account".into()))
            } else {
                candidate
            }
        })
        .collect()
}

/// The `--config` given on the line being completed, if any. The scripts call
/// `twprofile -- WORDS…`: nothing before the words could be a `--config`.
fn config_on_line(
    mut args: impl Iterator<Item = std::ffi::OsString>,
) -> Option<std::path::PathBuf> {
    let mut found = None;
    while let Some(word) = args.next() {
        if word == "--config" {
            found = args.next().map(std::path::PathBuf::from);
        } else if let Some(path) = word.to_str().and_then(|w| w.strip_prefix("--config=")) {
            found = Some(path.into());
        }
    }
    // The shell expands `~/` when the command runs; on the line being completed it is as typed.
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty());
    found
        .map(|path| match (path.strip_prefix("~"), &home) {
            (Ok(rest), Some(home)) => std::path::Path::new(home).join(rest),
            _ => path,
        })
        .filter(|p| !p.as_os_str().is_empty())
}

/// A name safe to offer: letters, digits and `-_.@+`, nothing a shell would split or a
/// terminal obey.
fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '@' | '+'))
}

/// The end of the zsh script: see [`completions`].
const ZSH_FIRST_TAB: &str = r#"if [ "$funcstack[1]" = "_twprofile" ]; then
    _clap_dynamic_completer_twprofile "$@"
fi
"#;

/// The completion script for `shell`: for bash, zsh and fish a small script that asks the
/// binary on each TAB (so account names come from the config file); for PowerShell and elvish
/// the whole tree, written out.
pub fn completions(shell: Shell) -> Vec<u8> {
    use clap_complete::env::EnvCompleter;
    let dynamic: Option<&dyn EnvCompleter> = match shell {
        Shell::Bash => Some(&clap_complete::env::Bash),
        Shell::Zsh => Some(&clap_complete::env::Zsh),
        Shell::Fish => Some(&clap_complete::env::Fish),
        _ => None,
    };
    let mut out = Vec::new();
    if let Some(dynamic) = dynamic {
        // Writing to a Vec cannot fail.
        let _ = dynamic.write_registration(
            COMPLETE_VAR,
            "twprofile",
            "twprofile",
            "twprofile",
            &mut out,
        );
        if shell == Shell::Zsh {
            // Autoloaded from `fpath` as `_twprofile`, the file is the first TAB's completion
            // function: complete then, not only from the second TAB on.
            out.extend_from_slice(ZSH_FIRST_TAB.as_bytes());
        }
        return out;
    }
    // Completion offers the usual keys; parsing still takes any key and names close ones.
    let mut cmd = cli::command().mut_subcommand("show", |show| {
        show.mut_arg("fields", |field| {
            field.value_parser(clap::builder::PossibleValuesParser::new(FIELD_KEYS))
        })
    });
    clap_complete::generate(shell, &mut cmd, "twprofile", &mut out);
    out
}

/// The whole man page: the update and its options, every other command with its own options,
/// then the config file, the environment, exit statuses and examples.
pub fn man_page() -> Result<Vec<u8>, std::io::Error> {
    let mut cmd = cli::command();
    cmd.build();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    out.extend_from_slice(DESCRIPTION.as_bytes());
    man.render_options_section(&mut out)?;

    out.extend_from_slice(b".SH COMMANDS\n");
    for sub in leaves(&cmd) {
        // The global options are described once, above.
        let sub = sub.mut_args(|a| if a.is_global_set() { a.hide(true) } else { a });
        let page = clap_mangen::Man::new(sub.clone());
        let name = sub.get_bin_name().unwrap_or_else(|| sub.get_name());
        out.extend_from_slice(format!(".SS \"{name}\"\n").as_bytes());
        let mut part = Vec::new();
        page.render_synopsis_section(&mut part)?;
        page.render_description_section(&mut part)?;
        if sub.get_arguments().any(|a| !a.is_hide_set()) {
            page.render_options_section(&mut part)?;
        }
        // Fold the sub-page's sections into this subsection.
        let part = String::from_utf8_lossy(&part)
            .replace(".SH SYNOPSIS\n", "")
            .replace(".SH DESCRIPTION\n", ".PP\n")
            .replace(".SH OPTIONS\n", ".PP\n");
        out.extend_from_slice(part.as_bytes());
        // The command's examples, as its --help shows them.
        if let Some(after) = sub.get_after_help() {
            let mut roff = Roff::new();
            roff.control("PP", []);
            roff.control("nf", []);
            for line in after.to_string().lines() {
                roff.text([roman(line)]);
            }
            roff.control("fi", []);
            roff.to_writer(&mut out)?;
        }
    }

    let mut roff = Roff::new();
    roff.control("SH", ["CONFIGURATION"]);
    roff.text([
        roman("The config file is "),
        bold("--config"),
        roman(", else "),
        bold("$TWPROFILE_CONFIG"),
        roman(", else "),
        italic("$XDG_CONFIG_HOME/twprofile/config.toml"),
        roman(" (falling back to "),
        italic("~/.config/twprofile/config.toml"),
        roman("; on macOS "),
        italic("~/Library/Application Support/twprofile/config.toml"),
        roman(", on Windows "),
        italic("%APPDATA%\\twprofile\\config\\config.toml"),
        roman("). "),
        bold("twprofile auth login"),
        roman(" writes it with mode 0600; a file readable by group or others gets a warning."),
    ]);
    roff.control("PP", []);
    roff.control("nf", []);
    for line in CONFIG_EXAMPLE.lines() {
        roff.text([roman(line)]);
    }
    roff.control("fi", []);
    roff.control("PP", []);
    roff.text([roman(
        "The account is --account, else $TWPROFILE_ACCOUNT, else default_account, else the only account.",
    )]);

    roff.control("SH", ["ENVIRONMENT"]);
    for (name, text) in crate::config::VARIABLES {
        roff.control("TP", []);
        roff.text([bold(*name)]);
        roff.text([roman(*text)]);
    }

    roff.control("SH", ["EXIT STATUS"]);
    let codes = std::iter::once((0, error::SUCCESS.to_owned()))
        .chain(Kind::ALL.iter().map(|k| (k.code(), k.meaning())));
    for (code, text) in codes {
        roff.control("TP", []);
        roff.text([bold(code.to_string())]);
        roff.text([roman(text)]);
    }

    roff.control("SH", ["EXAMPLES"]);
    for (what, example) in EXAMPLES {
        roff.control("TP", []);
        roff.text([roman(*what)]);
        roff.text([bold(*example)]);
    }
    roff.to_writer(&mut out)?;
    man.render_version_section(&mut out)?;
    Ok(out)
}

/// Every command that does something, depth first: `show`, `auth login`, `auth status`, …
fn leaves(cmd: &clap::Command) -> Vec<clap::Command> {
    let mut found = Vec::new();
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        // A group such as `auth` only dispatches (its subcommand is required); `accounts` also
        // works on its own.
        if !sub.is_subcommand_required_set() {
            found.push(sub.clone());
        }
        found.extend(leaves(sub));
    }
    found
}

const DESCRIPTION: &str = ".PP
The bare command updates the profile with one OAuth 1.0a-signed call to
POST /1.1/account/update_profile.json, sending exactly the fields given. Values are sent as given,
as UTF-8; limits count Unicode scalar values. No field, a value over its limit, a NUL byte, or a
file that is not UTF-8 is a usage error and nothing is sent.
";

const CONFIG_EXAMPLE: &str = r#"default_account = "alice"          # optional with one account
api_base = "https://api.x.com"     # optional

[accounts.alice]
consumer_key = "..."
consumer_secret = "..."
access_token = "..."
access_token_secret = "...""#;

const EXAMPLES: &[(&str, &str)] = &[
    ("Log in once:", "twprofile auth login"),
    (
        "Set the bio:",
        "twprofile --description \"Keep calm and ship\"",
    ),
    (
        "Keep the bio in a file, from cron, quietly, sending only changes:",
        "0 * * * * $HOME/.cargo/bin/twprofile -q --if-changed --description-file $HOME/bio.txt",
    ),
    ("Read one field:", "twprofile show --field followers_count"),
    ("Set the picture:", "twprofile image avatar.png"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_commands_options_are_listed_under_it() {
        let page = String::from_utf8(man_page().unwrap()).unwrap();
        for (command, option) in [
            ("apply", "force\\-images"),
            ("show", "field"),
            ("banner", "offset\\-left"),
        ] {
            let section = page
                .split(&format!(".SS \"twprofile {command}\""))
                .nth(1)
                .and_then(|rest| rest.split(".SS ").next())
                .unwrap();
            assert!(
                section.contains(&format!(".TP\n\\fB\\-\\-{option}")),
                "{command}: {section}"
            );
        }
    }

    #[test]
    fn every_command_has_a_subsection() {
        let page = String::from_utf8(man_page().unwrap()).unwrap();
        for name in [
            "twprofile show",
            "twprofile auth login",
            "twprofile auth status",
            "twprofile accounts",
            "twprofile accounts default",
            "twprofile accounts rename",
            "twprofile auth logout",
            "twprofile image",
            "twprofile banner",
            "twprofile completions",
            "twprofile man",
        ] {
            assert!(page.contains(&format!(".SS \"{name}\"")), "{name} missing");
        }
    }
}
