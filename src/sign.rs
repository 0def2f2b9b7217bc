//! OAuth 1.0a HMAC-SHA1 signing (RFC 5849) of form and query requests.

use std::num::NonZeroU64;

use oauth1_request as oauth;

use crate::secret::{Credentials, Secret, mask_identifier};

/// Who signs a request: the app, with a token once there is one, plus the PIN-flow extras.
#[derive(Clone, Debug)]
pub struct Signer {
    consumer_key: Secret,
    consumer_secret: Secret,
    token: Option<(Secret, Secret)>,
    callback: Option<String>,
    verifier: Option<String>,
}

impl Signer {
    /// The app alone, as for `oauth/request_token`. Every value a signer holds is remembered,
    /// so that no output shows it, whoever echoes it.
    pub fn app(consumer_key: Secret, consumer_secret: Secret) -> Self {
        crate::secret::remember(consumer_key.expose());
        crate::secret::remember(consumer_secret.expose());
        Signer {
            consumer_key,
            consumer_secret,
            token: None,
            callback: None,
            verifier: None,
        }
    }

    /// The app acting for a user: every API call.
    pub fn user(credentials: &Credentials) -> Self {
        Signer::app(
            credentials.consumer_key.clone(),
            credentials.consumer_secret.clone(),
        )
        .with_token(
            credentials.access_token.clone(),
            credentials.access_token_secret.clone(),
        )
    }

    /// Adds a token (temporary or access) and its secret.
    pub fn with_token(mut self, token: Secret, secret: Secret) -> Self {
        crate::secret::remember(token.expose());
        crate::secret::remember(secret.expose());
        self.token = Some((token, secret));
        self
    }

    /// Adds `oauth_callback` (`oob` for the PIN flow).
    pub fn with_callback(mut self, callback: &str) -> Self {
        self.callback = Some(callback.to_owned());
        self
    }

    /// Adds `oauth_verifier` (the PIN). It is good for one exchange, and a few digits long:
    /// hiding it would hide the same digits in account ids and numbers.
    pub fn with_verifier(mut self, verifier: &str) -> Self {
        self.verifier = Some(verifier.to_owned());
        self
    }
}

/// A request ready to send: its `Authorization` header and its encoded parameters.
#[derive(Debug)]
pub struct Signed {
    /// `OAuth oauth_consumer_key="…", …`; carries the signature, so never print it unmasked.
    pub authorization: String,
    /// The parameters as `application/x-www-form-urlencoded` (the body of a POST).
    pub encoded: String,
}

/// A fixed nonce and timestamp, for reproducible signatures in tests.
#[derive(Clone, Copy, Debug)]
pub struct Fixed<'a> {
    /// `oauth_nonce`
    pub nonce: &'a str,
    /// `oauth_timestamp`
    pub timestamp: u64,
}

/// Signs `method url` with every parameter in `params` (body and query alike), a fresh nonce and
/// the current time unless `fixed` pins them. `url` must not carry a query. Keys go out as
/// given, so they must be made of RFC 3986 unreserved characters (every API parameter is).
pub fn sign(
    method: &str,
    url: &str,
    params: &[(&str, String)],
    signer: &Signer,
    fixed: Option<Fixed<'_>>,
) -> Signed {
    Signed {
        authorization: authorize(method, url, params, signer, fixed),
        encoded: encode(params),
    }
}

/// The `Authorization` header alone: a retry needs a new one, not a new body.
pub fn authorize(
    method: &str,
    url: &str,
    params: &[(&str, String)],
    signer: &Signer,
    fixed: Option<Fixed<'_>>,
) -> String {
    let client = oauth::Credentials::new(
        signer.consumer_key.expose(),
        signer.consumer_secret.expose(),
    );
    let token = signer
        .token
        .as_ref()
        .map(|(token, secret)| oauth::Credentials::new(token.expose(), secret.expose()));
    debug_assert!(params.iter().all(|(k, _)| k.bytes().all(unreserved)));
    let mut builder = oauth::Builder::new(client, oauth::HmacSha1::new());
    builder
        .token(token)
        .version(true)
        .callback(signer.callback.as_deref())
        .verifier(signer.verifier.as_deref());
    if let Some(fixed) = fixed {
        builder.nonce(fixed.nonce);
        builder.timestamp(NonZeroU64::new(fixed.timestamp));
    }
    let header = builder.authorize(method, url, &borrowed(params));
    if let Some(signature) = header
        .split(',')
        .find_map(|pair| pair.trim().strip_prefix("oauth_signature="))
    {
        crate::secret::remember_signature(signature.trim_matches('"'));
    }
    header
}

