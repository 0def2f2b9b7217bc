//! The profile fields an update can set, their API names and their limits.

use crate::error::Error;
use crate::input;

/// A profile field that `account/update_profile` accepts, in the order summaries show them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// Display name.
    Name,
    /// Website.
    Url,
    /// Location.
    Location,
    /// Bio.
    Description,
}

impl Field {
    /// The API parameter (and user-object key).
    pub fn api_name(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Url => "url",
            Field::Location => "location",
            Field::Description => "description",
        }
    }

    /// How summaries and `show` call it.
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Url => "website",
            Field::Location => "location",
            Field::Description => "bio",
        }
    }

    /// The flag that sets it.
    pub fn flag(self) -> &'static str {
        match self {
            Field::Name => "--name",
            Field::Url => "--url",
            Field::Location => "--location",
            Field::Description => "--description",
        }
    }

    /// The most characters (Unicode scalar values) the API takes.
    pub fn limit(self) -> usize {
        match self {
            Field::Name => 50,
            Field::Url => 100,
            Field::Location => 30,
            Field::Description => 160,
        }
    }
}

/// A validated profile update: the fields to send, exactly as given, plus the two options.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProfileUpdate {
    fields: Vec<(Field, String)>,
    /// Where each field's value came from (a flag, a file and key), for errors.
    sources: Vec<(Field, String)>,
    /// `skip_status=true` when set.
    pub skip_status: bool,
    /// `include_entities=true|false` when given.
    pub include_entities: Option<bool>,
}

impl ProfileUpdate {
    /// Checks each field against its limit; `source` names where each value came from, for errors.
    pub fn new(fields: Vec<(Field, String, &str)>) -> Result<Self, Error> {
        let update = ProfileUpdate::given(fields)?;
        update.check_limits()?;
        Ok(update)
    }

    /// What can be checked before the profile is known: at least one field, and no NUL byte.
    /// The limits apply to what will be sent: a value that the profile already holds (a bio
    /// whose links expand past 160 characters) is never sent, so never refused for its length.
    pub fn given(fields: Vec<(Field, String, &str)>) -> Result<Self, Error> {
        if fields.is_empty() {
            return Err(Error::usage(
                "nothing to update: give at least one of --name, --url, --location, --description, --description-file",
            )
            .with_hint("`twprofile --help` lists every flag"));
        }
        let mut checked = Vec::with_capacity(fields.len());
        let mut sources = Vec::with_capacity(fields.len());
        for (field, value, source) in fields {
            if value.contains('\0') {
                return Err(Error::usage(format!("{source} contains a NUL byte")));
            }
            checked.push((field, value));
            sources.push((field, source.to_owned()));
        }
        checked.sort_by_key(|(field, _)| *field);
        Ok(ProfileUpdate {
            fields: checked,
            sources,
            ..ProfileUpdate::default()
        })
    }

    /// Refuses a field over its limit, named by where it came from.
    pub fn check_limits(&self) -> Result<(), Error> {
        self.fields().try_for_each(|(field, value)| {
            let source = self
                .sources
                .iter()
                .find(|(f, _)| *f == field)
                .map_or(field.flag(), |(_, source)| source.as_str());
            check_limit(field, value, source)
        })
    }

    /// The fields to send, in the order summaries show them.
    pub fn fields(&self) -> impl Iterator<Item = (Field, &str)> {
        self.fields.iter().map(|(f, v)| (*f, v.as_str()))
    }

    /// Keeps only the fields for which `keep` is true (the options stay).
    pub fn retain(&mut self, mut keep: impl FnMut(Field, &str) -> bool) {
        self.fields.retain(|(field, value)| keep(*field, value));
    }

    /// Whether no field is left to send.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Every API parameter of the request, names and raw values.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let mut params: Vec<(&'static str, String)> = self
            .fields()
            .map(|(f, v)| (f.api_name(), v.to_owned()))
            .collect();
        if self.skip_status {
            params.push(("skip_status", "true".to_owned()));
        }
        if let Some(include) = self.include_entities {
            params.push(("include_entities", include.to_string()));
        }
        params
    }
}

/// Refuses a value longer than its field's limit (counted in Unicode scalar values); `source`
/// names where it came from.
pub fn check_limit(field: Field, value: &str, source: &str) -> Result<(), Error> {
    let count = value.chars().count();
    if count > field.limit() {
        return Err(Error::usage(format!(
            "{source} is {count} characters; the {} limit is {}",
            field.api_name(),
            field.limit()
        )));
    }
    Ok(())
}

/// The most bytes a bio file may hold: 160 characters of up to four bytes each, and a CRLF.
/// Reading stops one byte past it, so `/dev/zero` or `yes |` fail at once.
pub const MAX_DESCRIPTION_BYTES: usize = 160 * 4 + 2;

