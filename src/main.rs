use std::process::ExitCode;

fn main() -> ExitCode {
    twprofile::hardening::apply();
    twprofile::cli::answer_at_once();
    twprofile::generation::complete_if_asked();
    let env = twprofile::config::Environment::from_process();
    let cli = twprofile::cli::parse(&env);
    let json = cli.global.json;
    match twprofile::run(cli, env) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => twprofile::error::report(&err, json).exit_code(),
    }
}

/// `pow`, the one function this program takes from the C maths library (minijinja's `**` on
/// floats). Defined here, it keeps the linker from making `libm.so.6` a dependency that every
/// run would load, 5 % of a `twprofile --version` (bench/README.md); the first `**` on floats
/// loads the library then, so results are the system's own. Where it cannot be loaded, the
/// `libm` crate answers (within one unit in the last place).
///
/// The linker exports this definition, so a library loaded later that calls `pow` calls it
/// too: one that does so while libm.so.6 is being loaded (a constructor of a library found
/// through `LD_LIBRARY_PATH`) gets the crate's answer instead of waiting on itself.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[unsafe(no_mangle)]
pub extern "C" fn pow(x: f64, y: f64) -> f64 {
    type Pow = extern "C" fn(f64, f64) -> f64;
    static SYSTEM: std::sync::OnceLock<Option<Pow>> = std::sync::OnceLock::new();
    thread_local! {
        static LOADING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if LOADING.get() {
        return libm::pow(x, y);
    }
    let system = SYSTEM.get_or_init(|| {
        LOADING.set(true);
        // SAFETY: both names are NUL-terminated; a handle asked by name searches libm.so.6 and
        // what it depends on (never this program), and a `pow` found there has this type.
        let found = unsafe {
            let libm = libc::dlopen(c"libm.so.6".as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL);
            let found = if libm.is_null() {
                std::ptr::null_mut()
            } else {
                libc::dlsym(libm, c"pow".as_ptr())
            };
            (!found.is_null()).then(|| std::mem::transmute::<*mut libc::c_void, Pow>(found))
        };
        LOADING.set(false);
        found
    });
    match system {
        Some(pow) => pow(x, y),
        None => libm::pow(x, y),
    }
}
