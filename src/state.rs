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

/// The file's format; a file without it is not a state file and is never written over.
const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StateFile {
    /// [`VERSION`]
    version: u32,
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

impl Default for StateFile {
    fn default() -> Self {
        StateFile {
            version: VERSION,
            users: BTreeMap::new(),
        }
    }
}

/// The longest URL recorded as it is; a longer one is recorded by its hash, so that a hostile
/// answer cannot grow the file past what it can read back.
const MAX_URL: usize = 2048;

/// A URL as recorded: itself, or `sha256:…` of it when it is longer than [`MAX_URL`].
pub fn fingerprint(url: &str) -> String {
    if url.len() <= MAX_URL {
        url.to_owned()
    } else {
        format!("sha256:{}", sha256(url.as_bytes()))
    }
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
    // Anything at the path that is not a regular file is refused before a lock file is made
    // beside it.
    if let Ok(meta) = std::fs::metadata(path) {
        textfile::check_regular(path, &meta, &STATE_FILE).map_err(|e| cannot(&e))?;
    }
    let (target, dir) = crate::config::target_and_dir(path).map_err(|e| cannot(&e))?;
    let _lock = crate::config::lock(&target, &dir).map_err(|e| cannot(&e))?;
    // A file that is not a state file (a config file named by mistake, say) is never written
    // over: the error says so and the upload is simply not recorded.
    let mut file = read(&target).map_err(|e| {
        cannot(&format!(
            "{e}; it is left as it is (delete it, or point TWPROFILE_STATE elsewhere)"
        ))
    })?;
    let mut entry = file.users.remove(user).unwrap_or_default();
    change(&mut entry);
    if entry != UserState::default() {
        file.users.insert(user.to_owned(), entry);
    }
    let text = toml::to_string(&file).map_err(|e| cannot(&e))?;
    crate::config::replace(&target, &dir, format!("{HEADER}{text}").as_bytes())
        .map_err(|e| cannot(&crate::error::io_reason(&e)))
}

/// Waits (boundedly) for the state file's lock and lets it go: a run that will record uploads
/// finds a lock another process holds before it sends anything, not after (exit 1 naming it).
/// Any other trouble with the state file is left to [`update`], which reports it as a warning.
pub fn wait_for_lock(path: &Path) -> Result<(), Error> {
    let Ok((target, dir)) = crate::config::target_and_dir(path) else {
        return Ok(());
    };
    match crate::config::lock(&target, &dir) {
        // Only a lock still held when the wait ran out is a failure; see `config::lock`.
        Err(e) if e.kind == Kind::Failure => Err(e),
        _ => Ok(()),
    }
}

fn read(path: &Path) -> Result<StateFile, Error> {
    let Some(text) = textfile::read(path, &STATE_FILE)? else {
        return Ok(StateFile::default());
    };
    if text.trim().is_empty() {
        return Ok(StateFile::default());
    }
    let file: StateFile = toml::from_str(&text).map_err(|e| {
        Error::new(
            Kind::Failure,
            format!(
                "state file {} is malformed: {}",
                path.display(),
                e.message().replace('\n', " ").trim()
            ),
        )
    })?;
    if file.version != VERSION {
        return Err(Error::new(
            Kind::Failure,
            format!(
                "state file {} has version {}, not {VERSION}",
                path.display(),
                file.version
            ),
        ));
    }
    Ok(file)
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
        // Not written over: it may be someone's file.
        let err = update(&path, "1", |s| s.image = Some(image.clone())).unwrap_err();
        assert!(err.to_string().contains("it is left as it is"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "users = 5");
        // Nor is a config file, valid TOML as it is.
        let config = "[accounts.alice]\nconsumer_key = \"k\"\n";
        std::fs::write(&path, config).unwrap();
        assert!(update(&path, "1", |s| s.image = Some(image.clone())).is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), config);
        // An empty file is an empty state.
        std::fs::write(&path, "").unwrap();
        update(&path, "1", |s| s.image = Some(image.clone())).unwrap();
        assert_eq!(load(&path, "1").0.image, Some(image));
    }

    #[test]
    fn a_state_file_of_many_users_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.toml");
        let image = Upload {
            sha256: sha256(b"x"),
            crop: String::new(),
            url: format!(
                "https://pbs.twimg.com/profile_images/{}/a_normal.png",
                "9".repeat(19)
            ),
        };
        for id in 0..100 {
            update(&path, &id.to_string(), |s| s.image = Some(image.clone())).unwrap();
        }
        assert!(std::fs::metadata(&path).unwrap().len() > 16 * 1024);
        assert_eq!(
            load(&path, "0"),
            (
                UserState {
                    image: Some(image),
                    banner: None
                },
                None
            )
        );
    }

    #[test]
    fn long_urls_are_recorded_by_their_hash() {
        assert_eq!(fingerprint("https://a"), "https://a");
        let long = "u".repeat(MAX_URL + 1);
        assert_eq!(
            fingerprint(&long),
            format!("sha256:{}", sha256(long.as_bytes()))
        );
        assert_eq!(fingerprint(&long[..MAX_URL]), long[..MAX_URL]);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_at_the_state_path_is_refused_without_a_lock_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.toml");
        let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
        // SAFETY: a valid C string and mode.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let err = update(&path, "1", |s| s.image = None).unwrap_err();
        assert!(err.to_string().contains("a FIFO"), "{err}");
        assert!(!dir.path().join("state.toml.lock").exists());
    }
}
