//! Changing the config file: read, change and rename over it atomically (mode 0600), under a
//! lock held from the read to the rename, keeping every other account, key and comment.

use std::path::{Path, PathBuf};

use super::file::{check_regular, parse_at, read_text};
use super::keyring::{Holder, Store};

/// Where an account's secrets are kept: a credential store and the entry's name.
type Kept = (Store, String);
use super::{Credentials, Identity, config_flag_for, shell_quote};
use crate::error::Error;

/// Adds or replaces account `name` in the config file at `path`, keeping every other account,
/// key and comment. The first account saved becomes `default_account`; when the file held one
/// account and no default, that account becomes the default so that adding a second one does not
/// change what a bare command acts as.
///
/// An account recorded for another user than `identity` is refused unless `force`: re-running a
/// login under the wrong name must not hand one user's account name to another.
///
/// With `keyring`, the credentials go to a new entry of that credential store and the file
/// records only the store and the entry; the entry is written under the file's lock, last, and
/// deleted again when the file cannot be written. An entry the account had before is deleted
/// once the file no longer names it. Returns warnings for stderr.
pub fn save_account(
    path: &Path,
    name: &str,
    credentials: &Credentials,
    identity: &Identity,
    force: bool,
    keyring: Option<Store>,
) -> Result<Vec<String>, Error> {
    let mut written: Option<Kept> = None;
    let mut replaced: Option<Kept> = None;
    let mut recorded_id: Option<String> = None;
    let result = edit(path, |doc| {
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
        replaced = accounts.get(name).and_then(|table| kept_of(table, name));
        recorded_id = accounts
            .get(name)
            .and_then(|table| table.get("user_id"))
            .and_then(toml_edit::Item::as_str)
            .map(str::to_owned);
        let fresh = keyring.map(|store| (store, super::keyring::fresh_entry(name)));
        let mut entry = toml_edit::Table::new();
        match &fresh {
            Some((store, kept)) => {
                entry["keyring"] = toml_edit::value(store.name());
                entry["keyring_entry"] = toml_edit::value(kept.as_str());
            }
            None => {
                entry["consumer_key"] = toml_edit::value(credentials.consumer_key.expose());
                entry["consumer_secret"] = toml_edit::value(credentials.consumer_secret.expose());
                entry["access_token"] = toml_edit::value(credentials.access_token.expose());
                entry["access_token_secret"] =
                    toml_edit::value(credentials.access_token_secret.expose());
            }
        }
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
                // Wherever its secrets were, they are where this login puts them now.
                for key in super::file::ACCOUNT_KEYS {
                    table.remove(key);
                }
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
        if let Some((store, kept)) = fresh {
            super::keyring::save(store, &kept, credentials, identity.user_id.as_deref())?;
            written = Some((store, kept));
        }
        Ok(())
    });
    if let Err(error) = result {
        if let Some((store, kept)) = written {
            let _ = super::keyring::delete(store, &kept);
        }
        return Err(error);
    }
    Ok(match replaced {
        Some(old) => delete_entry(&old, name, recorded_id.as_deref(), path).0,
        None => Vec::new(),
    })
}

/// Deletes an entry account `name` kept its secrets in, once the file no longer names it, and
/// only when it is provably the account's: the entry's user is the one the account records. An
/// entry of another user, or one nothing shows whose it is (a table written by hand naming some
/// entry), is left alone, with a warning; so is one the store fails to delete. Returns the
/// warnings, and whether an entry was deleted.
fn delete_entry(
    kept: &Kept,
    name: &str,
    user_id: Option<&str>,
    path: &Path,
) -> (Vec<String>, bool) {
    let why = match (super::keyring::holder(kept.0, &kept.1), user_id) {
        (Holder::User(held), Some(id)) if held == id => return delete_owned(kept, name, path),
        (Holder::User(held), Some(id)) => {
            format!("which holds user {held}'s tokens, not user {id}'s")
        }
        (Holder::Absent, _) => return (Vec::new(), false),
        _ => "which nothing shows to be this account's (no user recorded with one or the other)"
            .to_owned(),
    };
    (
        vec![format!(
            "{}, {why}: it was left there",
            no_longer_used(kept, name, path)
        )],
        false,
    )
}

/// Deletes an entry already shown to be account `name`'s ([`delete_entry`] without the check,
/// for a rename that made it under the lock).
fn delete_owned(kept: &Kept, name: &str, path: &Path) -> (Vec<String>, bool) {
    match super::keyring::delete(kept.0, &kept.1) {
        Ok(deleted) => (Vec::new(), deleted),
        Err(error) => (
            vec![format!(
                "{}, but it could not be deleted: {error}",
                no_longer_used(kept, name, path)
            )],
            false,
        ),
    }
}

