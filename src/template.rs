//! Templates: profile values rendered from the live profile, the clock, the environment and small
//! files, after the one read and before the plan.
//!
//! A value is a template when it holds `{{`, `{%` or `{#`; any other value is taken as written,
//! so every profile file written before templates means what it meant. A template is bounded:
//! minijinja's fuel counts both the steps it runs and the bytes its strings and lists grow to,
//! so neither a loop nor a string doubled over and over can run away; a cap bounds what one
//! value renders to; it reads no file but through the reader it is given, and runs no command.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime as Zoned};
use minijinja::value::{Enumerator, Kwargs, Object, ObjectExt, ObjectRepr, Serde, Value};
use minijinja::{ErrorKind, State, UndefinedBehavior};

use crate::error::{Error, Kind};
use crate::fields::Field;

/// The fuel one value may burn, in steps and in bytes allocated: far more than any profile
/// needs, while a loop of a million steps or a string of a megabyte stops at once.
const FUEL: u64 = 100_000;
/// How deep macros and nested calls may go.
const RECURSION: usize = 64;
/// The most bytes one value may render to, before the field limits apply.
const MAX_OUTPUT: usize = 16 * 1024;
/// The longest `strftime` format taken.
const MAX_FORMAT: usize = 256;
/// The most bytes of the template sources in one file taken together.
pub const MAX_SOURCE: usize = 64 * 1024;

/// Whether `text` is a template (holds `{{`, `{%` or `{#`).
pub fn is_template(text: &str) -> bool {
    text.contains("{{") || text.contains("{%") || text.contains("{#")
}

/// The time zone an IANA name stands for, from the system's database or, where there is none
/// (a scratch container), the copy built in.
pub fn timezone(name: &str) -> Result<TimeZone, String> {
    zone_file(name)
        .or_else(|| jiff::tz::db().get(name).ok())
        .ok_or_else(|| {
            format!(
                "{:?} is not a time zone name; use an IANA name such as \"Europe/Berlin\" or \"UTC\"",
                clip(name, 64)
            )
        })
}

/// A time zone file: a regular file, at most 256 KiB (the largest in the database is 3 KiB).
const ZONE_FILE: crate::textfile::Role = crate::textfile::Role {
    name: "time zone file",
    hint: None,
    max: 256 * 1024,
    kind: Kind::Usage,
};

/// The zone's file in the system's database (`TZDIR`, else `/usr/share/zoneinfo`), read
/// directly. A lookup through jiff's database first lists every zone on the disk (some 600
/// files in 40 directories), which would cost a templated run more than its rendering; a name
/// that is not a plain relative path of IANA characters, or is not found as written (another
/// case, a system without the database), takes that longer way.
fn zone_file(name: &str) -> Option<TimeZone> {
    let plain = name.len() <= 64
        && name.split('/').all(|part| {
            !part.is_empty()
                && part != "."
                && part != ".."
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"_-+".contains(&b))
        });
    if !plain {
        return None;
    }
    let dir = std::env::var_os("TZDIR")
        .filter(|dir| !dir.is_empty())
        .map_or_else(|| PathBuf::from("/usr/share/zoneinfo"), PathBuf::from);
    let path = dir.join(name);
    read_zone(&path, name)
}

/// The zone in the TZif file at `path`, read as a [`ZONE_FILE`]: `None` when it is not one.
fn read_zone(path: &std::path::Path, name: &str) -> Option<TimeZone> {
    let (file, _) =
        crate::textfile::open_regular(path, &ZONE_FILE, crate::textfile::Follow::Yes).ok()??;
    let bytes = crate::textfile::read_at_most(&file, ZONE_FILE.max).ok()?;
    TimeZone::tzif(name, &bytes).ok()
}

/// The system's time zone. `TZ` may name a file (`TZ=/path` or `TZ=:/path`), which is read
/// like any other: a regular file, bounded, never a device or a FIFO that would hang the run.
fn system_zone() -> Result<TimeZone, Error> {
    let Some(tz) = std::env::var_os("TZ") else {
        return Ok(TimeZone::system());
    };
    let tz = tz.to_string_lossy();
    let named = tz.strip_prefix(':').unwrap_or(&tz);
    if !named.starts_with('/') {
        return Ok(zone_file(named).unwrap_or_else(TimeZone::system));
    }
    let refuse = || {
        Error::usage(format!(
            "TZ names {}, which is not a time zone file",
            crate::sanitize::line(&clip(named, 200))
        ))
        .with_hint("set timezone = \"Europe/Berlin\" (say) in the profile file, or fix TZ")
    };
    read_zone(std::path::Path::new(named), named).ok_or_else(refuse)
}

/// The time templates see: `TWPROFILE_NOW` when set (RFC 3339), else the clock, in `zone`
/// (else the system's time zone).
pub fn now(fixed: Option<&str>, zone: Option<&TimeZone>) -> Result<Zoned, Error> {
    let zone = match zone {
        Some(zone) => zone.clone(),
        None => system_zone()?,
    };
    let instant = match fixed {
        Some(text) => text.trim().parse::<Timestamp>().map_err(|_| {
            Error::usage(format!(
                "TWPROFILE_NOW is not an RFC 3339 time: {}",
                crate::sanitize::line(&clip(text, 64))
            ))
            .with_hint("write it as 2026-12-03T09:00:00Z or 2026-12-03T10:00:00+01:00")
        })?,
        None => Timestamp::now(),
    };
    Ok(instant.to_zoned_datetime(zone))
}

/// The longest `{{ … }}` or `{% … %}` tag taken. minijinja's parser bounds the nesting of
/// blocks and brackets, but not of a chain of operators (`- - - … 1`, `x.a.a.a…`, `1 ~ 1 ~ …`),
/// which thousands deep overflows the stack; no profile needs a tag this long.
const MAX_TAG: usize = 1024;

