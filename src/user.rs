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
        "url" | "description" => {
            let links: Vec<(&str, &str)> = link_entities(user, key)
                .iter()
                .map(|link| (link.short, link.expanded))
                .collect();
            expand(value, &links)
        }
        _ => value.to_owned(),
    })
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
        .filter(|(short, _)| usable(short))
        .take(MAX_LINKS)
        .collect();
    let cut = text.len() > MAX_EXPANDED;
    let text = &text[..crate::sanitize::floor_char_boundary(text, MAX_EXPANDED)];
    let mut out = String::with_capacity(text.len().min(MAX_EXPANDED));
    let shorts: Vec<&str> = links.iter().map(|(short, _)| *short).collect();
    let mut last = 0;
    for (start, end, i) in find_links(text, &shorts) {
        out.push_str(&text[last..start]);
        let long = links[i].1;
        out.push_str(&long[..crate::sanitize::floor_char_boundary(long, MAX_EXPANDED + 1)]);
        last = end;
        if out.len() > MAX_EXPANDED {
            break;
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

/// Whether the profile already holds `wanted` in `field`: whether `wanted` is the live value
/// with each of its links written in any form that stands for it (see [`forms`]), and its text
/// as the API sends it or with the API's HTML escapes undone. `--if-changed` and `apply` both
/// decide with this, so a value exactly as `show --json` prints it holds, as does an export.
pub fn holds(user: &Value, field: Field, wanted: &str) -> bool {
    if wanted.len() > MAX_EXPANDED {
        return false;
    }
    let live = Live::of(user, field);
    live.matches(wanted, false) || live.matches(wanted, true)
}

/// A field's value as a profile file should write it: the links expanded when that fits the
/// field's limit, else the links that save the most written in their shortest form that still
/// holds (the display form, or the `t.co` link itself), one by one until it fits. So an export
/// restores the links as they were wherever it can, and fits wherever the stored value does.
pub fn as_written(user: &Value, field: Field) -> String {
    let live = Live::of(user, field);
    let mut choice: Vec<Option<&str>> = vec![None; live.links.len()];
    let text = |choice: &[Option<&str>]| live.render(choice);
    let mut written = text(&choice);
    // The links by what their shortest form saves over their expanded one, most first.
    let mut by_saving: Vec<(usize, usize, &str)> = live
        .forms
        .iter()
        .enumerate()
        .filter_map(|(i, forms)| {
            let shortest = forms.iter().min_by_key(|f| f.chars().count())?;
            let long = live.links[i].expanded.chars().count();
            Some((
                long.saturating_sub(shortest.chars().count()),
                i,
                shortest.as_str(),
            ))
        })
        .collect();
    by_saving.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (saving, i, shortest) in by_saving {
        if written.chars().count() <= field.limit() || saving == 0 {
            break;
        }
        choice[i] = Some(shortest);
        written = text(&choice);
    }
    written
}

/// One link of a field, as `entities` describe it.
struct Link<'a> {
    /// The `t.co` link in the text.
    short: &'a str,
    /// Where it leads.
    expanded: &'a str,
    /// How the website shows it, when it says.
    display: Option<&'a str>,
}

/// A piece of the live text: text as the server sent it, or its `i`th link.
enum Piece<'a> {
    Text(&'a str),
    Link(usize),
}

/// A field as the API has it: the text cut at its links, and every form of each link.
struct Live<'a> {
    pieces: Vec<Piece<'a>>,
    links: Vec<Link<'a>>,
    forms: Vec<Vec<String>>,
}

