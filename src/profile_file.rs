//! Profile files: what a profile should be, in TOML, read and checked whole before any request.
//!
//! ```toml
//! account = "alice"
//! screen_name = "alice_example"          # a pin: whose profile this is
//! name = "Alice"
//! url = "https://alice.dev"
//! location = "Berlin"
//! description = "Writing code."          # or description_file = "bio.txt"
//! image = "avatar.png"                   # paths are relative to the profile file
//! banner = { file = "banner.jpg", width = 1500, height = 500 }   # or "banner.jpg", or false
//! timezone = "Europe/Berlin"             # the zone templates see `now` in
//! ```
//!
//! A value holding `{{ … }}` or `{% … %}` is a template: its syntax is checked here, and it is
//! rendered by [`Written::render`] after the read (see [`crate::template`]).

use std::path::{Path, PathBuf};

use crate::error::{Error, Kind};
use crate::fields::{Field, ProfileUpdate};
use crate::image::{self, Image, Target};
use crate::textfile;

/// The keys a profile file may have, and a banner table.
pub const KEYS: [&str; 11] = [
    "account",
    "screen_name",
    "timezone",
    "templates",
    "name",
    "url",
    "location",
    "description",
    "description_file",
    "image",
    "banner",
];
const BANNER_KEYS: [&str; 5] = ["file", "width", "height", "offset_left", "offset_top"];

const PROFILE_FILE: textfile::Role = textfile::Role {
    name: "profile file",
    hint: None,
    max: 1024 * 1024,
    kind: Kind::Usage,
};

/// An image named by a profile file, read and checked.
#[derive(Debug)]
pub struct ImageFile {
    /// The path as the file gives it, for the plan.
    pub shown: String,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// The bytes, checked.
    pub image: Image,
}

/// What the file wants of the banner.
#[derive(Debug)]
pub enum BannerWant {
    /// `banner = false`
    Remove,
    /// A file, with the optional crop (width, height, offset_left, offset_top).
    Set {
        /// The image.
        file: ImageFile,
        /// The crop as sent.
        crop: [Option<u32>; 4],
    },
}

/// The banner crop's parameters, in the order [`BannerWant::Set`] keeps them.
pub const CROP_KEYS: [&str; 4] = ["width", "height", "offset_left", "offset_top"];

/// A profile file, checked: everything `apply` needs but the profile as it stands.
#[derive(Debug)]
pub struct Desired {
    /// The account it names, if any.
    pub account: Option<String>,
    /// The handle it pins, without `@`: the profile read must be this user's.
    pub screen_name: Option<String>,
    /// The text fields it sets, in summary order.
    pub fields: Vec<(Field, String)>,
    /// The key each text field came from (`description` or `description_file`), for errors.
    pub sources: Vec<(Field, String)>,
    /// The picture it sets.
    pub image: Option<ImageFile>,
    /// What it wants of the banner.
    pub banner: Option<BannerWant>,
    /// The keys whose values were templates.
    pub templated: Vec<&'static str>,
}

impl Desired {
    /// Refuses a value that will be sent but is over its field's limit, naming its key.
    pub fn check_limits(&self, update: &[(Field, String)]) -> Result<(), Error> {
        update.iter().try_for_each(|(field, value)| {
            let key = self
                .sources
                .iter()
                .find(|(f, _)| f == field)
                .map_or(field.api_name(), |(_, key)| key.as_str());
            let checked = crate::fields::check_limit(*field, value, key);
            if self.templated.contains(&key) {
                checked.map_err(|e| {
                    e.with_hint("`| fit` cuts a value to its field's limit at a word boundary")
                })
            } else {
                checked
            }
        })
    }
}

