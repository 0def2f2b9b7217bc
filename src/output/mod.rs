//! Everything written to stdout: summaries, JSON, dry-run requests. Accounts and `auth status`
//! render in `accounts`, `apply`'s plan in `plan`.

mod accounts;
mod plan;

pub use accounts::*;
pub use plan::*;

use std::io::Write;

use std::collections::BTreeMap;

use colored::Colorize;
use serde_json::Value;
use serde_json::value::RawValue;

use crate::fields::Field;
use crate::request::Prepared;
use crate::sanitize::{self, Lines};
use crate::sign::mask_authorization;
use crate::user::expanded;

/// Writes to stdout; a reader that went away (`| head`) is not an error.
pub fn emit(text: &str) -> std::io::Result<()> {
    emit_bytes(text.as_bytes())
}

/// [`emit`] for bytes.
pub fn emit_bytes(bytes: &[u8]) -> std::io::Result<()> {
    if crate::runner::hold(crate::runner::Stream::Stdout, bytes) {
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// The human summary of an update: `@handle`, then each field sent with its value now.
pub fn update_summary(user: &Value, sent: &[(Field, &str)]) -> String {
    let rows: Vec<(&str, String)> = sent
        .iter()
        .map(|(field, value_sent)| {
            // The API's stored value is the truth; fall back to what we sent if it left it out.
            let now = expanded(user, field.api_name()).unwrap_or_else(|| (*value_sent).to_owned());
            (field.label(), now)
        })
        .collect();
    updated(user, &rows)
}

/// Whose profile a summary says was updated, when the answer names no one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject<'a> {
    /// `@handle`: from the answer, a read the run made anyway, or the account's record.
    Handle(&'a str),
    /// An account of the config file that has no handle recorded.
    Account(&'a str),
    /// The `TWPROFILE_*` credentials, whose handle only a read would tell.
    Environment,
}

/// `Updated @handle`, then one labelled row per value.
pub fn updated(user: &Value, rows: &[(&str, String)]) -> String {
    let handle = user.get("screen_name").and_then(Value::as_str);
    updated_for(handle.map(Subject::Handle), rows)
}

/// [`updated`] naming `subject`, for answers that carry no user (a banner's).
pub fn updated_for(subject: Option<Subject>, rows: &[(&str, String)]) -> String {
    let updated = "Updated".green().bold();
    let mut out = match subject {
        Some(Subject::Handle(handle)) => {
            let handle = format!("@{}", human(handle, Lines::Escape));
            format!("{updated} {}\n", handle.bold())
        }
        Some(Subject::Account(name)) => {
            format!("{updated} account '{}'\n", human(name, Lines::Escape))
        }
        // Not a handle it does not know: where the credentials came from.
        Some(Subject::Environment) => {
            format!("{updated} the account of TWPROFILE_ACCESS_TOKEN\n")
        }
        None => format!("{updated}\n"),
    };
    for (label, value) in rows {
        // Only a bio spans lines; a newline anywhere else could forge an `error:` line.
        let lines = if *label == "bio" {
            Lines::Keep
        } else {
            Lines::Escape
        };
        let shown = if value.is_empty() {
            "(cleared)".dimmed().to_string()
        } else {
            human(value, lines)
        };
        out.push_str(&row(label, &shown));
    }
    out
}

/// One indented `label  value` line of a summary; a multi-line value stays under its first line.
fn row(label: &str, value: &str) -> String {
    let label = format!("{label:<12}");
    format!("  {} {}\n", label.dimmed(), indent(value))
}

/// `--dry-run`: the request as it would be sent, the signature and identifiers masked, and the
/// values of `hidden` parameters (base64 images) replaced by their size.
pub fn dry_run(prepared: &Prepared, json: bool, hidden: &[&str]) -> String {
    let shown = dry_run_json(prepared, hidden);
    if json {
        return format!("{shown:#}\n");
    }
    format!(
        "{} {}\nAuthorization: {}\nContent-Type: application/x-www-form-urlencoded\nContent-Length: {}\n\n{}\n",
        shown["method"].as_str().unwrap_or_default(),
        prepared.url,
        shown["headers"]["Authorization"]
            .as_str()
            .unwrap_or_default(),
        prepared.body.len(),
        shown["body"].as_str().unwrap_or_default(),
    )
}

/// [`dry_run`] as a JSON object: method, url, headers and body.
pub fn dry_run_json(prepared: &Prepared, hidden: &[&str]) -> Value {
    let body = String::from_utf8_lossy(&prepared.body);
    let body: String = body
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((key, value)) if hidden.contains(&key) => {
                format!("{key}=<{} bytes of base64, not shown>", value.len())
            }
            _ => pair.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("&");
    serde_json::json!({
        "method": prepared.method.as_str(),
        "url": prepared.url,
        "headers": {
            "Authorization": mask_authorization(&prepared.authorization),
            "Content-Type": "application/x-www-form-urlencoded",
            "Content-Length": prepared.body.len(),
        },
        // A value read from a file could be a credential (a bio file pointed at a secret):
        // shown as `***` like everywhere else.
        "body": crate::secret::hide_known(&body),
    })
}

/// The human summary of a profile for `show`.
pub fn profile_summary(user: &Value) -> String {
    let text = |key: &str| {
        let lines = if key == "description" {
            Lines::Keep
        } else {
            Lines::Escape
        };
        // An empty field is left out, like a missing one. Text reads as the person wrote it,
        // not with the API's HTML escapes.
        expanded(user, key)
            .map(|v| match key {
                "name" | "location" | "description" => crate::user::unescape_html(&v),
                _ => v,
            })
            .filter(|v| !v.is_empty())
            .map(|v| human(&v, lines))
    };
    let count = |key: &str| user.get(key).and_then(Value::as_u64).map(|n| n.to_string());
    let mut out = String::new();
    let name = text("name").unwrap_or_default();
    match text("screen_name") {
        Some(handle) => out.push_str(&format!(
            "{} {}\n",
            name.bold(),
            format!("@{handle}").dimmed()
        )),
        None => out.push_str(&format!("{}\n", name.bold())),
    }
    let rows = [
        ("bio", text("description")),
        ("location", text("location")),
        ("website", text("url")),
        ("followers", count("followers_count")),
        ("following", count("friends_count")),
        (
            "joined",
            text("created_at").map(|c| crate::user::joined(&c)),
        ),
    ];
    for (label, value) in rows {
        if let Some(value) = value {
            out.push_str(&row(label, &value));
        }
    }
    out
}

/// `show --field`: one value a line, strings bare with links expanded, anything else as the JSON
/// text the server sent in `raw` (the body as received). Exact into a pipe; sanitised for a
/// terminal, where a value could otherwise drive it.
pub fn field_values(user: &Value, raw: &[u8], keys: &[String], terminal: bool) -> String {
    // Written out again, a parsed value would lose the server's key order (serde_json's maps
    // sort) and spelling (`1.0e3` → `1000.0`, `\/` → `/`): the top-level values are sliced from
    // the body instead. The last of duplicated keys wins, as in `user`.
    let sent: BTreeMap<String, &RawValue> = serde_json::from_slice(raw).unwrap_or_default();
    let mut out = String::new();
    for key in keys {
        let text = match field_value(user, key) {
            Some(Value::String(text)) => text,
            Some(other) => match sent.get(key) {
                Some(json) => one_line(json.get()),
                None => other.to_string(),
            },
            None => String::new(),
        };
        if terminal {
            out.push_str(&human(&text, Lines::Keep));
        } else {
            out.push_str(&text);
        }
        out.push('\n');
    }
    out
}

/// JSON text on one line: a value the server pretty-printed loses the whitespace between its
/// tokens; one on a single line already (as X sends them) is kept byte for byte.
fn one_line(json: &str) -> String {
    // A raw line break in JSON text can only be whitespace between tokens: strings escape them.
    if !json.contains(['\n', '\r']) {
        return json.to_owned();
    }
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            (in_string, escaped) = (escaped || c != '"', !escaped && c == '\\');
        } else if c == '"' {
            in_string = true;
        } else if matches!(c, ' ' | '\t' | '\n' | '\r') {
            continue;
        }
        out.push(c);
    }
    out
}

/// `show --field … --json`: an object of just those keys, links expanded.
pub fn field_object(user: &Value, keys: &[String]) -> Value {
    let object: serde_json::Map<String, Value> = keys
        .iter()
        .map(|key| (key.clone(), field_value(user, key).unwrap_or(Value::Null)))
        .collect();
    Value::Object(object)
}

/// A top-level value of the user object, with `t.co` links expanded in strings.
fn field_value(user: &Value, key: &str) -> Option<Value> {
    match user.get(key)? {
        Value::String(_) => expanded(user, key).map(Value::String),
        other => Some(other.clone()),
    }
}

/// The keys of `keys` that the user object lacks, each with its close matches.
pub fn unknown_fields<'a>(user: &'a Value, keys: &'a [String]) -> Vec<(&'a str, Vec<&'a str>)> {
    let Some(object) = user.as_object() else {
        return Vec::new();
    };
    keys.iter()
        .filter(|key| !object.contains_key(key.as_str()))
        .map(|key| {
            let mut close: Vec<(f64, &str)> = object
                .keys()
                .map(|k| (strsim::jaro_winkler(key, k), k.as_str()))
                .filter(|(score, _)| *score >= 0.8)
                .collect();
            close.sort_by(|a, b| b.0.total_cmp(&a.0));
            (
                key.as_str(),
                close.into_iter().take(3).map(|(_, k)| k).collect(),
            )
        })
        .collect()
}