impl<'a> Live<'a> {
    fn of(user: &'a Value, field: Field) -> Self {
        let key = field.api_name();
        let text = user.get(key).and_then(Value::as_str).unwrap_or_default();
        let text = &text[..crate::sanitize::floor_char_boundary(text, MAX_EXPANDED)];
        let mut links: Vec<Link<'a>> = match key {
            "url" | "description" => link_entities(user, key),
            _ => Vec::new(),
        };
        if field == Field::Url && links.is_empty() && !text.is_empty() {
            // A website the API did not shorten stands for itself, in each form.
            links.push(Link {
                short: text,
                expanded: text,
                display: None,
            });
        }
        let shorts: Vec<&str> = links.iter().map(|l| l.short).collect();
        let mut pieces = Vec::new();
        let mut last = 0;
        // (An empty text piece matches and renders as nothing.)
        for (start, end, i) in find_links(text, &shorts) {
            pieces.push(Piece::Text(&text[last..start]));
            pieces.push(Piece::Link(i));
            last = end;
        }
        pieces.push(Piece::Text(&text[last..]));
        let forms = links.iter().map(forms).collect();
        Live {
            pieces,
            links,
            forms,
        }
    }

    /// The text with each link expanded, or written as `choice` says, and the HTML escapes
    /// undone.
    fn render(&self, choice: &[Option<&str>]) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) => out.push_str(&unescape_html(text)),
                Piece::Link(i) => {
                    out.push_str(choice[*i].unwrap_or(self.links[*i].expanded));
                }
            }
        }
        out
    }

    /// Whether `wanted` is this text with every link in one of its forms; `unescaped`: the
    /// text pieces with the API's HTML escapes undone. Every place in `wanted` the pieces so far
    /// can reach is followed at once, so no choice of forms is missed and none is tried twice.
    fn matches(&self, wanted: &str, unescaped: bool) -> bool {
        let mut reached: Vec<usize> = vec![0];
        for piece in &self.pieces {
            let mut next: Vec<usize> = Vec::new();
            for &at in &reached {
                let rest = &wanted[at..];
                match piece {
                    Piece::Text(text) => {
                        let text = if unescaped {
                            std::borrow::Cow::Owned(unescape_html(text))
                        } else {
                            std::borrow::Cow::Borrowed(*text)
                        };
                        if rest.starts_with(text.as_ref()) {
                            next.push(at + text.len());
                        }
                    }
                    Piece::Link(i) => next.extend(
                        self.forms[*i]
                            .iter()
                            .filter(|form| rest.starts_with(form.as_str()))
                            .map(|form| at + form.len()),
                    ),
                }
            }
            next.sort_unstable();
            next.dedup();
            if next.is_empty() {
                return false;
            }
            reached = next;
        }
        reached.contains(&wanted.len())
    }
}

/// The links in `entities.{section}.urls`, the first [`MAX_LINKS`] usable ones.
fn link_entities<'a>(user: &'a Value, section: &str) -> Vec<Link<'a>> {
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
            Some(Link {
                short: link.get("url")?.as_str()?,
                expanded: link.get("expanded_url")?.as_str()?,
                display: link.get("display_url").and_then(Value::as_str),
            })
        })
        .filter(|link| usable(link.short))
        .take(MAX_LINKS)
        .collect()
}

/// Every form a person may write `link` in, each standing for it: the `t.co` link; the expanded
/// link; the display form unless the website cut it short (`…`); and each of those with or
/// without its scheme, `www.` and a trailing slash.
fn forms(link: &Link) -> Vec<String> {
    let mut forms = vec![link.short.to_owned()];
    let scheme = link.expanded.find("://").map(|at| &link.expanded[..at + 3]);
    let mut add = |url: &str| {
        let (own, rest) = match url.find("://") {
            Some(at) => (Some(&url[..at + 3]), &url[at + 3..]),
            None => (None, url),
        };
        let host = rest.strip_prefix("www.").unwrap_or(rest);
        let bare = host.strip_suffix('/').unwrap_or(host);
        for prefix in ["", own.or(scheme).unwrap_or_default()] {
            for www in ["", "www."] {
                for slash in ["", "/"] {
                    forms.push(format!("{prefix}{www}{bare}{slash}"));
                }
            }
        }
    };
    add(link.expanded);
    if let Some(display) = link.display.filter(|d| !d.ends_with('…')) {
        add(display);
    }
    forms.retain(|form| !form.is_empty());
    forms.sort();
    forms.dedup();
    forms
}

/// Whether a short link can be looked for: not empty (it would match everywhere) and no longer
/// than [`MAX_SHORT`] (no `t.co` link is).
fn usable(short: &str) -> bool {
    !short.is_empty() && short.len() <= MAX_SHORT
}

