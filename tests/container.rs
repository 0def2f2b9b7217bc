//! The container image's promise, tested without a registry: the static binary runs from an
//! empty root directory, as the `scratch` image has it (no libc, no loader, no CA bundle, no
//! /etc), as a non-root user, and updates the profile on the fake API.
//!
//! It needs a static build and root (for chroot), so it is ignored by default; `.ci/run` builds
//! one and runs it:
//!   RUSTFLAGS="-C target-feature=+crt-static" cargo build --target x86_64-unknown-linux-gnu
//!   TWPROFILE_STATIC_BIN=target/x86_64-unknown-linux-gnu/debug/twprofile \
//!     cargo test --test container -- --ignored
#![cfg(target_os = "linux")]

mod support;

use std::process::Command;

use support::{FakeApi, assert_exit, texts};

/// chroot(8), found before the environment is cleared (it is in /usr/sbin).
fn chroot() -> std::path::PathBuf {
    ["/usr/sbin/chroot", "/usr/bin/chroot", "/sbin/chroot"]
        .iter()
        .map(std::path::PathBuf::from)
        .find(|p| p.exists())
        .expect("chroot(8)")
}

#[test]
#[ignore = "needs a static build and root; .ci/run runs it"]
fn the_static_binary_updates_the_profile_from_an_empty_root() {
    let bin = std::env::var_os("TWPROFILE_STATIC_BIN")
        .expect("TWPROFILE_STATIC_BIN names the static build");
    let root = tempfile::tempdir().unwrap();
    std::fs::copy(&bin, root.path().join("twprofile")).unwrap();
    // The image's home for the non-root user, and nothing else.
    let home = root.path().join("home/twprofile");
    std::fs::create_dir_all(&home).unwrap();
    let status = Command::new("chown")
        .args(["-R", "65532:65532"])
        .arg(root.path().join("home"))
        .status()
        .unwrap();
    assert!(status.success());
    let entries: Vec<_> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(entries.len(), 2, "{entries:?}");

    let api = FakeApi::start();
    let run = |args: &[&str]| {
        let mut cmd = Command::new(chroot());
        cmd.arg("--userspec=65532:65532")
            .arg(root.path())
            .arg("/twprofile")
            .args(args)
            .env_clear()
            .env("HOME", "/home/twprofile");
        support::env_credentials(&mut cmd, &api).output().unwrap()
    };
    let out = run(&[
        "--description",
        "Shipped from an empty root",
        "--color",
        "never",
    ]);
    assert_exit(&out, 0);
    assert_eq!(
        texts(&out).0,
        "Updated @alice\n  bio          Shipped from an empty root\n"
    );
    assert_eq!(api.profile().description, "Shipped from an empty root");
    assert!(api.requests().iter().all(|r| r.verdict.is_ok()));
    // HTTPS needs no CA bundle on disk: the roots are compiled in. A server that is not there
    // fails as a network error, not as a missing trust store.
    let out = Command::new(chroot())
        .arg("--userspec=65532:65532")
        .arg(root.path())
        .args(["/twprofile", "--version"])
        .env_clear()
        .output()
        .unwrap();
    assert_exit(&out, 0);
}
