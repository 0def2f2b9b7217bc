//! Everything written to stdout: summaries, JSON, dry-run requests; and the colour decision.

use std::io::{IsTerminal, Write};

use colored::Colorize;
use serde_json::Value;

use crate::api::printable;
use crate::fields::Field;

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

/// A top-level string field of a user object, with `t.co` links expanded from `entities` for
/// `url` and `description`.
pub fn expanded(user: &Value, key: &str) -> Option<String> {
    let value = user.get(key)?.as_str()?;
    let urls = |section: &str| {
        user.pointer(&format!("/entities/{section}/urls"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let replace = |text: &str, links: &[Value]| {
        let mut text = text.to_owned();
        for link in links {
            let short = link.get("url").and_then(Value::as_str);
            let long = link.get("expanded_url").and_then(Value::as_str);
            if let (Some(short), Some(long)) = (short, long)
                && !short.is_empty()
            {
                text = text.replace(short, long);
            }
        }
        text
    };
    Some(match key {
        "url" => replace(value, &urls("url")),
        "description" => replace(value, &urls("description")),
        _ => value.to_owned(),
    })
}

/// The human summary of an update: `@handle`, then each field sent with its value now.
pub fn update_summary(user: &Value, sent: &[(Field, &str)]) -> String {
    let handle = user
        .get("screen_name")
        .and_then(Value::as_str)
        .map(|s| format!("@{}", printable(s)));
    let mut out = match handle {
        Some(handle) => format!("{} {}\n", "Updated".green().bold(), handle.bold()),
        None => format!("{}\n", "Updated".green().bold()),
    };
    for (field, value_sent) in sent {
        // The API's stored value is the truth; fall back to what we sent if it left it out.
        let now = expanded(user, field.api_name()).unwrap_or_else(|| (*value_sent).to_owned());
        let label = format!("{:<12}", field.api_name());
        out.push_str(&format!(
            "  {} {}\n",
            label.dimmed(),
            indent(&text_for_terminal(&now))
        ));
    }
    out
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
    fn links_are_expanded_from_entities() {
        let u = user();
        assert_eq!(expanded(&u, "url").unwrap(), "https://alice.example");
        assert_eq!(
            expanded(&u, "description").unwrap(),
            "see https://one.example/a and https://two.example/b"
        );
        assert_eq!(expanded(&u, "missing"), None);
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
    fn summary_names_the_handle_and_each_field_sent() {
        colored::control::set_override(false);
        let text = update_summary(&user(), &[(Field::Url, "alice.example")]);
        assert_eq!(
            text,
            "Updated @alice\n  url          https://alice.example\n"
        );
    }
}
