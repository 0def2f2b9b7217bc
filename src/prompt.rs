//! Reading answers from the user: a line from a terminal or a pipe, secrets without echo.

use std::io::{BufRead, IsTerminal, Read};

use crate::error::Error;

/// The longest answer read: a key, a secret or a PIN is well under a hundred bytes, and a line
/// from `/dev/zero` or `yes` must not grow without end.
const MAX_LINE: usize = 4096;

/// Asks on stderr (when stdin is a terminal) and reads one line from stdin, without its line
/// ending. A secret is read without echo when stdin is a terminal.
pub fn ask(question: &str, secret: bool) -> Result<String, Error> {
    let interactive = std::io::stdin().is_terminal();
    let cannot = |e: std::io::Error| Error::usage(format!("cannot read the {question}: {e}"));
    let line = if interactive && secret {
        hidden::read(&format!("{question}: ")).map_err(cannot)?
    } else {
        if interactive {
            crate::stderr::prompt(&format!("{question}: "));
        }
        read_line(&mut std::io::stdin().lock()).map_err(cannot)?
    };
    let Some(line) = line else {
        return Err(Error::usage(format!(
            "no {question} given: stdin ended before it"
        )));
    };
    if line.len() > MAX_LINE {
        return Err(Error::usage(format!(
            "the {question} is over {MAX_LINE} bytes; that is not a {question}"
        )));
    }
    let text = String::from_utf8(line)
        .map_err(|_| Error::usage(format!("the {question} is not valid UTF-8")))?;
    let text = text.trim_end_matches(['\r', '\n']);
    // A stray space is easy to type at a terminal; from a pipe the line is taken as it is, and a
    // credential with whitespace around it is refused by name later.
    Ok(if interactive { text.trim() } else { text }.to_owned())
}

/// One line, with its ending, reading at most one byte past [`MAX_LINE`]; `None` at the end of
/// the input.
fn read_line(input: &mut impl BufRead) -> std::io::Result<Option<Vec<u8>>> {
    let mut line = Vec::new();
    let read = input
        .take(MAX_LINE as u64 + 1)
        .read_until(b'\n', &mut line)?;
    Ok((read > 0).then_some(line))
}

#[cfg(unix)]
mod hidden {
    //! A line from the terminal with echo off, and the terminal put back on every way out:
    //! the answer, an error, any signal that ends the process while waiting for it, and
    //! Ctrl-Z (echo comes back while stopped, and goes off again on `fg`).

    use std::io::{BufReader, Write};
    use std::os::fd::AsRawFd;
    use std::sync::atomic::{AtomicPtr, Ordering};

    /// The terminal, its settings from before the prompt and those for the prompt, for the
    /// signal handlers.
    struct Saved {
        fd: libc::c_int,
        termios: libc::termios,
        quiet: libc::termios,
        /// Written again after `fg`: the terminal dropped the half-typed line on Ctrl-Z.
        prompt: Vec<u8>,
    }

    static SAVED: AtomicPtr<Saved> = AtomicPtr::new(std::ptr::null_mut());

    /// Every signal whose default action ends the process and that a person or a scheduler
    /// may send while the prompt waits.
    const SIGNALS: [libc::c_int; 7] = [
        libc::SIGINT,
        libc::SIGTERM,
        libc::SIGHUP,
        libc::SIGQUIT,
        libc::SIGALRM,
        libc::SIGUSR1,
        libc::SIGUSR2,
    ];

    /// Restores the terminal, then dies of the signal as it would have without us.
    extern "C" fn restore_and_die(signal: libc::c_int) {
        let saved = SAVED.load(Ordering::SeqCst);
        // SAFETY: tcsetattr, signal and raise are async-signal-safe; `saved` is either null or
        // a leaked allocation that is never freed.
        unsafe {
            if let Some(saved) = saved.as_ref() {
                libc::tcsetattr(saved.fd, libc::TCSANOW, &saved.termios);
            }
            libc::signal(signal, libc::SIG_DFL);
            libc::raise(signal);
        }
    }

