//! Changing the config file: read, change and rename over it atomically (mode 0600), under a
//! lock held from the read to the rename, keeping every other account, key and comment.

use std::path::{Path, PathBuf};

use super::file::{check_regular, parse_at, read_text};
use super::{Credentials, Identity, config_flag_for, shell_quote};
use crate::error::Error;

/// Adds or replaces account `name` in the config file at `path`, keeping every other account,
/// key and comment. The first account saved becomes `default_account`; when the file held one
/// account and no default, that account becomes the default so that adding a second one does not
/// change what a bare command acts as.
///
/// An account recorded for another user than `identity` is refused unless `force`: re-running a
/// login under the wrong name must not hand one user's account name to another.
pub fn save_account(
    path: &Path,
    name: &str,
    credentials: &Credentials,
    identity: &Identity,
    force: bool,
) -> Result<(), Error> {
    edit(path, |doc| {
        if let Some(table) = doc
            .get("accounts")
            .and_then(|a| a.get(name))
            .and_then(toml_edit::Item::as_table_like)
        {
            let recorded = Identity {
                screen_name: table
                    .get("screen_name")
                    .and_then(toml_edit::Item::as_str)
                    .map(str::to_owned),
                user_id: table
                    .get("user_id")
                    .and_then(toml_edit::Item::as_str)
                    .map(str::to_owned),
            };
            if !force && recorded.differs_from(identity) {
                return Err(Error::config(format!(
                    "account '{name}' in {} belongs to {}, but these tokens are {}'s",
                    path.display(),
                    recorded.describe(),
                    identity.describe()
                ))
                .with_hint(format!(
                    "save it under another name with --account, or pass --force to give '{name}' to {}",
                    identity.describe()
                )));
            }
        }
        let had_default = doc.get("default_account").is_some();
        let accounts = doc
            .entry("accounts")
            .or_insert_with(|| {
                let mut table = toml_edit::Table::new();
                table.set_implicit(true);
                toml_edit::Item::Table(table)
            })
            .as_table_mut()
            .ok_or_else(|| {
                Error::config(format!("`accounts` in {} is not a table", path.display()))
            })?;
        let existing: Vec<String> = accounts.iter().map(|(k, _)| k.to_owned()).collect();
        let mut entry = toml_edit::Table::new();
        entry["consumer_key"] = toml_edit::value(credentials.consumer_key.expose());
        entry["consumer_secret"] = toml_edit::value(credentials.consumer_secret.expose());
        entry["access_token"] = toml_edit::value(credentials.access_token.expose());
        entry["access_token_secret"] = toml_edit::value(credentials.access_token_secret.expose());
        if let Some(handle) = &identity.screen_name {
            entry["screen_name"] = toml_edit::value(handle.as_str());
        }
        if let Some(id) = &identity.user_id {
            entry["user_id"] = toml_edit::value(id.as_str());
        }
        match accounts
            .get_mut(name)
            .and_then(toml_edit::Item::as_table_mut)
        {
            // Replace the keys in place, so comments and any other keys in the table stay; a
            // recorded identity the new tokens do not confirm goes.
            Some(table) => {
                table.remove("screen_name");
                table.remove("user_id");
                for (key, value) in entry.iter() {
                    table[key] = value.clone();
                }
            }
            None => {
                accounts.insert(name, toml_edit::Item::Table(entry));
            }
        }
        if !had_default {
            let others: Vec<&String> = existing.iter().filter(|k| k.as_str() != name).collect();
            let default = match others.as_slice() {
                [] => Some(name.to_owned()),
                [only] => Some((*only).clone()),
                _ => None,
            };
            if let Some(default) = default {
                set_top_level(doc, "default_account", &default);
            }
        }
        Ok(())
    })
}

/// Refuses an account name that would be awkward to type or misleading to show: empty, or with
/// whitespace or control characters.
pub fn check_account_name(name: &str) -> Result<(), Error> {
    if name.is_empty() || name.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::usage(format!(
            "'{name}' cannot name an account: use letters, digits, '-', '_' or '.'"
        )));
    }
    Ok(())
}

