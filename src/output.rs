//! Everything written to stdout: summaries, JSON, dry-run requests; and the colour decision.

use std::io::{IsTerminal, Write};

use colored::Colorize;
use serde_json::Value;

use crate::api::{Prepared, printable};
use crate::fields::Field;
use crate::sign::mask_authorization;
use crate::user::expanded;

/// `--color`: whether to colour stdout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    /// When stdout is a terminal and `NO_COLOR` is unset.
    Auto,
    /// Always, even into a pipe.
    Always,
    /// Never.
    Never,
}

impl ColorWhen {
    /// Decides once, from the flag, `NO_COLOR` and whether stdout is a terminal.
    pub fn decide(self, no_color: Option<&str>, stdout_is_terminal: bool) -> bool {
        match self {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => stdout_is_terminal && no_color.is_none_or(str::is_empty),
        }
    }

    /// Decides for this process and applies the decision to every coloured string.
    pub fn apply(self) {
        let no_color = std::env::var("NO_COLOR").ok();
        let colour = self.decide(no_color.as_deref(), std::io::stdout().is_terminal());
        colored::control::set_override(colour);
    }
}

/// Writes to stdout; a reader that went away (`| head`) is not an error.
pub fn emit(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
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
            (field.api_name(), now)
        })
        .collect();
    updated(user, "Updated", &rows)
}

/// `Updated @handle` (or another verb), then one labelled row per value.
pub fn updated(user: &Value, verb: &str, rows: &[(&str, String)]) -> String {
    let handle = user
        .get("screen_name")
        .and_then(Value::as_str)
        .map(|s| format!("@{}", printable(s)));
    let mut out = match handle {
        Some(handle) => format!("{} {}\n", verb.green().bold(), handle.bold()),
        None => format!("{}\n", verb.green().bold()),
    };
    for (label, value) in rows {
        let label = format!("{label:<12}");
        out.push_str(&format!(
            "  {} {}\n",
            label.dimmed(),
            indent(&text_for_terminal(value))
        ));
    }
    out
}

/// `--dry-run`: the request as it would be sent, the signature and identifiers masked, and the
/// values of `hidden` parameters (base64 images) replaced by their size.
pub fn dry_run(prepared: &Prepared, json: bool, hidden: &[&str]) -> String {
    let authorization = mask_authorization(&prepared.authorization);
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
    let method = prepared.method.as_str();
    if json {
        let shown = serde_json::json!({
            "method": method,
            "url": prepared.url,
            "headers": {
                "Authorization": authorization,
                "Content-Type": "application/x-www-form-urlencoded",
                "Content-Length": prepared.body.len(),
            },
            "body": body,
        });
        format!("{shown:#}\n")
    } else {
        format!(
            "{method} {}\nAuthorization: {authorization}\nContent-Type: application/x-www-form-urlencoded\nContent-Length: {}\n\n{body}\n",
            prepared.url,
            prepared.body.len()
        )
    }
}

/// The human summary of a profile for `show`.
pub fn profile_summary(user: &Value) -> String {
    let text = |key: &str| expanded(user, key).map(|v| text_for_terminal(&v));
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
            let label = format!("{label:<12}");
            out.push_str(&format!("  {} {}\n", label.dimmed(), indent(&value)));
        }
    }
    out
}

/// `show --field`: one value a line, strings bare, others as JSON; links expanded.
pub fn field_values(user: &Value, keys: &[String]) -> String {
    let mut out = String::new();
    for key in keys {
        let line = match user.get(key) {
            Some(Value::String(_)) => expanded(user, key).unwrap_or_default(),
            Some(other) => other.to_string(),
            None => String::new(),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// `show --field … --json`: an object of just those keys, links expanded.
pub fn field_object(user: &Value, keys: &[String]) -> String {
    let mut object = serde_json::Map::new();
    for key in keys {
        let value = match user.get(key) {
            Some(Value::String(_)) => Value::String(expanded(user, key).unwrap_or_default()),
            Some(other) => other.clone(),
            None => Value::Null,
        };
        object.insert(key.clone(), value);
    }
    format!("{:#}\n", Value::Object(object))
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

/// Server text for a terminal: newlines and tabs kept, other control characters dropped.
fn text_for_terminal(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

/// Continues a multi-line value under its first line.
fn indent(text: &str) -> String {
    text.replace('\n', &format!("\n{:15}", ""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn user() -> Value {
        json!({
            "screen_name": "alice",
            "url": "https://t.co/abc",
            "description": "see https://t.co/x1 and https://t.co/x2",
            "entities": {
                "url": {"urls": [{"url": "https://t.co/abc", "expanded_url": "https://alice.example"}]},
                "description": {"urls": [
                    {"url": "https://t.co/x1", "expanded_url": "https://one.example/a"},
                    {"url": "https://t.co/x2", "expanded_url": "https://two.example/b"}
                ]}
            }
        })
    }

    #[test]
    fn colour_follows_flag_then_no_color_then_terminal() {
        assert!(ColorWhen::Always.decide(Some("1"), false));
        assert!(!ColorWhen::Never.decide(None, true));
        assert!(ColorWhen::Auto.decide(None, true));
        assert!(ColorWhen::Auto.decide(Some(""), true));
        assert!(!ColorWhen::Auto.decide(Some("1"), true));
        assert!(!ColorWhen::Auto.decide(None, false));
    }

    #[test]
    fn fields_print_bare_strings_and_json_for_the_rest() {
        let mut u = user();
        u["followers_count"] = json!(12);
        u["protected"] = json!(false);
        let keys: Vec<String> = ["url", "followers_count", "protected", "description"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            field_values(&u, &keys),
            "https://alice.example\n12\nfalse\nsee https://one.example/a and https://two.example/b\n"
        );
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
    fn summary_names_the_handle_and_each_field_sent() {
        colored::control::set_override(false);
        let text = update_summary(&user(), &[(Field::Url, "alice.example")]);
        assert_eq!(
            text,
            "Updated @alice\n  url          https://alice.example\n"
        );
    }
}
