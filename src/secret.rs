//! A string that never shows itself in `Debug` or `Display`.

use std::fmt;

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

/// Server text with every credential in it hidden: each value in `known` (raw or
/// percent-encoded), and the value of any `oauth_*` parameter, as a header or a form writes it.
pub fn redact(text: &str, known: &[String]) -> String {
    let mut out = text.to_owned();
    for value in known.iter().filter(|v| v.len() >= 4) {
        if out.contains(value.as_str()) {
            out = out.replace(value.as_str(), "***");
        }
    }
    mask_oauth_values(&out)
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

    fn visit_string<E: de::Error>(self, v: String) -> Result<Secret, E> {
        Ok(Secret(v))
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
        let shown = redact(echoed, &["sekrit-value".to_owned()]);
        assert_eq!(
            shown,
            r#"Bad header: OAuth oauth_consumer_key="***", oauth_nonce="***", oauth_signature="***", oauth_signature_method="HMAC-SHA1", oauth_token="***", oauth_version="1.0" and form oauth_verifier=***&x=1 and json {\"oauth_token\": \"***\"}"#
        );
        assert_eq!(
            redact(
                "the key sekrit-value leaked, oauth_ alone",
                &["sekrit-value".to_owned()]
            ),
            "the key *** leaked, oauth_ alone"
        );
        assert_eq!(
            redact("mentions oauth_token only", &[]),
            "mentions oauth_token only"
        );
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
            let shown = redact(&text, std::slice::from_ref(&secret));
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
        let err = toml::from_str::<T>("key = 123456789").unwrap_err();
        assert!(err.message().contains(NOT_A_STRING), "{}", err.message());
        assert!(!err.message().contains("123456789"), "{}", err.message());
    }
}
