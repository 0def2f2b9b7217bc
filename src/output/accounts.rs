//! What `auth login`, `auth logout`, `auth status` and `accounts` print.

use serde_json::Value;

use crate::sanitize;

/// What `auth status` reports: where the credentials came from and whom they act as.
pub struct Status<'a> {
    /// The API base in use.
    pub api_base: &'a str,
    /// The account, or `None` for the environment's credentials.
    pub account: Option<&'a str>,
    /// The config file consulted.
    pub config: &'a std::path::Path,
    /// The user object `verify_credentials` answered with.
    pub user: &'a Value,
    /// `x-access-level`, when the API said.
    pub access_level: Option<&'a str>,
    /// Where each credential came from (see `Session::sources`).
    pub sources: &'a [(&'static str, String)],
    /// The same, grouped for a person.
    pub sources_line: String,
}

impl Status<'_> {
    /// `--json`: one object.
    pub fn json(&self) -> Value {
        serde_json::json!({
            "account": self.account,
            "credentials": if self.account.is_some() { "config" } else { "environment" },
            "config": self.config.display().to_string(),
            "api_base": self.api_base,
            "screen_name": self.user.get("screen_name"),
            "id_str": self.user.get("id_str"),
            "access_level": self.access_level,
            "sources": self
                .sources
                .iter()
                .map(|(key, source)| ((*key).to_owned(), Value::from(source.as_str())))
                .collect::<serde_json::Map<String, Value>>(),
        })
    }

    /// For a person: who, from where, with what access.
    pub fn summary(&self) -> String {
        let who = self
            .user
            .get("screen_name")
            .and_then(Value::as_str)
            .map(|s| format!("@{}", sanitize::line(s)))
            .unwrap_or_else(|| "an account without a screen_name".to_owned());
        let account = match self.account {
            Some(name) => format!("{name} (in {})", self.config.display()),
            None => "from the TWPROFILE_* environment variables".to_owned(),
        };
        format!(
            "Logged in to {} as {who}\n  account  {}\n  secrets  {}\n  access   {}\n",
            self.api_base,
            sanitize::line(&account),
            sanitize::line(&self.sources_line),
            sanitize::line(self.access_level.unwrap_or("not reported"))
        )
    }
}

/// One account's line of `auth status --all`.
pub enum StatusRow {
    /// The API accepted its credentials.
    Ok {
        /// The account's name in the config file.
        account: String,
        /// Whom they act for.
        screen_name: String,
        /// `x-access-level`, when the API said.
        access_level: Option<String>,
    },
    /// They failed.
    Failed {
        /// The account's name in the config file.
        account: String,
        /// The exit code the failure alone would give.
        exit_code: u8,
        /// What went wrong, on one line.
        error: String,
        /// What to do about it.
        hint: Option<String>,
    },
}

/// `auth status --all --json`: one object per account, the default with `"default": true`.
pub fn status_rows_json(rows: &[StatusRow], default: Option<&str>) -> Value {
    rows.iter()
        .map(|row| {
            let mut object = status_row_json(row);
            if Some(row.account()) == default {
                object["default"] = true.into();
            }
            object
        })
        .collect()
}

impl StatusRow {
    /// The account's name in the config file.
    fn account(&self) -> &str {
        match self {
            StatusRow::Ok { account, .. } | StatusRow::Failed { account, .. } => account,
        }
    }
}

fn status_row_json(row: &StatusRow) -> Value {
    match row {
        StatusRow::Ok {
            account,
            screen_name,
            access_level,
        } => {
            serde_json::json!({"account": account, "ok": true, "screen_name": screen_name, "access_level": access_level})
        }
        StatusRow::Failed {
            account,
            exit_code,
            error,
            hint,
        } => {
            serde_json::json!({"account": account, "ok": false, "exit_code": exit_code, "error": error, "hint": hint})
        }
    }
}

