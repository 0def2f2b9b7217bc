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

/// `warning: …` on one line.
pub fn warn(text: &str) {
    write(&format!("warning: {}\n", sanitize::line(&redact(text))));
}

/// `label: …` on one line, the text escaped even of newlines.
pub fn labelled(label: &str, text: &str) {
    write(&format!("{label}: {}\n", sanitize::line(&redact(text))));
}

fn write(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}
