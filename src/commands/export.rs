//! `twprofile export [-o FILE]`: the profile as it stands, as a profile file that `apply`
//! takes back: links expanded, the API's HTML escapes undone, and the picture and banner URLs
//! as comments (an image is a file to apply, and the API only gives its URL).

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{read_profile, session, user_client};
use crate::cli::ExportArgs;
use crate::config::Environment;
use crate::error::Error;
use crate::fields::Field;
use crate::plan::url;
use crate::settings::Settings;
use crate::user::as_written;

/// Reads the profile and writes it as a profile file, to stdout or `-o FILE`.
pub async fn run(settings: &Settings, args: &ExportArgs, env: &Environment) -> anyhow::Result<()> {
    let session = session(settings, env)?;
    let client = user_client(&session, settings)?;
    let user = read_profile(&session, &client).await?.user;
    // A credential the server echoed into the profile is hidden, as everywhere.
    let text = crate::secret::hide_known(&profile_file(&user, session.account.as_deref()));
    for field in FIELDS {
        let count = as_written(&user, field).chars().count();
        if count > field.limit() {
            crate::stderr::warn(&format!(
                "{} is {count} characters, over the limit of {} even with each link in its shortest form; applying the file changes nothing while the profile holds it, but restoring it after a change is refused until it is shortened",
                field.api_name(),
                field.limit()
            ));
        }
    }
    let json = || {
        let mut object = serde_json::Map::new();
        if let Some(account) = &session.account {
            object.insert("account".into(), account.clone().into());
        }
        if let Some(handle) = user.get("screen_name") {
            object.insert("screen_name".into(), handle.clone());
        }
        for field in FIELDS {
            object.insert(field.api_name().into(), as_written(&user, field).into());
        }
        if let Some(path) = &args.output {
            object.insert("file".into(), path.display().to_string().into());
        }
        Value::Object(object)
    };
    match &args.output {
        None if settings.printer.json() => settings.printer.json_only(json),
        None => {
            use std::io::IsTerminal;
            // On a terminal, what TOML allows raw (C1 controls, bidi overrides) is escaped; into
            // a pipe or a file the text stays exact.
            if std::io::stdout().is_terminal() {
                let shown = crate::sanitize::for_terminal(&text, crate::sanitize::Lines::Keep);
                settings.printer.always(&shown)
            } else {
                settings.printer.always(&text)
            }
        }
        Some(path) => {
            // The config and state files, and their lock files (replacing a lock file would
            // let two edits run at once).
            let keep: Vec<PathBuf> = std::iter::once(session.config_path.clone())
                .chain(crate::state::path(env))
                .flat_map(|file| {
                    let mut lock = file.clone().into_os_string();
                    lock.push(".lock");
                    [file, PathBuf::from(lock)]
                })
                .collect();
            write(path, &text, &keep)?;
            settings.printer.json_only(json)?;
            settings.printer.note(&format!(
                "wrote {}",
                crate::sanitize::line(&path.display().to_string())
            ));
            Ok(())
        }
    }
}

const FIELDS: [Field; 4] = [Field::Name, Field::Url, Field::Location, Field::Description];

/// The profile file for `user`: a comment saying whose it is, the image URLs as comments, the
/// account when one was named, the pin, and the four text fields (links expanded where they
/// fit, see [`as_written`]), empty ones included (applying an
/// empty one clears it, as restoring a backup should).
pub fn profile_file(user: &Value, account: Option<&str>) -> String {
    let comment = |text: &str| crate::sanitize::line(text).into_owned();
    let handle = user
        .get("screen_name")
        .and_then(Value::as_str)
        .map(|s| format!(" of @{}", comment(s)))
        .unwrap_or_default();
    let mut out = format!(
        "# The profile{handle}, exported by twprofile. Apply it with `twprofile apply FILE`.\n"
    );
    for (label, key) in [
        ("picture", "profile_image_url_https"),
        ("banner", "profile_banner_url"),
    ] {
        let mut link = url(user, key);
        if key == "profile_image_url_https" {
            link = super::images::full_size(&link);
        }
        if !link.is_empty() {
            out.push_str(&format!("# {label}: {}\n", comment(&link)));
        }
    }
    if let Some(account) = account {
        out.push_str(&format!("account = {}\n", toml::Value::from(account)));
    }
    // The pin: applying the file to anyone else's profile is refused.
    if let Some(handle) = user
        .get("screen_name")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
    {
        out.push_str(&format!("screen_name = {}\n", toml::Value::from(handle)));
    }
    let values: Vec<(Field, String)> = FIELDS
        .into_iter()
        .map(|field| (field, as_written(user, field)))
        .collect();
    // Braces written on the web are text: applying the backup must put them back, not run them.
    if values
        .iter()
        .any(|(_, value)| crate::template::is_template(value))
    {
        out.push_str("templates = false                 # the profile's text holds {{, {% or {#\n");
    }
    for (field, value) in values {
        out.push_str(&format!(
            "{} = {}\n",
            field.api_name(),
            toml::Value::from(value)
        ));
    }
    out
}