    /// Ctrl-Z: gives the terminal back as it was, stops, and on `fg` hides the typing again.
    extern "C" fn restore_and_stop(_: libc::c_int) {
        let saved = SAVED.load(Ordering::SeqCst);
        // SAFETY: only async-signal-safe calls; `saved` is null or a leaked allocation.
        unsafe {
            if let Some(saved) = saved.as_ref() {
                libc::tcsetattr(saved.fd, libc::TCSANOW, &saved.termios);
            }
            let mut default: libc::sigaction = std::mem::zeroed();
            default.sa_sigaction = libc::SIG_DFL;
            let mut ours: libc::sigaction = std::mem::zeroed();
            libc::sigaction(libc::SIGTSTP, &default, &mut ours);
            // SIGTSTP is blocked while this runs: raise it, then let it through, and the
            // process stops right here until it is continued.
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            libc::sigaddset(&mut set, libc::SIGTSTP);
            libc::raise(libc::SIGTSTP);
            libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
            libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
            libc::sigaction(libc::SIGTSTP, &ours, std::ptr::null_mut());
            if let Some(saved) = saved.as_ref() {
                libc::tcsetattr(saved.fd, libc::TCSANOW, &saved.quiet);
                libc::write(saved.fd, saved.prompt.as_ptr().cast(), saved.prompt.len());
            }
        }
    }

    fn install(signal: libc::c_int, handler: extern "C" fn(libc::c_int), guard: &mut Guard) {
        // SAFETY: a zeroed sigaction is valid; the handlers only make async-signal-safe calls.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = handler as *const () as libc::sighandler_t;
            libc::sigemptyset(&mut action.sa_mask);
            let mut previous: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(signal, &action, &mut previous) == 0 {
                guard.previous.push((signal, previous));
            }
        }
    }

    /// Puts the terminal and the signal handlers back when dropped.
    struct Guard {
        fd: libc::c_int,
        termios: libc::termios,
        previous: Vec<(libc::c_int, libc::sigaction)>,
    }

    impl Drop for Guard {
        fn drop(&mut self) {
            // SAFETY: plain calls on a descriptor that outlives the guard, with values that
            // came from the same calls.
            unsafe {
                libc::tcsetattr(self.fd, libc::TCSANOW, &self.termios);
                for (signal, action) in &self.previous {
                    libc::sigaction(*signal, action, std::ptr::null_mut());
                }
            }
            SAVED.store(std::ptr::null_mut(), Ordering::SeqCst);
        }
    }

    /// Writes `prompt` to the terminal and reads one line from it without echo.
    pub fn read(prompt: &str) -> std::io::Result<Option<Vec<u8>>> {
        let tty = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")?;
        let fd = tty.as_raw_fd();
        let mut termios = std::mem::MaybeUninit::<libc::termios>::uninit();
        // SAFETY: tcgetattr fills the struct when it returns 0.
        let termios = unsafe {
            if libc::tcgetattr(fd, termios.as_mut_ptr()) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            termios.assume_init()
        };
        let mut quiet = termios;
        // Echo off but the newline, so the next line starts where it should. Line editing and
        // Ctrl-C keep working as the user expects.
        quiet.c_lflag &= !libc::ECHO;
        quiet.c_lflag |= libc::ECHONL;
        // Leaked on purpose: a handler on another thread may still be reading it.
        let shown = crate::sanitize::line(prompt).into_owned();
        let saved = Saved {
            fd,
            termios,
            quiet,
            prompt: format!("\n{shown}").into_bytes(),
        };
        SAVED.store(Box::into_raw(Box::new(saved)), Ordering::SeqCst);
        let mut guard = Guard {
            fd,
            termios,
            previous: Vec::new(),
        };
        for signal in SIGNALS {
            install(signal, restore_and_die, &mut guard);
        }
        install(libc::SIGTSTP, restore_and_stop, &mut guard);
        // SAFETY: a valid descriptor and a struct that tcgetattr filled.
        if unsafe { libc::tcsetattr(fd, libc::TCSAFLUSH, &quiet) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
        (&tty).write_all(shown.as_bytes())?;
        let line = super::read_line(&mut BufReader::new(&tty));
        drop(guard);
        line
    }
}

#[cfg(not(unix))]
mod hidden {
    /// Writes `prompt` to the console and reads one line from it without echo.
    pub fn read(prompt: &str) -> std::io::Result<Option<Vec<u8>>> {
        rpassword::prompt_password(prompt).map(|line| Some(line.into_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_read_up_to_the_cap() {
        let mut input = std::io::Cursor::new(b"pin\nnext\n".to_vec());
        assert_eq!(read_line(&mut input).unwrap(), Some(b"pin\n".to_vec()));
        assert_eq!(read_line(&mut input).unwrap(), Some(b"next\n".to_vec()));
        assert_eq!(read_line(&mut input).unwrap(), None);
        let mut endless = std::io::repeat(b'y');
        let line = read_line(&mut std::io::BufReader::new(&mut endless)).unwrap();
        assert_eq!(line.map(|l| l.len()), Some(MAX_LINE + 1));
    }
}
