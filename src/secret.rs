//! A string that never shows itself in `Debug` or `Display`.

use std::collections::{BTreeSet, VecDeque};
use std::fmt;
use std::sync::Mutex;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// A credential. Formatting it prints a mask; only [`Secret::expose`] gives the value.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The credential itself, for signing.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the credential is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The four OAuth 1.0a user-context credentials.
#[derive(Clone, Debug)]
pub struct Credentials {
    /// The app's API key.
    pub consumer_key: Secret,
    /// The app's API key secret.
    pub consumer_secret: Secret,
    /// The user's access token.
    pub access_token: Secret,
    /// The user's access token secret.
    pub access_token_secret: Secret,
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// Shows the first four characters of an identifier (a consumer key or an access token) so a user
/// can tell which one is in use, and only when at least eight more stay hidden.
pub fn mask_identifier(value: &str) -> String {
    const SHOWN: usize = 4;
    if value.chars().count() >= SHOWN + 8 {
        let prefix: String = value.chars().take(SHOWN).collect();
        format!("{prefix}…")
    } else {
        "***".to_owned()
    }
}

/// Every credential, PIN and signature this process has signed with, in each form a server might
/// echo it: what [`redact`] hides wherever text leaves the process for a person.
static KNOWN: Mutex<Known> = Mutex::new(Known {
    forms: Vec::new(),
    seen: BTreeSet::new(),
    finder: None,
    recent: VecDeque::new(),
});

/// The remembered forms. A config of a thousand accounts remembers thousands of them and every
/// line of output is searched for all: each form is kept once (the set), and one automaton
/// finds them all in one pass, built again only after a new one.
struct Known {
    forms: Vec<String>,
    seen: BTreeSet<String>,
    finder: Option<aho_corasick::AhoCorasick>,
    /// The forms of the latest signatures, oldest first. A signature is good for one request:
    /// only those of requests still in flight can come back, so a long run keeps the last few
    /// hundred rather than one for every request it made.
    recent: VecDeque<String>,
}

/// How many signature forms are kept: some eight forms each, for the last 512 requests, eight
/// times what `apply --jobs` can have in flight.
const RECENT_FORMS: usize = 4096;

/// Values shorter than this are not hidden in text: they would hide ordinary words.
const SHORTEST_HIDDEN: usize = 4;

/// Remembers a value no output may show, in every form a server might echo it: as given and
/// percent-decoded (a signature comes encoded), each of those raw, percent-encoded with upper- or
/// lower-case hex, with `+` read as a space, and with `/` escaped as JSON may write it.
pub fn remember(value: &str) {
    let forms = forms_of(value);
    let mut known = KNOWN.lock().unwrap_or_else(|e| e.into_inner());
    for form in forms {
        if known.seen.insert(form.clone()) {
            known.forms.push(form);
            known.finder = None;
        }
    }
}

/// Remembers a request's signature, as [`remember`] does a credential, among the latest only.
pub fn remember_signature(signature: &str) {
    let forms = forms_of(signature);
    let mut known = KNOWN.lock().unwrap_or_else(|e| e.into_inner());
    known.recent.extend(forms);
    while known.recent.len() > RECENT_FORMS {
        known.recent.pop_front();
    }
}

/// The forms of `value` a server might echo: as given and percent-decoded (a signature comes
/// encoded), each of those raw, percent-encoded with upper- or lower-case hex, with `+` read as
/// a space, and with `/` escaped as JSON may write it. None for a value too short to hide.
fn forms_of(value: &str) -> Vec<String> {
    if value.len() < SHORTEST_HIDDEN {
        return Vec::new();
    }
    let decoded = percent_decode(value);
    let mut forms = vec![lowercase_escapes(value), uppercase_escapes(value)];
    for base in [value, decoded.as_str()] {
        let encoded = percent_encode(base);
        forms.push(lowercase_escapes(&encoded));
        forms.push(encoded);
        forms.push(base.replace('+', " "));
        forms.push(base.replace('/', "\\/"));
        forms.push(base.to_owned());
    }
    forms.retain(|form| form.len() >= SHORTEST_HIDDEN);
    forms.sort();
    forms.dedup();
    forms
}

/// RFC 3986 percent-encoding, as a signature and a form use it.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn lowercase_escapes(encoded: &str) -> String {
    recase_escapes(encoded, char::to_ascii_lowercase)
}

fn uppercase_escapes(encoded: &str) -> String {
    recase_escapes(encoded, char::to_ascii_uppercase)
}

/// The text with the two hex digits after each `%` passed through `recase`.
fn recase_escapes(encoded: &str, recase: fn(&char) -> char) -> String {
    let mut out = String::with_capacity(encoded.len());
    let mut chars = encoded.chars();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '%' {
            out.extend(chars.by_ref().take(2).map(|h| recase(&h)));
        }
    }
    out
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let hex = |i: usize| bytes.get(i).and_then(|b| char::from(*b).to_digit(16));
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Text from a server with every remembered secret hidden, and the value of any `oauth_*`
/// parameter, as a header, a form or JSON writes it.
pub fn redact(text: &str) -> String {
    mask_oauth_values(&hide_known(text))
}