/// How a warning names an entry account `name` no longer uses.
fn no_longer_used((store, entry): &Kept, name: &str, path: &Path) -> String {
    format!(
        "account '{name}' in {} no longer uses its entry '{}' in {}",
        path.display(),
        crate::sanitize::cut(&crate::sanitize::line(entry), 80),
        store.describe()
    )
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

/// Removes account `name` from the config file, keeping everything else. The default never
/// moves to another account by itself (see [`keep_default`]).
///
/// An account whose secrets are in a credential store loses its entry there once the file no
/// longer names it; a store that fails then is a warning (returned, for stderr).
pub fn remove_account(path: &Path, name: &str) -> Result<(Vec<String>, bool), Error> {
    let mut kept = None;
    let mut user_id = None;
    edit(path, |doc| {
        let before = effective_default(doc);
        let removed = doc
            .get_mut("accounts")
            .and_then(toml_edit::Item::as_table_like_mut)
            .and_then(|accounts| accounts.remove(name));
        let Some(removed) = removed else {
            return Err(Error::config(format!(
                "no account named '{name}' in {}",
                path.display()
            )));
        };
        kept = kept_of(&removed, name);
        user_id = removed
            .get("user_id")
            .and_then(toml_edit::Item::as_str)
            .map(str::to_owned);
        keep_default(doc, before);
        Ok(())
    })?;
    Ok(match kept {
        Some(kept) => delete_entry(&kept, name, user_id.as_deref(), path),
        None => (Vec::new(), false),
    })
}

/// Where account `name`'s table says its secrets are kept: the store, and the entry
/// (`keyring_entry`, else the account's name).
fn kept_of(table: &toml_edit::Item, name: &str) -> Option<Kept> {
    let store = table
        .get("keyring")
        .and_then(toml_edit::Item::as_str)
        .and_then(Store::parse)?;
    let entry = table
        .get("keyring_entry")
        .and_then(toml_edit::Item::as_str)
        .unwrap_or(name);
    // One that cannot name an entry names none: nothing is read, moved or deleted by it.
    super::keyring::valid_entry(entry).then(|| (store, entry.to_owned()))
}

/// The account a run that names none acts as, as the file says it: `default_account`, else the
/// only account; `None` for none (an empty `default_account` included).
fn effective_default(doc: &toml_edit::DocumentMut) -> Option<String> {
    match doc.get("default_account").and_then(toml_edit::Item::as_str) {
        Some("") => None,
        Some(name) => doc
            .get("accounts")
            .and_then(|a| a.get(name))
            .is_some_and(toml_edit::Item::is_table_like)
            .then(|| name.to_owned()),
        None => {
            let accounts = doc
                .get("accounts")
                .and_then(toml_edit::Item::as_table_like)?;
            let mut names = accounts.iter().map(|(k, _)| k);
            match (names.next(), names.next()) {
                (Some(only), None) => Some(only.to_owned()),
                _ => None,
            }
        }
    }
}

/// After an account was removed or renamed: the default stays what it was, or, where that
/// account is gone, becomes none (`default_account = ""`) while accounts remain. A cron job that
/// named no account must fail then, not start acting as whichever account is left.
fn keep_default(doc: &mut toml_edit::DocumentMut, before: Option<String>) {
    let remaining = doc
        .get("accounts")
        .and_then(toml_edit::Item::as_table_like)
        .map_or(0, |accounts| accounts.len());
    if remaining == 0 {
        // Nothing left to act as: the next login starts afresh and becomes the default.
        remove_top_level(doc, "default_account");
        return;
    }
    if effective_default(doc) == before {
        return;
    }
    let still_there = before.as_deref().is_some_and(|name| {
        doc.get("accounts")
            .and_then(|a| a.get(name))
            .is_some_and(toml_edit::Item::is_table_like)
    });
    match before {
        Some(name) if still_there => set_top_level(doc, "default_account", &name),
        _ => set_top_level(doc, "default_account", ""),
    }
}

/// Removes a top-level key, keeping the comments above it (often the file's own header) at the
/// top.
fn remove_top_level(doc: &mut toml_edit::DocumentMut, key: &str) {
    let comments = doc
        .key(key)
        .and_then(|key| key.leaf_decor().prefix())
        .and_then(|prefix| prefix.as_str())
        .unwrap_or_default()
        .to_owned();
    if doc.remove(key).is_none() {
        return;
    }
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

/// Renames account `old` to `new` in place (its comments and keys kept). A default that named
/// `old` does not follow it: runs that name no account stop until a default is picked again.
///
/// An account whose secrets are in a credential store has its entry copied to the new name
/// under the lock (put back as it was if the file cannot be written) and the old one deleted
/// after; returns warnings for stderr.
pub fn rename_account(path: &Path, old: &str, new: &str) -> Result<(Vec<String>, bool), Error> {
    // The entry it had, shown to be the account's, and the one written for the new name.
    let mut moved: Option<(Kept, Kept)> = None;
    let result = edit(path, |doc| {
        let shown = path.display();
        let before = effective_default(doc);
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
        let user_id = item
            .get("user_id")
            .and_then(toml_edit::Item::as_str)
            .map(str::to_owned);
        let kept = kept_of(&item, old);
        // The entry moves only when it is provably the account's (as a logout would delete
        // it); else the renamed table keeps naming the same entry, and nothing is copied.
        let provable = kept.as_ref().is_some_and(|(store, entry)| {
            matches!(super::keyring::holder(*store, entry), Holder::User(held) if Some(&held) == user_id.as_ref())
        });
        if let (Some((_, entry)), false) = (&kept, provable)
            && let Some(table) = item.as_table_mut()
        {
            table["keyring_entry"] = toml_edit::value(entry.as_str());
        }
        if let Some(old_kept) = kept.filter(|_| provable) {
            let (store, _) = old_kept;
            let credentials = super::keyring::load(store, &old_kept.1, old, path)?;
            let new_kept = (store, super::keyring::fresh_entry(new));
            super::keyring::save(store, &new_kept.1, &credentials, user_id.as_deref())?;
            if let Some(table) = item.as_table_mut() {
                table["keyring_entry"] = toml_edit::value(new_kept.1.as_str());
            }
            moved = Some((old_kept, new_kept));
        }
        accounts.insert(new, item);
        keep_default(doc, before);
        Ok(())
    });
    match (result, moved) {
        (Err(error), Some((_, (store, written)))) => {
            let _ = super::keyring::delete(store, &written);
            Err(error)
        }
        (Err(error), None) => Err(error),
        (Ok(()), Some((old_kept, _))) => Ok((delete_owned(&old_kept, new, path).0, true)),
        (Ok(()), None) => Ok((Vec::new(), false)),
    }
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
    // NamedTempFile is created with mode 0600 on Unix, in the same directory so the rename is
    // atomic.
    finish(tempfile::NamedTempFile::new_in(dir)?, target, bytes)
}

/// [`replace`] for a file that is no secret: with `mode` (Unix) when given, else the mode a new
/// file gets under the umask.
pub(crate) fn replace_public(
    target: &Path,
    dir: &Path,
    bytes: &[u8],
    mode: Option<u32>,
) -> std::io::Result<()> {
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Created with 0666 less the umask, like any file a program makes.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let temp = builder.tempfile_in(dir)?;
    #[cfg(unix)]
    if let Some(mode) = mode {
        use std::os::unix::fs::PermissionsExt;
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = mode;
    finish(temp, target, bytes)
}

/// Writes `bytes` to the temporary file, makes them durable and renames it over `target`.
fn finish(mut temp: tempfile::NamedTempFile, target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    temp.write_all(bytes)?;
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
/// replaces it with a new file. The lock file is never opened through a symlink (one planted
/// there could make the run create or lock a file elsewhere), and a lock held by another process
/// is waited for [`LOCK_WAIT`] at most: an unattended run fails rather than hang.
pub(crate) fn lock(target: &Path, dir: &Path) -> Result<std::fs::File, Error> {
    let mut name = target.file_name().unwrap_or_default().to_owned();
    name.push(".lock");
    let path = dir.join(name);
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    crate::textfile::set_flags(&mut options, crate::textfile::Follow::No);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let cannot = |e: std::io::Error| {
        Error::config(format!(
            "cannot lock {}: {}",
            path.display(),
            crate::error::io_reason(&e)
        ))
    };
    let file = match options.open(&path) {
        Ok(file) => file,
        Err(e) if crate::textfile::is_symlink_refused(&e, crate::textfile::Follow::No) => {
            return Err(Error::config(format!(
                "lock file {} is a symbolic link; refusing to follow it",
                path.display()
            ))
            .with_hint("remove it: twprofile makes its lock files itself"));
        }
        Err(e) => return Err(cannot(e)),
    };
    check_regular(&path, &file.metadata().map_err(cannot)?)?;
    let started = std::time::Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(Error::new(
                    crate::error::Kind::Failure,
                    format!(
                        "{} is still locked by another process after {} s; nothing was changed",
                        path.display(),
                        LOCK_WAIT.as_secs()
                    ),
                )
                .with_hint(
                    "another twprofile may be stuck: find it (e.g. `fuser` on the lock file) and end it, then run again",
                ));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(cannot(e)),
        }
    }
}

/// How long a run waits for a lock another process holds.
pub(crate) const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

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
