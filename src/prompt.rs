//! Reading answers from the user: a line from a terminal or a pipe, secrets without echo.

use std::io::{BufRead, IsTerminal, Write};

use crate::error::Error;

/// Asks on stderr (when stdin is a terminal) and reads one line from stdin, without its line
/// ending. A secret is read without echo when stdin is a terminal.
pub fn ask(question: &str, secret: bool) -> Result<String, Error> {
    let interactive = std::io::stdin().is_terminal();
    let answer = if interactive && secret {
        rpassword::prompt_password(format!("{question}: "))
            .map_err(|e| Error::usage(format!("cannot read {question}: {e}")))?
    } else {
        if interactive {
            eprint!("{question}: ");
            let _ = std::io::stderr().flush();
        }
        let mut line = String::new();
        let read = std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| Error::usage(format!("cannot read {question}: {e}")))?;
        if read == 0 {
            return Err(Error::usage(format!(
                "no {question} given: stdin ended before it"
            )));
        }
        line
    };
    Ok(answer.trim_end_matches(['\r', '\n']).trim().to_owned())
}
