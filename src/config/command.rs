//! `<key>_command = ["pass", "show", "x/alice"]`: a credential printed by a password manager
//! when the account is used. No shell; stdin closed, stderr discarded, a deadline, bounded
//! output; what it prints is a secret, and a failure never shows it.

use std::collections::HashMap;
use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::error::Error;
use crate::secret::Secret;

/// How long a command may take: time to unlock a password manager, not to hang a cron job.
const DEADLINE: Duration = Duration::from_secs(30);

/// The most a command may print: a credential is tens of bytes.
const MAX_OUTPUT: usize = 64 * 1024;

/// What each command printed this run: `apply` of many files of one account asks once.
static RAN: Mutex<Option<HashMap<Vec<String>, Secret>>> = Mutex::new(None);

/// Runs `argv` for the credential `what` describes (`consumer_key_command of account 'alice'
/// in FILE`) and returns its stdout less one trailing newline. Every failure is exit 3 naming
/// `what` and never the output.
pub fn run(argv: &[String], what: &str) -> Result<Secret, Error> {
    if let Some(known) = RAN
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
        .and_then(|ran| ran.get(argv))
    {
        return Ok(known.clone());
    }
    let fail = |why: String| {
        Error::config(format!("{what} {why}; its output is not shown"))
            .with_hint("run the command yourself to see what it says")
    };
    let Some((program, args)) = argv.split_first() else {
        return Err(Error::config(format!("{what} is empty"))
            .with_hint("write the command as a list: [\"pass\", \"show\", \"x/alice\"]"));
    };
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| {
            fail(format!(
                "could not start {}: {}",
                crate::sanitize::line(program),
                crate::error::io_reason(&e)
            ))
        })?;
    // Read on a thread, so that a command that prints without end is stopped at the bound and
    // one that never ends is stopped at the deadline.
    let mut stdout = child
        .stdout
        .take()
        .ok_or_else(|| fail("has no output".into()))?;
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut out = Vec::new();
        let read = (&mut stdout)
            .take(MAX_OUTPUT as u64 + 1)
            .read_to_end(&mut out);
        let _ = send.send(read.map(|_| out));
    });
    let started = Instant::now();
    let output = loop {
        match receive.recv_timeout(Duration::from_millis(20)) {
            Ok(read) => break read,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) if started.elapsed() < DEADLINE => {}
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(fail(format!(
                    "did not finish within {} s",
                    DEADLINE.as_secs()
                )));
            }
        }
    };
    let output = output.map_err(|e| fail(format!("could not be read: {e}")))?;
    if output.len() > MAX_OUTPUT {
        let _ = child.kill();
        let _ = child.wait();
        return Err(fail(format!("printed over {} KiB", MAX_OUTPUT / 1024)));
    }
    // Its output is complete; it has until the deadline to exit.
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < DEADLINE => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Ok(None) | Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(fail(format!(
                    "did not finish within {} s",
                    DEADLINE.as_secs()
                )));
            }
        }
    };
    if !status.success() {
        return Err(fail(match status.code() {
            Some(code) => format!("exited with status {code}"),
            None => "was killed by a signal".to_owned(),
        }));
    }
    let mut text =
        String::from_utf8(output).map_err(|_| fail("printed bytes that are not UTF-8".into()))?;
    crate::textfile::drop_trailing_newline(&mut text);
    if text.is_empty() {
        return Err(fail("printed nothing".into()));
    }
    crate::secret::remember(&text);
    let secret = Secret::new(text);
    RAN.lock()
        .unwrap_or_else(|e| e.into_inner())
        .get_or_insert_with(HashMap::new)
        .insert(argv.to_vec(), secret.clone());
    Ok(secret)
}
