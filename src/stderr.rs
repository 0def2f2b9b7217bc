//! The one way text reaches stderr: every known secret hidden, sanitised for the terminal, and
//! never able to fail.
//!
//! `eprintln!` panics when stderr is a closed pipe (`2>&1 | head -1`). A diagnostic that cannot
//! be written must not change what the command does or how it exits, so write errors are ignored.

use std::io::Write;

use crate::sanitize::{self, Lines};
use crate::secret::hide_known as redact;

/// Writes `text` and a newline, with anything a terminal could act on escaped.
pub fn say(text: &str) {
    write(&format!(
        "{}\n",
        sanitize::for_terminal(&redact(text), Lines::Keep)
    ));
}

/// Writes `text` without a newline (a prompt), and flushes it.
pub fn prompt(text: &str) {
    write(&sanitize::for_terminal(&redact(text), Lines::Keep));
}

/// Text with its own SGR colour sequences (`ESC [ … m`, as clap writes them): those pass, and
/// everything else a terminal could act on is escaped.
pub fn styled(text: &str) {
    write(&styled_text(text));
}

/// [`styled`]'s text.
fn styled_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = redact(text);
    while let Some(at) = rest.find('\x1b') {
        out.push_str(&sanitize::for_terminal(&rest[..at], Lines::Keep));
        let after = &rest[at + 1..];
        let sgr_len = after.strip_prefix('[').and_then(|params| {
            let end = params.find(|c: char| !(c.is_ascii_digit() || c == ';'))?;
            (params[end..].starts_with('m')).then_some(end + 2)
        });
        match sgr_len {
            Some(len) => {
                out.push_str(&rest[at..at + 1 + len]);
                rest = rest[at + 1 + len..].to_owned();
            }
            None => {
                out.push_str("\\x1b");
                rest = rest[at + 1..].to_owned();
            }
        }
    }
    out.push_str(&sanitize::for_terminal(&rest, Lines::Keep));
    out
}

/// `warning: …` on one line.
pub fn warn(text: &str) {
    write(&format!("warning: {}\n", sanitize::line(&redact(text))));
}

/// `label: …` on one line, the text escaped even of newlines.
pub fn labelled(label: &str, text: &str) {
    write(&format!("{label}: {}\n", sanitize::line(&redact(text))));
}

/// One JSON value on a line: the `--json` error object. JSON escapes every control character;
/// known secrets are hidden in it like anywhere else.
pub fn json(value: &serde_json::Value) {
    write(&json_line(value));
}

/// [`json`]'s line.
fn json_line(value: &serde_json::Value) -> String {
    let mut value = value.clone();
    hide_in_strings(&mut value);
    format!("{}\n", json_escaped(&value.to_string()))
}

/// Hides known secrets in the string values (not in the serialised text, where a secret that
/// looks like JSON could break it, and an escaped one would not match).
fn hide_in_strings(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(text) => *text = redact(text),
        serde_json::Value::Array(items) => items.iter_mut().for_each(hide_in_strings),
        serde_json::Value::Object(map) => map.values_mut().for_each(hide_in_strings),
        _ => {}
    }
}

/// Serialised JSON with every character a terminal could act on written as a `\uXXXX` escape:
/// JSON leaves C1 controls, bidi and format characters raw, and such characters can only stand
/// inside strings, where the escape means the same.
pub(crate) fn json_escaped(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if sanitize::is_inert(c) {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

fn write(text: &str) {
    write_bytes(text.as_bytes());
}

/// Writes what was made ready for stderr (by the functions above), ignoring errors; held back
/// while a job of [`crate::runner::in_order`] runs.
pub fn write_bytes(bytes: &[u8]) {
    if crate::runner::hold(crate::runner::Stream::Stderr, bytes) {
        return;
    }
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(bytes).and_then(|()| err.flush());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_sequences_pass_and_every_other_escape_is_shown() {
        let text = "\x1b[1;31merror:\x1b[0m bad \x1b]8;;https://evil\x07x\x1b[2J \x1b";
        let out = styled_text(text);
        assert!(out.starts_with("\x1b[1;31merror:\x1b[0m bad "), "{out:?}");
        assert_eq!(out.matches('\x1b').count(), 2, "{out:?}");
        assert!(
            out.contains("\\x1b]8;;https://evil") && out.ends_with("\\x1b"),
            "{out:?}"
        );
        assert!(!out.contains('\x07'), "{out:?}");
        // What follows a colour sequence is escaped like the rest, however it is measured.
        let out = styled_text("\x1b[1;31m\x07\x07\x07ab");
        assert_eq!(out, "\x1b[1;31m\\x07\\x07\\x07ab");
    }

    #[test]
    fn secrets_are_hidden_in_every_string_of_a_json_line() {
        crate::secret::remember("sk-json-line-secret-1");
        let value = serde_json::json!({
            "a": "sk-json-line-secret-1",
            "b": ["x sk-json-line-secret-1"],
            "c": {"d": "sk-json-line-secret-1"},
        });
        let line = json_line(&value);
        assert!(!line.contains("sk-json-line-secret-1"), "{line}");
        assert_eq!(line.matches("***").count(), 3, "{line}");
    }

    #[test]
    fn json_for_a_terminal_escapes_what_json_leaves_raw() {
        let value = serde_json::json!({"m": "a\u{9b}b\u{202e}c\u{e0041}d\n"});
        let escaped = json_escaped(&value.to_string());
        assert_eq!(escaped, r#"{"m":"a\u009bb\u202ec\udb40\udc41d\n"}"#);
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, value);
    }
}
