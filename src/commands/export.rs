//! `twprofile export [-o FILE]`: the profile as it stands, as a profile file that `apply`
//! takes back: links expanded, the API's HTML escapes undone, and the picture and banner URLs
//! as comments (an image is a file to apply, and the API only gives its URL).

use std::path::Path;

use serde_json::Value;

use super::{session, user_client};
use crate::api::profile::read_profile;
use crate::cli::ExportArgs;
use crate::config::Environment;
use crate::error::Error;
use crate::fields::Field;
use crate::plan::url;
use crate::settings::Settings;
use crate::user::as_set;

/// Reads the profile and writes it as a profile file, to stdout or `-o FILE`.
pub async fn run(settings: &Settings, args: &ExportArgs, env: &Environment) -> anyhow::Result<()> {
    let session = session(settings, env)?;
    let client = user_client(&session, settings)?;
    let user = read_profile(&client).await?.user;
    // A credential the server echoed into the profile is hidden, as everywhere.
    let text = crate::secret::hide_known(&profile_file(&user, session.account.as_deref()));
    for field in FIELDS {
        let count = as_set(&user, field).chars().count();
        if count > field.limit() {
            crate::stderr::warn(&format!(
                "{} is {count} characters with its links expanded, over the limit of {}; apply refuses the file until it is shortened",
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
        for field in FIELDS {
            object.insert(field.api_name().into(), as_set(&user, field).into());
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
            write(path, &text)?;
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
/// account when one was named, and the four text fields, empty ones included (applying an
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
    for field in FIELDS {
        let value = toml::Value::from(as_set(user, field));
        out.push_str(&format!("{} = {value}\n", field.api_name()));
    }
    out
}

/// Replaces `path` with `text` at once, so that a backup is never half written. A symlink is
/// written through, an existing file keeps its mode, and anything but a regular file is refused.
fn write(path: &Path, text: &str) -> Result<(), Error> {
    let cannot = |e: std::io::Error| {
        Error::usage(format!(
            "cannot write {}: {}",
            path.display(),
            crate::error::io_reason(&e)
        ))
    };
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let existing = std::fs::metadata(&target).ok();
    if let Some(meta) = &existing
        && !meta.is_file()
    {
        return Err(Error::usage(format!(
            "{} is not a regular file; leave out -o to write to stdout",
            path.display()
        )));
    }
    // Beside the target, so that the rename is atomic (a bare name's parent is "", the
    // current directory).
    let dir = target.parent().unwrap_or(Path::new("."));
    // Not a secret: readable like any file the user writes, unless the file it replaces was
    // kept closer.
    #[cfg(unix)]
    let mode = {
        use std::os::unix::fs::PermissionsExt;
        existing.map_or(0o644, |meta| meta.permissions().mode() & 0o7777)
    };
    #[cfg(not(unix))]
    let mode = 0o644;
    crate::config::replace_with_mode(&target, dir, text.as_bytes(), mode).map_err(cannot)
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
        assert_eq!(table.len(), 5, "{text}");
    }
}