/// Removes account `name` from the config file, and `default_account` when it named it,
/// keeping everything else.
pub fn remove_account(path: &Path, name: &str) -> Result<(), Error> {
    edit(path, |doc| {
        let removed = doc
            .get_mut("accounts")
            .and_then(toml_edit::Item::as_table_like_mut)
            .and_then(|accounts| accounts.remove(name));
        if removed.is_none() {
            return Err(Error::config(format!(
                "no account named '{name}' in {}",
                path.display()
            )));
        }
        if doc.get("default_account").and_then(toml_edit::Item::as_str) == Some(name) {
            // Comments above the key (often the file's own header) stay, at the top.
            let comments = doc
                .key("default_account")
                .and_then(|key| key.leaf_decor().prefix())
                .and_then(|prefix| prefix.as_str())
                .unwrap_or_default()
                .to_owned();
            doc.remove("default_account");
            if !comments.trim().is_empty() {
                let before = doc
                    .decor()
                    .prefix()
                    .and_then(|p| p.as_str())
                    .unwrap_or_default()
                    .to_owned();
                doc.decor_mut().set_prefix(format!("{before}{comments}"));
            }
        }
        Ok(())
    })
}

/// Renames account `old` to `new` in place (its comments and keys kept), and
/// `default_account` with it when it named `old`.
pub fn rename_account(path: &Path, old: &str, new: &str) -> Result<(), Error> {
    edit(path, |doc| {
        let shown = path.display();
        let accounts = doc
            .get_mut("accounts")
            .and_then(toml_edit::Item::as_table_mut)
            .ok_or_else(|| Error::config(format!("no account named '{old}' in {shown}")))?;
        if old == new {
            return Err(Error::usage(format!("'{old}' is already called '{new}'")));
        }
        if accounts.contains_key(new) {
            return Err(
                Error::config(format!("{shown} already has an account named '{new}'")).with_hint(
                    format!(
                        "pick another name, or remove that account first with `twprofile auth logout -a {}{}`",
                        shell_quote(new),
                        config_flag_for(path)
                    ),
                ),
            );
        }
        let Some(mut item) = accounts.remove(old) else {
            return Err(Error::config(format!(
                "no account named '{old}' in {shown}"
            )));
        };
        // Where the table stood in the file, so that it stays there under its new name.
        let position = item.as_table().and_then(toml_edit::Table::position);
        if let (Some(table), Some(position)) = (item.as_table_mut(), position) {
            table.set_position(Some(position));
        }
        accounts.insert(new, item);
        if doc.get("default_account").and_then(toml_edit::Item::as_str) == Some(old) {
            set_top_level(doc, "default_account", new);
        }
        Ok(())
    })
}

/// Sets `default_account` in the config file at `path`, keeping everything else.
pub fn set_default_account(path: &Path, name: &str) -> Result<(), Error> {
    edit(path, |doc| {
        // Checked again under the lock: a logout may have removed it since it was looked up.
        let exists = doc
            .get("accounts")
            .and_then(|a| a.get(name))
            .is_some_and(toml_edit::Item::is_table_like);
        if !exists {
            return Err(Error::config(format!(
                "no account named '{name}' in {}",
                path.display()
            )));
        }
        set_top_level(doc, "default_account", name);
        Ok(())
    })
}

/// Sets a top-level key so that it lands above the first table, where TOML needs it.
fn set_top_level(doc: &mut toml_edit::DocumentMut, key: &str, value: &str) {
    match doc.get_mut(key).and_then(toml_edit::Item::as_value_mut) {
        Some(existing) => {
            let decor = existing.decor().clone();
            *existing = toml_edit::Value::from(value);
            *existing.decor_mut() = decor;
        }
        None => {
            doc.insert(key, toml_edit::value(value));
        }
    }
}

