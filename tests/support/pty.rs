//! A pseudo-terminal for the binary: what a person at a terminal sees and types.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Both ends of a pseudo-terminal, and everything the program wrote to it so far.
pub struct Pty {
    master: File,
    slave: File,
    seen: Arc<Mutex<Vec<u8>>>,
}

impl Pty {
    pub fn open() -> Pty {
        let (mut master, mut slave) = (0, 0);
        // SAFETY: openpty fills both descriptors when it returns 0; each is owned once.
        let (master, slave) = unsafe {
            let done = libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                std::ptr::null(),
            );
            assert_eq!(done, 0, "openpty: {}", std::io::Error::last_os_error());
            (File::from_raw_fd(master), File::from_raw_fd(slave))
        };
        let seen = Arc::new(Mutex::new(Vec::new()));
        let mut reader = master.try_clone().expect("clone master");
        let sink = seen.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("lock").extend_from_slice(&buf[..n]);
            }
        });
        Pty {
            master,
            slave,
            seen,
        }
    }

    /// Makes the terminal the command's stdin, stdout, stderr and controlling terminal, as a
    /// shell would.
    pub fn attach(&self, cmd: &mut Command) {
        use std::os::unix::process::CommandExt;
        let end = |f: &File| f.try_clone().expect("clone slave");
        cmd.stdin(end(&self.slave))
            .stdout(end(&self.slave))
            .stderr(end(&self.slave));
        // SAFETY: setsid and ioctl are async-signal-safe, as pre_exec requires.
        unsafe {
            cmd.pre_exec(|| {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }

    /// Sets the terminal's size, as a window resized to it would.
    pub fn resize(&self, columns: u16, rows: u16) {
        let size = libc::winsize {
            ws_row: rows,
            ws_col: columns,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: TIOCSWINSZ reads one winsize from the pointer, which outlives the call.
        let done = unsafe { libc::ioctl(self.master.as_raw_fd(), libc::TIOCSWINSZ, &size) };
        assert_eq!(done, 0, "TIOCSWINSZ: {}", std::io::Error::last_os_error());
    }

    /// Types `text` at the terminal.
    pub fn type_in(&mut self, text: &[u8]) {
        self.master.write_all(text).expect("type");
    }

    /// What the program wrote so far, as text.
    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.seen.lock().expect("lock")).into_owned()
    }

    /// Waits until the program has written `needle`, failing after ten seconds.
    pub fn wait_for(&self, needle: &str) -> String {
        let started = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(needle) {
                return screen;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "no {needle:?} on the terminal:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The terminal's local modes (ECHO, ICANON, ISIG…) as they stand now.
    pub fn local_modes(&self) -> libc::tcflag_t {
        let mut termios = std::mem::MaybeUninit::<libc::termios>::uninit();
        // SAFETY: tcgetattr fills the struct when it returns 0.
        unsafe {
            assert_eq!(
                libc::tcgetattr(self.slave.as_raw_fd(), termios.as_mut_ptr()),
                0
            );
            termios.assume_init().c_lflag
        }
    }
}
