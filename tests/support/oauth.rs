//! OAuth 1.0a HMAC-SHA1 written from RFC 5849, independent of the crate the tool signs with.

use std::collections::HashMap;

use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};

/// RFC 3986 percent-encoding (RFC 5849 §3.6): unreserved bytes stay, the rest become `%XX`.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Percent-decoding; `plus_is_space` for form bodies and queries.
pub fn decode(text: &str, plus_is_space: bool) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| format!("bad escape in {text:?}"))?;
                out.push(hex);
                i += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| format!("not UTF-8 after decoding: {text:?}"))
}

/// `a=1&b=2` into decoded pairs, in order.
pub fn parse_form(text: &str) -> Result<Vec<(String, String)>, String> {
    text.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((decode(k, true)?, decode(v, true)?))
        })
        .collect()
}

/// `OAuth k="v", …` into decoded parameters.
pub fn parse_authorization(header: &str) -> Result<HashMap<String, String>, String> {
    let rest = header
        .strip_prefix("OAuth ")
        .ok_or_else(|| "not an OAuth header".to_owned())?;
    let mut out = HashMap::new();
    for part in rest.split(',') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let (k, v) = part
            .split_once('=')
            .ok_or_else(|| format!("bad part {part:?}"))?;
        let v = v
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .ok_or_else(|| format!("unquoted value in {part:?}"))?;
        out.insert(decode(k, false)?, decode(v, false)?);
    }
    Ok(out)
}

/// The signature base string (RFC 5849 §3.4.1) from decoded parameters.
pub fn base_string(method: &str, base_uri: &str, params: &[(String, String)]) -> String {
    let mut encoded: Vec<(String, String)> =
        params.iter().map(|(k, v)| (encode(k), encode(v))).collect();
    encoded.sort();
    let normalized = encoded
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    format!(
        "{}&{}&{}",
        method.to_ascii_uppercase(),
        encode(base_uri),
        encode(&normalized)
    )
}

/// base64(HMAC-SHA1(key = enc(consumer secret) & enc(token secret), base string)).
pub fn hmac_sha1_signature(base: &str, consumer_secret: &str, token_secret: &str) -> String {
    let key = format!("{}&{}", encode(consumer_secret), encode(token_secret));
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(key.as_bytes()).expect("any key length");
    mac.update(base.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// A full `Authorization` header, for tests that talk to the fake directly.
pub fn authorization(
    method: &str,
    base_uri: &str,
    params: &[(String, String)],
    nonce: &str,
    timestamp: u64,
) -> String {
    let mut oauth = vec![
        (
            "oauth_consumer_key".to_owned(),
            super::CONSUMER_KEY.to_owned(),
        ),
        ("oauth_nonce".to_owned(), nonce.to_owned()),
        ("oauth_signature_method".to_owned(), "HMAC-SHA1".to_owned()),
        ("oauth_timestamp".to_owned(), timestamp.to_string()),
        ("oauth_token".to_owned(), super::ACCESS_TOKEN.to_owned()),
        ("oauth_version".to_owned(), "1.0".to_owned()),
    ];
    let mut all = params.to_vec();
    all.extend(oauth.iter().cloned());
    let base = base_string(method, base_uri, &all);
    let signature = hmac_sha1_signature(&base, super::CONSUMER_SECRET, super::ACCESS_TOKEN_SECRET);
    oauth.push(("oauth_signature".to_owned(), signature));
    let parts: Vec<String> = oauth
        .iter()
        .map(|(k, v)| format!("{}=\"{}\"", encode(k), encode(v)))
        .collect();
    format!("OAuth {}", parts.join(", "))
}