/// Reads, changes and atomically rewrites the config file with mode 0600, creating it and its
/// directory when missing. A file that is a symlink is written through to its target.
fn edit(
    path: &Path,
    change: impl FnOnce(&mut toml_edit::DocumentMut) -> Result<(), Error>,
) -> Result<(), Error> {
    let shown = path.display();
    let (target, dir) = target_and_dir(path)?;
    // Held from the read to the rename, so that concurrent edits (several logins at once) each
    // see the one before and none is lost.
    let _lock = lock(&target, &dir)?;
    let text = read_text(&target)?.unwrap_or_default();
    // Check with the same parser that reads the file, for the same error messages.
    parse_at(path, &text)?;
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|_| Error::config(format!("malformed config file {shown}")))?;
    change(&mut doc)?;

    replace(&target, &dir, doc.to_string().as_bytes()).map_err(|e| {
        Error::config(format!(
            "cannot write config file {shown}: {}",
            crate::error::io_reason(&e)
        ))
    })
}

/// Replaces `target` in `dir` with `bytes` at once, with mode 0600: a reader sees the old file
/// or the new one, never a part.
pub(crate) fn replace(target: &Path, dir: &Path, bytes: &[u8]) -> std::io::Result<()> {
    replace_with_mode(target, dir, bytes, 0o600)
}

/// [`replace`] with the given mode (Unix) instead of 0600, for a file that is no secret.
pub(crate) fn replace_with_mode(
    target: &Path,
    dir: &Path,
    bytes: &[u8],
    mode: u32,
) -> std::io::Result<()> {
    use std::io::Write;
    // NamedTempFile is created with mode 0600 on Unix, in the same directory so the rename is
    // atomic; the mode is set before the rename, so the file never has another.
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(bytes)?;
    #[cfg(unix)]
    if mode != 0o600 {
        use std::os::unix::fs::PermissionsExt;
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = mode;
    temp.as_file().sync_all()?;
    temp.persist(target).map_err(|e| e.error)?;
    Ok(())
}

/// Checks, before any request is made, that the config file can be written: it is a regular file
/// or absent, and its directory exists (or can be made) and takes new files. `auth login` calls
/// this first, so that a path it cannot write is found before the browser and the PIN.
pub fn check_writable(path: &Path) -> Result<(), Error> {
    let (target, dir) = target_and_dir(path)?;
    if let Ok(meta) = std::fs::metadata(&target) {
        check_regular(path, &meta)?;
    }
    tempfile::NamedTempFile::new_in(&dir)
        .map(drop)
        .map_err(|e| {
            Error::config(format!(
                "cannot write config file {}: {}",
                path.display(),
                crate::error::io_reason(&e)
            ))
        })
}

/// The file that is really written (a symlink's target) and its directory, made if missing.
pub(crate) fn target_and_dir(path: &Path) -> Result<(PathBuf, PathBuf), Error> {
    let target = link_target(path);
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    create_private_dir(&dir).map_err(|e| {
        Error::config(format!(
            "cannot create {}: {}",
            dir.display(),
            crate::error::io_reason(&e)
        ))
    })?;
    Ok((target, dir))
}

/// The file a path names: itself, or what its symlinks lead to, even when the last one points
/// at a file not made yet (so that the first write goes through the link, not over it).
fn link_target(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let mut current = path.to_owned();
    // As many hops as the kernel follows before it gives up on a loop.
    for _ in 0..40 {
        match std::fs::read_link(&current) {
            Ok(next) => {
                // A relative target is relative to the link's directory; joining an absolute
                // one gives the absolute one.
                current = match current.parent() {
                    Some(dir) => dir.join(next),
                    None => next,
                }
            }
            Err(_) => return current,
        }
    }
    path.to_owned()
}

/// An exclusive lock on `<file>.lock` beside a file that is edited by replacing it (the config
/// file, the state file), released when dropped. The file itself cannot be locked: each edit
/// replaces it with a new file.
pub(crate) fn lock(target: &Path, dir: &Path) -> Result<std::fs::File, Error> {
    let mut name = target.file_name().unwrap_or_default().to_owned();
    name.push(".lock");
    let path = dir.join(name);
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NONBLOCK);
    }
    let cannot = |e: std::io::Error| {
        Error::config(format!(
            "cannot lock {}: {}",
            path.display(),
            crate::error::io_reason(&e)
        ))
    };
    let file = options.open(&path).map_err(cannot)?;
    check_regular(&path, &file.metadata().map_err(cannot)?)?;
    file.lock().map_err(cannot)?;
    Ok(file)
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}
