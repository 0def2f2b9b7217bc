//! What the process does to itself before it holds a secret.

/// On Linux: no core file, and no ptrace or `/proc/PID/mem` by other processes of the same user
/// (non-dumpable). Then a crash, should one happen, writes no secret to disk. A panic prints one
/// line, without its payload (which could quote a server), and exits 1.
pub fn apply() {
    #[cfg(target_os = "linux")]
    // SAFETY: plain system calls with valid arguments; failures leave the defaults in place.
    unsafe {
        let none = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        libc::setrlimit(libc::RLIMIT_CORE, &none);
        libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        crate::stderr::labelled(
            "error",
            &format!("internal error{place}; this is a bug in twprofile, please report it"),
        );
        std::process::exit(1);
    }));
}