/// Replaces `path` with `text` at once, so that a backup is never half written, and only where
/// that cannot destroy something the user did not mean to replace: never the config file or the
/// state file (`keep`), never a file holding a credential or looking like a config file, never
/// anything but a regular file, and never through a symlink another user owns (as the kernel's
/// protected_symlinks would refuse to follow). A symlink of the user's own (a dotfile linked into
/// place) is written through. A new file gets the mode the umask gives; an existing one keeps
/// its permission bits but never a setuid, setgid or sticky bit.
fn write(path: &Path, text: &str, keep: &[PathBuf]) -> Result<(), Error> {
    let refuse = |why: &str| {
        Error::usage(format!("refusing to write {}: {why}", path.display()))
            .with_hint("name a new file, or leave out -o to write to stdout")
    };
    let cannot = |e: std::io::Error| {
        Error::usage(format!(
            "cannot write {}: {}",
            path.display(),
            crate::error::io_reason(&e)
        ))
    };
    let target = output_target(path).map_err(|why| refuse(&why))?;
    // Beside the target, so that the rename is atomic (a bare name's parent is "", the
    // current directory).
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    let real_dir = std::fs::canonicalize(&dir).map_err(cannot)?;
    let real_target = real_dir.join(target.file_name().unwrap_or_default());
    for kept in keep {
        // A file not made yet is found by its directory, symlinks resolved, and its name.
        let kept = std::fs::canonicalize(kept).unwrap_or_else(|_| {
            match (kept.parent().map(std::fs::canonicalize), kept.file_name()) {
                (Some(Ok(dir)), Some(name)) => dir.join(name),
                _ => kept.clone(),
            }
        });
        if kept == real_target {
            return Err(refuse("it is twprofile's own config or state file"));
        }
    }
    let existing = match std::fs::symlink_metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(cannot(e)),
    };
    if let Some(meta) = &existing {
        if !meta.is_file() {
            return Err(refuse("it is not a regular file"));
        }
        check_replaceable(&target, keep).map_err(|why| refuse(&why))?;
    }
    #[cfg(unix)]
    let mode = {
        use std::os::unix::fs::PermissionsExt;
        existing.map(|meta| meta.permissions().mode() & 0o777)
    };
    #[cfg(not(unix))]
    let mode: Option<u32> = None;
    crate::config::replace_public(&target, &dir, text.as_bytes(), mode).map_err(cannot)
}

/// The file `path` names, following the symlinks in its last component, each of which must be
/// the user's own. A missing file is its own target (the first write creates it).
fn output_target(path: &Path) -> Result<PathBuf, String> {
    // A directory on the way that is another user's symlink could lead anywhere too; the
    // system's own (owned by root, such as /tmp on macOS) are followed.
    for dir in path
        .ancestors()
        .skip(1)
        .filter(|d| !d.as_os_str().is_empty())
    {
        if let Ok(meta) = std::fs::symlink_metadata(dir)
            && meta.file_type().is_symlink()
            && !own(&meta)
            && !by_root(&meta)
        {
            return Err(format!(
                "{} is a symbolic link owned by another user, which is not followed",
                dir.display()
            ));
        }
    }
    let mut current = path.to_owned();
    // As many hops as the kernel follows before it gives up on a loop.
    for _ in 0..40 {
        let meta = match std::fs::symlink_metadata(&current) {
            Ok(meta) => meta,
            Err(_) => return Ok(current),
        };
        if !meta.file_type().is_symlink() {
            return Ok(current);
        }
        if !own(&meta) {
            return Err(format!(
                "{} is a symbolic link owned by another user, which is not followed",
                current.display()
            ));
        }
        let next = std::fs::read_link(&current).map_err(|e| crate::error::io_reason(&e))?;
        // A relative target is relative to the link's directory; joining an absolute one gives
        // the absolute one.
        current = match current.parent() {
            Some(dir) => dir.join(next),
            None => next,
        };
    }
    Err("too many levels of symbolic links".to_owned())
}

