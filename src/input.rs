//! Reading what the user points at: a file, or stdin when the path is `-`.

use std::io::Read;

/// How a path is named in messages: `stdin` for `-`.
pub fn shown(path: &str) -> &str {
    if path == "-" { "stdin" } else { path }
}

/// Reads at most `cap` bytes from the file at `path`, or from stdin when it is `-`.
pub fn read(path: &str, cap: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin().lock().take(cap).read_to_end(&mut bytes)?;
    } else {
        open_without_blocking(path)?
            .take(cap)
            .read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

/// Opens a file for reading without waiting for a FIFO's writer (a FIFO nobody writes to reads
/// as empty, and is refused as such), then reads it blocking again, so that `<(command)` still
/// works.
fn open_without_blocking(path: &str) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
        let file = options.open(path)?;
        // SAFETY: fcntl on a descriptor this function owns, with valid flags.
        unsafe {
            let flags = libc::fcntl(file.as_raw_fd(), libc::F_GETFL);
            if flags < 0
                || libc::fcntl(file.as_raw_fd(), libc::F_SETFL, flags & !libc::O_NONBLOCK) < 0
            {
                return Err(std::io::Error::last_os_error());
            }
        }
        Ok(file)
    }
    #[cfg(not(unix))]
    options.open(path)
}