/// Refuses a tag longer than [`MAX_TAG`], before the parser sees it.
fn check_tags(at: &str, source: &str) -> Result<(), Error> {
    let mut rest = source;
    while let Some(open) = rest.find("{{").into_iter().chain(rest.find("{%")).min() {
        let close = if rest[open..].starts_with("{{") {
            "}}"
        } else {
            "%}"
        };
        let tag = &rest[open + 2..];
        let length = tag_length(tag, close);
        if length > MAX_TAG {
            return Err(Error::usage(format!(
                "{at}: a {{{{ … }}}} or {{% … %}} tag is over {MAX_TAG} bytes"
            ))
            .with_hint("split it, or build the value in steps with {% set %}"));
        }
        rest = &tag[length.min(tag.len())..];
    }
    Ok(())
}

/// The length of a tag's inside up to its `close`, which a quoted string does not end (a
/// `'}}'` inside one would hide the rest of a long tag from the check).
fn tag_length(tag: &str, close: &str) -> usize {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (at, c) in tag.char_indices() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None if c == '\'' || c == '"' => quote = Some(c),
            None if tag[at..].starts_with(close) => return at,
            None => {}
        }
    }
    tag.len()
}

/// Checks a template's syntax before any request. `at` names the file and key for errors.
pub fn check(at: &str, source: &str) -> Result<(), Error> {
    check_tags(at, source)?;
    let env = environment();
    env.template_from_named_str("check", source)
        .map(|_| ())
        .map_err(|e| template_error(at, source, &e))
}

/// Reads a file a template names with `file(…)`: its text, or a one-line reason.
pub type Reader = dyn Fn(&str) -> Result<String, String> + Send + Sync;

/// Renders templates against one read of the profile.
pub struct Renderer {
    env: minijinja::Environment<'static>,
    root: Value,
    used: Used,
    /// The keys of the user object, for "did you mean" (at most the first 200).
    user_keys: Vec<String>,
}

/// What the templates of one value used, in order, each once: `user.followers_count = 1234`.
#[derive(Clone, Debug, Default)]
struct Used(Arc<Mutex<Vec<String>>>);

impl Used {
    fn note(&self, what: String) {
        let mut used = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if !used.contains(&what) && used.len() < 100 {
            used.push(what);
        }
    }

    fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

impl Renderer {
    /// A renderer for the profile `user` (the API's user object) at the time `now`; `file()`
    /// reads through `reader`.
    pub fn new(user: &serde_json::Value, now: Zoned, reader: Box<Reader>) -> Self {
        let used = Used::default();
        let mut env = environment();
        let clock = Arc::new(Clock {
            now,
            used: used.clone(),
        });
        {
            let used = used.clone();
            let reader = Arc::new(reader);
            env.add_function(
                "file",
                move |path: &str| -> Result<String, minijinja::Error> {
                    let text =
                        reader(path).map_err(|why| invalid(format!("file({path:?}): {why}")))?;
                    used.note(format!("file({path:?}) = {} bytes", text.len()));
                    Ok(text)
                },
            );
        }
        {
            let clock = clock.clone();
            env.add_function("days_since", move |date: &str| clock.days_since(date));
        }
        {
            let clock = clock.clone();
            env.add_function("rotate", move |list: Value, kwargs: Kwargs| {
                clock.rotate(&list, &kwargs)
            });
        }
        env.add_filter("compact", compact);
        // Any value fits as it renders: `{{ days_since("2024-01-01") | fit }}` too.
        env.add_filter("fit", |state: &State, value: Value, kwargs: Kwargs| {
            let width = width(state, &kwargs)?;
            kwargs.assert_all_used()?;
            Ok::<_, minijinja::Error>(fit(&value.to_string(), width))
        });
        env.add_filter(
            "section",
            |state: &State, text: &str, marker: &str, line: Option<Value>, kwargs: Kwargs| {
                let width = width(state, &kwargs)?;
                kwargs.assert_all_used()?;
                let line = match &line {
                    Some(value) if !value.is_undefined() && !value.is_none() => value.to_string(),
                    _ => String::new(),
                };
                section(text, marker, &line, width)
            },
        );
        let mut root = BTreeMap::new();
        root.insert("user", Value::from_object(User::new(user, used.clone())));
        root.insert("env", Value::from_object(Env { used: used.clone() }));
        root.insert("now", Value::from_dyn_object(clock));
        let user_keys = user
            .as_object()
            .map(|fields| fields.keys().take(200).cloned().collect())
            .unwrap_or_default();
        Renderer {
            env,
            root: Value::from(Serde(&root)),
            used,
            user_keys,
        }
    }

