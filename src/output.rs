//! Everything written to stdout: summaries, JSON, dry-run requests; and the colour decision.

use std::io::{IsTerminal, Write};

use colored::Colorize;
use serde_json::Value;

use crate::api::Prepared;
use crate::fields::Field;
use crate::sanitize::{self, Lines};
use crate::sign::mask_authorization;
use crate::user::expanded;

/// `--color`: whether to colour stdout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    /// When stdout is a terminal, unless NO_COLOR, CLICOLOR=0 or TERM=dumb say otherwise
    /// (CLICOLOR_FORCE forces it)
    Auto,
    /// Always, even into a pipe.
    Always,
    /// Never.
    Never,
}

/// The colour conventions a terminal user may have set.
#[derive(Clone, Copy, Debug, Default)]
pub struct ColorEnv<'a> {
    /// `NO_COLOR`: set and not empty means no colour.
    pub no_color: Option<&'a str>,
    /// `CLICOLOR_FORCE`: set and not `0` means colour even into a pipe.
    pub clicolor_force: Option<&'a str>,
    /// `CLICOLOR`: `0` means no colour.
    pub clicolor: Option<&'a str>,
    /// `TERM`: `dumb` means no colour.
    pub term: Option<&'a str>,
}

impl ColorWhen {
    /// Decides once. An explicit `always`/`never` wins; under `auto`, `NO_COLOR` wins over
    /// `CLICOLOR_FORCE`, which wins over `CLICOLOR=0`, `TERM=dumb` and whether stdout is a
    /// terminal (the order cargo and the no-color.org and bixense conventions agree on).
    pub fn decide(self, env: ColorEnv<'_>, stdout_is_terminal: bool) -> bool {
        let set = |v: Option<&str>| v.is_some_and(|v| !v.is_empty());
        match self {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto if set(env.no_color) => false,
            ColorWhen::Auto if set(env.clicolor_force) && env.clicolor_force != Some("0") => true,
            ColorWhen::Auto if env.clicolor == Some("0") => false,
            ColorWhen::Auto if env.term == Some("dumb") => false,
            ColorWhen::Auto => stdout_is_terminal,
        }
    }

    /// Decides for this process and applies the decision to every coloured string.
    pub fn apply(self) {
        let var = |name: &str| std::env::var(name).ok();
        let (no_color, clicolor_force, clicolor, term) = (
            var("NO_COLOR"),
            var("CLICOLOR_FORCE"),
            var("CLICOLOR"),
            var("TERM"),
        );
        let env = ColorEnv {
            no_color: no_color.as_deref(),
            clicolor_force: clicolor_force.as_deref(),
            clicolor: clicolor.as_deref(),
            term: term.as_deref(),
        };
        colored::control::set_override(self.decide(env, std::io::stdout().is_terminal()));
    }
}

/// Writes to stdout; a reader that went away (`| head`) is not an error.
pub fn emit(text: &str) -> std::io::Result<()> {
    emit_bytes(text.as_bytes())
}

/// [`emit`] for bytes.
pub fn emit_bytes(bytes: &[u8]) -> std::io::Result<()> {
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

/// `Updated @handle`, then one labelled row per value.
pub fn updated(user: &Value, rows: &[(&str, String)]) -> String {
    let handle = user
        .get("screen_name")
        .and_then(Value::as_str)
        .map(|s| format!("@{}", human(s, Lines::Escape)));
    let mut out = match handle {
        Some(handle) => format!("{} {}\n", "Updated".green().bold(), handle.bold()),
        None => format!("{}\n", "Updated".green().bold()),
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
    let text = |key: &str| {
        let lines = if key == "description" {
            Lines::Keep
        } else {
            Lines::Escape
        };
        // An empty field is left out, like a missing one.
        expanded(user, key)
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

/// `show --field`: one value a line, strings bare, others as JSON; links expanded. Exact into a
/// pipe; sanitised for a terminal, where a value could otherwise drive it.
pub fn field_values(user: &Value, keys: &[String], terminal: bool) -> String {
    let mut out = String::new();
    for key in keys {
        let text = match field_value(user, key) {
            Some(Value::String(text)) => text,
            Some(other) => other.to_string(),
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

/// `show --field … --json`: an object of just those keys, links expanded.
pub fn field_object(user: &Value, keys: &[String]) -> String {
    let object: serde_json::Map<String, Value> = keys
        .iter()
        .map(|key| (key.clone(), field_value(user, key).unwrap_or(Value::Null)))
        .collect();
    format!("{:#}\n", Value::Object(object))
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
fn human(text: &str, lines: Lines) -> String {
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
    fn colour_follows_flag_then_conventions_then_terminal() {
        let none = ColorEnv::default();
        let with = |f: fn(&mut ColorEnv<'static>)| {
            let mut env = ColorEnv::default();
            f(&mut env);
            env
        };
        let no_color = with(|e| e.no_color = Some("1"));
        let forced = with(|e| e.clicolor_force = Some("1"));
        let forced_zero = with(|e| e.clicolor_force = Some("0"));
        let both = with(|e| {
            e.no_color = Some("1");
            e.clicolor_force = Some("1");
        });
        let dumb = with(|e| e.term = Some("dumb"));
        let clicolor_off = with(|e| e.clicolor = Some("0"));
        let dumb_forced = with(|e| {
            e.term = Some("dumb");
            e.clicolor_force = Some("1");
        });

        assert!(ColorWhen::Always.decide(both, false));
        assert!(!ColorWhen::Never.decide(forced, true));
        assert!(ColorWhen::Auto.decide(none, true));
        assert!(!ColorWhen::Auto.decide(none, false));
        assert!(ColorWhen::Auto.decide(with(|e| e.no_color = Some("")), true));
        assert!(!ColorWhen::Auto.decide(no_color, true));
        assert!(ColorWhen::Auto.decide(forced, false));
        assert!(!ColorWhen::Auto.decide(forced_zero, false));
        assert!(!ColorWhen::Auto.decide(both, true));
        assert!(!ColorWhen::Auto.decide(dumb, true));
        assert!(ColorWhen::Auto.decide(dumb_forced, false));
        assert!(!ColorWhen::Auto.decide(clicolor_off, true));
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
            field_values(&u, &keys, false),
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
            "Updated @alice\n  website      https://alice.example\n"
        );
    }
}
