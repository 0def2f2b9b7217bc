//! Whether to colour: `--color`, then the conventions a terminal user may have set. Decided
//! once, at the top, for stdout (summaries) and for stderr (the parser's usage errors).

/// `--color`: whether to colour stdout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    /// When stdout is a terminal, unless NO_COLOR, CLICOLOR=0 or TERM=dumb say otherwise
    /// (CLICOLOR_FORCE forces it)
    Auto,
    /// Always, even into a pipe.
    Always,
    /// Never.
    Never,
}

/// The colour conventions a terminal user may have set, as the environment module read them.
#[derive(Clone, Debug, Default)]
pub struct ColorVars {
    /// `NO_COLOR`: set and not empty means no colour.
    pub no_color: Option<String>,
    /// `CLICOLOR_FORCE`: set and not `0` means colour even into a pipe.
    pub clicolor_force: Option<String>,
    /// `CLICOLOR`: `0` means no colour.
    pub clicolor: Option<String>,
    /// `TERM`: `dumb` means no colour.
    pub term: Option<String>,
}

impl ColorVars {
    /// Reads the four variables of this process; a value that is not UTF-8 is kept with U+FFFD
    /// in place of the bad bytes.
    pub fn from_process() -> Self {
        let var = |name: &str| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned());
        ColorVars {
            no_color: var("NO_COLOR"),
            clicolor_force: var("CLICOLOR_FORCE"),
            clicolor: var("CLICOLOR"),
            term: var("TERM"),
        }
    }
}

impl ColorWhen {
    /// Decides once. An explicit `always`/`never` wins; under `auto`, `NO_COLOR` wins over
    /// `CLICOLOR_FORCE`, which wins over `CLICOLOR=0`, `TERM=dumb` and whether stdout is a
    /// terminal (the order cargo and the no-color.org and bixense conventions agree on).
    pub fn decide(self, vars: &ColorVars, is_terminal: bool) -> bool {
        let set = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.is_empty());
        let is = |v: &Option<String>, value: &str| v.as_deref() == Some(value);
        match self {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto if set(&vars.no_color) => false,
            ColorWhen::Auto if set(&vars.clicolor_force) && !is(&vars.clicolor_force, "0") => true,
            ColorWhen::Auto if is(&vars.clicolor, "0") => false,
            ColorWhen::Auto if is(&vars.term, "dumb") => false,
            ColorWhen::Auto => is_terminal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_follows_flag_then_conventions_then_terminal() {
        let none = ColorVars::default();
        let with = |f: fn(&mut ColorVars)| {
            let mut env = ColorVars::default();
            f(&mut env);
            env
        };
        let no_color = with(|e| e.no_color = Some("1".into()));
        let forced = with(|e| e.clicolor_force = Some("1".into()));
        let forced_zero = with(|e| e.clicolor_force = Some("0".into()));
        let both = with(|e| {
            e.no_color = Some("1".into());
            e.clicolor_force = Some("1".into());
        });
        let dumb = with(|e| e.term = Some("dumb".into()));
        let clicolor_off = with(|e| e.clicolor = Some("0".into()));
        let dumb_forced = with(|e| {
            e.term = Some("dumb".into());
            e.clicolor_force = Some("1".into());
        });

        assert!(ColorWhen::Always.decide(&both, false));
        assert!(!ColorWhen::Never.decide(&forced, true));
        assert!(ColorWhen::Auto.decide(&none, true));
        assert!(!ColorWhen::Auto.decide(&none, false));
        assert!(ColorWhen::Auto.decide(&with(|e| e.no_color = Some("".into())), true));
        assert!(!ColorWhen::Auto.decide(&no_color, true));
        assert!(ColorWhen::Auto.decide(&forced, false));
        assert!(!ColorWhen::Auto.decide(&forced_zero, false));
        assert!(!ColorWhen::Auto.decide(&both, true));
        assert!(!ColorWhen::Auto.decide(&dumb, true));
        assert!(ColorWhen::Auto.decide(&dumb_forced, false));
        assert!(!ColorWhen::Auto.decide(&clicolor_off, true));
    }
}