    /// Renders `source`, the value of `key` (`description`, `image` …); `at` names the file and
    /// key for errors. Returns the value and what it used.
    pub fn render(
        &self,
        key: &str,
        at: &str,
        source: &str,
    ) -> Result<(String, Vec<String>), Error> {
        check_tags(at, source)?;
        let rendered = (|| {
            let template = self.env.template_from_named_str(key_name(key), source)?;
            let mut out = Bounded(Vec::new());
            template.render_captured_to(self.root.clone(), &mut out)?;
            Ok::<_, minijinja::Error>(out.0)
        })();
        let used = self.used.take();
        let bytes = rendered.map_err(|e| {
            let err = template_error(at, source, &e);
            // An unknown field is undefined, and what it meets next says so its own way
            // (`compact takes a whole number`): name it whatever the error.
            let checked = !matches!(
                e.kind(),
                ErrorKind::SyntaxError | ErrorKind::OutOfFuel | ErrorKind::WriteFailure
            );
            match self.unknown_user_key(source).filter(|_| checked) {
                Some((written, close)) => {
                    let err = err.reword(|m| {
                        format!("{m} (user.{written} is not a field of the profile)")
                    });
                    match close {
                        Some(key) => err.with_hint(format!(
                            "did you mean user.{key}? `twprofile show --json` lists the user's fields"
                        )),
                        None => err.with_hint(
                            "`twprofile show --json` lists the user's fields; a fallback: {{ user.NAME | default(\"…\") }}",
                        ),
                    }
                }
                None => err,
            }
        })?;
        let text = String::from_utf8(bytes).map_err(|_| {
            Error::usage(format!(
                "{at}: the template rendered bytes that are not UTF-8"
            ))
        })?;
        Ok((text, used))
    }
}

impl Renderer {
    /// The first `user.NAME` the source reads that the profile does not have, with the closest
    /// key it does have: what an undefined value most often is.
    fn unknown_user_key(&self, source: &str) -> Option<(String, Option<String>)> {
        let keys: Vec<&str> = self.user_keys.iter().map(String::as_str).collect();
        let mut rest = source;
        while let Some(at) = rest.find("user.") {
            let before = rest[..at].chars().next_back();
            let name: String = rest[at + 5..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .take(64)
                .collect();
            rest = &rest[at + 5..];
            let word_start = before.is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '.'));
            if word_start && !name.is_empty() && !keys.contains(&name.as_str()) {
                let close = crate::config::closest_key(&name, &keys).map(str::to_owned);
                return Some((name, close));
            }
        }
        None
    }
}

/// The template name for a key, which `fit` and `section` read their limit from.
fn key_name(key: &str) -> &'static str {
    FIELDS
        .iter()
        .find(|field| field.api_name() == key)
        .map_or("value", |field| field.api_name())
}

const FIELDS: [Field; 4] = [Field::Name, Field::Url, Field::Location, Field::Description];

/// The limit `fit` and `section` cut to: `width=N`, else the field's limit.
fn width(state: &State, kwargs: &Kwargs) -> Result<usize, minijinja::Error> {
    if let Some(width) = kwargs.get::<Option<usize>>("width")? {
        return Ok(width);
    }
    FIELDS
        .iter()
        .find(|field| field.api_name() == state.name())
        .map(|field| field.limit())
        .ok_or_else(|| invalid("this value has no length limit; give one: fit(width=N)"))
}

/// A writer that refuses to grow past [`MAX_OUTPUT`].
struct Bounded(Vec<u8>);

impl std::io::Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.0.len() + buf.len() > MAX_OUTPUT {
            return Err(std::io::Error::other(format!(
                "the value renders to more than {} KiB",
                MAX_OUTPUT / 1024
            )));
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The environment every template runs in: the builtins, strict about undefined values (a typo
/// is an error, not an empty bio), no HTML escaping, fuel and a recursion limit.
fn environment() -> minijinja::Environment<'static> {
    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    env.set_fuel(Some(FUEL));
    env.set_recursion_limit(RECURSION);
    // debug() dumps the render state (the whole user object, the environment's internals) into
    // a value that would be published: nothing a profile should say.
    env.remove_global("debug");
    // Block tags on lines of their own leave no blank lines, and a value keeps its last newline
    // as a plain value would.
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    env
}

fn invalid(message: impl Into<String>) -> minijinja::Error {
    minijinja::Error::new(ErrorKind::InvalidOperation, message.into())
}

/// A template error as one line naming the file, the key and where in the value it is.
fn template_error(at: &str, source: &str, error: &minijinja::Error) -> Error {
    let kind = match error.kind() {
        ErrorKind::SyntaxError => "syntax error",
        ErrorKind::UndefinedError => "undefined value",
        ErrorKind::UnknownFunction => "unknown function",
        ErrorKind::UnknownFilter => "unknown filter",
        ErrorKind::UnknownTest => "unknown test",
        ErrorKind::UnknownMethod => "unknown method",
        ErrorKind::OutOfFuel => "the template ran out of fuel (too many steps or too much text)",
        ErrorKind::WriteFailure => {
            return Error::usage(format!(
                "{at}: the value renders to more than {} KiB",
                MAX_OUTPUT / 1024
            ));
        }
        _ => "template error",
    };
    let detail = error
        .detail()
        .map(|d| format!(": {}", clip(d, 200)))
        .unwrap_or_default();
    // Where in the value: only a value of several lines needs the line said.
    let place = match error.line() {
        Some(line) if source.contains('\n') => format!(" at line {line} of the value"),
        _ => String::new(),
    };
    let err = Error::usage(format!("{at}: {kind}{place}{detail}"));
    match error.kind() {
        ErrorKind::UndefinedError => err.with_hint(
            "an unset variable needs a fallback: {{ env.NAME | default(\"…\") }}; `twprofile show --json` lists the user's fields",
        ),
        ErrorKind::OutOfFuel => {
            err.with_hint(format!("a value may spend {FUEL} in steps and bytes of text; loop over less, build shorter strings"))
        }
        _ => err,
    }
}

/// Cuts `text` to `max` characters for a message.
fn clip(text: &str, max: usize) -> String {
    // Counting stops past `max`: a field from a server may be megabytes long.
    if text.chars().nth(max).is_none() {
        text.to_owned()
    } else {
        let mut out: String = text.chars().take(max).collect();
        out.push('…');
        out
    }
}

/// `user`: the live user object. The bio and the website are as `export` writes them (links
/// expanded where that fits), the name and location with the API's HTML escapes undone, the rest
/// as the API sent it.
#[derive(Debug)]
struct User {
    fields: serde_json::Map<String, serde_json::Value>,
    /// Each field as a template value, converted on its first use: a loop that reads a large
    /// field from a hostile server converts it once, not on every turn.
    converted: Mutex<BTreeMap<String, Value>>,
    used: Used,
}

impl User {
    fn new(user: &serde_json::Value, used: Used) -> Self {
        let mut fields = user.as_object().cloned().unwrap_or_default();
        for field in FIELDS {
            if fields.contains_key(field.api_name()) {
                let value = match field {
                    Field::Url | Field::Description => crate::user::as_written(user, field),
                    Field::Name | Field::Location => crate::user::as_set(user, field),
                };
                fields.insert(field.api_name().to_owned(), value.into());
            }
        }
        User {
            fields,
            converted: Mutex::default(),
            used,
        }
    }
}

impl Object for User {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let key = key.as_str()?;
        let value = self.fields.get(key)?;
        let shown = match value {
            // Hidden before it is cut: a cut secret would no longer be recognised.
            serde_json::Value::String(text) => {
                format!("{:?}", clip(&crate::secret::hide_known(text), 60))
            }
            serde_json::Value::Object(_) => "{…}".to_owned(),
            serde_json::Value::Array(_) => "[…]".to_owned(),
            other => other.to_string(),
        };
        self.used.note(format!("user.{key} = {shown}"));
        let mut converted = self.converted.lock().unwrap_or_else(|e| e.into_inner());
        Some(
            converted
                .entry(key.to_owned())
                .or_insert_with(|| Value::from(Serde(value)))
                .clone(),
        )
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        self.mapped_enumerator(|this| Box::new(this.fields.keys().map(|k| Value::from(k.as_str()))))
    }
}