/// Any text with every remembered secret hidden: what every line on stderr goes through.
pub fn hide_known(text: &str) -> String {
    let mut known = KNOWN.lock().unwrap_or_else(|e| e.into_inner());
    if known.finder.is_none() && !known.forms.is_empty() {
        // A contiguous NFA builds in time linear in the patterns: a DFA (which the default
        // picks for few patterns) takes seconds over one long secret, such as 64 KiB a
        // credential command printed.
        known.finder = aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .build(&known.forms)
            .ok();
    }
    // The forms the text holds, found in one pass (every form, when no automaton could be
    // built), and the latest signatures'.
    let mut held: Vec<&String> = match &known.finder {
        Some(finder) => {
            let found: BTreeSet<usize> = finder
                .find_overlapping_iter(text)
                .map(|m| m.pattern().as_usize())
                .collect();
            found
                .into_iter()
                .filter_map(|i| known.forms.get(i))
                .collect()
        }
        None => known.forms.iter().collect(),
    };
    held.extend(
        known
            .recent
            .iter()
            .filter(|form| text.contains(form.as_str())),
    );
    // Longest first, so that a value is hidden whole before a shorter form inside it is.
    held.sort_by_key(|k| std::cmp::Reverse(k.len()));
    let mut out = text.to_owned();
    for form in held {
        if out.contains(form.as_str()) {
            out = out.replace(form.as_str(), "***");
        }
    }
    out
}

/// `oauth_token="abc"`, `oauth_token=abc&…`, `"oauth_token": "abc"` → the value as `***`.
/// The method and version say nothing secret and stay.
fn mask_oauth_values(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("oauth_") {
        let after_key = &rest[at + "oauth_".len()..];
        let key_len = after_key
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after_key.len());
        let key = &after_key[..key_len];
        let mut tail = &after_key[key_len..];
        out.push_str(&rest[..at + "oauth_".len() + key_len]);
        // The separator: `=`, `:`, with quotes (escaped or not) and spaces around it.
        let separator_len = tail
            .find(|c: char| !matches!(c, '=' | ':' | ' ' | '"' | '\\' | '\''))
            .unwrap_or(tail.len());
        let separator = &tail[..separator_len];
        if !separator.contains(['=', ':']) || matches!(key, "signature_method" | "version") {
            rest = tail;
            continue;
        }
        out.push_str(separator);
        tail = &tail[separator_len..];
        let value_len = tail
            .find(|c: char| matches!(c, '"' | '\'' | '\\' | ',' | '&' | ';') || c.is_whitespace())
            .unwrap_or(tail.len());
        if value_len > 0 {
            out.push_str("***");
        }
        rest = &tail[value_len..];
    }
    out.push_str(rest);
    out
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SecretVisitor)
    }
}

/// Accepts only strings, and never repeats a rejected value in its error.
struct SecretVisitor;

const NOT_A_STRING: &str = "must be a quoted string";