/// Reads the bio from a file or stdin (`-`): it must be UTF-8; one trailing newline is dropped.
/// An empty or blank bio is refused: a generator that failed must not wipe the profile.
pub fn read_description(path: &str) -> Result<String, Error> {
    let shown = input::shown(path);
    let bytes = input::read(path, DESCRIPTION_CAP).map_err(|e| {
        Error::usage(format!(
            "--description-file {shown}: {}",
            crate::error::io_reason(&e)
        ))
    })?;
    description_from(bytes, shown)
}

/// How many bytes of a bio file to read: one past the most it may hold.
pub const DESCRIPTION_CAP: u64 = MAX_DESCRIPTION_BYTES as u64 + 1;

/// The bio in `bytes`, read (at most [`DESCRIPTION_CAP`] of them) from the file shown as
/// `shown`: see [`read_description`].
pub fn description_from(bytes: Vec<u8>, shown: &str) -> Result<String, Error> {
    if bytes.len() > MAX_DESCRIPTION_BYTES {
        return Err(Error::usage(format!(
            "--description-file {shown} is over {MAX_DESCRIPTION_BYTES} bytes, more than the description limit of 160 characters"
        )));
    }
    let mut text = String::from_utf8(bytes)
        .map_err(|_| Error::usage(format!("--description-file {shown} is not valid UTF-8")))?;
    crate::textfile::drop_trailing_newline(&mut text);
    if text.chars().all(crate::sanitize::is_invisible) {
        let what = if text.is_empty() {
            "is empty"
        } else {
            "holds only whitespace or invisible characters"
        };
        return Err(Error::usage(format!(
            "--description-file {shown} {what}; refusing to clear the bio"
        ))
        .with_hint("to clear the bio on purpose, use --description \"\""));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(field: Field, value: &str) -> Result<ProfileUpdate, Error> {
        ProfileUpdate::new(vec![(field, value.to_owned(), field.flag())])
    }

    #[test]
    fn a_bio_file_may_fill_the_byte_cap_but_not_pass_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bio.txt");
        let full = format!("{}\r\n", "😀".repeat(160));
        assert_eq!(full.len(), MAX_DESCRIPTION_BYTES);
        std::fs::write(&path, &full).unwrap();
        assert_eq!(
            read_description(path.to_str().unwrap()).unwrap(),
            "😀".repeat(160)
        );
        std::fs::write(&path, format!("{full}x")).unwrap();
        let err = read_description(path.to_str().unwrap()).unwrap_err();
        assert!(err.to_string().contains("is over 642 bytes"), "{err}");
    }

    #[test]
    fn unreadable_bio_files_say_why_in_a_few_words() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_description(dir.path().to_str().unwrap()).unwrap_err();
        assert!(err.to_string().ends_with(": is a directory"), "{err}");
        let missing = dir.path().join("nope.txt");
        let err = read_description(missing.to_str().unwrap()).unwrap_err();
        assert!(err.to_string().ends_with(": no such file"), "{err}");
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(crate::error::io_reason(&denied), "permission denied");
    }

    #[test]
    fn limits_count_scalar_values_not_bytes() {
        assert!(one(Field::Description, &"😀".repeat(160)).is_ok());
        let err = one(Field::Description, &"😀".repeat(161)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "--description is 161 characters; the description limit is 160"
        );
        assert!(one(Field::Name, &"é".repeat(50)).is_ok());
        assert!(one(Field::Name, &"a".repeat(51)).is_err());
        assert!(one(Field::Url, &"a".repeat(100)).is_ok());
        assert!(one(Field::Url, &"a".repeat(101)).is_err());
        assert!(one(Field::Location, &"a".repeat(30)).is_ok());
        assert!(one(Field::Location, &"a".repeat(31)).is_err());
    }

    #[test]
    fn empty_values_are_kept_and_nul_is_refused() {
        let update = one(Field::Url, "").unwrap();
        assert_eq!(update.params(), vec![("url", String::new())]);
        assert!(one(Field::Name, "a\0b").is_err());
    }

    #[test]
    fn no_field_is_a_usage_error() {
        assert_eq!(
            ProfileUpdate::new(vec![]).unwrap_err().kind,
            crate::error::Kind::Usage
        );
    }

    #[test]
    fn params_list_fields_then_options() {
        let mut update = ProfileUpdate::new(vec![
            (Field::Description, "bio".into(), "--description"),
            (Field::Name, "N".into(), "--name"),
        ])
        .unwrap();
        update.skip_status = true;
        update.include_entities = Some(false);
        assert_eq!(
            update.params(),
            vec![
                ("name", "N".to_owned()),
                ("description", "bio".to_owned()),
                ("skip_status", "true".to_owned()),
                ("include_entities", "false".to_owned()),
            ]
        );
    }
}