/// Whether this process's user owns what `meta` describes.
#[cfg(unix)]
fn own(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: geteuid has no preconditions and cannot fail.
    meta.uid() == unsafe { libc::geteuid() }
}

#[cfg(not(unix))]
fn own(_: &std::fs::Metadata) -> bool {
    true
}

/// Whether the system's administrator owns what `meta` describes.
#[cfg(unix)]
fn by_root(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.uid() == 0
}

#[cfg(not(unix))]
fn by_root(_: &std::fs::Metadata) -> bool {
    true
}

/// An existing file may be replaced by an export only when it holds no credential and does not
/// look like a config file: what it holds is read (bounded, without blocking) and judged.
fn check_replaceable(target: &Path, keep: &[PathBuf]) -> Result<(), String> {
    const EXISTING: crate::textfile::Role = crate::textfile::Role {
        name: "file",
        hint: None,
        max: 1024 * 1024,
        kind: crate::error::Kind::Usage,
    };
    let (file, meta) =
        match crate::textfile::open_regular(target, &EXISTING, crate::textfile::Follow::No) {
            Ok(Some(opened)) => opened,
            Ok(None) => return Ok(()),
            Err(e) => return Err(e.to_string()),
        };
    for kept in keep {
        if std::fs::metadata(kept).is_ok_and(|k| crate::textfile::same_file(&k, &meta)) {
            return Err("it is twprofile's own config or state file".to_owned());
        }
    }
    let bytes = crate::textfile::read_at_most(&file, EXISTING.max + 1)
        .map_err(|e| crate::error::io_reason(&e))?;
    if bytes.len() as u64 > EXISTING.max {
        return Err("it is over 1 MiB, so it cannot be an exported profile".to_owned());
    }
    let text = String::from_utf8_lossy(&bytes);
    if crate::secret::hide_known(&text) != text {
        return Err("it holds a credential".to_owned());
    }
    let looks_like_config = toml::from_str::<toml::Table>(&text).is_ok_and(|table| {
        table.contains_key("accounts")
            || table.contains_key("default_account")
            || table.contains_key("access_token_secret")
    });
    if looks_like_config {
        return Err("it looks like a twprofile config file".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_export_reads_back_as_the_same_profile() {
        let user = json!({
            "screen_name": "alice",
            "name": "Tom &amp; \"Jerry\"",
            "url": "https://t.co/a",
            "location": "",
            "description": "line one\nline \\two https://t.co/b",
            "entities": {
                "url": {"urls": [{"url": "https://t.co/a", "expanded_url": "https://alice.example"}]},
                "description": {"urls": [{"url": "https://t.co/b", "expanded_url": "https://blog.example"}]},
            },
            "profile_image_url_https": "https://img/1_normal.png\nname = \"forged\"",
        });
        let text = profile_file(&user, Some("work"));
        let table: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(table["account"].as_str(), Some("work"));
        assert_eq!(table["name"].as_str(), Some("Tom & \"Jerry\""));
        assert_eq!(table["url"].as_str(), Some("https://alice.example"));
        assert_eq!(table["location"].as_str(), Some(""));
        assert_eq!(
            table["description"].as_str(),
            Some("line one\nline \\two https://blog.example")
        );
        // A URL from the server cannot break out of its comment.
        assert!(
            text.contains("# picture: https://img/1.png\\nname"),
            "{text}"
        );
        assert_eq!(table["screen_name"].as_str(), Some("alice"));
        assert_eq!(table.len(), 6, "{text}");
    }
}
