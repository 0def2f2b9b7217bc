//! What `apply` prints: its plan for a person, and its JSON line.

use colored::Colorize;
use serde_json::Value;

use super::human;
use crate::plan::Change;
use crate::sanitize::Lines;

/// `apply`'s plan for a person: the file and the handle, then one line per difference, the old
/// value in red and the new one in green.
pub fn plan(file: &str, user: &Value, changes: &[Change]) -> String {
    let handle = user
        .get("screen_name")
        .and_then(Value::as_str)
        .map(|s| format!(" @{}", human(s, Lines::Escape)))
        .unwrap_or_default();
    let file = human(file, Lines::Escape);
    if changes.is_empty() {
        return format!("{file}:{handle} is in sync\n");
    }
    let mut out = format!("{file}:{handle}\n");
    for change in changes {
        let shown = |text: &str| {
            if text.is_empty() {
                "(none)".dimmed().to_string()
            } else {
                human(text, Lines::Escape)
            }
        };
        let why = change
            .why
            .map(|why| format!(" {}", format!("({why})").dimmed()))
            .unwrap_or_default();
        let label = format!("{:<12}", change.key);
        out.push_str(&format!(
            "  {} {} → {}{why}\n",
            label.dimmed(),
            shown(&change.old).red(),
            shown(&change.new).green()
        ));
    }
    out
}

/// `apply --json`: one object per file.
pub fn plan_json(
    file: &str,
    user: Option<&Value>,
    changes: &[Change],
) -> serde_json::Map<String, Value> {
    let changes: Vec<Value> = changes
        .iter()
        .map(|change| {
            let mut object = serde_json::json!({
                "key": change.key,
                "old": crate::secret::hide_known(&change.old),
                "new": crate::secret::hide_known(&change.new),
            });
            if let Some(why) = change.why {
                object["why"] = why.into();
            }
            object
        })
        .collect();
    let mut object = serde_json::Map::new();
    object.insert("file".into(), file.into());
    if let Some(user) = user {
        object.insert(
            "screen_name".into(),
            user.get("screen_name").cloned().unwrap_or(Value::Null),
        );
        object.insert("in_sync".into(), changes.is_empty().into());
        object.insert("changes".into(), changes.into());
    }
    object
}
