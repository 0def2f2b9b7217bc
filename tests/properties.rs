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

/// Pieces of emoji sequences, whole and broken: the black flag, tags of every kind (letters,
/// digits, upper case, space, the cancel tag), the selector, the keycap mark, another emoji
/// and letters, so that runs of them make well-formed flags, near misses and hidden text. (No
/// joiner: [`support::is_dangerous`] counts every one, the one between two emoji too.)
fn emoji_piece() -> impl Strategy<Value = char> {
    prop_oneof![
        Just('\u{1F3F4}'),
        Just('\u{E007F}'),
        Just('\u{FE0F}'),
        Just('\u{20E3}'),
        Just('\u{1F469}'),
        // The language tag and the tag block (U+E0000 and U+E0002–U+E001F are unassigned).
        Just('\u{E0001}'),
        (0xE0020u32..=0xE007F).prop_map(|c| char::from_u32(c).expect("a tag character")),
        (0xE0061u32..=0xE007A).prop_map(|c| char::from_u32(c).expect("a tag letter")),
        (0xE0030u32..=0xE0039).prop_map(|c| char::from_u32(c).expect("a tag digit")),
        proptest::char::range('a', 'c'),
        proptest::char::range('0', '2'),
        Just('#'),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    /// Whatever mix of flags, tags and keycaps the server sends, what reaches a terminal holds
    /// no tag character outside a subdivision flag, as the tests' own, independent scan finds
    /// them; and a well-formed flag or keycap comes out as it went in.
    #[test]
    fn only_whole_flags_keep_their_tags(pieces in proptest::collection::vec(emoji_piece(), 0..40)) {
        let text: String = pieces.into_iter().collect();
        let shown = twprofile::sanitize::for_terminal(&text, twprofile::sanitize::Lines::Keep);
        let left = support::without_flags(&shown);
        prop_assert!(!left.chars().any(support::is_dangerous), "{:?} → {:?}", text, shown);
        let flags = format!("{text}\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}1\u{FE0F}\u{20E3}");
        let shown = twprofile::sanitize::for_terminal(&flags, twprofile::sanitize::Lines::Keep);
        prop_assert!(
            shown.ends_with("\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}1\u{FE0F}\u{20E3}"),
            "{:?} → {:?}", flags, shown
        );
    }
}