/// Server text for a person: any credential this run used hidden, anything a terminal acts on
/// escaped. (A profile may talk about `oauth_token=` itself: only known values are hidden.)
pub(crate) fn human(text: &str, lines: Lines) -> String {
    sanitize::for_terminal(&crate::secret::hide_known(text), lines).into_owned()
}

/// Continues a multi-line value under its first line.
fn indent(text: &str) -> String {
    text.replace('\n', &format!("\n{:15}", ""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::user::tests::user;
    use serde_json::json;

    #[test]
    fn fields_print_bare_strings_and_json_for_the_rest() {
        let mut u = user();
        u["followers_count"] = json!(12);
        u["protected"] = json!(false);
        let keys: Vec<String> = ["url", "followers_count", "protected", "description"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            field_values(&u, u.to_string().as_bytes(), &keys, false),
            "https://alice.example\n12\nfalse\nsee https://one.example/a and https://two.example/b\n"
        );
    }

    #[test]
    fn a_pretty_printed_value_takes_one_line_and_keeps_its_strings() {
        let pretty = "{\n  \"a b\": \"x \\\" \\\\\" ,\n  \"c\": [1.0e3,\r\n\t2]\n}";
        assert_eq!(one_line(pretty), r#"{"a b":"x \" \\","c":[1.0e3,2]}"#);
        let compact = r#"{"z": 1, "a" :[ 2 ]}"#;
        assert_eq!(one_line(compact), compact);
    }

    #[test]
    fn unknown_fields_come_with_close_matches() {
        let u = user();
        let keys = vec!["descripton".to_owned(), "url".to_owned(), "zzz".to_owned()];
        let unknown = unknown_fields(&u, &keys);
        assert_eq!(unknown.len(), 2);
        assert_eq!(unknown[0], ("descripton", vec!["description"]));
        assert_eq!(unknown[1], ("zzz", vec![]));
    }

    #[test]
    fn only_a_bio_spans_lines_in_a_summary() {
        colored::control::set_override(false);
        let u = json!({"screen_name": "alice", "name": "a\nb", "description": "one\ntwo"});
        let text = update_summary(&u, &[(Field::Name, ""), (Field::Description, "")]);
        assert_eq!(
            text,
            "Updated @alice\n  name         a\\nb\n  bio          one\n               two\n"
        );
    }

    #[test]
    fn summary_names_the_handle_and_each_field_sent() {
        colored::control::set_override(false);
        let text = update_summary(&user(), &[(Field::Url, "alice.example")]);
        assert_eq!(
            text,
            "Updated @alice\n  website      https://alice.example\n"
        );
    }
}
