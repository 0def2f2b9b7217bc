//! Reading the API's user object: fields with `t.co` links expanded, and comparisons.

use serde_json::Value;

use crate::fields::Field;

/// A top-level string field of a user object, with `t.co` links expanded from `entities` for
/// `url` and `description`.
pub fn expanded(user: &Value, key: &str) -> Option<String> {
    let value = user.get(key)?.as_str()?;
    let urls = |section: &str| {
        user.pointer(&format!("/entities/{section}/urls"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let replace = |text: &str, links: &[Value]| {
        let mut text = text.to_owned();
        for link in links {
            let short = link.get("url").and_then(Value::as_str);
            let long = link.get("expanded_url").and_then(Value::as_str);
            if let (Some(short), Some(long)) = (short, long)
                && !short.is_empty()
            {
                text = text.replace(short, long);
            }
        }
        text
    };
    Some(match key {
        "url" => replace(value, &urls("url")),
        "description" => replace(value, &urls("description")),
        _ => value.to_owned(),
    })
}

/// Whether the profile already holds `wanted` in `field`, comparing against the expanded links
/// and allowing for the `http://` the API puts in front of a website given without a scheme.
pub fn holds(user: &Value, field: Field, wanted: &str) -> bool {
    let current = expanded(user, field.api_name()).unwrap_or_default();
    if current == wanted {
        return true;
    }
    field == Field::Url
        && !wanted.is_empty()
        && !wanted.contains("://")
        && current == format!("http://{wanted}")
}

/// `Wed May 23 06:01:13 +0000 2007` as `2007-05-23`; anything else as it is.
pub fn joined(created_at: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let parts: Vec<&str> = created_at.split_whitespace().collect();
    if let [_, month, day, _, _, year] = parts.as_slice()
        && let Some(m) = MONTHS.iter().position(|name| name == month)
        && let Ok(day) = day.parse::<u8>()
        && year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
    {
        return format!("{year}-{:02}-{day:02}", m + 1);
    }
    created_at.to_owned()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use serde_json::json;

    /// A user object with `t.co` links in `url` and `description`, for tests of anything that
    /// reads one.
    pub(crate) fn user() -> Value {
        json!({
            "screen_name": "alice",
            "url": "https://t.co/abc",
            "description": "see https://t.co/x1 and https://t.co/x2",
            "entities": {
                "url": {"urls": [{"url": "https://t.co/abc", "expanded_url": "https://alice.example"}]},
                "description": {"urls": [
                    {"url": "https://t.co/x1", "expanded_url": "https://one.example/a"},
                    {"url": "https://t.co/x2", "expanded_url": "https://two.example/b"}
                ]}
            }
        })
    }

    #[test]
    fn links_are_expanded_from_entities() {
        let u = user();
        assert_eq!(expanded(&u, "url").unwrap(), "https://alice.example");
        assert_eq!(
            expanded(&u, "description").unwrap(),
            "see https://one.example/a and https://two.example/b"
        );
        assert_eq!(expanded(&u, "missing"), None);
    }

    #[test]
    fn holding_compares_expanded_values() {
        let u = user();
        assert!(holds(&u, Field::Url, "https://alice.example"));
        assert!(holds(
            &u,
            Field::Description,
            "see https://one.example/a and https://two.example/b"
        ));
        assert!(!holds(&u, Field::Description, "see https://t.co/x1"));
        let plain = json!({"url": "https://t.co/z", "entities": {"url": {"urls": [{"url": "https://t.co/z", "expanded_url": "http://bob.example"}]}}});
        assert!(holds(&plain, Field::Url, "bob.example"));
        assert!(!holds(&plain, Field::Url, "https://bob.example"));
        assert!(holds(&json!({"url": null}), Field::Url, ""));
        assert!(!holds(&json!({"url": null}), Field::Url, "x.example"));
    }

    #[test]
    fn joined_dates_are_iso() {
        assert_eq!(joined("Wed May 23 06:01:13 +0000 2007"), "2007-05-23");
        assert_eq!(joined("yesterday"), "yesterday");
    }
}
