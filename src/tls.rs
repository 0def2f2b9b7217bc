//! TLS for one request: Mozilla's roots compiled in, and the system's trust store (or
//! `SSL_CERT_FILE` / `SSL_CERT_DIR`) read only when a server's chain needs it.
//!
//! Reading and parsing the system store costs about 2 ms, more than a whole update on loopback
//! (bench/README.md), and the bundled roots verify api.x.com on their own. A corporate proxy's
//! own CA is still trusted: its chain fails against the bundled roots with an unknown issuer,
//! and only then is the system store loaded and asked.

use std::sync::{Arc, OnceLock};

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};

/// The client configuration for a base URL: an empty trust store for `http://` (nothing is
/// verified, so nothing is loaded), the two-step verifier for `https://`.
pub fn client_config(https: bool) -> Result<ClientConfig, rustls::Error> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()?;
    let mut config = if https {
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(BundledThenSystem::new(provider)?))
            .with_no_client_auth()
    } else {
        builder
            .with_root_certificates(RootCertStore::empty())
            .with_no_client_auth()
    };
    // One request gains nothing from HTTP/2.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

/// Verifies against the bundled roots, and against the platform's verifier only when the
/// bundled roots do not know the issuer.
#[derive(Debug)]
struct BundledThenSystem {
    bundled: Arc<WebPkiServerVerifier>,
    provider: Arc<CryptoProvider>,
    system: OnceLock<Result<Arc<rustls_platform_verifier::Verifier>, rustls::Error>>,
}

impl BundledThenSystem {
    fn new(provider: Arc<CryptoProvider>) -> Result<Self, rustls::Error> {
        let roots = RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        };
        let bundled =
            WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
                .build()
                .map_err(|e| rustls::Error::General(e.to_string()))?;
        Ok(BundledThenSystem {
            bundled,
            provider,
            system: OnceLock::new(),
        })
    }

    fn system(&self) -> Result<&rustls_platform_verifier::Verifier, rustls::Error> {
        self.system
            .get_or_init(|| {
                check_trust_paths()?;
                rustls_platform_verifier::Verifier::new(self.provider.clone()).map(Arc::new)
            })
            .as_deref()
            .map_err(Clone::clone)
    }
}

/// The largest certificate file read: a full CA bundle is well under a megabyte.
const MAX_TRUST_FILE: u64 = 16 * 1024 * 1024;

/// `SSL_CERT_FILE` and the files in `SSL_CERT_DIR` are read whole, and without a timeout, by the
/// platform verifier: refuse a FIFO (which would block), a device (which may never end) or a
/// huge file before it is asked to.
fn check_trust_paths() -> Result<(), rustls::Error> {
    let refuse = |what: String| Err(rustls::Error::General(what));
    if let Some(file) = std::env::var_os("SSL_CERT_FILE") {
        let path = std::path::Path::new(&file);
        match std::fs::metadata(path) {
            Ok(meta) if !meta.is_file() => {
                return refuse(format!(
                    "SSL_CERT_FILE {} is not a regular file",
                    path.display()
                ));
            }
            Ok(meta) if meta.len() > MAX_TRUST_FILE => {
                return refuse(format!(
                    "SSL_CERT_FILE {} is over {} MiB",
                    path.display(),
                    MAX_TRUST_FILE >> 20
                ));
            }
            _ => {}
        }
    }
    if let Some(dirs) = std::env::var_os("SSL_CERT_DIR") {
        for dir in std::env::split_paths(&dirs) {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                if std::fs::metadata(entry.path())
                    .is_ok_and(|m| m.is_file() && m.len() > MAX_TRUST_FILE)
                {
                    return refuse(format!(
                        "{} in SSL_CERT_DIR is over {} MiB",
                        entry.path().display(),
                        MAX_TRUST_FILE >> 20
                    ));
                }
            }
        }
    }
    Ok(())
}

impl ServerCertVerifier for BundledThenSystem {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self.bundled.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        ) {
            Err(rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer)) => self
                .system()?
                .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now),
            verdict => verdict,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.bundled.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.bundled.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.bundled.supported_verify_schemes()
    }
}
