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
        std::fs::File::open(path)?
            .take(cap)
            .read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

/// A short reason for an I/O error, without the "(os error N)" suffix.
pub fn reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        std::io::ErrorKind::IsADirectory => "is a directory".to_owned(),
        _ => e.to_string(),
    }
}