/// `env.NAME`: an environment variable, undefined when unset. Variables named like secrets are
/// refused: what a template reads may be published.
#[derive(Debug)]
struct Env {
    used: Used,
}

/// Parts of a variable's name that mark it as a secret: `PASS` covers `PASSWORD`, `PASSWD`,
/// `PGPASS`; `PROXY` a proxy URL with its password; `DSN` a client key in a URL.
const SECRET_NAMES: [&str; 12] = [
    "TOKEN",
    "SECRET",
    "PASS",
    "CREDENTIAL",
    "PRIVATE",
    "KEY",
    "AUTH",
    "COOKIE",
    "SESSION",
    "JWT",
    "PROXY",
    "DSN",
];

/// Whether templates may read the variable `name`.
pub fn readable(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    // `PAT` (a personal access token) as a word of the name, not inside `PATH`.
    let pat = upper.split('_').any(|word| word == "PAT");
    !upper.starts_with("TWPROFILE_")
        && !pat
        && !SECRET_NAMES.iter().any(|part| upper.contains(part))
}

impl Object for Env {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let name = key.as_str()?;
        if !readable(name) {
            return Some(Value::from(invalid(format!(
                "env.{name} is named like a secret (or is twprofile's own); templates cannot read it"
            ))));
        }
        match std::env::var_os(name) {
            Some(value) => {
                let value = value.to_string_lossy().into_owned();
                self.used.note(format!(
                    "env.{name} = {:?}",
                    clip(&crate::secret::hide_known(&value), 60)
                ));
                Some(Value::from(value))
            }
            None => {
                self.used.note(format!("env.{name} (unset)"));
                None
            }
        }
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::NonEnumerable
    }
}

/// `now`, and the functions that count from it.
#[derive(Debug)]
struct Clock {
    now: Zoned,
    used: Used,
}

impl Clock {
    fn note_now(&self) {
        self.used.note(format!("now = {}", self.rfc3339()));
    }

    fn rfc3339(&self) -> String {
        self.now.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
    }

    /// Days from the calendar day of `date` to today, both in the file's time zone.
    fn days_since(&self, date: &str) -> Result<i64, minijinja::Error> {
        let day = parse_day(date, self.now.time_zone()).ok_or_else(|| {
            invalid(format!(
                "days_since({:?}): not a date; write 2024-01-01, an RFC 3339 time, or user.created_at",
                clip(date, 40)
            ))
        })?;
        let days = i64::from(epoch_day(self.now.date()) - epoch_day(day));
        self.note_now();
        self.used
            .note(format!("days_since({:?}) = {days}", clip(date, 40)));
        Ok(days)
    }

    /// One item of `list`, chosen by the number of whole periods since 1970-01-01 in the
    /// file's time zone: the same item in every process for the whole period.
    fn rotate(&self, list: &Value, kwargs: &Kwargs) -> Result<Value, minijinja::Error> {
        let every: Option<&str> = kwargs.get("every")?;
        kwargs.assert_all_used()?;
        let every = every.unwrap_or("day");
        let day = i64::from(epoch_day(self.now.date()));
        let period = match every {
            "minute" => (day * 24 + i64::from(self.now.hour())) * 60 + i64::from(self.now.minute()),
            "hour" => day * 24 + i64::from(self.now.hour()),
            "day" => day,
            // 1970-01-01 was a Thursday: weeks turn on Monday.
            "week" => (day + 3).div_euclid(7),
            "month" => (i64::from(self.now.year()) - 1970) * 12 + i64::from(self.now.month()) - 1,
            other => {
                return Err(invalid(format!(
                    "rotate(every={:?}): every is minute, hour, day, week or month",
                    clip(other, 20)
                )));
            }
        };
        let len = list.len().ok_or_else(|| invalid("rotate takes a list"))?;
        if len == 0 {
            return Err(invalid("rotate takes a list of at least one item"));
        }
        let index = usize::try_from(period.rem_euclid(len as i64)).unwrap_or(0);
        self.note_now();
        self.used.note(format!(
            "rotate(every={every:?}) = item {} of {len}",
            index + 1
        ));
        list.get_item(&Value::from(index))
    }
}

