//! Reading a small text file that a person or a program may have got wrong: only a regular file,
//! never blocking on open, at most a fixed number of bytes, UTF-8. The config file, profile
//! files and the state file are read this way.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Kind};

/// What a file is to the reader: how errors name it, what they suggest, how large it may be
/// and which exit code a problem with it gets.
pub struct Role {
    /// `config file`, `profile file`, …
    pub name: &'static str,
    /// What to do about a file that is not a regular file.
    pub hint: Option<&'static str>,
    /// The most bytes read.
    pub max: u64,
    /// The kind of every error.
    pub kind: Kind,
}

/// The text of the file at `path`, `None` when there is none. The file is opened without
/// blocking and then checked on its descriptor, so that what is read is what was checked:
/// anything but a regular file (a FIFO, a device, a directory) is refused, and at most
/// `role.max` bytes are read.
pub fn read(path: &Path, role: &Role) -> Result<Option<String>, Error> {
    let shown = path.display();
    let cannot = |e: std::io::Error| {
        Error::new(
            role.kind,
            format!(
                "cannot read {} {shown}: {}",
                role.name,
                crate::error::io_reason(&e)
            ),
        )
    };
    let Some((file, _)) = open_regular(path, role, Follow::Yes)? else {
        return Ok(None);
    };
    let bytes = read_at_most(&file, role.max + 1).map_err(cannot)?;
    if bytes.len() as u64 > role.max {
        return Err(Error::new(
            role.kind,
            format!(
                "{} {shown} is over {} MiB; it cannot be a twprofile {}",
                role.name,
                role.max >> 20,
                role.name
            ),
        ));
    }
    String::from_utf8(bytes).map(Some).map_err(|_| {
        Error::new(
            role.kind,
            format!("{} {shown} is not valid UTF-8", role.name),
        )
    })
}

/// Whether opening a path follows a symlink in its last component.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Follow {
    /// Follow it, as for a dotfile linked into place.
    Yes,
    /// Refuse it: where a planted link could send the open elsewhere (lock files).
    No,
}

/// Opens `path` for reading without blocking (a FIFO cannot hold the run) and, with
/// [`Follow::No`], without following a final symlink; then refuses, on the open descriptor,
/// anything but a regular file. `None` when there is no such file. The metadata returned is the
/// descriptor's.
pub fn open_regular(
    path: &Path,
    role: &Role,
    follow: Follow,
) -> Result<Option<(std::fs::File, std::fs::Metadata)>, Error> {
    let cannot = |e: std::io::Error| {
        Error::new(
            role.kind,
            format!(
                "cannot read {} {}: {}",
                role.name,
                path.display(),
                crate::error::io_reason(&e)
            ),
        )
    };
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    set_flags(&mut options, follow);
    let file = match options.open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) if is_symlink_refused(&e, follow) => {
            return Err(Error::new(
                role.kind,
                format!(
                    "{} {} is a symbolic link, which is not followed here",
                    role.name,
                    path.display()
                ),
            ));
        }
        Err(e) => return Err(cannot(e)),
    };
    let meta = file.metadata().map_err(cannot)?;
    check_regular(path, &meta, role)?;
    Ok(Some((file, meta)))
}

/// `O_NONBLOCK` and `O_NOCTTY` always, `O_NOFOLLOW` when asked (Unix).
pub fn set_flags(options: &mut std::fs::OpenOptions, follow: Follow) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let nofollow = if follow == Follow::No {
            libc::O_NOFOLLOW
        } else {
            0
        };
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY | nofollow);
    }
    #[cfg(not(unix))]
    let _ = (options, follow);
}

/// Whether an open failed because its last component is a symlink that was not to be followed
/// (`ELOOP` under `O_NOFOLLOW`).
pub fn is_symlink_refused(e: &std::io::Error, follow: Follow) -> bool {
    #[cfg(unix)]
    {
        follow == Follow::No && e.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = (e, follow);
        false
    }
}

/// Where an open file really is, as the kernel says (`/proc/self/fd/N` on Linux): a path no
/// later swap of a link can change. `None` where the system cannot say.
pub fn descriptor_path(file: &std::fs::File) -> Option<std::path::PathBuf> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())).ok()
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = file;
        None
    }
}

/// Whether two metadata describe the same file (device and inode on Unix).
#[cfg(unix)]
pub fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

/// Whether two metadata describe the same file (size and time, where there are no inodes).
#[cfg(not(unix))]
pub fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    a.len() == b.len() && a.modified().ok() == b.modified().ok()
}

/// Reads at most `cap` bytes from an open file.
pub fn read_at_most(file: &std::fs::File, cap: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    file.take(cap).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Refuses anything but a regular file, saying what it is.
pub fn check_regular(path: &Path, meta: &std::fs::Metadata, role: &Role) -> Result<(), Error> {
    if meta.is_file() {
        return Ok(());
    }
    let what = if meta.is_dir() {
        "a directory"
    } else {
        file_kind(meta)
    };
    let err = Error::new(
        role.kind,
        format!(
            "{} {} is {what}, not a regular file",
            role.name,
            path.display()
        ),
    );
    Err(match role.hint {
        Some(hint) => err.with_hint(hint),
        None => err,
    })
}

/// The 1-based line and column of a byte offset in `text`, for parse errors.
pub fn position(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..crate::sanitize::floor_char_boundary(text, at.min(text.len()))];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(unix)]
fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "not a file"
    }
}

#[cfg(not(unix))]
fn file_kind(_: &std::fs::Metadata) -> &'static str {
    "not a file"
}

/// Drops one trailing newline (`\n` or `\r\n`), as a file or a command ends its one value:
/// bio files, `file()`, secret files and credential commands.
pub fn drop_trailing_newline(text: &mut String) {
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
}
