//! Reading the API's user object: fields with `t.co` links expanded, and comparisons.

use serde_json::Value;

use crate::fields::Field;

/// The most bytes an expanded field may grow to. A bio is 160 characters and a handful of links;
/// this leaves room for a hundred long ones and stops a hostile answer from growing without end.
pub const MAX_EXPANDED: usize = 64 * 1024;
/// The most links read from one field's entities, and the longest short link looked for.
const MAX_LINKS: usize = 100;
const MAX_SHORT: usize = 1024;

/// A top-level string field of a user object, with `t.co` links expanded from `entities` for
/// `url` and `description`.
pub fn expanded(user: &Value, key: &str) -> Option<String> {
    let value = user.get(key)?.as_str()?;
    Some(match key {
        "url" | "description" => expand(value, &links(user, key)),
        _ => value.to_owned(),
    })
}

/// The `(short, long)` pairs in `entities.{section}.urls`.
fn links<'a>(user: &'a Value, section: &str) -> Vec<(&'a str, &'a str)> {
    let Some(urls) = user
        .get("entities")
        .and_then(|e| e.get(section))
        .and_then(|s| s.get("urls"))
        .and_then(Value::as_array)
    else {
        return Vec::new();
    };
    urls.iter()
        .filter_map(|link| {
            let short = link.get("url")?.as_str()?;
            let long = link.get("expanded_url")?.as_str()?;
            Some((short, long))
        })
        .collect()
}

/// Replaces each short link in `text` by its long form in one left-to-right pass over the
/// server's text: a long form is never searched again, so links cannot expand into each other,
/// and the result stops at [`MAX_EXPANDED`] bytes (ending in `…` when cut). Only the first
/// [`MAX_LINKS`] links count, and a short link that is empty (it would match everywhere) or
/// longer than [`MAX_SHORT`] (no `t.co` link is) is not looked for.
pub fn expand(text: &str, links: &[(&str, &str)]) -> String {
    let links: Vec<(&str, &str)> = links
        .iter()
        .copied()
        .filter(|(short, _)| !short.is_empty() && short.len() <= MAX_SHORT)
        .take(MAX_LINKS)
        .collect();
    let cut = text.len() > MAX_EXPANDED;
    let text = &text[..crate::sanitize::floor_char_boundary(text, MAX_EXPANDED)];
    let mut out = String::with_capacity(text.len().min(MAX_EXPANDED));
    // Leftmost-longest: of two short links starting at one place, the longer one is meant.
    let finder = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(links.iter().map(|(short, _)| short));
    let mut last = 0;
    if let Ok(finder) = finder {
        for found in finder.find_iter(text) {
            out.push_str(&text[last..found.start()]);
            let long = links[found.pattern().as_usize()].1;
            out.push_str(&long[..crate::sanitize::floor_char_boundary(long, MAX_EXPANDED + 1)]);
            last = found.end();
            if out.len() > MAX_EXPANDED {
                break;
            }
        }
    }
    if out.len() <= MAX_EXPANDED {
        out.push_str(&text[last..]);
    }
    if cut || out.len() > MAX_EXPANDED {
        out.truncate(crate::sanitize::floor_char_boundary(&out, MAX_EXPANDED));
        out.push('…');
    }
    out
}

/// A field's value as the person set it: links expanded, and the `&amp;`, `&lt;` and `&gt;` the
/// API escapes in text fields turned back into `&`, `<` and `>`. Empty when the field is absent.
pub fn as_set(user: &Value, field: Field) -> String {
    let value = expanded(user, field.api_name()).unwrap_or_default();
    if value.contains('&') {
        unescape_html(&value)
    } else {
        value
    }
}

/// Undoes the API's HTML escaping of `&`, `<` and `>`, in one pass (`&amp;lt;` is `&lt;`).
pub fn unescape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (plain, len) = if rest.starts_with("&amp;") {
            ('&', 5)
        } else if rest.starts_with("&lt;") {
            ('<', 4)
        } else if rest.starts_with("&gt;") {
            ('>', 4)
        } else {
            ('&', 1)
        };
        out.push(plain);
        rest = &rest[len..];
    }
    out.push_str(rest);
    out
}