/// `auth status --all`: one line per account, `ok` with whom and what access, or `failed` with
/// the short reason (the error's first 60 characters); `*` marks the default, as `accounts` does.
pub fn status_rows(rows: &[StatusRow], default: Option<&str>) -> String {
    rows.iter()
        .map(|row| {
            let mark = if Some(row.account()) == default {
                "*"
            } else {
                " "
            };
            match row {
                StatusRow::Ok {
                    account,
                    screen_name,
                    access_level,
                } => format!(
                    "ok      {mark} {:<16} @{:<16} {}\n",
                    sanitize::line(account),
                    sanitize::line(screen_name),
                    sanitize::line(access_level.as_deref().unwrap_or("access not reported"))
                ),
                StatusRow::Failed { account, error, .. } => format!(
                    "failed  {mark} {:<16} {}\n",
                    sanitize::line(account),
                    sanitize::line(&sanitize::cut(error, 60))
                ),
            }
        })
        .collect()
}

/// `auth login --json`: the account saved, whom it acts for, and where.
pub fn saved_account_json(
    name: &str,
    identity: &crate::config::Identity,
    config: &std::path::Path,
) -> Value {
    serde_json::json!({
        "account": name,
        "screen_name": identity.screen_name,
        "user_id": identity.user_id,
        "config": config.display().to_string(),
    })
}

/// `auth logout --json`: the account removed, and from where.
pub fn removed_account_json(name: &str, config: &std::path::Path) -> Value {
    serde_json::json!({"removed": name, "config": config.display().to_string()})
}

/// `accounts --json`: the default and every account's name.
pub fn accounts_json(default: Option<&str>, names: &[&str]) -> Value {
    serde_json::json!({"default": default, "accounts": names})
}

/// `accounts`: one name a line, the default marked with `*`.
pub fn accounts_list(default: Option<&str>, names: &[&str]) -> String {
    names
        .iter()
        .map(|name| {
            let mark = if Some(*name) == default { "*" } else { " " };
            format!("{mark} {}\n", sanitize::line(name))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn status_rows_say_ok_or_why_not() {
        let rows = [
            StatusRow::Ok {
                account: "work".into(),
                screen_name: "alice".into(),
                access_level: Some("read-write".into()),
            },
            StatusRow::Failed {
                account: "old\u{1b}[2J".into(),
                exit_code: 4,
                error: "HTTP 401 Unauthorized".into(),
                hint: Some("run `twprofile auth login --account old`".into()),
            },
        ];
        assert_eq!(
            status_rows_json(&rows, Some("work")),
            json!([
                {"account": "work", "ok": true, "screen_name": "alice", "access_level": "read-write", "default": true},
                {"account": "old\u{1b}[2J", "ok": false, "exit_code": 4, "error": "HTTP 401 Unauthorized",
                 "hint": "run `twprofile auth login --account old`"},
            ])
        );
        let text = status_rows(&rows, Some("work"));
        assert!(
            text.starts_with("ok      * work             @alice            read-write\n"),
            "{text}"
        );
        assert!(
            text.contains("\nfailed    old") && !text.contains('\u{1b}'),
            "{text}"
        );
        assert!(text.ends_with(" HTTP 401 Unauthorized\n"), "{text}");
    }

    #[test]
    fn status_and_logout_objects_say_whom_and_where() {
        let user = json!({"screen_name": "alice", "id_str": "6253282"});
        let config = std::path::Path::new("/c/config.toml");
        let status = Status {
            api_base: "https://api.x.com",
            account: Some("work"),
            config,
            user: &user,
            access_level: Some("read-write"),
            sources: &[("access_token", "the config file".to_owned())],
            sources_line: "the config file (access_token)".to_owned(),
        };
        assert_eq!(
            status.json(),
            json!({
                "account": "work", "credentials": "config", "config": "/c/config.toml",
                "api_base": "https://api.x.com", "screen_name": "alice", "id_str": "6253282",
                "access_level": "read-write", "sources": {"access_token": "the config file"},
            })
        );
        let from_env = Status {
            account: None,
            sources_line: String::new(),
            ..status
        };
        assert_eq!(from_env.json()["credentials"], "environment");
        assert_eq!(
            removed_account_json("work", config),
            json!({"removed": "work", "config": "/c/config.toml"})
        );
    }
}
