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