/// The parameters as `application/x-www-form-urlencoded`, RFC 3986-encoded like the signature.
/// The string is allocated once at its exact size: for a 5 MiB banner, growing it by doubling
/// would briefly hold twice the body.
pub fn encode(params: &[(&str, String)]) -> String {
    use oauth::Request;
    // `key=value` for each, joined by `&`.
    let size: usize = params
        .iter()
        .map(|(k, v)| {
            k.len()
                + 1
                + v.bytes()
                    .map(|b| if unreserved(b) { 1 } else { 3 })
                    .sum::<usize>()
        })
        .sum::<usize>()
        + params.len().saturating_sub(1);
    let buf = String::with_capacity(size);
    borrowed(params).serialize(oauth::serializer::Urlencoder::form_with_buf(buf))
}

fn unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"-._~".contains(&byte)
}

/// A sorted view of the parameters that borrows the values, so a multi-megabyte image is not
/// copied to be signed.
fn borrowed<'a>(params: &'a [(&'a str, String)]) -> oauth::ParameterList<&'a str, &'a str> {
    oauth::ParameterList::new(
        params
            .iter()
            .map(|(k, v)| (*k, v.as_str()))
            .collect::<Vec<_>>(),
    )
}

/// The `Authorization` header with the signature hidden and the consumer key and token shortened,
/// for `--dry-run` and `-v`.
pub fn mask_authorization(header: &str) -> String {
    let Some(params) = header.strip_prefix("OAuth ") else {
        return "OAuth ***".to_owned();
    };
    let masked: Vec<String> = params
        .split(',')
        .map(|pair| {
            let pair = pair.trim();
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = value.trim_matches('"');
            let shown = match key {
                "oauth_signature" => "***".to_owned(),
                "oauth_consumer_key" | "oauth_token" => mask_identifier(value),
                _ => value.to_owned(),
            };
            format!("{key}=\"{shown}\"")
        })
        .collect();
    format!("OAuth {}", masked.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;

    /// The `oauth_signature` in a header, percent-decoded.
    fn signature_of(header: &str) -> String {
        let start = header.find("oauth_signature=\"").unwrap() + "oauth_signature=\"".len();
        let end = start + header[start..].find('"').unwrap();
        header[start..end]
            .replace("%2B", "+")
            .replace("%2F", "/")
            .replace("%3D", "=")
    }

    fn credentials(ck: &str, cs: &str, at: &str, ats: &str) -> Credentials {
        Credentials {
            consumer_key: Secret::new(ck),
            consumer_secret: Secret::new(cs),
            access_token: Secret::new(at),
            access_token_secret: Secret::new(ats),
        }
    }

    fn v1_credentials() -> Credentials {
        credentials(
            "xvz1evFS4wEEPTGEFPHBog",
            "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
            "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
            "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
        )
    }

    const V1_FIXED: Fixed<'static> = Fixed {
        nonce: "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg",
        timestamp: 1318622958,
    };

    fn v1_params() -> Vec<(&'static str, String)> {
        vec![
            (
                "status",
                "Hello Ladies + Gentlemen, a signed OAuth request!".to_owned(),
            ),
            ("include_entities", "true".to_owned()),
        ]
    }

    #[test]
    fn vector_v1_api_twitter_com() {
        let signed = sign(
            "POST",
            "https://api.twitter.com/1.1/statuses/update.json",
            &v1_params(),
            &Signer::user(&v1_credentials()),
            Some(V1_FIXED),
        );
        assert_eq!(
            signature_of(&signed.authorization),
            "hCtSmYh+iHYCEqBWrE7C7hYmtUk="
        );
    }

    #[test]
    fn vector_v1_api_x_com() {
        let signed = sign(
            "POST",
            "https://api.x.com/1.1/statuses/update.json",
            &v1_params(),
            &Signer::user(&v1_credentials()),
            Some(V1_FIXED),
        );
        assert_eq!(
            signature_of(&signed.authorization),
            "Ls93hJiZbQ3akF3HF3x1Bz8/zU4="
        );
        assert_eq!(
            signed.encoded,
            "include_entities=true&status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21"
        );
    }

    #[test]
    fn vector_v2_rfc5849_with_erratum() {
        let creds = credentials(
            "9djdj82h48djs9d2",
            "j49sk3j29djd",
            "kkk9d7dh3k39sjv7",
            "dh893hdasih9",
        );
        let params = vec![
            ("b5", "=%3D".to_owned()),
            ("a3", "a".to_owned()),
            // oauth1-request percent-encodes values but writes keys into the signature base
            // string verbatim, so a key outside the unreserved set must be given in its
            // base-string form (`@` encoded twice). Every key twprofile sends is unreserved.
            ("c%2540", String::new()),
            ("a2", "r b".to_owned()),
            ("c2", String::new()),
            ("a3", "2 q".to_owned()),
        ];
        let client =
            oauth::Credentials::new(creds.consumer_key.expose(), creds.consumer_secret.expose());
        let token = oauth::Credentials::new(
            creds.access_token.expose(),
            creds.access_token_secret.expose(),
        );
        // This vector has no oauth_version, so build it without one.
        let mut builder = oauth::Builder::new(client, oauth::HmacSha1::new());
        builder
            .token(token)
            .nonce("7d8f3e4a")
            .timestamp(NonZeroU64::new(137131201));
        let header = builder.authorize(
            "POST",
            "http://example.com/request",
            &oauth::ParameterList::new(params),
        );
        assert_eq!(signature_of(&header), "r6/TJjbCOr97/+UU0NsvSne7s5g=");
    }

    #[test]
    fn percent_encoding_follows_rfc3986() {
        let cases = [
            ("Ladies + Gentlemen", "Ladies%20%2B%20Gentlemen"),
            ("An encoded string!", "An%20encoded%20string%21"),
            ("Dogs, Cats & Mice", "Dogs%2C%20Cats%20%26%20Mice"),
            ("☃", "%E2%98%83"),
            ("*", "%2A"),
            ("~", "~"),
        ];
        for (raw, encoded) in cases {
            let signed = sign(
                "POST",
                "https://api.x.com/x",
                &[("v", raw.to_owned())],
                &Signer::user(&v1_credentials()),
                Some(V1_FIXED),
            );
            assert_eq!(signed.encoded, format!("v={encoded}"), "{raw}");
        }
    }

    #[test]
    fn the_form_is_allocated_at_its_exact_size() {
        let params = [
            ("a", "x y+z".to_owned()),
            ("banner", "QUJD+/==".repeat(100)),
        ];
        let form = encode(&params);
        assert_eq!(form.len(), form.capacity());
        assert!(
            form.starts_with("a=x%20y%2Bz&banner=QUJD%2B%2F%3D%3D"),
            "{form}"
        );
    }

    #[test]
    fn fresh_nonce_each_time() {
        let a = sign(
            "POST",
            "https://api.x.com/x",
            &[],
            &Signer::user(&v1_credentials()),
            None,
        );
        let b = sign(
            "POST",
            "https://api.x.com/x",
            &[],
            &Signer::user(&v1_credentials()),
            None,
        );
        assert_ne!(a.authorization, b.authorization);
    }

    #[test]
    fn masking_hides_signature_and_shortens_identifiers() {
        let signed = sign(
            "POST",
            "https://api.x.com/1.1/statuses/update.json",
            &v1_params(),
            &Signer::user(&v1_credentials()),
            Some(V1_FIXED),
        );
        let masked = mask_authorization(&signed.authorization);
        assert!(masked.contains("oauth_signature=\"***\""), "{masked}");
        assert!(masked.contains("oauth_consumer_key=\"xvz1…\""), "{masked}");
        assert!(masked.contains("oauth_token=\"3707…\""), "{masked}");
        assert!(masked.contains("oauth_nonce=\"kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg\""));
        assert!(!masked.contains("Ls93hJiZbQ3akF3HF3x1Bz8"));
        assert!(!masked.contains("xvz1evFS4wEEPTGEFPHBog"));
        assert!(!masked.contains("GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb"));
    }
}