/// Days since 1970-01-01 of a calendar day.
fn epoch_day(date: jiff::civil::Date) -> i32 {
    let epoch = jiff::civil::date(1970, 1, 1);
    date.since((jiff::Unit::Day, epoch))
        .map(|span| span.get_days())
        .unwrap_or(0)
}

/// The calendar day of `text` in `zone`: a date (2024-01-01), an RFC 3339 time, or the API's
/// `created_at` (Wed Oct 10 20:19:24 +0000 2018).
fn parse_day(text: &str, zone: &TimeZone) -> Option<jiff::civil::Date> {
    let text = text.trim();
    if let Ok(date) = text.parse::<jiff::civil::Date>()
        && text.len() == 10
    {
        return Some(date);
    }
    if let Ok(instant) = text.parse::<Timestamp>() {
        return Some(instant.to_zoned_datetime(zone.clone()).date());
    }
    let instant = jiff::fmt::strtime::parse("%a %b %d %H:%M:%S %z %Y", text)
        .ok()?
        .to_timestamp()
        .ok()?;
    Some(instant.to_zoned_datetime(zone.clone()).date())
}

impl Object for Clock {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let now = &self.now;
        let value = match key.as_str()? {
            "year" => Value::from(now.year()),
            "month" => Value::from(now.month()),
            "day" => Value::from(now.day()),
            "hour" => Value::from(now.hour()),
            "minute" => Value::from(now.minute()),
            "second" => Value::from(now.second()),
            "weekday" => Value::from(now.strftime("%A").to_string()),
            "date" => Value::from(now.strftime("%Y-%m-%d").to_string()),
            "time" => Value::from(now.strftime("%H:%M").to_string()),
            "timezone" => Value::from(now.time_zone().iana_name().unwrap_or("local").to_owned()),
            "timestamp" => Value::from(now.timestamp().as_second()),
            _ => return None,
        };
        self.note_now();
        Some(value)
    }

    fn call_method(
        self: &Arc<Self>,
        _state: &mut State<'_, '_>,
        method: &str,
        args: &[Value],
    ) -> Result<Value, minijinja::Error> {
        if method != "strftime" {
            return Err(minijinja::Error::from(ErrorKind::UnknownMethod));
        }
        let format = match args {
            [format] => format
                .as_str()
                .ok_or_else(|| invalid("now.strftime takes a format string"))?,
            _ => return Err(invalid("now.strftime takes one format string")),
        };
        if format.len() > MAX_FORMAT {
            return Err(invalid(format!(
                "now.strftime: the format is over {MAX_FORMAT} bytes"
            )));
        }
        let mut out = String::new();
        jiff::fmt::strtime::format(format, &self.now)
            .and_then(|shown| {
                use std::fmt::Write;
                write!(out, "{shown}")
                    .map_err(|_| jiff::Error::from_args(format_args!("bad format")))
            })
            .map_err(|e| invalid(format!("now.strftime({:?}): {e}", clip(format, 40))))?;
        self.note_now();
        Ok(Value::from(out))
    }

    fn render(self: &Arc<Self>, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.note_now();
        f.write_str(&self.rfc3339())
    }
}

/// `compact`: 1234 → `1.2K`, 1234567 → `1.2M`: one decimal, cut rather than rounded (a count
/// shows 10K only once it is 10,000), `.0` dropped.
fn compact(value: Value) -> Result<String, minijinja::Error> {
    let n: i128 = if let Some(text) = value.as_str() {
        text.trim()
            .parse()
            .map_err(|_| invalid(format!("compact takes a number, not {:?}", clip(text, 20))))?
    } else {
        i128::try_from(value.clone()).map_err(|_| invalid("compact takes a whole number"))?
    };
    Ok(compact_number(n))
}

/// [`compact`] on a number.
pub fn compact_number(n: i128) -> String {
    let sign = if n < 0 { "-" } else { "" };
    let n = n.unsigned_abs();
    let units = [
        (1_000_000_000_000, 'T'),
        (1_000_000_000, 'B'),
        (1_000_000, 'M'),
        (1_000, 'K'),
    ];
    for (size, unit) in units {
        if n >= size {
            let tenths = n / (size / 10);
            let (whole, tenth) = (tenths / 10, tenths % 10);
            return if tenth == 0 {
                format!("{sign}{whole}{unit}")
            } else {
                format!("{sign}{whole}.{tenth}{unit}")
            };
        }
    }
    format!("{sign}{n}")
}

/// `fit`: `text` cut to `width` characters, at a word boundary where there is one, ending
/// with `…`. Text that fits is unchanged.
pub fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let kept: String = text.chars().take(width - 1).collect();
    // The next character decides whether the cut falls between words.
    let next = text.chars().nth(width - 1);
    let at_boundary = next.is_some_and(char::is_whitespace);
    let cut = if at_boundary {
        kept.as_str()
    } else {
        match kept.rfind(char::is_whitespace) {
            // Never back off so far that most of the room goes unused.
            Some(space) if kept[..space].chars().count() * 2 >= width => &kept[..space],
            _ => kept.as_str(),
        }
    };
    let mut out = cut.trim_end().to_owned();
    out.push('…');
    out
}

