//! HTTPS: the server's certificate is verified, a private CA is trusted through SSL_CERT_FILE,
//! and a certificate nobody trusts fails at once, without retries.

mod support;

use std::path::{Path, PathBuf};
use std::process::Output;

use support::{FakeApi, Sandbox, texts};

/// A throwaway CA and a certificate for 127.0.0.1 signed by it, as PEM files.
struct Pki {
    dir: tempfile::TempDir,
}

impl Pki {
    fn new() -> Self {
        use rcgen::{
            BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer,
            KeyPair, KeyUsagePurpose,
        };
        let dir = tempfile::tempdir().expect("tempdir");
        let mut ca = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        ca.distinguished_name
            .push(DnType::CommonName, "twprofile test CA");
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca_key = KeyPair::generate().expect("CA key");
        let ca_cert = ca.self_signed(&ca_key).expect("CA certificate");
        let issuer = Issuer::new(ca, ca_key);

        // "127.0.0.1" becomes an IP address subject alternative name.
        let mut server = CertificateParams::new(vec!["127.0.0.1".to_owned()]).expect("params");
        server
            .distinguished_name
            .push(DnType::CommonName, "127.0.0.1");
        server.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let server_key = KeyPair::generate().expect("server key");
        let server_cert = server
            .signed_by(&server_key, &issuer)
            .expect("server certificate");

        let write = |name: &str, pem: String| {
            std::fs::write(dir.path().join(name), pem).expect("write PEM");
        };
        write("ca.pem", ca_cert.pem());
        write("server.pem", server_cert.pem());
        write("server.key", server_key.serialize_pem());
        Pki { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

fn update(sandbox: &Sandbox, ca: Option<&Path>) -> Output {
    let mut cmd = sandbox.cmd();
    if let Some(ca) = ca {
        cmd.env("SSL_CERT_FILE", ca);
    }
    cmd.args(["-v", "--name", "Secure"]).output().expect("run")
}

#[test]
fn a_private_ca_is_trusted_through_ssl_cert_file() {
    let pki = Pki::new();
    let api = FakeApi::start_tls(&pki.path("server.pem"), &pki.path("server.key"));
    assert!(api.base().starts_with("https://127.0.0.1:"));
    let sandbox = Sandbox::new();
    sandbox.write_alice(&api);
    let out = update(&sandbox, Some(&pki.path("ca.pem")));
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stdout.starts_with("Updated @alice"), "{stdout}");
    // The signature covers the https:// URL, and the fake checked it as such.
    let request = api.requests().pop().expect("a request");
    assert_eq!(request.verdict, Ok(()));
    assert_eq!(api.profile().name, "Secure");
}

#[test]
fn an_untrusted_certificate_fails_at_once_with_a_hint() {
    let pki = Pki::new();
    let api = FakeApi::start_tls(&pki.path("server.pem"), &pki.path("server.key"));
    let sandbox = Sandbox::new();
    sandbox.write_alice(&api);
    let out = update(&sandbox, None);
    let (stdout, stderr) = texts(&out);
    assert_eq!(out.status.code(), Some(7), "{stderr}");
    assert_eq!(stdout, "");
    assert!(stderr.contains("TLS: invalid peer certificate"), "{stderr}");
    assert!(
        stderr.contains("hint: the server's certificate is not trusted"),
        "{stderr}"
    );
    assert!(stderr.contains("SSL_CERT_FILE"), "{stderr}");
    assert!(
        !stderr.contains("retry"),
        "a certificate error was retried:\n{stderr}"
    );
    assert!(
        api.requests().is_empty(),
        "a request got through an untrusted connection"
    );
}

#[cfg(unix)]
#[test]
fn a_trust_file_that_is_a_device_or_a_fifo_fails_fast() {
    let pki = Pki::new();
    let api = FakeApi::start_tls(&pki.path("server.pem"), &pki.path("server.key"));
    let sandbox = Sandbox::new();
    sandbox.write_alice(&api);
    let fifo = sandbox.home().join("ca.fifo");
    let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).expect("path");
    // SAFETY: a valid C string.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    for trust in [Path::new("/dev/zero"), fifo.as_path()] {
        let started = std::time::Instant::now();
        let out = update(&sandbox, Some(trust));
        let (_, stderr) = texts(&out);
        assert_eq!(out.status.code(), Some(7), "{stderr}");
        assert!(stderr.contains("is not a regular file"), "{stderr}");
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
    }
    assert!(api.requests().is_empty());
}

/// A sparse file of `size` bytes that begins with the CA's PEM.
fn padded_ca(pki: &Pki, name: &str, size: u64) -> PathBuf {
    let path = pki.path(name);
    std::fs::copy(pki.path("ca.pem"), &path).expect("copy");
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .expect("open")
        .set_len(size)
        .expect("grow");
    path
}

#[test]
fn trust_files_up_to_16_mib_are_read_and_larger_ones_refused() {
    const CAP: u64 = 16 * 1024 * 1024;
    let pki = Pki::new();
    let api = FakeApi::start_tls(&pki.path("server.pem"), &pki.path("server.key"));
    let sandbox = Sandbox::new();
    sandbox.write_alice(&api);
    // At the cap: read, and the CA at its start is trusted.
    let out = update(&sandbox, Some(&padded_ca(&pki, "at-cap.pem", CAP)));
    assert_eq!(out.status.code(), Some(0), "{}", texts(&out).1);
    let out = update(&sandbox, Some(&padded_ca(&pki, "over.pem", CAP + 1)));
    assert_eq!(out.status.code(), Some(7), "{}", texts(&out).1);
    assert!(
        texts(&out).1.contains("is over 16 MiB"),
        "{}",
        texts(&out).1
    );

    // In SSL_CERT_DIR: small files are fine (here the CA itself), a huge one is refused.
    let dir = pki.path("certs");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::copy(pki.path("ca.pem"), dir.join("ca.pem")).expect("copy");
    let with_dir = |sandbox: &Sandbox| {
        sandbox
            .cmd()
            .env("SSL_CERT_DIR", &dir)
            .args(["--name", "Dir"])
            .output()
            .expect("run")
    };
    let out = with_dir(&sandbox);
    assert!(
        !texts(&out).1.contains("is over 16 MiB"),
        "{}",
        texts(&out).1
    );
    padded_ca(&pki, "certs/at-cap.pem", CAP);
    let out = with_dir(&sandbox);
    assert!(
        !texts(&out).1.contains("is over 16 MiB"),
        "{}",
        texts(&out).1
    );
    padded_ca(&pki, "certs/huge.pem", CAP + 1);
    let out = with_dir(&sandbox);
    assert_eq!(out.status.code(), Some(7), "{}", texts(&out).1);
    assert!(
        texts(&out).1.contains("in SSL_CERT_DIR is over 16 MiB"),
        "{}",
        texts(&out).1
    );
}
