//! The command line, as clap parses it. Nothing here executes anything; `parse` builds, parses
//! and reports it.

mod parse;

use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand};

use crate::color::ColorWhen;
pub use parse::{answer_at_once, command, parse};

/// The bare command's examples; `--help` adds the environment and exit codes from their tables.
const EXAMPLES: &str = "\
Examples:
  twprofile --description \"Keep calm and ship\"
  twprofile --name \"Alice\" --url \"\" --location \"Berlin\"
  twprofile --description-file bio.txt
  twprofile --template --name 'Alice · {{ user.followers_count | compact }} followers'
  0 * * * * $HOME/.cargo/bin/twprofile -q --if-changed --description-file $HOME/bio.txt";

/// Update an X (Twitter) profile: name, website, location and bio, in one signed call.
#[derive(Debug, Parser)]
#[command(name = "twprofile", version, about)]
pub struct Cli {
    /// The profile update (the bare command).
    #[command(flatten)]
    pub update: UpdateArgs,
    /// Options every command takes.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// Anything but an update.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands besides the bare update.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the current profile
    #[command(after_help = "\
Examples:
  twprofile show
  twprofile show --field description
  twprofile show --field followers_count --field friends_count
  twprofile show --json | jq .description")]
    Show(ShowArgs),
    /// Make the profile what profile files say, sending only what differs
    #[command(after_help = "\
A profile file (TOML); every key is optional and an absent one is left alone:
  account = \"alice\"                  the account to act as (-a, if given, must agree)
  screen_name = \"alice_example\"      pin: refused unless the profile read is this user's
  name = \"Alice\"                     at most 50 characters
  url = \"https://alice.dev\"          at most 100; \"\" clears it
  location = \"Berlin\"                at most 30
  description = \"Writing code.\"      at most 160; or description_file = \"bio.txt\"
  image = \"avatar.png\"               GIF, JPEG or PNG under 700 KB
  banner = \"banner.jpg\"              under 5 MB; or false to remove it; or a table:
  banner = { file = \"banner.jpg\", width = 1500, height = 500, offset_left = 0, offset_top = 0 }
  timezone = \"Europe/Berlin\"         the zone templates see `now` in (default: the system's)
  templates = false                  every value is text as written, braces and all
A value holding {{ … }} or {% … %} is a template, rendered after the one read: user (the live
profile), now, env.NAME, file(\"path\"), days_since(\"2024-01-01\"), rotate([…], every=\"day\"),
and the filters compact, fit and section (see the README's Templates). TWPROFILE_NOW fixes now.
Paths are relative to the profile file and must stay inside its directory (no absolute path,
no .., no symlink leading out) unless --root DIR widens that to DIR. Uploads are recorded in
the state file ($TWPROFILE_STATE, else state.toml in the user state dir) and sent again only
when the file or the profile's image changed.

Examples:
  twprofile apply profile.toml
  twprofile apply profile.toml --check
  twprofile apply profile.toml --dry-run
  twprofile apply bots/*.toml --json")]
    Apply(ApplyArgs),
    /// Write the current profile as a profile file
    #[command(after_help = "\
Examples:
  twprofile export > profile.toml
  twprofile export -o backup.toml --account work
  twprofile apply backup.toml")]
    Export(ExportArgs),
    /// Log in, or check the credentials in use
    #[command(
        subcommand,
        after_help = "\
Examples:
  twprofile auth login
  twprofile auth status --all
  twprofile auth logout --account old-bot"
    )]
    Auth(AuthCommand),
    /// List the accounts in the config file, or set the default
    #[command(after_help = "\
Examples:
  twprofile accounts
  twprofile accounts default work
  twprofile accounts rename work bot
  twprofile accounts --json")]
    Accounts(AccountsArgs),
    /// Set the profile picture (GIF, JPEG or PNG under 700 KB)
    #[command(after_help = "\
Examples:
  twprofile image avatar.png
  curl -s https://example.com/me.jpg | twprofile image -
  twprofile image avatar.png --dry-run")]
    Image(ImageArgs),
    /// Set or remove the profile banner (GIF, JPEG or PNG under 5 MB)
    #[command(
        override_usage = "twprofile banner [OPTIONS] <FILE>\n       twprofile banner --remove [OPTIONS]",
        after_help = "\
Examples:
  twprofile banner header.jpg
  twprofile banner header.jpg --width 1500 --height 500 --offset-left 0 --offset-top 100
  twprofile banner --remove"
    )]
    Banner(BannerArgs),
    /// Print a shell completion script on stdout
    #[command(after_help = "\
Examples:
  mkdir -p ~/.local/share/bash-completion/completions
  twprofile completions bash > ~/.local/share/bash-completion/completions/twprofile
  mkdir -p ~/.zfunc && twprofile completions zsh > ~/.zfunc/_twprofile
  twprofile completions fish > ~/.config/fish/completions/twprofile.fish")]
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) on stdout
    #[command(after_help = "\
Examples:
  twprofile man | man -l -
  mkdir -p ~/.local/share/man/man1 && twprofile man > ~/.local/share/man/man1/twprofile.1")]
    Man,
}

/// `image FILE`
#[derive(Debug, Args)]
pub struct ImageArgs {
    /// The picture ("-" for stdin)
    #[arg(value_hint = clap::ValueHint::FilePath, value_name = "FILE")]
    pub file: String,

    /// Send skip_status=true: leave the latest post out of the answer
    #[arg(long)]
    pub skip_status: bool,

    /// Send include_entities=true or false
    #[arg(long, value_name = "BOOL", action = ArgAction::Set)]
    pub include_entities: Option<bool>,

    /// Print the signed request (credentials masked, image by size) instead of sending it
    #[arg(long)]
    pub dry_run: bool,
}

/// `banner FILE [geometry]` or `banner --remove`
#[derive(Debug, Args)]
pub struct BannerArgs {
    /// The banner ("-" for stdin)
    #[arg(value_hint = clap::ValueHint::FilePath, value_name = "FILE", required_unless_present = "remove")]
    pub file: Option<String>,

    /// Width of the part of the image to show, in pixels
    #[arg(long, value_name = "W", requires = "file", conflicts_with = "remove")]
    pub width: Option<u32>,

    /// Height of the part of the image to show, in pixels
    #[arg(long, value_name = "H", requires = "file", conflicts_with = "remove")]
    pub height: Option<u32>,

    /// Left edge of the part to show, in pixels
    #[arg(long, value_name = "X", requires = "file", conflicts_with = "remove")]
    pub offset_left: Option<u32>,

    /// Top edge of the part to show, in pixels
    #[arg(long, value_name = "Y", requires = "file", conflicts_with = "remove")]
    pub offset_top: Option<u32>,

    /// Remove the banner instead of setting one
    #[arg(long, conflicts_with = "file")]
    pub remove: bool,

    /// Print the signed request (credentials masked, image by size) instead of sending it
    #[arg(long)]
    pub dry_run: bool,
}

/// `apply FILE...`
#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// Profile files (TOML), applied in turn; each may name its account; - reads one from stdin
    #[arg(value_name = "FILE", required = true, value_hint = clap::ValueHint::FilePath)]
    pub files: Vec<PathBuf>,

    /// Change nothing: print the plan and exit 8 when the profile differs, 0 when in sync
    #[arg(long, conflicts_with = "dry_run")]
    pub check: bool,

    /// Change nothing: print the plan and exit 0 whether or not the profile differs (for review)
    #[arg(long, conflicts_with_all = ["check", "dry_run"])]
    pub plan: bool,

    /// Print the plan as a Markdown table (for a pull-request comment or a job summary)
    #[arg(long)]
    pub markdown: bool,

    /// Read the profile and print the plan and the signed requests, sending no change
    #[arg(long)]
    pub dry_run: bool,

    /// Upload the picture and banner the files name even when the record says they are there
    #[arg(long)]
    pub force_images: bool,

    /// Let the files name paths anywhere under DIR, not only under their own directory
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub root: Option<PathBuf>,

    /// Apply up to N files at once over one connection pool; output stays in file order
    #[arg(short, long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub jobs: u16,
}

/// `export [-o FILE]`
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Write to FILE instead of stdout
    #[arg(short, long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub output: Option<PathBuf>,
}

/// `show`
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Print only this top-level key of the user object, one value a line (repeatable)
    #[arg(long = "field", value_name = "KEY")]
    pub fields: Vec<String>,
}

/// `auth …`
#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Add an account: authorize it with a PIN, or save the portal's tokens (--with-token)
    #[command(after_help = "\
Examples:
  twprofile auth login
  twprofile auth login --account work
  TWPROFILE_CONSUMER_KEY=… TWPROFILE_CONSUMER_SECRET=… twprofile auth login < pin.txt
  printf '%s\\n%s\\n' \"$CONSUMER_SECRET\" \"$TOKEN_SECRET\" |
    twprofile auth login --with-token --consumer-key KEY --access-token TOKEN")]
    Login(LoginArgs),
    /// Show which account and config file are in use, and check them with the API
    #[command(after_help = "\
Examples:
  twprofile auth status
  twprofile auth status --account work --json
  twprofile auth status --all")]
    Status(StatusArgs),
    /// Forget an account: remove it from the config file (-a, else the default)
    #[command(after_help = "\
Examples:
  twprofile auth logout --account old-bot
  twprofile auth logout")]
    Logout,
}

/// `auth status`
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Check every account in the config file, one line each
    #[arg(long, conflicts_with = "account")]
    pub all: bool,
}

/// `auth login`
#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Save the four values the developer portal shows instead of the PIN flow: keys from the
    /// flags or TWPROFILE_*, secrets from TWPROFILE_* or stdin (consumer secret, then access
    /// token secret, one a line)
    #[arg(long)]
    pub with_token: bool,

    /// With --with-token: the user's access token [default: $TWPROFILE_ACCESS_TOKEN]
    #[arg(long, value_name = "TOKEN", requires = "with_token")]
    pub access_token: Option<String>,

    /// Replace an account that was saved for another user
    #[arg(long)]
    pub force: bool,

    /// Keep the secrets in the OS credential store, not the config file: the first that works
    /// of the macOS Keychain, Windows Credential Manager, the Secret Service, the kernel keyring
    /// (keyutils); =STORE picks one. An account already in a store stays there without it
    #[arg(
        long,
        value_name = "STORE",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "auto",
        value_parser = ["auto", "keychain", "windows", "secret-service", "keyutils"]
    )]
    pub keyring: Option<String>,

    /// Keep the secrets in the config file, taking an account's out of the credential store
    #[arg(long, conflicts_with = "keyring")]
    pub no_keyring: bool,

    /// The app's API key [default: $TWPROFILE_CONSUMER_KEY, else a prompt]
    #[arg(long, value_name = "KEY")]
    pub consumer_key: Option<String>,

    /// The app's API key secret; visible to other users in process lists, so prefer
    /// $TWPROFILE_CONSUMER_SECRET or the prompt
    #[arg(long, value_name = "SECRET")]
    pub consumer_secret: Option<String>,
}

/// `accounts [default NAME]`
#[derive(Debug, Args)]
pub struct AccountsArgs {
    /// Set the default instead of listing
    #[command(subcommand)]
    pub command: Option<AccountsCommand>,
}

/// `accounts default NAME`, `accounts rename OLD NEW`
#[derive(Debug, Subcommand)]
pub enum AccountsCommand {
    /// Make NAME the account used when none is named; without NAME, print the default
    Default {
        /// An account in the config file
        #[arg(value_hint = clap::ValueHint::Other)]
        name: Option<String>,
    },
    /// Rename an account, keeping its comments (a default that named it is unset)
    Rename {
        /// The account's name now
        #[arg(value_hint = clap::ValueHint::Other)]
        old: String,
        /// Its new name
        #[arg(value_hint = clap::ValueHint::Other)]
        new: String,
    },
}

/// Options every command takes, before or after its name.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Account in the config file to act as [default: default_account, or the only one]
    #[arg(short = 'a', long, value_name = "NAME", global = true, value_hint = clap::ValueHint::Other)]
    pub account: Option<String>,

    /// Config file [default: $XDG_CONFIG_HOME/twprofile/config.toml]
    #[arg(value_hint = clap::ValueHint::FilePath, long, value_name = "PATH", global = true)]
    pub config: Option<PathBuf>,

    /// Print the API's user object as JSON on stdout, and nothing else
    #[arg(long, global = true)]
    pub json: bool,

    /// When to colour the output
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto, global = true)]
    pub color: ColorWhen,

    /// Report each request, status, rate limit, timing and retry on stderr
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// Print nothing on stdout on success
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Seconds each attempt may take, connecting and reading
    #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = at_least_one, global = true)]
    pub timeout: u64,

    /// Retries after a server error, network failure or rate limit
    #[arg(long, value_name = "N", default_value_t = 3, global = true)]
    pub retries: u32,

    /// Longest rate-limit reset to wait for, in seconds
    #[arg(long, value_name = "SECS", default_value_t = 60, global = true)]
    pub max_wait: u64,
}

/// The profile fields to set; a field not given is left as it is.
#[derive(Debug, Args)]
#[command(next_help_heading = "Update options")]
pub struct UpdateArgs {
    /// Display name, at most 50 characters
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub name: Option<String>,

    /// Website, at most 100 characters; "" clears it
    #[arg(long, value_name = "URL", allow_hyphen_values = true)]
    pub url: Option<String>,

    /// Location, at most 30 characters
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub location: Option<String>,

    /// Bio, at most 160 characters
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub description: Option<String>,

    /// Read the bio from a file ("-" for stdin); one trailing newline is dropped
    #[arg(value_hint = clap::ValueHint::FilePath, long, value_name = "PATH", conflicts_with = "description")]
    pub description_file: Option<String>,

    /// Send skip_status=true: leave the latest post out of the answer
    #[arg(long)]
    pub skip_status: bool,

    /// Send include_entities=true or false
    #[arg(long, value_name = "BOOL", action = ArgAction::Set)]
    pub include_entities: Option<bool>,

    /// Read the profile first; send only the fields that differ, and nothing when none do
    #[arg(long)]
    pub if_changed: bool,

    /// Print the signed request (credentials masked) instead of sending it
    #[arg(long)]
    pub dry_run: bool,

    /// Field values are templates, rendered after one read of the profile (user, now, env, file …); implies --if-changed
    #[arg(long)]
    pub template: bool,
}

/// `--timeout`: a whole number of seconds, 1 or more.
fn at_least_one(text: &str) -> Result<u64, String> {
    match text.parse::<u64>() {
        Ok(0) => Err("must be at least 1".to_owned()),
        Ok(secs) => Ok(secs),
        Err(_) => Err("must be a whole number of seconds, at least 1".to_owned()),
    }
}

impl UpdateArgs {
    /// The first update flag given, if any: they belong to the bare command only.
    pub fn first_given(&self) -> Option<&'static str> {
        let given = [
            ("--name", self.name.is_some()),
            ("--url", self.url.is_some()),
            ("--location", self.location.is_some()),
            ("--description", self.description.is_some()),
            ("--description-file", self.description_file.is_some()),
            ("--skip-status", self.skip_status),
            ("--include-entities", self.include_entities.is_some()),
            ("--if-changed", self.if_changed),
            ("--dry-run", self.dry_run),
            ("--template", self.template),
        ];
        given
            .into_iter()
            .find(|(_, set)| *set)
            .map(|(flag, _)| flag)
    }
}

impl Command {
    /// The command's name as typed, `auth login` for a nested one.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Show(_) => "show",
            Command::Apply(_) => "apply",
            Command::Export(_) => "export",
            Command::Auth(AuthCommand::Login(_)) => "auth login",
            Command::Auth(AuthCommand::Status(_)) => "auth status",
            Command::Auth(AuthCommand::Logout) => "auth logout",
            Command::Accounts(_) => "accounts",
            Command::Image(_) => "image",
            Command::Banner(_) => "banner",
            Command::Completions { .. } => "completions",
            Command::Man => "man",
        }
    }
}

#[cfg(test)]
mod tests;