/// `section(marker, line)`: `text` (the live bio, say) with the part after the first `marker`
/// up to the end of its line replaced by `line`; everything else stays as it is. Without the
/// marker, `marker line` is added as a last line; an empty or undefined `line` removes the
/// section. The line is fitted (see [`fit`]) into the room the rest leaves under `width`.
pub fn section(
    text: &str,
    marker: &str,
    line: &str,
    width: usize,
) -> Result<String, minijinja::Error> {
    if marker.trim().is_empty() {
        return Err(invalid("section needs a marker, such as \"🎵\""));
    }
    // A section is one line: a feed's newline would leave the rest in the bio's own part.
    let line = line
        .split(['\n', '\r'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let line = line.as_str();
    // The text before and after the section, and whether the section had its own line.
    let (before, after) = match text.find(marker) {
        Some(at) => {
            let end = text[at..].find('\n').map_or(text.len(), |n| at + n);
            (&text[..at], &text[end..])
        }
        None => {
            if line.is_empty() {
                return Ok(text.to_owned());
            }
            let kept = text.trim_end();
            let join = if kept.is_empty() { "" } else { "\n" };
            let head = format!("{kept}{join}{marker} ");
            let room = width.saturating_sub(head.chars().count());
            let fitted = fit(line, room);
            return Ok(if fitted.is_empty() {
                text.to_owned()
            } else {
                format!("{head}{fitted}")
            });
        }
    };
    if line.is_empty() {
        // The marker goes with its line; a line left blank goes too.
        // From its newline on: trimmed away below with the rest of the line's blank.
        let before_line = before.rfind('\n').unwrap_or(0);
        if before[before_line..].trim().is_empty() {
            let rest = after.strip_prefix('\n').unwrap_or(after);
            let head = before[..before_line].trim_end_matches('\n');
            let join = if head.is_empty() || rest.is_empty() {
                ""
            } else {
                "\n"
            };
            return Ok(format!("{head}{join}{rest}"));
        }
        return Ok(format!("{}{after}", before.trim_end()));
    }
    let head = format!("{before}{marker} ");
    let room = width.saturating_sub(head.chars().count() + after.chars().count());
    Ok(format!("{head}{}{after}", fit(line, room)))
}

/// Refuses a rendered value that would clear the bio: a template that renders nothing there is
/// far more often a feed that failed than a wish.
pub fn check_rendered(field: Field, value: &str, at: &str) -> Result<(), Error> {
    if field == Field::Description && value.trim().is_empty() {
        return Err(Error::new(
            Kind::Usage,
            format!("{at}: the template renders an empty bio; refusing to clear it"),
        )
        .with_hint("to clear the bio on purpose, write description = \"\""));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn renderer(user: serde_json::Value, now: &str) -> Renderer {
        let now = now
            .parse::<Timestamp>()
            .unwrap()
            .to_zoned_datetime(TimeZone::UTC);
        Renderer::new(&user, now, Box::new(|path| Err(format!("no file {path}"))))
    }

    #[test]
    fn compact_cuts_to_one_decimal() {
        let cases = [
            (0, "0"),
            (999, "999"),
            (1000, "1K"),
            (1234, "1.2K"),
            (1299, "1.2K"),
            (12_345, "12.3K"),
            (999_999, "999.9K"),
            (1_000_000, "1M"),
            (1_234_567, "1.2M"),
            (2_000_000_000, "2B"),
            (3_450_000_000_000, "3.4T"),
            (-1234, "-1.2K"),
        ];
        for (n, want) in cases {
            assert_eq!(compact_number(n), want, "{n}");
        }
    }

    #[test]
    fn fit_cuts_at_a_word_boundary() {
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("exactly ten", 11), "exactly ten");
        assert_eq!(fit("one two three four", 10), "one two…");
        assert_eq!(fit("one two three", 8), "one two…");
        assert_eq!(fit("abcdefghijkl", 5), "abcd…");
        assert_eq!(fit("a bcdefghijkl", 6), "a bcd…");
        assert_eq!(fit("anything", 0), "");
        assert_eq!(fit("ab", 1), "…");
        assert!(fit(&"word ".repeat(100), 160).chars().count() <= 160);
    }

    #[test]
    fn section_replaces_only_its_line() {
        let bio = "Writing code.\n🎵 Old song\nBerlin";
        assert_eq!(
            section(bio, "🎵", "New song", 160).unwrap(),
            "Writing code.\n🎵 New song\nBerlin"
        );
        assert_eq!(
            section("Writing code.", "🎵", "New song", 160).unwrap(),
            "Writing code.\n🎵 New song"
        );
        assert_eq!(section("", "🎵", "Song", 160).unwrap(), "🎵 Song");
        // A section is one line, whatever the feed sends.
        assert_eq!(
            section("Code.", "🎵", "Line1\nLine2\r\n", 160).unwrap(),
            "Code.\n🎵 Line1 Line2"
        );
        assert_eq!(
            section("Code.\n🎵 Old", "🎵", " a \n\n b ", 160).unwrap(),
            "Code.\n🎵 a b"
        );
        assert_eq!(
            section(bio, "🎵", "", 160).unwrap(),
            "Writing code.\nBerlin"
        );
        assert_eq!(
            section("Code. Listening: 🎵 Old", "🎵", "", 160).unwrap(),
            "Code. Listening:"
        );
        assert_eq!(section("Code.", "🎵", "", 160).unwrap(), "Code.");
        // The person's text is never cut; the section gets the room that is left.
        let fitted = section("0123456789", "🎵", "a long song title here", 20).unwrap();
        assert_eq!(fitted, "0123456789\n🎵 a long…");
        assert!(fitted.chars().count() <= 20);
        assert!(section("x", " ", "y", 160).is_err());
    }

    #[test]
    fn templates_see_the_user_env_and_clock() {
        let r = renderer(
            serde_json::json!({"followers_count": 1234, "screen_name": "alice",
                               "created_at": "Wed Oct 10 20:19:24 +0000 2018"}),
            "2026-12-03T09:00:00Z",
        );
        let render = |s: &str| r.render("name", "p.toml: name", s).map(|(t, _)| t);
        assert_eq!(
            render("{{ user.followers_count | compact }}").unwrap(),
            "1.2K"
        );
        assert_eq!(
            render("{{ now.date }} {{ now.weekday }}").unwrap(),
            "2026-12-03 Thursday"
        );
        assert_eq!(render("{{ days_since('2026-12-01') }}").unwrap(), "2");
        assert_eq!(render("{{ days_since(user.created_at) }}").unwrap(), "2976");
        assert!(render("{{ user.folowers_count }}").is_err());
        assert!(render("{{ env.GITHUB_TOKEN | default('x') }}").is_err());
        let (_, used) = r.render("name", "n", "{{ user.followers_count }}").unwrap();
        assert_eq!(used, ["user.followers_count = 1234"]);
    }

    #[test]
    fn rotation_depends_on_the_clock_alone() {
        let at = |now: &str, every: &str| {
            renderer(serde_json::json!({}), now)
                .render(
                    "description",
                    "d",
                    &format!("{{{{ rotate(['a', 'b', 'c'], every='{every}') }}}}"),
                )
                .unwrap()
                .0
        };
        // 2026-12-03 is day 20,790 since 1970-01-01: 20790 % 3 == 0.
        assert_eq!(at("2026-12-03T09:00:00Z", "day"), "a");
        assert_eq!(at("2026-12-03T23:59:59Z", "day"), "a");
        assert_eq!(at("2026-12-04T00:00:00Z", "day"), "b");
        // Weeks turn on Monday: Thursday 3 and Sunday 6 December share one, Monday 7 starts the next.
        assert_eq!(
            at("2026-12-03T09:00:00Z", "week"),
            at("2026-12-06T09:00:00Z", "week")
        );
        assert_ne!(
            at("2026-12-06T09:00:00Z", "week"),
            at("2026-12-07T00:00:00Z", "week")
        );
    }

    #[test]
    fn loops_and_output_are_bounded() {
        let r = renderer(serde_json::json!({}), "2026-12-03T09:00:00Z");
        let err = r
            .render(
                "name",
                "p.toml: name",
                "{% for i in range(100000) %}x{% endfor %}",
            )
            .unwrap_err();
        assert!(err.to_string().contains("p.toml: name"), "{err}");
        assert!(r.render("name", "n", "{{ 'x' * 100000 }}").is_err());
        assert!(
            r.render("name", "n", "{% for i in range(10**9) %}{% endfor %}")
                .is_err()
        );
    }
    #[test]
    fn only_braces_of_jinja_make_a_template() {
        assert!(!is_template("Alice {the} builder % 100 #1"));
        assert!(is_template("{{ x }}") && is_template("{% if x %}{% endif %}"));
        assert!(is_template("a {# note #}"));
    }

    #[test]
    fn a_plain_zone_name_is_read_from_its_file_and_anything_else_is_not() {
        let berlin = zone_file("Europe/Berlin").expect("the system's Europe/Berlin");
        assert_eq!(berlin.iana_name(), Some("Europe/Berlin"));
        assert!(zone_file("Etc/GMT+5").is_some());
        for odd in [
            "",
            "europe/berlin",
            "../zoneinfo/UTC",
            "Europe/../UTC",
            "Europe/./Berlin",
            "Europe//Berlin",
            "/UTC",
            "Europe/Berlin ",
            "zone.tab",
        ] {
            assert!(zone_file(odd).is_none(), "{odd:?}");
        }
        assert!(zone_file(&format!("{}UTC", "A/".repeat(31))).is_none());
        // Another case still finds the zone, the long way.
        assert_eq!(
            timezone("europe/berlin").unwrap().iana_name(),
            Some("Europe/Berlin")
        );
        assert!(timezone("Mars/Olympus").unwrap_err().contains("IANA name"));
    }

    #[test]
    fn the_clock_shows_each_part_of_now() {
        let r = renderer(serde_json::json!({}), "2026-03-04T05:06:07Z");
        let (text, used) = r
            .render(
                "description",
                "p",
                "{{ now.year }}|{{ now.month }}|{{ now.day }}|{{ now.hour }}|{{ now.minute }}|\
                 {{ now.second }}|{{ now.weekday }}|{{ now.date }}|{{ now.time }}|\
                 {{ now.timezone }}|{{ now.timestamp }}|{{ now }}",
            )
            .unwrap();
        assert_eq!(
            text,
            "2026|3|4|5|6|7|Wednesday|2026-03-04|05:06|UTC|1772600767|2026-03-04T05:06:07+00:00"
        );
        assert_eq!(used, ["now = 2026-03-04T05:06:07+00:00"]);
        let (text, _) = r.render("name", "p", "{{ now }}").unwrap();
        assert_eq!(text, "2026-03-04T05:06:07+00:00");
        assert!(r.render("name", "p", "{{ now.century }}").is_err());
    }

    #[test]
    fn strftime_takes_one_format_of_at_most_256_bytes() {
        let r = renderer(serde_json::json!({}), "2026-03-04T05:06:07Z");
        let longest = format!("%Y{}", "x".repeat(MAX_FORMAT - 2));
        let (text, _) = r
            .render(
                "description",
                "p",
                &format!("{{{{ now.strftime('{longest}') | length }}}}"),
            )
            .unwrap();
        assert_eq!(text, (MAX_FORMAT + 2).to_string());
        let over = format!("{longest}x");
        let err = r
            .render(
                "description",
                "p",
                &format!("{{{{ now.strftime('{over}') }}}}"),
            )
            .unwrap_err();
        assert!(err.to_string().contains("over 256 bytes"), "{err}");
        assert!(r.render("name", "p", "{{ now.strftime() }}").is_err());
        assert!(r.render("name", "p", "{{ now.strftime(1) }}").is_err());
        assert!(r.render("name", "p", "{{ now.format('%Y') }}").is_err());
    }

    #[test]
    fn rotation_counts_minutes_hours_and_months_from_1970() {
        // 2026-12-03 is day 20790 after 1970-01-01; 09:07 makes hour 498969, minute 29938147;
        // December 2026 is month 683.
        let list = (0..11)
            .map(|i| format!("'{i}'"))
            .collect::<Vec<_>>()
            .join(", ");
        let r = renderer(serde_json::json!({}), "2026-12-03T09:07:00Z");
        let at = |every: &str| {
            r.render(
                "name",
                "p",
                &format!("{{{{ rotate([{list}], every='{every}') }}}}"),
            )
            .unwrap()
            .0
        };
        assert_eq!(at("minute"), (29_938_147 % 11).to_string());
        assert_eq!(at("hour"), (498_969 % 11).to_string());
        assert_eq!(at("day"), (20_790 % 11).to_string());
        assert_eq!(at("month"), (683 % 11).to_string());
        assert_eq!(at("week"), ((20_790 + 3) / 7 % 11).to_string());
    }

    #[test]
    fn each_kind_of_template_error_says_what_it_is() {
        let r = renderer(serde_json::json!({"a": 1}), "2026-12-03T09:00:00Z");
        let message = |source: &str| r.render("name", "p.toml: name", source).unwrap_err();
        let cases = [
            ("{{ nope() }}", "p.toml: name: unknown function"),
            ("{{ 1 | nope }}", "p.toml: name: unknown filter"),
            ("{{ 1 is nope }}", "p.toml: name: unknown test"),
            ("{{ user.b }}", "p.toml: name: undefined value"),
            ("{{ user.b.c }}", "p.toml: name: undefined value"),
            ("{{ now.nope() }}", "p.toml: name: unknown method"),
            (
                "{% for i in range(100000) %}{% endfor %}",
                "p.toml: name: the template ran out of fuel",
            ),
        ];
        for (source, want) in cases {
            let err = message(source);
            assert!(err.to_string().starts_with(want), "{source}: {err}");
        }
        assert!(
            message("{{ user.b }}")
                .hint()
                .unwrap_or_default()
                .contains("default(")
        );
        assert!(
            message("{% for i in range(100000) %}{% endfor %}")
                .hint()
                .unwrap_or_default()
                .contains("in steps and bytes of text")
        );
        // The line is said only for a value of several lines.
        assert!(!message("{{ nope() }}").to_string().contains(" at line "));
        assert!(
            message("x\n{{ nope() }}")
                .to_string()
                .contains(" at line 2 of the value")
        );
    }

    #[test]
    fn a_value_may_render_to_exactly_16_kib() {
        let r = renderer(serde_json::json!({}), "2026-12-03T09:00:00Z");
        let (text, _) = r
            .render("description", "p", &format!("{{{{ 'x' * {MAX_OUTPUT} }}}}"))
            .unwrap();
        assert_eq!(text.len(), MAX_OUTPUT);
        let err = r
            .render(
                "description",
                "p",
                &format!("{{{{ 'x' * {} }}}}", MAX_OUTPUT + 1),
            )
            .unwrap_err();
        assert!(err.to_string().contains("more than 16 KiB"), "{err}");
    }

    #[test]
    fn what_a_value_used_is_kept_to_100_entries() {
        let user: serde_json::Map<String, serde_json::Value> =
            (0..150).map(|i| (format!("f{i}"), i.into())).collect();
        let r = renderer(serde_json::Value::Object(user), "2026-12-03T09:00:00Z");
        let (_, used) = r
            .render(
                "description",
                "p",
                "{% for i in range(150) %}{{ user['f' ~ i] }}{% endfor %}",
            )
            .unwrap();
        assert_eq!(used.len(), 100);
        assert_eq!(used[99], "user.f99 = 99");
    }

    #[test]
    fn a_chain_of_operators_thousands_deep_is_refused_before_parsing() {
        let deep = format!("{{{{ {}1 }}}}", "-".repeat(20_000));
        let err = check("p.toml: name", &deep).unwrap_err();
        assert!(err.to_string().contains("tag is over 1024 bytes"), "{err}");
        let r = renderer(serde_json::json!({}), "2026-12-03T09:00:00Z");
        let chain = format!("{{{{ user{} }}}}", ".a".repeat(5_000));
        assert!(r.render("name", "p", &chain).is_err());
        // At the limit, a long tag is fine; blocks nest as deep as minijinja allows.
        let long = format!("{{{{ '{}' }}}}", "x".repeat(MAX_TAG - 5));
        assert_eq!(r.render("name", "p", &long).unwrap().0.len(), MAX_TAG - 5);
        assert!(check("p", &format!("{{% set x = '{}' %}}", "y".repeat(2000))).is_err());
    }

    #[test]
    fn any_value_fits_and_debug_is_not_there() {
        let r = renderer(serde_json::json!({"n": 123_456}), "2026-12-03T09:00:00Z");
        let (text, _) = r
            .render("name", "p", "{{ user.n | fit(width=4) }}")
            .unwrap();
        assert_eq!(text, "123…");
        let err = r.render("name", "p", "{{ debug() }}").unwrap_err();
        assert!(err.to_string().contains("unknown function"), "{err}");
    }

    #[test]
    fn fit_and_section_measure_what_is_around_the_cut() {
        // The character after the room decides: a space there means the last word is whole.
        assert_eq!(fit("abcd ef ghij", 8), "abcd ef…");
        // The section gets what the text before and after it leaves.
        let bio = "0123456789\n🎵 old\nabcdefghij";
        assert_eq!(
            section(bio, "🎵", "a long song title here", 30).unwrap(),
            "0123456789\n🎵 a lon…\nabcdefghij"
        );
        assert_eq!(section("\n🎵 x", "🎵", "", 160).unwrap(), "");
        assert_eq!(section("A\n\n🎵 x\nB", "🎵", "", 160).unwrap(), "A\nB");
    }
}
