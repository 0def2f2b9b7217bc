//! The config module's unit tests.

use super::edit::*;
use super::env::*;
use super::file::*;
use super::*;
use crate::secret::Secret;

/// Saves `name` with `creds(tag)` in the file, as a login without `--keyring` does.
fn save_plain(path: &Path, name: &str, tag: &str) -> Result<Vec<String>, Error> {
    save_account(path, name, &creds(tag), &Identity::default(), false, None)
}

fn creds(suffix: &str) -> Credentials {
    Credentials {
        consumer_key: Secret::new(format!("ck-{suffix}")),
        consumer_secret: Secret::new(format!("cs-{suffix}")),
        access_token: Secret::new(format!("at-{suffix}")),
        access_token_secret: Secret::new(format!("ats-{suffix}")),
    }
}

#[test]
fn saving_into_a_new_file_makes_the_default_and_a_private_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new/dir/config.toml");
    save_plain(&path, "alice", "a").unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("default_account = \"alice\""), "{text}");
    let session = resolve(Some(&path), None, &Environment::default()).unwrap();
    assert_eq!(session.credentials.access_token.expose(), "at-a");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let dir_mode = std::fs::metadata(path.parent().unwrap())
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(dir_mode, 0o700);
    }
}

#[test]
fn saving_keeps_comments_other_accounts_and_keys() {
    let dir = tempfile::tempdir().unwrap();
    let original = "# my twprofile config\napi_base = \"http://127.0.0.1:1\"  # the proxy\n\n[accounts.alice] # main\nconsumer_key = \"ck-a\"\nconsumer_secret = \"cs-a\"\naccess_token = \"at-a\"\naccess_token_secret = \"ats-a\"\nnote = \"kept\"\n";
    let path = write(&dir, original);
    save_plain(&path, "bob", "b").unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("# my twprofile config"), "{text}");
    assert!(text.contains("# the proxy"), "{text}");
    assert!(text.contains("[accounts.alice] # main"), "{text}");
    assert!(text.contains("note = \"kept\""), "{text}");
    assert!(text.contains("[accounts.bob]"), "{text}");
    // Alice was the implicit default; she stays the default.
    let session = resolve(Some(&path), None, &Environment::default()).unwrap();
    assert_eq!(session.account.as_deref(), Some("alice"));
    let bob = resolve(Some(&path), Some("bob"), &Environment::default()).unwrap();
    assert_eq!(bob.credentials.access_token.expose(), "at-b");
    // Logging alice in again replaces her keys and keeps her comment and extra key.
    save_plain(&path, "alice", "a2").unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("[accounts.alice] # main") && text.contains("note = \"kept\""),
        "{text}"
    );
    let alice = resolve(Some(&path), Some("alice"), &Environment::default()).unwrap();
    assert_eq!(alice.credentials.access_token.expose(), "at-a2");
}

#[test]
fn a_malformed_file_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "[accounts.alice\n");
    let err = save_plain(&path, "bob", "b").unwrap_err();
    assert!(err.to_string().contains("at line 1"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "[accounts.alice\n");
}

#[test]
fn the_default_can_be_changed() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, &format!("default_account = \"alice\" # who\n{ALICE}"));
    save_plain(&path, "bob", "b").unwrap();
    set_default_account(&path, "bob").unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("default_account = \"bob\" # who"),
        "{text}"
    );
}

fn write(dir: &tempfile::TempDir, text: &str) -> PathBuf {
    let path = dir.path().join("config.toml");
    std::fs::write(&path, text).unwrap();
    path
}

const ALICE: &str = r#"
[accounts.alice]
consumer_key = "ck-a"
consumer_secret = "cs-a"
access_token = "at-a"
access_token_secret = "ats-a"
"#;

#[test]
fn the_only_account_is_used_without_a_default() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, ALICE);
    let session = resolve(Some(&path), None, &Environment::default()).unwrap();
    assert_eq!(session.account.as_deref(), Some("alice"));
    assert_eq!(session.credentials.access_token.expose(), "at-a");
    assert_eq!(session.api_base, "https://api.x.com");
}

#[test]
fn malformed_toml_names_the_line_without_echoing_it() {
    let (line, column, message) =
        parse("default_account = \"a\"\n\n[accounts.a]\nconsumer_secret = \"s3cr3t\n")
            .err()
            .unwrap();
    assert_eq!(line, 4);
    assert!(column >= 1);
    assert!(!message.contains("s3cr3t"), "{message}");
}

#[test]
fn several_accounts_need_a_choice() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{ALICE}\n{}", ALICE.replace("alice", "bob"));
    let path = write(&dir, &text);
    let err = resolve(Some(&path), None, &Environment::default()).unwrap_err();
    assert!(err.to_string().contains("alice, bob"), "{err}");
    let env = Environment {
        account: Some("bob".into()),
        ..Environment::default()
    };
    let session = resolve(Some(&path), None, &env).unwrap();
    assert_eq!(session.account.as_deref(), Some("bob"));
    // The flag and the variable must agree: which profile to change is never guessed.
    let session = resolve(Some(&path), Some("bob"), &env).unwrap();
    assert_eq!(session.account.as_deref(), Some("bob"));
    let err = resolve(Some(&path), Some("alice"), &env).unwrap_err();
    assert_eq!(err.kind, crate::error::Kind::Config);
    assert_eq!(
        err.to_string(),
        "--account alice and TWPROFILE_ACCOUNT=bob name different accounts; refusing to guess whose profile to change"
    );
}

