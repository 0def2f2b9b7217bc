//! The global flags, resolved once into what the commands need: how to print, how patient the
//! client is, which config file and account. Nothing below this reads the parser's structs.

use std::path::PathBuf;
use std::time::Duration;

use crate::api::Options;
use crate::cli::GlobalArgs;
use crate::printer::Printer;

/// Everything a command takes from the global flags.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Where results go, and in which form.
    pub printer: Printer,
    /// Timeouts, retries, waits and `-v`.
    pub client: Options,
    /// `--config`.
    pub config: Option<PathBuf>,
    /// `--account`.
    pub account: Option<String>,
    /// The run's connections, shared by every client it makes.
    pub pool: crate::api::Pool,
}

impl Settings {
    /// Resolves the global flags.
    pub fn new(global: &GlobalArgs) -> Self {
        Settings {
            printer: Printer::new(global.quiet, global.json),
            client: Options {
                timeout: Duration::from_secs(global.timeout),
                retries: global.retries,
                max_wait: Duration::from_secs(global.max_wait),
                verbose: global.verbose,
            },
            config: global.config.clone(),
            account: global.account.clone(),
            pool: crate::api::Pool::default(),
        }
    }

    /// `-v`: report requests, answers and retries on stderr.
    pub fn verbose(&self) -> bool {
        self.client.verbose
    }
}
