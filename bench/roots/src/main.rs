//! `roots platform|native|bundled|none`: builds a rustls client configuration the given way and
//! exits, so that hyperfine can time each choice as a whole process, as twprofile pays for it.

use std::sync::Arc;

use rustls::ClientConfig;
use rustls::client::WebPkiServerVerifier;

fn main() {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .expect("protocol versions");
    let roots = |store: rustls::RootCertStore| {
        WebPkiServerVerifier::builder_with_provider(Arc::new(store), provider.clone())
            .build()
            .expect("verifier")
    };
    let config = match std::env::args().nth(1).as_deref() {
        // What reqwest's rustls backend does by default: rustls-platform-verifier, which on
        // Linux loads the system store (or SSL_CERT_FILE / SSL_CERT_DIR) through
        // rustls-native-certs.
        Some("platform") => {
            let verifier = rustls_platform_verifier::Verifier::new(provider.clone()).expect("platform verifier");
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(verifier))
                .with_no_client_auth()
        }
        // rustls-native-certs into a plain webpki verifier.
        Some("native") => {
            let mut store = rustls::RootCertStore::empty();
            store.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
            builder
                .with_webpki_verifier(roots(store))
                .with_no_client_auth()
        }
        // Mozilla's roots compiled into the binary: no file is read.
        Some("bundled") => {
            let store = rustls::RootCertStore {
                roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
            };
            builder
                .with_webpki_verifier(roots(store))
                .with_no_client_auth()
        }
        // What twprofile does for an http:// base: an empty store.
        Some("none") => builder
            .with_root_certificates(rustls::RootCertStore::empty())
            .with_no_client_auth(),
        _ => {
            eprintln!("usage: roots platform|native|bundled|none");
            std::process::exit(2);
        }
    };
    std::hint::black_box(config);
}
