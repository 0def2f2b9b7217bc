//! Shell completions and the man page, generated from the one clap definition.

use clap_complete::Shell;
use roff::{Roff, bold, italic, roman};

use crate::cli;
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

/// The completion script for `shell`.
pub fn completions(shell: Shell) -> Vec<u8> {
    // Completion offers the usual keys; parsing still takes any key and names close ones.
    let mut cmd = cli::command().mut_subcommand("show", |show| {
        show.mut_arg("fields", |field| {
            field.value_parser(clap::builder::PossibleValuesParser::new(FIELD_KEYS))
        })
    });
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "twprofile", &mut out);
    if shell == Shell::Bash {
        let files = "COMPREPLY=($(compgen -f -- \"${cur}\"))";
        out = bash_first_word(&out, "twprofile__subcmd__image", 2, files);
        out = bash_first_word(&out, "twprofile__subcmd__banner", 2, files);
        let nothing = "COMPREPLY=()";
        out = bash_first_word(
            &out,
            "twprofile__subcmd__accounts__subcmd__default",
            3,
            nothing,
        );
    }
    out
}

/// clap's bash script offers every flag for a command's first word. `image <TAB>` wants a file
/// there and `accounts default <TAB>` an account name: `section` (the script's case for one
/// command, `depth` words in) offers flags only once a `-` is typed, and `fallback` otherwise.
fn bash_first_word(script: &[u8], section: &str, depth: u8, fallback: &str) -> Vec<u8> {
    let script = String::from_utf8_lossy(script);
    let Some(start) = script.find(&format!("        {section})")) else {
        return script.into_owned().into_bytes();
    };
    let end = script[start..]
        .find("\n            ;;\n")
        .map_or(script.len(), |at| start + at);
    let patched = script[start..end]
        .replace(
            &format!("if [[ ${{cur}} == -* || ${{COMP_CWORD}} -eq {depth} ]] ; then"),
            "if [[ ${cur} == -* ]] ; then",
        )
        .replace(
            "            COMPREPLY=( $(compgen -W \"${opts}\" -- \"${cur}\") )\n            return 0",
            &format!("            {fallback}\n            return 0"),
        );
    format!("{}{patched}{}", &script[..start], &script[end..]).into_bytes()
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
