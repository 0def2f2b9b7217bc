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

/// How long output may stay open after the command exited: longer means a process it left
/// behind holds it, and that process group is stopped.
const GRACE: Duration = Duration::from_millis(200);

/// The most of a program's name an error shows, in characters.
const NAME_MAX: usize = 100;

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
        Error::config(format!("{what} {why}"))
            .with_hint("run the command yourself to see what it says")
    };
    let Some((program, args)) = argv.split_first() else {
        return Err(Error::config(format!("{what} is empty"))
            .with_hint("write the command as a list: [\"pass\", \"show\", \"x/alice\"]"));
    };
    let mut command = Command::new(program);
    command
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    // Unattended, in its own process group, so that what it starts is stopped with it. At a
    // terminal it stays in this one: a password manager asking there must be able to read it
    // (a background group reading the terminal is stopped), and Ctrl-C reaches it too.
    #[cfg(unix)]
    let own_group = !has_terminal();
    #[cfg(unix)]
    if own_group {
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
    }
    let mut child = command.spawn().map_err(|e| {
        fail(format!(
            "could not start {}: {}",
            crate::sanitize::cut(&crate::sanitize::line(program), NAME_MAX),
            crate::error::io_reason(&e)
        ))
    })?;
    // Should this process be ended while the command runs, the command ends with it.
    #[cfg(unix)]
    let _ended_with_us = on_signal::Guard::new(child.id(), own_group);
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
    let late = || fail(format!("did not finish within {} s", DEADLINE.as_secs()));
    let mut exited: Option<(std::process::ExitStatus, Instant)> = None;
    let output = loop {
        match receive.recv_timeout(Duration::from_millis(20)) {
            Ok(read) => break read,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) if started.elapsed() < DEADLINE => {
                if exited.is_none() {
                    exited = child.try_wait().ok().flatten().map(|s| (s, Instant::now()));
                }
                // It exited, and what it left behind still holds its output open.
                if exited.is_some_and(|(_, at)| at.elapsed() > GRACE) {
                    stop_group(&child);
                }
            }
            Err(_) => {
                stop(&mut child);
                return Err(late());
            }
        }
    };
    let output = output.map_err(|e| fail(format!("could not be read: {e}")))?;
    if output.len() > MAX_OUTPUT {
        stop(&mut child);
        return Err(fail(format!(
            "printed over {} KiB; its output is not shown",
            MAX_OUTPUT / 1024
        )));
    }
    // Its output is complete; it has until the deadline to exit.
    let status = loop {
        if let Some((status, _)) = exited {
            break status;
        }
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < DEADLINE => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Ok(None) | Err(_) => {
                stop(&mut child);
                return Err(late());
            }
        }
    };
    if !status.success() {
        return Err(fail(match status.code() {
            Some(code) => format!("exited with status {code}; its output is not shown"),
            None => "was killed by a signal; its output is not shown".to_owned(),
        }));
    }
    let mut text = String::from_utf8(output)
        .map_err(|_| fail("printed bytes that are not UTF-8; its output is not shown".into()))?;
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

/// Kills a command that overran, with everything in its process group, and reaps it.
fn stop(child: &mut std::process::Child) {
    stop_group(child);
    let _ = child.kill();
    let _ = child.wait();
}

/// Whether this process has a controlling terminal, where a person may answer a prompt.
#[cfg(unix)]
fn has_terminal() -> bool {
    // SAFETY: open and close of a path with no memory shared; O_NOCTTY never acquires one.
    unsafe {
        let fd = libc::open(
            c"/dev/tty".as_ptr(),
            libc::O_RDONLY | libc::O_NOCTTY | libc::O_CLOEXEC,
        );
        if fd < 0 {
            return false;
        }
        libc::close(fd);
        true
    }
}

#[cfg(unix)]
mod on_signal {
    //! A command that outlives this process: Ctrl-C, SIGTERM or SIGHUP to twprofile kill the
    //! commands it is running (their process groups, unattended) before it dies of the signal.

    use std::sync::atomic::{AtomicI32, Ordering};

    /// What to kill on a signal: a pid, or a process group as a negative number; 0 is free.
    static RUNNING: [AtomicI32; 16] = [const { AtomicI32::new(0) }; 16];

    const SIGNALS: [libc::c_int; 4] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP, libc::SIGQUIT];

    extern "C" fn kill_and_die(signal: libc::c_int) {
        // SAFETY: kill, signal and raise are async-signal-safe; the slots are atomics.
        unsafe {
            for slot in &RUNNING {
                let target = slot.load(Ordering::SeqCst);
                if target != 0 {
                    libc::kill(target, libc::SIGKILL);
                }
            }
            libc::signal(signal, libc::SIG_DFL);
            libc::raise(signal);
        }
    }

    /// Holds a command's slot (and the handlers) while it runs.
    pub struct Guard(Option<usize>);

    impl Guard {
        pub fn new(pid: u32, group: bool) -> Guard {
            let Ok(pid) = libc::pid_t::try_from(pid) else {
                return Guard(None);
            };
            let target = if group { -pid } else { pid };
            let Some(index) = RUNNING.iter().position(|slot| {
                slot.compare_exchange(0, target, Ordering::SeqCst, Ordering::SeqCst)
                    .is_ok()
            }) else {
                return Guard(None);
            };
            for signal in SIGNALS {
                // SAFETY: a zeroed sigaction is valid; the handler is async-signal-safe. A
                // signal ignored (as under nohup) stays ignored.
                unsafe {
                    let mut previous: libc::sigaction = std::mem::zeroed();
                    libc::sigaction(signal, std::ptr::null(), &mut previous);
                    if previous.sa_sigaction == libc::SIG_IGN {
                        continue;
                    }
                    let mut action: libc::sigaction = std::mem::zeroed();
                    action.sa_sigaction = kill_and_die as *const () as libc::sighandler_t;
                    libc::sigemptyset(&mut action.sa_mask);
                    libc::sigaction(signal, &action, std::ptr::null_mut());
                }
            }
            Guard(Some(index))
        }
    }

    impl Drop for Guard {
        fn drop(&mut self) {
            if let Some(index) = self.0 {
                RUNNING[index].store(0, Ordering::SeqCst);
            }
        }
    }
}

/// Kills the process group a command was started in: what it left running goes with it.
fn stop_group(child: &std::process::Child) {
    #[cfg(unix)]
    if let Ok(group) = libc::pid_t::try_from(child.id()) {
        // SAFETY: kill(2) with a negative pid signals that process group; no memory is shared.
        unsafe {
            libc::kill(-group, libc::SIGKILL);
        }
    }
    #[cfg(not(unix))]
    let _ = child;
}
