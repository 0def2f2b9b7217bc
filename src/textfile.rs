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

/// The text of the file at `path`, `None` when there is none. Anything but a regular file (a
/// FIFO that would block, a device, a directory) is refused before it is opened, and at most
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
    match std::fs::metadata(path) {
        Ok(meta) => check_regular(path, &meta, role)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(cannot(e)),
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // Never block on open, should the path have become a FIFO since it was looked at.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = match options.open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(cannot(e)),
    };
    check_regular(path, &file.metadata().map_err(cannot)?, role)?;
    let mut bytes = Vec::new();
    file.take(role.max + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
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
