//! Profile pictures and banners: reading the file, checking its format by content, and its size.

use crate::error::Error;
use crate::input;

/// An image format the API takes, recognised by its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `GIF87a` / `GIF89a`
    Gif,
    /// `FF D8 FF`
    Jpeg,
    /// `89 50 4E 47 0D 0A 1A 0A`
    Png,
}

impl Format {
    /// Recognises a format from the start of a file; the name is never consulted.
    pub fn sniff(bytes: &[u8]) -> Option<Format> {
        if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
            Some(Format::Gif)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Format::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Format::Png)
        } else {
            None
        }
    }

    /// `GIF`, `JPEG` or `PNG`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Gif => "GIF",
            Format::Jpeg => "JPEG",
            Format::Png => "PNG",
        }
    }
}

/// Where an image goes (the picture or the banner), with its limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// `account/update_profile_image`: under 700 KB.
    Picture,
    /// `account/update_profile_banner`: under 5 MB.
    Banner,
}

impl Target {
    /// The file must be smaller than this many bytes.
    pub fn limit(self) -> usize {
        match self {
            Target::Picture => 700 * 1024,
            Target::Banner => 5 * 1024 * 1024,
        }
    }

    /// How many bytes to read: a file must be under the limit, so this many is enough to know.
    pub fn cap(self) -> u64 {
        u64::try_from(self.limit()).unwrap_or(u64::MAX)
    }

    fn describe_limit(self) -> &'static str {
        match self {
            Target::Picture => "a profile picture must be under 700 KB (716800 bytes)",
            Target::Banner => "a banner must be under 5 MB (5242880 bytes)",
        }
    }
}

/// A checked image, ready to be sent.
#[derive(Debug)]
pub struct Image {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Its format, by content.
    pub format: Format,
}

impl Image {
    /// The bytes as standard base64, the way the API takes them. Consumes the image so that
    /// the raw bytes are freed before the body is built.
    pub fn into_base64(self) -> String {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(self.bytes)
    }

    /// `PNG 12345 bytes`
    pub fn describe(&self) -> String {
        format!("{} {} bytes", self.format.name(), self.bytes.len())
    }
}

/// Reads `path` (`-` for stdin), refusing before anything is sent a file that is missing,
/// empty, too large, or not a GIF, JPEG or PNG by its content.
pub fn load(path: &str, target: Target) -> Result<Image, Error> {
    let shown = input::shown(path);
    let bytes = input::read(path, target.cap())
        .map_err(|e| Error::usage(format!("{shown}: {}", crate::error::io_reason(&e))))?;
    // A regular file knows its size; a pipe or a device (`/dev/stdin`, `<(…)`) does not.
    let size = || match std::fs::metadata(path) {
        Ok(meta) if path != "-" && meta.is_file() => Some(meta.len()),
        _ => None,
    };
    check(bytes, shown, target, size)
}

/// The image in `bytes`, read (at most [`Target::cap`] of them) from the file shown as `shown`,
/// whose size `size` tells when it is known: see [`load`].
pub fn check(
    bytes: Vec<u8>,
    shown: &str,
    target: Target,
    size: impl FnOnce() -> Option<u64>,
) -> Result<Image, Error> {
    let limit = target.limit();
    if bytes.is_empty() {
        return Err(Error::usage(format!("{shown} is empty")));
    }
    if bytes.len() >= limit {
        let size = match size() {
            Some(size) => format!("{size} bytes"),
            None => format!("at least {limit} bytes"),
        };
        return Err(Error::usage(format!(
            "{shown} is {size}; {}",
            target.describe_limit()
        )));
    }
    let format = Format::sniff(&bytes).ok_or_else(|| {
        Error::usage(format!(
            "{shown} is not a GIF, JPEG or PNG image (judged by its content, not its name)"
        ))
    })?;
    Ok(Image { bytes, format })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_magic_bytes() {
        assert_eq!(Format::sniff(b"GIF89a\x01\x00"), Some(Format::Gif));
        assert_eq!(Format::sniff(b"GIF87a"), Some(Format::Gif));
        assert_eq!(Format::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(Format::Jpeg));
        assert_eq!(Format::sniff(b"\x89PNG\r\n\x1a\n...."), Some(Format::Png));
        assert_eq!(Format::sniff(b"PNG but not really"), None);
        assert_eq!(Format::sniff(b""), None);
    }

    #[test]
    fn limits_are_checked_without_reading_everything() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.png");
        let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
        bytes.resize(Target::Picture.limit(), 0);
        std::fs::write(&path, &bytes).unwrap();
        let err = load(path.to_str().unwrap(), Target::Picture).unwrap_err();
        assert!(
            err.to_string()
                .contains("716800 bytes; a profile picture must be under 700 KB"),
            "{err}"
        );
        assert!(load(path.to_str().unwrap(), Target::Banner).is_ok());
        bytes.truncate(Target::Picture.limit() - 1);
        std::fs::write(&path, &bytes).unwrap();
        assert!(load(path.to_str().unwrap(), Target::Picture).is_ok());
    }
}
