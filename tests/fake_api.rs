//! The fake API's own checks: its verifier agrees with the published vectors, and it refuses
//! what the real API refuses (bad signatures, reused nonces, stale timestamps).

mod support;

use std::io::{Read, Write};
use std::time::{SystemTime, UNIX_EPOCH};

use support::oauth::{base_string, decode, encode, hmac_sha1_signature};
use support::{FakeApi, oauth};

/// Sends one raw HTTP/1.1 request and returns the status code.
fn post(api: &FakeApi, path: &str, body: &str, authorization: &str) -> u16 {
    let addr = api.base().trim_start_matches("http://").to_owned();
    let mut stream = std::net::TcpStream::connect(&addr).expect("connect");
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: {authorization}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .expect("write");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status line")
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs()
}

const PATH: &str = "/1.1/account/update_profile.json";

fn signed(api: &FakeApi, nonce: &str, timestamp: u64) -> (String, String) {
    let params = vec![("name".to_owned(), "Bob".to_owned())];
    let uri = format!("{}{PATH}", api.base());
    let header = oauth::authorization("POST", &uri, &params, nonce, timestamp);
    (header, "name=Bob".to_owned())
}

#[test]
fn accepts_a_good_signature_once_per_nonce() {
    let api = FakeApi::start();
    let (header, body) = signed(&api, "nonce-one", now());
    assert_eq!(post(&api, PATH, &body, &header), 200);
    assert_eq!(api.profile().name, "Bob");
    assert_eq!(
        post(&api, PATH, &body, &header),
        401,
        "a reused nonce passed"
    );
    let requests = api.requests();
    assert!(requests[0].verdict.is_ok());
    assert_eq!(requests[1].verdict, Err("nonce reused".to_owned()));
}

#[test]
fn refuses_a_stale_timestamp_and_a_wrong_signature() {
    let api = FakeApi::start();
    let (header, body) = signed(&api, "nonce-stale", now() - 3600);
    assert_eq!(post(&api, PATH, &body, &header), 401);
    let (header, _) = signed(&api, "nonce-tampered", now());
    assert_eq!(post(&api, PATH, "name=Mallory", &header), 401);
    let requests = api.requests();
    assert_eq!(requests[0].verdict, Err("stale timestamp".to_owned()));
    assert!(
        requests[1]
            .verdict
            .as_ref()
            .is_err_and(|e| e.starts_with("bad signature"))
    );
    assert_eq!(api.profile().name, "Alice");
}

/// The verifier itself must agree with the published vectors, or it proves nothing.
#[test]
fn verifier_reproduces_published_vectors() {
    let params = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    let v1 = params(&[
        (
            "status",
            "Hello Ladies + Gentlemen, a signed OAuth request!",
        ),
        ("include_entities", "true"),
        ("oauth_consumer_key", "xvz1evFS4wEEPTGEFPHBog"),
        ("oauth_nonce", "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg"),
        ("oauth_signature_method", "HMAC-SHA1"),
        ("oauth_timestamp", "1318622958"),
        (
            "oauth_token",
            "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
        ),
        ("oauth_version", "1.0"),
    ]);
    let (cs, ts) = (
        "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
        "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
    );
    let base = base_string("POST", "https://api.x.com/1.1/statuses/update.json", &v1);
    assert_eq!(
        base,
        "POST&https%3A%2F%2Fapi.x.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521"
    );
    assert_eq!(
        hmac_sha1_signature(&base, cs, ts),
        "Ls93hJiZbQ3akF3HF3x1Bz8/zU4="
    );
    let base = base_string(
        "POST",
        "https://api.twitter.com/1.1/statuses/update.json",
        &v1,
    );
    assert_eq!(
        hmac_sha1_signature(&base, cs, ts),
        "hCtSmYh+iHYCEqBWrE7C7hYmtUk="
    );

    let v2 = params(&[
        ("b5", "=%3D"),
        ("a3", "a"),
        ("c@", ""),
        ("a2", "r b"),
        ("c2", ""),
        ("a3", "2 q"),
        ("oauth_consumer_key", "9djdj82h48djs9d2"),
        ("oauth_token", "kkk9d7dh3k39sjv7"),
        ("oauth_signature_method", "HMAC-SHA1"),
        ("oauth_timestamp", "137131201"),
        ("oauth_nonce", "7d8f3e4a"),
    ]);
    let base = base_string("POST", "http://example.com/request", &v2);
    assert_eq!(
        hmac_sha1_signature(&base, "j49sk3j29djd", "dh893hdasih9"),
        "r6/TJjbCOr97/+UU0NsvSne7s5g="
    );
}

#[test]
fn encoding_table() {
    assert_eq!(encode("Dogs, Cats & Mice"), "Dogs%2C%20Cats%20%26%20Mice");
    assert_eq!(encode("☃"), "%E2%98%83");
    assert_eq!(encode("*~"), "%2A~");
    assert_eq!(decode("a+b%20c", true).unwrap(), "a b c");
    assert_eq!(decode("a+b", false).unwrap(), "a+b");
}