/// A profile file as written: parsed and checked, its templates' syntax too, with nothing read
/// that its values name. [`Written::resolve`] reads and checks those, once any templates are
/// rendered against the profile ([`Written::render`]).
pub struct Written {
    /// The file as the user named it.
    shown: String,
    /// The account it names, if any.
    pub account: Option<String>,
    /// The handle it pins, without `@`.
    pub screen_name: Option<String>,
    /// The `timezone` its templates see `now` in.
    timezone: Option<jiff::tz::TimeZone>,
    /// Each text field with its value and its key (`description_file` holds a path).
    texts: Vec<(Field, String, &'static str)>,
    /// `image`.
    image: Option<String>,
    /// `banner`, and the key its file came from (`banner` or `banner.file`).
    banner: Option<Banner>,
    /// Where the files it names may be.
    place: Place,
    /// The keys whose values are templates.
    templated: Vec<&'static str>,
}

/// `banner`, as written.
enum Banner {
    Remove,
    Set {
        file: String,
        key: &'static str,
        crop: [Option<u32>; 4],
    },
}

/// Reads and checks the profile file at `path`: unknown keys, types, NUL bytes, the syntax of
/// its templates, and where the files it names may be: inside its directory, or inside `root`
/// when given. Every error is a usage error naming the file and the key.
pub fn load(path: &Path, root: Option<&Path>) -> Result<Written, Error> {
    let stdin = path.as_os_str() == "-";
    let shown = if stdin {
        crate::input::shown("-").to_owned()
    } else {
        path.display().to_string()
    };
    let text = if stdin {
        read_stdin()?
    } else {
        textfile::read(path, &PROFILE_FILE)?
            .ok_or_else(|| Error::usage(format!("profile file {shown}: no such file")))?
    };
    let table: toml::Table = toml::from_str(&text).map_err(|e| {
        let (line, column) = textfile::position(&text, e.span().map_or(0, |s| s.start));
        Error::usage(format!(
            "malformed profile file {shown} at line {line}, column {column}: {}",
            e.message().replace('\n', " ").trim()
        ))
    })?;
    // Nothing at all (an empty pipe from a generator that failed) is not "in sync".
    if table.is_empty() {
        return Err(Error::usage(format!(
            "profile file {shown} is empty: it sets nothing to apply"
        ))
        .with_hint("a profile file names at least one key, such as name = \"Alice\""));
    }
    // Paths in the file are relative to it (from stdin, to the working directory); `.` keeps a
    // bare name from meaning stdin (`-`).
    let dir = match path.parent() {
        Some(dir) if !stdin && !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    let place = Place::new(dir, root, &shown)?;
    let at = |key: &str| format!("{shown}: {key}");
    for key in table.keys() {
        if !KEYS.contains(&key.as_str()) {
            return Err(unknown_key(&at(key), key, &KEYS));
        }
    }
    if table.contains_key("description") && table.contains_key("description_file") {
        return Err(Error::usage(format!(
            "{shown}: description and description_file both set the bio; keep one"
        )));
    }
    let string = |key: &str| -> Result<Option<String>, Error> {
        match table.get(key) {
            None => Ok(None),
            Some(toml::Value::String(text)) => Ok(Some(text.clone())),
            Some(other) => Err(Error::usage(format!(
                "{} must be a string, not {}",
                at(key),
                other.type_str()
            ))),
        }
    };

    let account = string("account")?;
    if let Some(name) = &account {
        crate::config::check_account_name(name).map_err(|e| {
            e.with_kind(Kind::Usage)
                .reword(|m| format!("{}: {m}", at("account")))
        })?;
    }
    let screen_name = string("screen_name")?
        .map(|pin| check_pin(&pin, &at("screen_name")))
        .transpose()?;
    let timezone = string("timezone")?
        .map(|name| {
            crate::template::timezone(&name)
                .map_err(|why| Error::usage(format!("{}: {why}", at("timezone"))))
        })
        .transpose()?;
    let mut texts: Vec<(Field, String, &'static str)> = Vec::new();
    for field in [Field::Name, Field::Url, Field::Location, Field::Description] {
        if let Some(value) = string(field.api_name())? {
            texts.push((field, value, field.api_name()));
        }
    }
    if let Some(file) = string("description_file")? {
        texts.push((Field::Description, file, "description_file"));
    }
    for (_, value, key) in &texts {
        if value.contains('\0') {
            return Err(Error::usage(format!("{} contains a NUL byte", at(key))));
        }
    }
    let image = string("image")?;
    let banner = match table.get("banner") {
        None => None,
        Some(toml::Value::Boolean(false)) => Some(Banner::Remove),
        Some(toml::Value::String(file)) => Some(Banner::Set {
            file: file.clone(),
            key: "banner",
            crop: [None; 4],
        }),
        Some(toml::Value::Table(crop)) => Some(banner_table(crop, &at("banner"))?),
        Some(other) => {
            return Err(Error::usage(format!(
                "{} must be a file name, a table with file and the crop, or false; not {}",
                at("banner"),
                describe(other)
            )));
        }
    };
    let mut written = Written {
        shown: shown.clone(),
        account,
        screen_name,
        timezone,
        texts,
        image,
        banner,
        place,
        templated: Vec::new(),
    };
    // `templates = false`: every value is text as written, braces and all (an export of a bio
    // that holds `{{`, a file built from other people's words).
    let templates = match table.get("templates") {
        None | Some(toml::Value::Boolean(true)) => true,
        Some(toml::Value::Boolean(false)) => false,
        Some(other) => {
            return Err(Error::usage(format!(
                "{} must be true or false, not {}",
                at("templates"),
                other.type_str()
            )));
        }
    };
    // Every template's syntax is checked now, before any request; their size first, since a
    // parser's work grows with the text.
    let values = if templates {
        written.values()
    } else {
        Vec::new()
    };
    let total: usize = values
        .iter()
        .filter(|(_, value)| crate::template::is_template(value))
        .map(|(_, value)| value.len())
        .sum();
    if total > crate::template::MAX_SOURCE {
        return Err(Error::usage(format!(
            "{}: the templates are over {} KiB in all",
            written.shown,
            crate::template::MAX_SOURCE / 1024
        )));
    }
    let mut templated = Vec::new();
    for (key, value) in values {
        if crate::template::is_template(value) {
            crate::template::check(&at(key), value)?;
            templated.push(key);
        }
    }
    written.templated = templated;
    Ok(written)
}

/// A profile file from stdin (`apply -`), bounded like one on disk.
fn read_stdin() -> Result<String, Error> {
    let bytes = crate::input::read("-", PROFILE_FILE.max + 1).map_err(|e| {
        Error::usage(format!(
            "cannot read stdin: {}",
            crate::error::io_reason(&e)
        ))
    })?;
    if bytes.len() as u64 > PROFILE_FILE.max {
        return Err(Error::usage(format!(
            "the profile file on stdin is over {} KiB",
            PROFILE_FILE.max / 1024
        )));
    }
    String::from_utf8(bytes)
        .map_err(|_| Error::usage("the profile file on stdin is not UTF-8 text"))
}

impl Written {
    /// Each value that may be a template, with its key.
    fn values(&self) -> Vec<(&'static str, &String)> {
        let mut values: Vec<(&'static str, &String)> = self
            .texts
            .iter()
            .map(|(_, value, key)| (*key, value))
            .collect();
        if let Some(image) = &self.image {
            values.push(("image", image));
        }
        if let Some(Banner::Set { file, key, .. }) = &self.banner {
            values.push((key, file));
        }
        values
    }

    /// Whether any value is a template, which needs the profile read before it is known.
    pub fn is_templated(&self) -> bool {
        !self.templated.is_empty()
    }

    /// The keys whose values are templates.
    pub fn templated(&self) -> &[&'static str] {
        &self.templated
    }

    /// Renders every template against the profile `user` at `now` (`TWPROFILE_NOW`, else the
    /// clock); `file()` reads beside the file as its other paths do. Returns, for each key
    /// rendered, what its template used.
    pub fn render(
        &mut self,
        user: &serde_json::Value,
        now: Option<&str>,
    ) -> Result<Vec<(&'static str, Vec<String>)>, Error> {
        if !self.is_templated() {
            return Ok(Vec::new());
        }
        let now = crate::template::now(now, self.timezone.as_ref())?;
        let place = self.place.clone();
        let renderer =
            crate::template::Renderer::new(user, now, Box::new(move |file| place.read_text(file)));
        let shown = self.shown.clone();
        let at = |key: &str| format!("{shown}: {key}");
        let mut used = Vec::new();
        let templated = self.templated.clone();
        let mut render = |key: &'static str, value: &mut String| -> Result<(), Error> {
            if templated.contains(&key) {
                let (text, what) = renderer.render(key, &at(key), value)?;
                if text.contains('\0') {
                    return Err(Error::usage(format!("{} renders a NUL byte", at(key))));
                }
                *value = text;
                used.push((key, what));
            }
            Ok(())
        };
        for (field, value, key) in &mut self.texts {
            render(key, value)?;
            if *key != "description_file" {
                crate::template::check_rendered(*field, value, &at(key))?;
            }
        }
        if let Some(image) = &mut self.image {
            render("image", image)?;
        }
        if let Some(Banner::Set { file, key, .. }) = &mut self.banner {
            render(key, file)?;
        }
        Ok(used)
    }

    /// Reads and checks what the values name (the bio file, the images), giving what `apply`
    /// plans with. Limits are checked once the profile is read, on what will be sent: a value
    /// the profile already holds (an exported bio whose links expand past 160) is never sent.
    pub fn resolve(self) -> Result<Desired, Error> {
        let shown = &self.shown;
        let at = |key: &str| format!("{shown}: {key}");
        let place = &self.place;
        let mut given: Vec<(Field, String, &str)> = Vec::new();
        for (field, value, key) in self.texts {
            if key != "description_file" {
                given.push((field, value, key));
                continue;
            }
            let at = at(key);
            let bytes = place
                .read(&value, crate::fields::DESCRIPTION_CAP, &at, Shown::Text)?
                .0;
            let text = crate::fields::description_from(bytes, &value).map_err(|e| {
                let clears = e.to_string().contains("refusing to clear the bio");
                let e = e.reword(|m| {
                    let m = m.strip_prefix("--description-file ").unwrap_or(m);
                    format!("{at}: {m}")
                });
                if clears {
                    e.with_hint("to clear the bio on purpose, write description = \"\" instead")
                } else {
                    e
                }
            })?;
            given.push((Field::Description, text, "description_file"));
        }
        let fields = if given.is_empty() {
            Vec::new()
        } else {
            let labels: Vec<String> = given.iter().map(|(_, _, key)| at(key)).collect();
            let sources: Vec<(Field, String, &str)> = given
                .iter()
                .zip(&labels)
                .map(|((field, value, _), label)| (*field, value.clone(), label.as_str()))
                .collect();
            ProfileUpdate::given(sources)?
                .fields()
                .map(|(field, value)| (field, value.to_owned()))
                .collect()
        };
        let sources = given
            .iter()
            .map(|(field, _, key)| (*field, (*key).to_owned()))
            .collect();
        let image = self
            .image
            .map(|file| image_file(place, &file, Target::Picture, &at("image")))
            .transpose()?;
        let banner = match self.banner {
            None => None,
            Some(Banner::Remove) => Some(BannerWant::Remove),
            Some(Banner::Set { file, key, crop }) => Some(BannerWant::Set {
                file: image_file(place, &file, Target::Banner, &at(key))?,
                crop,
            }),
        };
        Ok(Desired {
            account: self.account,
            screen_name: self.screen_name,
            fields,
            sources,
            image,
            banner,
            templated: self.templated,
        })
    }
}

/// `banner = { file = …, width = …, … }`
fn banner_table(table: &toml::Table, at: &str) -> Result<Banner, Error> {
    for key in table.keys() {
        if !BANNER_KEYS.contains(&key.as_str()) {
            return Err(unknown_key(&format!("{at}.{key}"), key, &BANNER_KEYS));
        }
    }
    let file = match table.get("file") {
        Some(toml::Value::String(file)) => file,
        Some(other) => {
            return Err(Error::usage(format!(
                "{at}.file must be a string, not {}",
                other.type_str()
            )));
        }
        None => return Err(Error::usage(format!("{at} needs a file"))),
    };
    let mut crop = [None; 4];
    for (slot, key) in crop.iter_mut().zip(CROP_KEYS) {
        *slot = match table.get(key) {
            None => None,
            Some(toml::Value::Integer(n)) => Some(u32::try_from(*n).map_err(|_| {
                Error::usage(format!(
                    "{at}.{key} must be a whole number of pixels, 0 or more"
                ))
            })?),
            Some(other) => {
                return Err(Error::usage(format!(
                    "{at}.{key} must be a whole number of pixels, not {}",
                    other.type_str()
                )));
            }
        };
    }
    Ok(Banner::Set {
        file: file.clone(),
        key: "banner.file",
        crop,
    })
}

/// A file the profile file names: only a regular file, so that a FIFO cannot block the run.
const NAMED_FILE: textfile::Role = textfile::Role {
    name: "file",
    hint: None,
    max: 0,
    kind: Kind::Usage,
};

/// Where the files a profile file names are found, and where they may be: its directory, or
/// `--root`. A profile file may come from someone else (a pull request), and what it names is
/// published or, with `--check` and `--plan`, printed: it must not reach the machine's secrets.
#[derive(Clone)]
struct Place {
    /// The profile file's directory, which relative paths start from.
    dir: PathBuf,
    /// The directory every named file must really be in, symlinks resolved.
    root: PathBuf,
    /// Whether `--root` set it (absolute paths and `..` are then allowed inside it).
    widened: bool,
    /// The profile file's directory, symlinks resolved: hidden parts are looked for below it
    /// (or below the root, for a file outside it), so that a profile kept in `.github/` works.
    home: PathBuf,
}

impl Place {
    fn new(dir: PathBuf, root: Option<&Path>, shown: &str) -> Result<Self, Error> {
        let widened = root.is_some();
        let base = root.unwrap_or(&dir);
        let root = std::fs::canonicalize(base).map_err(|e| {
            let what = if widened {
                "--root"
            } else {
                "the directory of"
            };
            Error::usage(format!(
                "{shown}: cannot resolve {what} {}: {}",
                base.display(),
                crate::error::io_reason(&e)
            ))
        })?;
        let home = std::fs::canonicalize(&dir).unwrap_or_else(|_| root.clone());
        Ok(Place {
            dir,
            root,
            widened,
            home,
        })
    }

    /// Opens the file `file` names (without blocking), checks on the open descriptor that it is
    /// a regular file and really lies inside the root, and reads at most `cap` bytes of it.
    /// Returns the bytes and the file's size. Text that may be published is never read from a
    /// hidden file or directory, as written or where a link leads: `.git/config` and `.env`
    /// hold a checkout's credentials, not profile text.
    fn read(&self, file: &str, cap: u64, at: &str, shown: Shown) -> Result<(Vec<u8>, u64), Error> {
        let refuse = |why: String| {
            Error::usage(format!("{at}: {why}")).with_hint(if self.widened {
                "name a file inside --root".to_owned()
            } else {
                "keep the files a profile names beside it, or pass --root DIR to allow a wider directory".to_owned()
            })
        };
        let relative = Path::new(file);
        if !self.widened {
            if relative.is_absolute() {
                return Err(refuse(format!(
                    "{file} is an absolute path; paths in a profile file stay inside its directory"
                )));
            }
            if relative
                .components()
                .any(|c| matches!(c, std::path::Component::ParentDir))
            {
                return Err(refuse(format!(
                    "{file} goes up with ..; paths in a profile file stay inside its directory"
                )));
            }
        }
        let path = self.dir.join(relative);
        let cannot = |e: std::io::Error| {
            Error::usage(format!("{at}: {file}: {}", crate::error::io_reason(&e)))
        };
        // Before anything is opened (a device outside may act on an open): where the path
        // leads now. Where it leads is not shown: it is outside what the file may name.
        let leads_out = || {
            refuse(format!(
                "{file} leads out of {} (through a symbolic link)",
                self.root.display()
            ))
        };
        let hidden = |path: &Path| {
            let path = path
                .strip_prefix(&self.home)
                .or_else(|_| path.strip_prefix(&self.root))
                .unwrap_or(path);
            shown == Shown::Text
                && path.components().any(|c| {
                    matches!(c, std::path::Component::Normal(part)
                        if part.to_string_lossy().starts_with('.'))
                })
        };
        let refuse_hidden = || {
            Error::usage(format!(
                "{at}: {file}: hidden files and directories (.git, .env …) are not read for text"
            ))
        };
        if hidden(relative) {
            return Err(refuse_hidden());
        }
        let real = std::fs::canonicalize(&path).map_err(cannot)?;
        if !real.starts_with(&self.root) {
            return Err(leads_out());
        }
        if hidden(&real) {
            return Err(refuse_hidden());
        }
        let (opened, meta) = textfile::open_regular(&path, &NAMED_FILE, textfile::Follow::Yes)
            .map_err(|e| e.reword(|m| format!("{at}: {m}")))?
            .ok_or_else(|| cannot(std::io::ErrorKind::NotFound.into()))?;
        // Then where the open descriptor's file really is, since a link swapped between the
        // look and the open would have sent it elsewhere.
        match textfile::descriptor_path(&opened) {
            Some(opened_at) => {
                if !opened_at.starts_with(&self.root) {
                    return Err(leads_out());
                }
                if hidden(&opened_at) {
                    return Err(refuse_hidden());
                }
            }
            None => {
                // No /proc to ask: the path resolved again must still be inside and be the
                // very file that was opened.
                let again = std::fs::canonicalize(&path).map_err(cannot)?;
                let now = std::fs::metadata(&again).map_err(cannot)?;
                if !again.starts_with(&self.root) || !textfile::same_file(&meta, &now) {
                    return Err(Error::usage(format!(
                        "{at}: {file} changed while it was being opened; run again"
                    )));
                }
            }
        }
        let bytes = textfile::read_at_most(&opened, cap).map_err(cannot)?;
        Ok((bytes, meta.len()))
    }
}

/// What `file(…)` reads through for templates on the command line: files in the working
/// directory, under the rules a profile file's paths follow.
pub fn working_directory_reader() -> Result<Box<crate::template::Reader>, Error> {
    let place = Place::new(PathBuf::from("."), None, "--template")?;
    Ok(Box::new(move |file| place.read_text(file)))
}

impl Place {
    /// A small text file a template reads with `file(…)`: bounded like a bio file, UTF-8, one
    /// trailing newline dropped. Its errors are one line, for the template's error.
    fn read_text(&self, file: &str) -> Result<String, String> {
        let (bytes, _) = self
            .read(file, crate::fields::DESCRIPTION_CAP, "file", Shown::Text)
            .map_err(|e| {
                let text = e.to_string();
                text.strip_prefix("file: ").unwrap_or(&text).to_owned()
            })?;
        if bytes.len() > crate::fields::MAX_DESCRIPTION_BYTES {
            return Err(format!(
                "over {} bytes; file() reads small text files",
                crate::fields::MAX_DESCRIPTION_BYTES
            ));
        }
        let mut text = String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_owned())?;
        // A template can reverse, slice or spell out what it reads, where no check of the
        // rendered value would know it: a file holding a credential is not read at all.
        if crate::secret::hide_known(&text) != text {
            return Err("it holds a credential; templates do not read it".to_owned());
        }
        crate::textfile::drop_trailing_newline(&mut text);
        Ok(text)
    }
}

/// What a file a profile names becomes: text that may be published (a bio file, `file()`),
/// or an image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shown {
    Text,
    Image,
}

/// Reads and checks an image the profile file names.
fn image_file(place: &Place, file: &str, target: Target, at: &str) -> Result<ImageFile, Error> {
    let (bytes, size) = place.read(file, target.cap(), at, Shown::Image)?;
    let image = image::check(bytes, file, target, || Some(size))
        .map_err(|e| e.reword(|m| format!("{at}: {m}")))?;
    Ok(ImageFile {
        shown: file.to_owned(),
        sha256: crate::state::sha256(&image.bytes),
        image,
    })
}

/// A `screen_name` pin: a handle (letters, digits, `_`), `@` optional; returned without `@`.
fn check_pin(pin: &str, at: &str) -> Result<String, Error> {
    let handle = pin.strip_prefix('@').unwrap_or(pin);
    let plain = !handle.is_empty()
        && handle.len() <= 50
        && handle
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if !plain {
        return Err(Error::usage(format!(
            "{at} must be an X handle (letters, digits and _, with or without @)"
        )));
    }
    Ok(handle.to_owned())
}

fn describe(value: &toml::Value) -> String {
    match value {
        toml::Value::Boolean(true) => "true".to_owned(),
        other => other.type_str().to_owned(),
    }
}

/// What people call the keys elsewhere (the summaries' labels, the website's words).
const ALIASES: [(&str, &str); 6] = [
    ("bio", "description"),
    ("website", "url"),
    ("picture", "image"),
    ("avatar", "image"),
    ("header", "banner"),
    ("bio_file", "description_file"),
];

/// An unknown key, with the closest known one when there is one.
fn unknown_key(at: &str, key: &str, known: &[&str]) -> Error {
    let alias = ALIASES
        .iter()
        .find(|(alias, meant)| *alias == key && known.contains(meant))
        .map(|(_, meant)| *meant);
    let close = alias.or_else(|| crate::config::closest_key(key, known));
    let err = Error::usage(format!("{at} is not a profile file key"));
    match close {
        Some(k) => err.with_hint(format!("did you mean {k}?")),
        None => err.with_hint(format!("the keys are {}", known.join(", "))),
    }
}
