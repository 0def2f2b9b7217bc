//! Properties over arbitrary input: whatever Unicode a user puts in any field, the request
//! twprofile signs passes the fake API's independent verifier and decodes to exactly that input.

mod support;

use proptest::prelude::*;
use support::oauth;
use twprofile::config::Credentials;
use twprofile::fields::{Field, ProfileUpdate};
use twprofile::secret::Secret;

fn credentials() -> Credentials {
    Credentials {
        consumer_key: Secret::new(support::CONSUMER_KEY),
        consumer_secret: Secret::new(support::CONSUMER_SECRET),
        access_token: Secret::new(support::ACCESS_TOKEN),
        access_token_secret: Secret::new(support::ACCESS_TOKEN_SECRET),
    }
}

/// Any Unicode scalar values but NUL (which the tool refuses), up to `max` of them.
fn text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<char>().prop_filter("no NUL", |c| *c != '\0'), 0..=max)
        .prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_field_signs_and_round_trips(
        name in text(50),
        url in text(100),
        location in text(30),
        description in text(160),
        skip_status in any::<bool>(),
        include_entities in proptest::option::of(any::<bool>()),
    ) {
        let mut update = ProfileUpdate::new(vec![
            (Field::Name, name.clone(), "--name"),
            (Field::Url, url.clone(), "--url"),
            (Field::Location, location.clone(), "--location"),
            (Field::Description, description.clone(), "--description"),
        ])
        .expect("within limits");
        update.skip_status = skip_status;
        update.include_entities = include_entities;
        let uri = "http://127.0.0.1:8080/1.1/account/update_profile.json";
        let signed = twprofile::sign::sign("POST", uri, &update.params(), &twprofile::sign::Signer::user(&credentials()), None);

        // What the server decodes from the body is exactly what was given.
        let body = oauth::parse_form(&signed.encoded).expect("the body decodes");
        let get = |k: &str| body.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
        prop_assert_eq!(get("name"), Some(name));
        prop_assert_eq!(get("url"), Some(url));
        prop_assert_eq!(get("location"), Some(location));
        prop_assert_eq!(get("description"), Some(description));
        prop_assert_eq!(get("skip_status"), skip_status.then(|| "true".to_owned()));
        prop_assert_eq!(get("include_entities"), include_entities.map(|b| b.to_string()));

        // And the signature is the one RFC 5849 gives for it.
        let header = oauth::parse_authorization(&signed.authorization).expect("header parses");
        let mut all = body.clone();
        all.extend(
            header
                .iter()
                .filter(|(k, _)| k.as_str() != "oauth_signature")
                .map(|(k, v)| (k.clone(), v.clone())),
        );
        let base = oauth::base_string("POST", uri, &all);
        let expected =
            oauth::hmac_sha1_signature(&base, support::CONSUMER_SECRET, support::ACCESS_TOKEN_SECRET);
        prop_assert_eq!(&header["oauth_signature"], &expected);
    }
}

proptest! {
    // Each case runs the binary against the fake, so fewer of them.
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn the_binary_sends_any_bio_intact(description in text(160)) {
        // "\r" then the file's "\n" reads as one CRLF line ending, which is dropped whole.
        prop_assume!(!description.ends_with('\r'));
        // A bio with nothing visible in it is refused (tests/hostile.rs).
        prop_assume!(description.chars().any(|c| {
            use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
            !c.is_whitespace() && c.general_category() != GeneralCategory::Format
        }));
        let api = support::FakeApi::start();
        let sandbox = support::Sandbox::new();
        sandbox.write_alice(&api);
        let path = sandbox.home().join("bio.txt");
        // A file, because argv cannot carry every string a file can; the tool drops one
        // trailing newline, so add one.
        std::fs::write(&path, format!("{description}\n")).expect("write");
        let out = sandbox.run(&["-q", "--description-file", path.to_str().expect("path")]);
        prop_assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let requests = api.requests();
        prop_assert_eq!(requests.len(), 1);
        prop_assert_eq!(&requests[0].verdict, &Ok(()));
        prop_assert_eq!(requests[0].param("description"), Some(description.as_str()));
    }
}