impl<'de> Visitor<'de> for SecretVisitor {
    type Value = Secret;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a quoted string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Secret, E> {
        Ok(Secret::new(v))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Secret, E> {
        Err(E::custom(NOT_A_STRING))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Secret, E> {
        Err(E::custom(NOT_A_STRING))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Secret, E> {
        Err(E::custom(NOT_A_STRING))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Secret, E> {
        Err(E::custom(NOT_A_STRING))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, _: A) -> Result<Secret, A::Error> {
        Err(de::Error::custom(NOT_A_STRING))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Secret, A::Error> {
        Err(de::Error::custom(NOT_A_STRING))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_never_shows_the_value() {
        let s = Secret::new("hunter2-very-secret");
        assert_eq!(format!("{s}"), "***");
        assert_eq!(format!("{s:?}"), "Secret(***)");
        assert_eq!(s.expose(), "hunter2-very-secret");
    }

    #[test]
    fn credentials_in_server_text_are_hidden() {
        let echoed = r#"Bad header: OAuth oauth_consumer_key="ck123", oauth_nonce="n1", oauth_signature="a%2Fb%3D", oauth_signature_method="HMAC-SHA1", oauth_token="12-tok", oauth_version="1.0" and form oauth_verifier=4242&x=1 and json {\"oauth_token\": \"t2\"}"#;
        remember("sekrit-value");
        let shown = redact(echoed);
        assert_eq!(
            shown,
            r#"Bad header: OAuth oauth_consumer_key="***", oauth_nonce="***", oauth_signature="***", oauth_signature_method="HMAC-SHA1", oauth_token="***", oauth_version="1.0" and form oauth_verifier=***&x=1 and json {\"oauth_token\": \"***\"}"#
        );
        assert_eq!(
            redact("the key sekrit-value leaked, oauth_ alone"),
            "the key *** leaked, oauth_ alone"
        );
        assert_eq!(
            redact("mentions oauth_token only"),
            "mentions oauth_token only"
        );
        assert_eq!(redact("empty oauth_token=&x=1"), "empty oauth_token=&x=1");
        // Every encoding a server might use, of a value given raw…
        remember("ab/c+d=");
        for form in [
            "ab/c+d=",
            "ab%2Fc%2Bd%3D",
            "ab%2fc%2bd%3d",
            "ab/c d=",
            "ab\\/c+d=",
        ] {
            assert_eq!(redact(&format!("[{form}]")), "[***]", "{form}");
        }
        // …or encoded, as a signature is in its header.
        remember("Xy%2Fz%2B0%3D");
        for form in [
            "Xy/z+0=",
            "Xy%2Fz%2B0%3D",
            "Xy%2fz%2b0%3d",
            "Xy/z 0=",
            "Xy\\/z+0=",
        ] {
            assert_eq!(redact(&format!("[{form}]")), "[***]", "{form}");
        }
        remember("abc");
        assert_eq!(redact("abc"), "abc", "too short to hide");
        // Too short as given means no form of it is hidden either, however long it encodes.
        remember("a/b");
        assert_eq!(redact("a%2Fb"), "a%2Fb");
        // Four characters are enough.
        remember("wxyz");
        assert_eq!(redact("[wxyz]"), "[***]");
        // A form that decodes shorter than that is not hidden either.
        remember("%41%42%43");
        assert_eq!(redact("ABC"), "ABC");
        // Given with lower-case escapes, the upper-case form is hidden too.
        remember("pq%2frs");
        assert_eq!(redact("[pq%2Frs]"), "[***]");
    }

    proptest::proptest! {
        /// Whatever surrounds it, a known credential never survives redaction.
        #[test]
        fn a_known_secret_never_survives(
            before in "(?s).{0,40}",
            after in "(?s).{0,40}",
            secret in "[A-Za-z0-9_-]{8,24}",
        ) {
            let text = format!("{before}{secret}{after}");
            remember(&secret);
            let shown = redact(&text);
            proptest::prop_assert!(!shown.contains(&secret), "{}", shown);
        }

        #[test]
        fn an_oauth_value_never_survives(
            key in "(consumer_key|token|signature|verifier|nonce)",
            value in "[A-Za-z0-9%-]{1,24}",
            quote in "(\"|)",
            noise in "[ -~]{0,20}",
        ) {
            let text = format!("{noise} oauth_{key}={quote}{value}{quote}, {noise}");
            let shown = mask_oauth_values(&text);
            let masked = format!("oauth_{key}={quote}***{quote}");
            proptest::prop_assert!(shown.contains(&masked), "{}", shown);
        }
    }

    #[test]
    fn a_secret_overlapping_another_is_hidden_whole() {
        // Found in one pass, replaced longest first: the longer value goes whole, not cut where
        // a shorter one begins first.
        remember("zqxabc");
        remember("abcdefgh");
        assert_eq!(hide_known("[zqxabcdefgh]"), "[zqx***]");
        assert_eq!(hide_known("zqxabc abcdefgh"), "*** ***");
    }

    #[test]
    fn only_the_latest_signatures_are_kept_and_the_latest_is_hidden() {
        for i in 0..2000 {
            remember_signature(&format!("sig{i:05}/ab+c="));
        }
        let recent = KNOWN.lock().unwrap_or_else(|e| e.into_inner()).recent.len();
        assert!(recent <= RECENT_FORMS, "{recent}");
        assert!(recent >= RECENT_FORMS - 8, "{recent}");
        let out = hide_known("echo: sig01999/ab+c= sig01999%2Fab%2Bc%3D sig01999/ab c=");
        assert!(!out.contains("01999"), "{out}");
        // The first ones are forgotten: a signature is good for one request.
        assert_eq!(hide_known("sig00000/ab+c="), "sig00000/ab+c=");
        // A credential stays remembered however many signatures come after it.
        remember("cred-after-signatures");
        for i in 0..2000 {
            remember_signature(&format!("later{i:05}"));
        }
        assert_eq!(hide_known("cred-after-signatures"), "***");
    }

    #[test]
    fn identifiers_show_a_short_prefix_only_when_long() {
        assert_eq!(mask_identifier("xvz1evFS4wEEPTGEFPHBog"), "xvz1…");
        assert_eq!(mask_identifier("short-token"), "***");
    }

    #[test]
    fn a_non_string_is_rejected_without_echoing_it() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            key: Secret,
        }
        for value in ["123456789", "true", "1234.5678", "[1]", "{ a = 1 }"] {
            let err = toml::from_str::<T>(&format!("key = {value}")).unwrap_err();
            assert!(
                err.message().contains(NOT_A_STRING),
                "{value}: {}",
                err.message()
            );
            assert!(!err.message().contains(value), "{}", err.message());
        }
        // A number too large for i64 comes as u64 (TOML has none; JSON does).
        let err = serde_json::from_str::<Secret>("18446744073709551615").unwrap_err();
        assert!(err.to_string().contains(NOT_A_STRING), "{err}");
        assert_eq!(
            serde_json::from_str::<Secret>("\"s3cr3t\"")
                .unwrap()
                .expose(),
            "s3cr3t"
        );
    }
}
