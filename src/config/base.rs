//! The API base: where every request goes, and whether it is safe to send secrets there.

use super::ConfigFile;
use super::env::Environment;
use crate::error::Error;

/// The API base when neither `TWPROFILE_API_BASE` nor `api_base` says otherwise.
pub const DEFAULT_API_BASE: &str = "https://api.x.com";

/// A warning for a plain `http://` base on another machine: the signed requests, the tokens and
/// the profile would cross the network in clear.
pub fn plain_http_warning(api_base: &str) -> Option<String> {
    let url = reqwest::Url::parse(api_base).ok()?;
    if url.scheme() != "http" || is_loopback(&url) {
        return None;
    }
    Some(format!(
        "API base {api_base} is plain http:// to another machine: requests, tokens and the profile cross the network unencrypted; use https://"
    ))
}

fn is_loopback(url: &reqwest::Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    match host.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        // `*.localhost` and `localhost.` may go to DNS; only the name the hosts file answers
        // counts.
        Err(_) => host.eq_ignore_ascii_case("localhost"),
    }
}

/// The API base: `TWPROFILE_API_BASE`, else `api_base` in the file, else the default.
pub fn api_base(env: &Environment, file: &ConfigFile) -> Result<String, Error> {
    let (raw, from) = match (&env.api_base, &file.api_base) {
        (Some(base), _) => (base.as_str(), "TWPROFILE_API_BASE"),
        (None, Some(base)) => (base.as_str(), "api_base in the config file"),
        (None, None) => (DEFAULT_API_BASE, "the default"),
    };
    let bad = || {
        // A malformed base may still hold a password: show it only when it cannot.
        let shown = if raw.contains('@') {
            String::new()
        } else {
            format!("'{raw}' ")
        };
        Error::config(format!(
            "API base {shown}({from}) is not an http:// or https:// URL"
        ))
    };
    let url = reqwest::Url::parse(raw).map_err(|_| bad())?;
    if !matches!(url.scheme(), "http" | "https")
        || url.host_str().is_none()
        || url.query().is_some()
        || url.fragment().is_some()
    {
        return Err(bad());
    }
    if !url.username().is_empty() || url.password().is_some() {
        // Said without the URL: the part that is wrong is a password.
        return Err(Error::config(format!(
            "API base ({from}) carries a user name or password; twprofile signs every request and sends no other credentials"
        ))
        .with_hint("remove the `user:password@` part"));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}