proptest::proptest! {
    /// Any text parses or fails with a position inside it, never a panic.
    #[test]
    fn any_text_parses_or_reports_a_position(text in "(?s).{0,400}") {
        if let Err((line, column, _)) = parse(&text) {
            proptest::prop_assert!(line >= 1 && line <= text.lines().count().max(1) + 1);
            proptest::prop_assert!(column >= 1);
        }
    }

    /// TOML-shaped text with arbitrary values: same guarantee, closer to real mistakes.
    #[test]
    fn config_like_text_parses_or_fails_without_quoting(
        key in "[a-z_]{1,20}",
        value in "[ -~]{0,40}",
        account in "[a-z]{1,8}",
    ) {
        let text = format!("default_account = \"{account}\"\n[accounts.{account}]\n{key} = {value}\n");
        match parse(&text) {
            // Whatever the key and value, a file that parses has the account.
            Ok(file) => proptest::prop_assert!(file.has_account(&account)),
            // An error points into the file and never quotes a value that could be a secret.
            Err((line, _, message)) => {
                proptest::prop_assert!((1..=4).contains(&line), "line {}", line);
                let secret_like = value.trim_matches('"');
                if secret_like.len() >= 8 && secret_like.chars().all(|c| c.is_ascii_alphanumeric()) {
                    proptest::prop_assert!(!message.contains(secret_like), "{}", message);
                }
            }
        }
    }
}

#[test]
fn paths_are_quoted_for_the_shell_only_when_needed() {
    assert_eq!(
        shell_quote("/home/a/.config/x.toml"),
        "/home/a/.config/x.toml"
    );
    assert_eq!(shell_quote("/tmp/my dir/it's"), "'/tmp/my dir/it'\\''s'");
}

#[cfg(unix)]
#[test]
fn loose_permissions_are_warned_about() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, ALICE);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let session = resolve(Some(&path), None, &Environment::default()).unwrap();
    assert_eq!(session.warnings.len(), 1);
    assert!(
        session.warnings[0].contains("(mode 0640)"),
        "{:?}",
        session.warnings
    );
    assert!(session.warnings[0].contains("chmod 600"));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let session = resolve(Some(&path), None, &Environment::default()).unwrap();
    assert!(session.warnings.is_empty());
}

#[test]
fn api_base_is_checked_and_trimmed() {
    let file = ConfigFile {
        api_base: Some("http://127.0.0.1:8080/".into()),
        ..ConfigFile::default()
    };
    assert_eq!(
        api_base(&Environment::default(), &file).unwrap(),
        "http://127.0.0.1:8080"
    );
    let env = Environment {
        api_base: Some("ftp://example.com".into()),
        ..Environment::default()
    };
    assert!(api_base(&env, &file).is_err());
}

#[test]
fn an_api_base_with_a_query_or_fragment_is_refused() {
    let base = |raw: &str| {
        let env = Environment {
            api_base: Some(raw.to_owned()),
            ..Environment::default()
        };
        api_base(&env, &ConfigFile::default())
    };
    assert_eq!(
        base("http://127.0.0.1:9/prefix/").unwrap(),
        "http://127.0.0.1:9/prefix"
    );
    for bad in [
        "http://h.example/?q=1",
        "http://h.example/#f",
        "file:///etc",
        "http://",
    ] {
        assert!(base(bad).is_err(), "{bad}");
    }
}

#[test]
fn environment_credentials_name_the_missing_variable() {
    let mut env = Environment::default();
    env.credentials.access_token = Some(Secret::new("at"));
    env.credentials.consumer_key = Some(Secret::new("ck"));
    env.credentials.consumer_secret = Some(Secret::new(""));
    let err = credentials_from_env(&env).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("TWPROFILE_CONSUMER_SECRET, TWPROFILE_ACCESS_TOKEN_SECRET"));
    assert!(!text.contains("TWPROFILE_CONSUMER_KEY,"), "{text}");
}

#[test]
fn a_config_may_fill_a_mebibyte_but_not_pass_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    let full = format!("#{}\n", "x".repeat(1024 * 1024 - 2));
    assert_eq!(full.len(), 1024 * 1024);
    std::fs::write(&path, &full).unwrap();
    assert!(load(&path).unwrap().is_some());
    std::fs::write(&path, format!("{full}#")).unwrap();
    let err = load(&path).unwrap_err();
    assert!(err.to_string().contains("is over 1 MiB"), "{err}");
}

#[test]
fn identities_differ_by_id_else_by_handle_and_an_unknown_one_differs_from_a_known_one() {
    let id = |user_id: Option<&str>, screen_name: Option<&str>| Identity {
        user_id: user_id.map(str::to_owned),
        screen_name: screen_name.map(str::to_owned),
    };
    let cases = [
        // (recorded, other, differs)
        (id(Some("1"), Some("a")), id(Some("1"), Some("b")), false),
        (id(Some("1"), None), id(Some("2"), None), true),
        (id(None, Some("Alice")), id(None, Some("alice")), false),
        (id(None, Some("alice")), id(None, Some("bob")), true),
        (id(Some("1"), None), id(None, Some("alice")), false),
        (id(None, Some("alice")), id(None, None), true),
        (id(Some("1"), None), id(None, None), true),
        (id(None, None), id(None, None), false),
        (id(None, None), id(Some("1"), Some("a")), false),
    ];
    for (recorded, other, differs) in cases {
        assert_eq!(
            recorded.differs_from(&other),
            differs,
            "{recorded:?} vs {other:?}"
        );
    }
}