/// Whether the profile already holds `wanted` in `field`, comparing against the expanded links,
/// allowing for the `http://` the API puts in front of a website given without a scheme, and
/// for the HTML escapes it puts in text.
pub fn holds(user: &Value, field: Field, wanted: &str) -> bool {
    let raw = expanded(user, field.api_name()).unwrap_or_default();
    let current = as_set(user, field);
    if current == wanted || raw == wanted {
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
    fn html_escapes_from_the_api_match_their_plain_form() {
        let u = json!({"description": "Tom &amp; Jerry &lt;3 &gt;_&lt; &amp;lt; & &am"});
        assert_eq!(
            as_set(&u, Field::Description),
            "Tom & Jerry <3 >_< &lt; & &am"
        );
        assert!(holds(
            &u,
            Field::Description,
            "Tom & Jerry <3 >_< &lt; & &am"
        ));
        // The escaped text itself is what a person typed too, when they typed it.
        assert!(holds(
            &u,
            Field::Description,
            "Tom &amp; Jerry &lt;3 &gt;_&lt; &amp;lt; & &am"
        ));
        assert!(!holds(&u, Field::Description, "Tom & Jerry"));
        assert_eq!(unescape_html("&&amp;&"), "&&&");
    }

    #[test]
    fn links_expand_in_one_pass_and_never_into_each_other() {
        // Each replace() over the previous output would grow this exponentially.
        let long = "a".repeat(100);
        let links: Vec<(&str, &str)> = vec![("a", long.as_str()); 5];
        assert_eq!(expand("a", &links), long);
        assert_eq!(expand("aa", &links).len(), 200);
        // The longest short link at a place wins; a long form is not searched again.
        let links = [
            ("https://t.co/ab", "X"),
            ("https://t.co/abc", "https://t.co/ab"),
        ];
        assert_eq!(
            expand("https://t.co/abc https://t.co/ab", &links),
            "https://t.co/ab X"
        );
    }

    #[test]
    fn links_that_cannot_be_meant_are_ignored() {
        let huge = "h".repeat(2000);
        let links = [("", "EMPTY"), (huge.as_str(), "HUGE")];
        let text = format!("a {huge} b");
        assert_eq!(expand(&text, &links), text);
        let user = serde_json::json!({
            "description": "x",
            "entities": {"description": {"urls": [{"url": "", "expanded_url": "E"}]}}
        });
        assert_eq!(expanded(&user, "description").as_deref(), Some("x"));
    }

    #[test]
    fn only_the_first_hundred_links_count() {
        let shorts: Vec<String> = (0..=MAX_LINKS).map(|i| format!("<{i}>")).collect();
        let links: Vec<(&str, &str)> = shorts.iter().map(|s| (s.as_str(), "L")).collect();
        let out = expand(&format!("<0> <99> <{MAX_LINKS}>"), &links);
        assert_eq!(out, format!("L L <{MAX_LINKS}>"));
    }

    #[test]
    fn text_at_the_bound_is_kept_whole_and_past_it_is_marked() {
        let exact = "a".repeat(MAX_EXPANDED);
        assert_eq!(expand(&exact, &[]), exact);
        let over = "a".repeat(MAX_EXPANDED + 1);
        assert_eq!(expand(&over, &[]), format!("{exact}…"));
        // A long form alone over the bound is cut and marked too.
        let long = "b".repeat(MAX_EXPANDED + 1);
        let out = expand("a", &[("a", long.as_str())]);
        assert_eq!(out, format!("{}…", "b".repeat(MAX_EXPANDED)));
    }

    #[test]
    fn expansion_stops_growing_at_the_bound() {
        // Every byte a link to a long form: without stopping once past the bound this would
        // build 64 KiB × 64 KiB = 4 GiB. (A long form one byte short of the bound never lands on
        // it exactly, so stopping only at equality would not stop.)
        let text = "a".repeat(MAX_EXPANDED);
        let long = "b".repeat(MAX_EXPANDED - 1);
        let out = expand(&text, &[("a", long.as_str())]);
        assert_eq!(out.len(), MAX_EXPANDED + '…'.len_utf8());
    }

    #[test]
    fn expansion_is_bounded() {
        let long = "b".repeat(10_000);
        let text = "a ".repeat(1000);
        let out = expand(&text, &[("a", long.as_str())]);
        assert_eq!(out.len(), MAX_EXPANDED + '…'.len_utf8());
        assert!(out.ends_with('…'));
        let huge = "é".repeat(MAX_EXPANDED);
        let out = expand(&huge, &[]);
        assert!(out.len() <= MAX_EXPANDED + 3 && out.ends_with('…'));
    }

    proptest::proptest! {
        /// Any text and any links: the result is bounded, and text with no link in it comes
        /// back as it was.
        #[test]
        fn any_expansion_is_bounded(
            text in "(?s).{0,300}",
            links in proptest::collection::vec(("(?s).{0,6}", "(?s).{0,2000}"), 0..8),
        ) {
            let links: Vec<(&str, &str)> = links
                .iter()
                .filter(|(short, _)| !short.is_empty())
                .map(|(s, l)| (s.as_str(), l.as_str()))
                .collect();
            let out = expand(&text, &links);
            proptest::prop_assert!(out.len() <= MAX_EXPANDED + 3);
            if links.iter().all(|(short, _)| !text.contains(short)) {
                proptest::prop_assert_eq!(out, text);
            }
        }
    }

    #[test]
    fn joined_dates_are_iso() {
        assert_eq!(joined("Wed May 23 06:01:13 +0000 2007"), "2007-05-23");
        assert_eq!(joined("yesterday"), "yesterday");
    }
}
