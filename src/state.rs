//! What `apply` last uploaded for each user: the picture's and the banner's SHA-256 and the URL
//! the API reported afterwards. Images cannot be compared with the profile by content, so this
//! record is how `apply` knows whether to send one again.
//!
//! The file is small TOML (`state.toml` in the user state dir, or `TWPROFILE_STATE`), replaced
//! atomically with mode 0600 under a lock, so applies running at once for different accounts
//! keep each other's records. A record that cannot be read costs an upload, never a failure.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::config::Environment;
use crate::error::{Error, Kind};
use crate::textfile;

const STATE_FILE: textfile::Role = textfile::Role {
    name: "state file",
    hint: Some("point TWPROFILE_STATE at a regular file, or remove what is in the way"),
    max: 1024 * 1024,
    kind: Kind::Failure,
};

const HEADER: &str = "# Written by `twprofile apply`: what it last uploaded for each user, so that it uploads\n# a picture or banner again only when it changed. Safe to delete (the next apply uploads again).\n\n";

/// One upload as recorded: the file's hash and where the API then said the image is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Upload {
    /// SHA-256 of the file, lowercase hex.
    pub sha256: String,
    /// The banner's crop as sent (`width=…,height=…`), empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub crop: String,
    /// `profile_image_url_https` or `profile_banner_url` after the upload.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
}

/// The records of one user.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserState {
    /// The last picture uploaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<Upload>,
    /// The last banner uploaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub banner: Option<Upload>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct StateFile {
    /// By user id (`id_str`), so that renaming an account or using the environment's
    /// credentials finds the same record.
    #[serde(default)]
    users: BTreeMap<String, UserState>,
}

/// Where the state lives: `TWPROFILE_STATE`, else `state.toml` in the user state dir (the local
/// data dir where the system has no state dir).
pub fn path(env: &Environment) -> Option<PathBuf> {
    if let Some(path) = &env.state {
        return Some(path.clone());
    }
    let dirs = directories::ProjectDirs::from("", "", "twprofile")?;
    let dir = dirs
        .state_dir()
        .unwrap_or_else(|| dirs.data_local_dir())
        .to_owned();
    Some(dir.join("state.toml"))
}

/// The records of `user`, empty when there are none. A state file that cannot be read or parsed
/// is reported in the returned warning and read as empty: the images are then sent again.
pub fn load(path: &Path, user: &str) -> (UserState, Option<String>) {
    match read(path) {
        Ok(file) => (file.users.get(user).cloned().unwrap_or_default(), None),
        Err(err) => (
            UserState::default(),
            Some(format!("{err}; pictures and banners will be sent again")),
        ),
    }
}

/// Changes the records of `user`: under the lock, the file is read again, changed and replaced,
/// so that another apply's records written meanwhile are kept.
pub fn update(path: &Path, user: &str, change: impl FnOnce(&mut UserState)) -> Result<(), Error> {
    let cannot = |e: &dyn std::fmt::Display| {
        Error::new(
            Kind::Failure,
            format!("cannot record the upload in {}: {e}", path.display()),
        )
    };
    let (target, dir) = crate::config::target_and_dir(path).map_err(|e| cannot(&e))?;
    let _lock = crate::config::lock(&target, &dir).map_err(|e| cannot(&e))?;
    // A file that cannot be read is replaced: its records were lost already.
    let mut file = read(&target).unwrap_or_default();
    let mut entry = file.users.remove(user).unwrap_or_default();
    change(&mut entry);
    if entry != UserState::default() {
        file.users.insert(user.to_owned(), entry);
    }
    let text = toml::to_string(&file).map_err(|e| cannot(&e))?;
    crate::config::replace(&target, &dir, format!("{HEADER}{text}").as_bytes())
        .map_err(|e| cannot(&crate::error::io_reason(&e)))
}

fn read(path: &Path) -> Result<StateFile, Error> {
    let Some(text) = textfile::read(path, &STATE_FILE)? else {
        return Ok(StateFile::default());
    };
    toml::from_str(&text).map_err(|e| {
        Error::new(
            Kind::Failure,
            format!(
                "state file {} is malformed: {}",
                path.display(),
                e.message().replace('\n', " ").trim()
            ),
        )
    })
}

/// SHA-256 of `bytes`, lowercase hex.
pub fn sha256(bytes: &[u8]) -> String {
    ring::digest::digest(&ring::digest::SHA256, bytes)
        .as_ref()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_matches_the_published_value() {
        // FIPS 180-2, appendix B.1.
        assert_eq!(
            sha256(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn records_are_kept_per_user_and_survive_a_malformed_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state/state.toml");
        let image = Upload {
            sha256: "aa".into(),
            crop: String::new(),
            url: "https://img/1".into(),
        };
        update(&path, "1", |s| s.image = Some(image.clone())).unwrap();
        update(&path, "2", |s| s.banner = Some(image.clone())).unwrap();
        assert_eq!(load(&path, "1").0.image, Some(image.clone()));
        assert_eq!(load(&path, "2").0.banner, Some(image.clone()));
        assert_eq!(load(&path, "3"), (UserState::default(), None));
        // Clearing the last record drops the user.
        update(&path, "2", |s| s.banner = None).unwrap();
        assert!(
            !std::fs::read_to_string(&path)
                .unwrap()
                .contains("[users.2]")
        );
        std::fs::write(&path, "users = 5").unwrap();
        let (state, warning) = load(&path, "1");
        assert_eq!(state, UserState::default());
        assert!(warning.unwrap().contains("is malformed"));
        update(&path, "1", |s| s.image = Some(image.clone())).unwrap();
        assert_eq!(load(&path, "1").0.image, Some(image));
    }
}