/// Where the short links occur in `text`, in one left-to-right pass, the longest at a place:
/// `(start, end, which)`.
fn find_links(text: &str, shorts: &[&str]) -> Vec<(usize, usize, usize)> {
    // Building the automaton costs some 150,000 instructions; most fields have no link.
    if shorts.is_empty() || text.is_empty() {
        return Vec::new();
    }
    let Ok(finder) = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(shorts)
    else {
        return Vec::new();
    };
    finder
        .find_iter(text)
        .map(|found| (found.start(), found.end(), found.pattern().as_usize()))
        .collect()
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
    fn a_link_holds_in_every_form_that_stands_for_it() {
        let link = Link {
            short: "https://t.co/s",
            expanded: "http://www.example.com/a/",
            display: Some("example.com/a"),
        };
        let forms = forms(&link);
        for form in [
            "https://t.co/s",
            "http://www.example.com/a/",
            "http://www.example.com/a",
            "http://example.com/a",
            "www.example.com/a/",
            "example.com/a",
        ] {
            assert!(forms.iter().any(|f| f == form), "{form}: {forms:?}");
        }
        for other in ["https://example.com/a", "example.com/b", "example.com", ""] {
            assert!(!forms.iter().any(|f| f == other), "{other}: {forms:?}");
        }
        // A display form that differs from where the link leads takes that link's scheme.
        let tracked = Link {
            short: "https://t.co/q",
            expanded: "https://example.com/a?utm=1",
            display: Some("example.com/a"),
        };
        assert!(
            super::forms(&tracked)
                .iter()
                .any(|f| f == "https://example.com/a")
        );
        assert!(
            !super::forms(&tracked)
                .iter()
                .any(|f| f == "http://example.com/a")
        );
        // A display form cut short stands for nothing.
        let cut = Link {
            display: Some("example.com/very-long…"),
            ..link
        };
        assert!(!super::forms(&cut).iter().any(|f| f.contains('…')));
    }

    #[test]
    fn a_value_holds_with_any_mix_of_forms_and_only_whole() {
        let u = user();
        for wanted in [
            "see https://t.co/x1 and https://t.co/x2",
            "see one.example/a and https://two.example/b/",
            "see https://t.co/x1 and two.example/b",
        ] {
            assert!(holds(&u, Field::Description, wanted), "{wanted}");
        }
        for wanted in [
            "see one.example/a and two.example/b and more",
            "see one.example/a",
            "see one.example/a  and two.example/b",
            "",
        ] {
            assert!(!holds(&u, Field::Description, wanted), "{wanted}");
        }
        assert!(holds(&u, Field::Url, "https://t.co/abc"));
        assert!(holds(&u, Field::Url, "alice.example/"));
        assert!(!holds(&u, Field::Url, "http://alice.example"));
        // Nothing past the bound is compared: it cannot hold. At the bound it still can.
        let huge = "a".repeat(MAX_EXPANDED + 1);
        assert!(!holds(&json!({"name": huge.clone()}), Field::Name, &huge));
        let full = "a".repeat(MAX_EXPANDED);
        assert!(holds(&json!({"name": full.clone()}), Field::Name, &full));
    }

    #[test]
    fn written_links_expand_where_they_fit_and_shorten_where_they_do_not() {
        let u = user();
        assert_eq!(
            as_written(&u, Field::Description),
            "see https://one.example/a and https://two.example/b"
        );
        let long = format!("https://long.example/{}", "p".repeat(150));
        let u = json!({
            "description": "a https://t.co/l b https://t.co/s",
            "entities": {"description": {"urls": [
                {"url": "https://t.co/l", "expanded_url": long, "display_url": "long.example/ppp…"},
                {"url": "https://t.co/s", "expanded_url": "https://s.example", "display_url": "s.example"}
            ]}}
        });
        assert_eq!(
            as_written(&u, Field::Description),
            "a https://t.co/l b https://s.example"
        );
        assert!(holds(
            &u,
            Field::Description,
            &as_written(&u, Field::Description)
        ));
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
