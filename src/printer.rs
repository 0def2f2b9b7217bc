//! What reaches stdout, decided once: nothing (`-q`), JSON (`--json`) or text for a person.
//! Commands say what there is to show; the printer knows which form, if any, goes out.

use anyhow::Context;
use serde_json::Value;

/// The form of what goes to stdout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `-q`: nothing on stdout on success, and no notes on stderr.
    Quiet,
    /// Text for a person.
    Human,
    /// JSON for a program.
    Json,
}

/// Writes a command's results in the form the flags chose.
#[derive(Clone, Copy, Debug)]
pub struct Printer {
    mode: Mode,
    /// `--json` as given: under `-q` too, a dry run prints its request as JSON.
    json: bool,
}

impl Printer {
    /// `-q` wins over `--json`: a quiet run prints nothing on success.
    pub fn new(quiet: bool, json: bool) -> Self {
        let mode = match (quiet, json) {
            (true, _) => Mode::Quiet,
            (false, true) => Mode::Json,
            (false, false) => Mode::Human,
        };
        Printer { mode, json }
    }

    /// Whether `--json` was asked for, `-q` or not (a dry run prints its request as JSON).
    pub fn json(&self) -> bool {
        self.json
    }

    /// An answer from the API: its body as received under `--json`, else the summary, which is
    /// built only when it is shown.
    pub fn answer(&self, body: &[u8], summary: impl FnOnce() -> String) -> anyhow::Result<()> {
        match self.mode {
            Mode::Quiet => Ok(()),
            // An empty answer (the banner endpoints often give one) prints nothing.
            Mode::Json if body.trim_ascii().is_empty() => Ok(()),
            Mode::Json => emit(&format!("{}\n", String::from_utf8_lossy(body).trim_end())),
            Mode::Human => emit(&summary()),
        }
    }

    /// Something twprofile made: `json()` under `--json`, `human()` otherwise.
    pub fn show(
        &self,
        json: impl FnOnce() -> Value,
        human: impl FnOnce() -> String,
    ) -> anyhow::Result<()> {
        match self.mode {
            Mode::Quiet => Ok(()),
            Mode::Json => emit(&format!("{:#}\n", json())),
            Mode::Human => emit(&human()),
        }
    }

    /// Text for a person, printed in the human form alone (`apply`'s plan, as it goes).
    pub fn human(&self, text: impl FnOnce() -> String) -> anyhow::Result<()> {
        match self.mode {
            Mode::Human => emit(&text()),
            Mode::Quiet | Mode::Json => Ok(()),
        }
    }

    /// One compact JSON object on a line of its own, under `--json` alone (`apply`, per file).
    pub fn json_line(&self, json: impl FnOnce() -> Value) -> anyhow::Result<()> {
        match self.mode {
            // Server text in it (a name's bidi override) stays inert in a log or on a terminal.
            Mode::Json => emit(&format!(
                "{}\n",
                crate::stderr::json_escaped(&json().to_string())
            )),
            Mode::Quiet | Mode::Human => Ok(()),
        }
    }

    /// Something that only has a JSON form (a change's result), printed under `--json` alone.
    pub fn json_only(&self, json: impl FnOnce() -> Value) -> anyhow::Result<()> {
        self.show(json, String::new)
    }

    /// Text that is the result whatever the form asked for: a dry run's request.
    pub fn always(&self, text: &str) -> anyhow::Result<()> {
        emit(text)
    }

    /// A script or a page (completions, the man page): printed whatever the flags.
    pub fn bytes(&self, bytes: &[u8]) -> anyhow::Result<()> {
        crate::output::emit_bytes(bytes).context("writing to stdout")
    }

    /// A note for the person at the terminal, on stderr; `-q` silences it.
    pub fn note(&self, text: &str) {
        if self.mode != Mode::Quiet {
            crate::stderr::say(text);
        }
    }
}

fn emit(text: &str) -> anyhow::Result<()> {
    crate::output::emit(text).context("writing to stdout")
}
