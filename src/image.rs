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

    /// Width and height in pixels, read from the header of the format the content showed; no
    /// pixel is decoded. `None` when the header does not say (a damaged or cut file): the API
    /// judges those.
    pub fn dimensions(&self) -> Option<(u64, u64)> {
        let kind = match self.format {
            Format::Gif => imagesize::ImageType::Gif,
            Format::Jpeg => imagesize::ImageType::Jpeg,
            Format::Png => imagesize::ImageType::Png,
        };
        let size = kind
            .reader_size(&mut std::io::Cursor::new(&self.bytes))
            .ok()?;
        Some((
            u64::try_from(size.width).ok()?,
            u64::try_from(size.height).ok()?,
        ))
    }
}

/// The banner X shows, in pixels: 3:1.
const BANNER_SIZE: (u64, u64) = (1500, 500);

/// What X would do to an image of `width`×`height` pixels that its owner may not expect, as a
/// warning about `what` (a file, or a crop of one); `None` when the shape is the one X asks
/// for. Within 1 % counts as the right shape: X's crop of that is a pixel or two.
pub fn shape_warning(target: Target, what: &str, (width, height): (u64, u64)) -> Option<String> {
    // Cross-multiplied, in u128 so that no header value can overflow.
    let off_by_more_than_1_percent = |a: u64, b: u64| {
        let (a, b) = (u128::from(a), u128::from(b));
        a.abs_diff(b) * 100 > a.max(b)
    };
    let pixels = format!("{what} is {width}×{height} pixels");
    match target {
        Target::Picture => off_by_more_than_1_percent(width, height).then(|| {
            format!(
                "{pixels}, not square: X shows a profile picture as a square and crops the rest"
            )
        }),
        Target::Banner => {
            let ratio = off_by_more_than_1_percent(width, height.saturating_mul(3));
            let small = width < BANNER_SIZE.0 || height < BANNER_SIZE.1;
            let least = format!("{}×{}", BANNER_SIZE.0, BANNER_SIZE.1);
            match (ratio, small) {
                (false, false) => None,
                (true, false) => Some(format!(
                    "{pixels}, not 3:1: X shows a banner at {least} and crops the rest"
                )),
                (false, true) => Some(format!(
                    "{pixels}, smaller than {least}: X may refuse it as too small, or show it enlarged and blurred"
                )),
                (true, true) => Some(format!(
                    "{pixels}, not 3:1 and smaller than {least}: X may refuse it as too small, or crop it and show it enlarged and blurred"
                )),
            }
        }
    }
}

/// Reads `path` (`-` for stdin), refusing before anything is sent a file that is missing,
/// empty, too large, or not a GIF, JPEG or PNG by its content, and warning when its shape (or
/// that of the `crop` of it to be shown: width and height) is not the one X asks for.
pub fn load(path: &str, target: Target, crop: Option<(u32, u32)>) -> Result<Image, Error> {
    let shown = input::shown(path);
    let bytes = input::read(path, target.cap())
        .map_err(|e| Error::usage(format!("{shown}: {}", crate::error::io_reason(&e))))?;
    // A regular file knows its size; a pipe or a device (`/dev/stdin`, `<(…)`) does not.
    let size = || match std::fs::metadata(path) {
        Ok(meta) if path != "-" && meta.is_file() => Some(meta.len()),
        _ => None,
    };
    checked(bytes, shown, target, crop, size)
}

/// The image in `bytes`, read (at most [`Target::cap`] of them) from the file shown as `shown`,
/// whose size `size` tells when it is known: see [`load`], which this is with no crop.
pub fn check(
    bytes: Vec<u8>,
    shown: &str,
    target: Target,
    size: impl FnOnce() -> Option<u64>,
) -> Result<Image, Error> {
    checked(bytes, shown, target, None, size)
}

fn checked(
    bytes: Vec<u8>,
    shown: &str,
    target: Target,
    crop: Option<(u32, u32)>,
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
    let image = Image { bytes, format };
    // The API would crop, blur or refuse an image of another shape, and on pay-per-use a
    // refused upload is paid for: said here for nothing, before it is sent. A warning, not an
    // error: cropping may be what the owner wants.
    let shape = match crop {
        Some((width, height)) => Some((
            format!("the crop of {shown}"),
            (u64::from(width), u64::from(height)),
        )),
        None => image.dimensions().map(|d| (shown.to_owned(), d)),
    };
    if let Some(warning) = shape.and_then(|(what, d)| shape_warning(target, &what, d)) {
        crate::stderr::warn(&warning);
    }
    Ok(image)
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
    fn shapes_within_1_percent_are_right_and_any_number_is_safe() {
        let warns = |target, size| shape_warning(target, "f", size).is_some();
        assert!(!warns(Target::Picture, (400, 400)));
        assert!(!warns(Target::Picture, (404, 400)));
        assert!(warns(Target::Picture, (405, 400)));
        assert!(warns(Target::Picture, (400, 405)));
        assert!(!warns(Target::Banner, (1500, 500)));
        assert!(!warns(Target::Banner, (1500, 505)));
        assert!(warns(Target::Banner, (1500, 520)));
        assert!(warns(Target::Banner, (1499, 500)));
        assert!(!warns(Target::Banner, (u64::MAX, u64::MAX / 3)));
        assert!(warns(Target::Banner, (0, 0)));
        assert!(!warns(Target::Picture, (0, 0)));
    }

    proptest::proptest! {
        /// Whatever follows the magic bytes, reading the size gives one or none, never a panic
        /// (runs of 0xFF send the JPEG reader from marker to marker).
        #[test]
        fn any_header_gives_a_size_or_none(
            format in proptest::sample::select(vec![Format::Gif, Format::Jpeg, Format::Png]),
            rest in proptest::collection::vec(
                proptest::prop_oneof![proptest::strategy::Just(0xFFu8), proptest::num::u8::ANY],
                0..512,
            ),
        ) {
            let magic: &[u8] = match format {
                Format::Gif => b"GIF89a",
                Format::Jpeg => &[0xFF, 0xD8, 0xFF],
                Format::Png => b"\x89PNG\r\n\x1a\n",
            };
            let image = Image { bytes: [magic, &rest].concat(), format };
            if let Some((width, height)) = image.dimensions() {
                let _ = shape_warning(Target::Banner, "f", (width, height));
            }
        }
    }

    #[test]
    fn limits_are_checked_without_reading_everything() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.png");
        let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
        bytes.resize(Target::Picture.limit(), 0);
        std::fs::write(&path, &bytes).unwrap();
        let err = load(path.to_str().unwrap(), Target::Picture, None).unwrap_err();
        assert!(
            err.to_string()
                .contains("716800 bytes; a profile picture must be under 700 KB"),
            "{err}"
        );
        assert!(load(path.to_str().unwrap(), Target::Banner, None).is_ok());
        bytes.truncate(Target::Picture.limit() - 1);
        std::fs::write(&path, &bytes).unwrap();
        assert!(load(path.to_str().unwrap(), Target::Picture, None).is_ok());
    }
}
