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

/// `apply --markdown`: the plan as a Markdown table, for a pull-request comment or a job
/// summary. Every value is made inert: secrets hidden, what a terminal or a reader could be
/// fooled by escaped, and every ASCII punctuation mark backslash-escaped, so that a value
/// cannot close the table cell, open a link or an image, mention someone or write HTML.
pub fn plan_markdown(file: &str, user: &Value, changes: &[Change]) -> String {
    let handle = user
        .get("screen_name")
        .and_then(Value::as_str)
        .map(|s| format!(" {}", markdown_text(&format!("@{s}"))))
        .unwrap_or_default();
    let file = markdown_text(file);
    if changes.is_empty() {
        return format!("**{file}**:{handle} is in sync\n\n");
    }
    let mut out = format!("**{file}**:{handle}\n\n| field | now | after apply |\n|---|---|---|\n");
    for change in changes {
        let cell = |text: &str| {
            if text.is_empty() {
                "*\\(none\\)*".to_owned()
            } else {
                markdown_text(text)
            }
        };
        let why = change
            .why
            .map(|why| format!(" *{}*", markdown_text(&format!("({why})"))))
            .unwrap_or_default();
        out.push_str(&format!(
            "| {} | {} | {}{why} |\n",
            change.key,
            cell(&change.old),
            cell(&change.new)
        ));
    }
    out.push('\n');
    out
}

/// Text made inert in Markdown: see [`plan_markdown`]. A line break is `<br>`, the one piece
/// of HTML written, since a table cell holds one line.
fn markdown_text(text: &str) -> String {
    let safe = human(text, Lines::Keep);
    let mut out = String::with_capacity(safe.len() + 8);
    for c in safe.chars() {
        match c {
            '\n' => out.push_str("<br>"),
            '\t' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_cannot_break_out_of_the_table() {
        let hostile = "a|b\n<img src=x> [link](https://e.x) ![i](u) @bob `c` \\ *em* \u{202e}";
        let text = markdown_text(hostile);
        assert_eq!(
            text,
            "a\\|b<br>\\<img src\\=x\\> \\[link\\]\\(https\\:\\/\\/e\\.x\\) \\!\\[i\\]\\(u\\) \\@bob \\`c\\` \\\\ \\*em\\* \\\\u\\{202e\\}"
        );
        // Outside the backslash escapes, nothing Markdown acts on is left.
        let unescaped: String = {
            let mut out = String::new();
            let mut chars = text.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    chars.next();
                } else {
                    out.push(c);
                }
            }
            out.replace("<br>", "")
        };
        assert!(
            !unescaped.contains(['|', '<', '>', '[', ']', '(', ')', '`', '*', '@', '!']),
            "{unescaped}"
        );
    }
}
