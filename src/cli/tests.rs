//! The command line's definition, parsed.
use super::*;
use clap::CommandFactory;

#[test]
fn the_definition_is_consistent() {
    Cli::command().debug_assert();
}

#[test]
fn empty_and_hyphenated_values_are_values() {
    let cli = Cli::try_parse_from(["twprofile", "--url", "", "--name", "-dash-"]).unwrap();
    assert_eq!(cli.update.url.as_deref(), Some(""));
    assert_eq!(cli.update.name.as_deref(), Some("-dash-"));
}

#[test]
fn description_and_its_file_exclude_each_other() {
    let err = Cli::try_parse_from(["twprofile", "--description", "a", "--description-file", "b"])
        .unwrap_err();
    assert_eq!(err.kind(), clap::error::ErrorKind::ArgumentConflict);
}

#[test]
fn subcommands_take_the_global_flags_and_refuse_update_flags() {
    let cli = Cli::try_parse_from([
        "twprofile",
        "show",
        "--json",
        "-a",
        "bob",
        "--field",
        "name",
    ])
    .unwrap();
    assert!(cli.global.json);
    assert_eq!(cli.global.account.as_deref(), Some("bob"));
    assert!(
        matches!(cli.command, Some(Command::Show(ShowArgs { ref fields })) if fields == &["name"])
    );
    // Update flags before a subcommand parse; `parse` refuses them (tests/shell.rs).
    let cli = Cli::try_parse_from(["twprofile", "--name", "x", "show"]).unwrap();
    assert_eq!(cli.update.first_given(), Some("--name"));
    // Global flags work before the subcommand too.
    let cli = command()
        .try_get_matches_from(["twprofile", "-v", "--json", "-a", "bob", "show"])
        .unwrap();
    let cli = <Cli as clap::FromArgMatches>::from_arg_matches(&cli).unwrap();
    assert!(cli.global.verbose && cli.global.json);
    assert_eq!(cli.global.account.as_deref(), Some("bob"));
    assert!(matches!(cli.command, Some(Command::Show(_))));
    let cli = Cli::try_parse_from(["twprofile", "accounts", "default", "bob"]).unwrap();
    assert!(matches!(
        cli.command,
        Some(Command::Accounts(AccountsArgs { command: Some(AccountsCommand::Default { ref name }) })) if name.as_deref() == Some("bob")
    ));
}

#[test]
fn include_entities_takes_a_boolean() {
    let cli = Cli::try_parse_from(["twprofile", "--include-entities", "false"]).unwrap();
    assert_eq!(cli.update.include_entities, Some(false));
    assert!(Cli::try_parse_from(["twprofile", "--include-entities", "maybe"]).is_err());
}

#[test]
fn listed_items_fill_a_line_up_to_76_columns() {
    let a = "a".repeat(37);
    let b = "b".repeat(37);
    // 37 + ", " + 37 = 76: still one line.
    let one = super::parse::listed(&[a.clone(), b.clone()]);
    assert_eq!(one.lines().count(), 1, "{one}");
    let c = "c".repeat(38);
    let two = super::parse::listed(&[a, c]);
    assert_eq!(two.lines().count(), 2, "{two}");
    assert!(two.lines().next().unwrap().ends_with(','), "{two}");
}

#[test]
fn the_quick_version_is_claps_and_only_for_the_flag_alone() {
    let args = |words: &[&str]| -> Vec<std::ffi::OsString> {
        words.iter().map(std::ffi::OsString::from).collect()
    };
    let clap_says = command().render_version();
    for flag in ["--version", "-V"] {
        assert_eq!(
            super::parse::version_only(&args(&["twprofile", flag])).as_deref(),
            Some(clap_says.as_str())
        );
    }
    for other in [
        &["twprofile"][..],
        &["twprofile", "--version", "--json"],
        &["twprofile", "show", "--version"],
        &["twprofile", "--versio"],
        &["twprofile", "-v"],
    ] {
        assert_eq!(super::parse::version_only(&args(other)), None, "{other:?}");
    }
}

/// What clap prints for `twprofile FLAG` at `width`, plain or coloured.
fn claps_help(flag: &str, width: usize, ansi: bool) -> String {
    let error = command()
        .term_width(width)
        .try_get_matches_from(["twprofile", flag])
        .expect_err("help is an early exit");
    let rendered = error.render();
    if ansi {
        rendered.ansi().to_string()
    } else {
        rendered.to_string()
    }
}

#[test]
fn the_prerendered_help_is_what_clap_renders() {
    // TWPROFILE_BLESS_HELP=1 writes them anew from clap, after a change to the command line.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cli/help");
    let bless = std::env::var_os("TWPROFILE_BLESS_HELP").is_some();
    for ((flag, plain, ansi), name) in super::parse::PRERENDERED.iter().zip(["long", "short"]) {
        for (shipped, colored, file) in [
            (plain, false, format!("{name}.txt")),
            (ansi, true, format!("{name}.ansi.txt")),
        ] {
            let rendered = claps_help(flag, super::parse::HELP_WIDTH, colored);
            if bless {
                std::fs::write(dir.join(&file), &rendered).unwrap();
                continue;
            }
            assert!(
                *shipped == rendered,
                "src/cli/help/{file} is not what clap renders for `twprofile {flag}`: run `TWPROFILE_BLESS_HELP=1 cargo test --lib prerendered` and commit the files"
            );
        }
        assert!(bless || plain != ansi, "the coloured help has colour");
    }
}

#[test]
fn the_prerendered_help_is_only_for_the_flag_alone_at_its_width() {
    let args = |words: &[&str]| -> Vec<std::ffi::OsString> {
        words.iter().map(std::ffi::OsString::from).collect()
    };
    let width = super::parse::HELP_WIDTH;
    let help = |words: &[&str], color: bool, width: usize| {
        super::parse::prerendered_help(&args(words), color, width)
    };
    assert_eq!(
        help(&["twprofile", "--help"], false, width),
        Some(claps_help("--help", width, false).as_str())
    );
    assert_eq!(
        help(&["twprofile", "-h"], true, width),
        Some(claps_help("-h", width, true).as_str())
    );
    assert_eq!(help(&["twprofile", "--help"], false, width - 1), None);
    for other in [
        &["twprofile"][..],
        &["twprofile", "--help", "--json"],
        &["twprofile", "show", "--help"],
        &["twprofile", "--hel"],
        &["twprofile", "help"],
        &["twprofile", "-V"],
    ] {
        assert_eq!(help(other, false, width), None, "{other:?}");
    }
}
