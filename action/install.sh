#!/usr/bin/env bash
# Installs the twprofile release archive for this runner into the tool cache, after checking it
# against the SHA-256 published beside it. Reads:
#   TWPROFILE_REPOSITORY   owner/name of the action's repository (github.action_repository)
#   TWPROFILE_VERSION      the release tag, v1.2.3 (the version input, else github.action_ref)
#   TWPROFILE_DOWNLOAD_BASE  where releases are (default https://github.com/OWNER/NAME/releases/download)
#   RUNNER_OS, RUNNER_ARCH, RUNNER_TOOL_CACHE, GITHUB_PATH, GITHUB_OUTPUT  (set by the runner)
set -euo pipefail

fail() {
  echo "::error title=twprofile::$*" >&2
  exit 1
}

repo=${TWPROFILE_REPOSITORY:-}
version=${TWPROFILE_VERSION:-}
# In composite actions the runner may leave github.action_repository and github.action_ref
# empty; the action's own path (…/_actions/OWNER/NAME/REF) says them.
if [ -z "$repo" ] || [ -z "$version" ]; then
  path=${GITHUB_ACTION_PATH:-}
  path=${path%/}
  [ -n "$path" ] || fail "cannot tell which release to install: set the version input"
  ref=${path##*/}
  rest=${path%/*}
  name=${rest##*/}
  rest=${rest%/*}
  owner=${rest##*/}
  [ -n "$version" ] || version=$ref
  [ -n "$repo" ] || repo="$owner/$name"
fi
case $version in
  v[0-9]*) ;;
  [0-9]*) version="v$version" ;;
  *) fail "version '$version' is not a release tag such as v0.1.0; pin the action to a tag or set the version input" ;;
esac
case $repo in
  */*) ;;
  *) fail "repository '$repo' is not OWNER/NAME" ;;
esac

case "${RUNNER_OS:-}/${RUNNER_ARCH:-}" in
  Linux/X64) target=x86_64-unknown-linux-musl ext=tar.gz exe= ;;
  Linux/ARM64) target=aarch64-unknown-linux-musl ext=tar.gz exe= ;;
  macOS/X64) target=x86_64-apple-darwin ext=tar.gz exe= ;;
  macOS/ARM64) target=aarch64-apple-darwin ext=tar.gz exe= ;;
  Windows/X64) target=x86_64-pc-windows-msvc ext=zip exe=.exe ;;
  *) fail "no twprofile release for ${RUNNER_OS:-?} ${RUNNER_ARCH:-?}" ;;
esac

cache="${RUNNER_TOOL_CACHE:-${HOME:-/tmp}/.cache}/twprofile/${version#v}/$target"
bin="$cache/twprofile$exe"
if [ ! -x "$bin" ]; then
  base=${TWPROFILE_DOWNLOAD_BASE:-https://github.com/$repo/releases/download}
  stem="twprofile-$version-$target"
  archive="$stem.$ext"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  curl -fsSL --retry 3 -o "$work/$archive" "$base/$version/$archive" ||
    fail "cannot download $base/$version/$archive"
  curl -fsSL --retry 3 -o "$work/$archive.sha256" "$base/$version/$archive.sha256" ||
    fail "cannot download $base/$version/$archive.sha256"
  expected=$(cut -c1-64 < "$work/$archive.sha256" | tr 'A-F' 'a-f')
  if command -v sha256sum >/dev/null 2>&1; then
    actual=$(sha256sum "$work/$archive" | cut -c1-64)
  else
    actual=$(shasum -a 256 "$work/$archive" | cut -c1-64)
  fi
  case $expected in
    *[!0-9a-f]*) fail "$archive.sha256 does not hold a SHA-256" ;;
  esac
  [ "${#expected}" -eq 64 ] || fail "$archive.sha256 does not hold a SHA-256"
  [ "$expected" = "$actual" ] ||
    fail "checksum mismatch for $archive: expected $expected, got $actual; not installing it"
  if [ "$ext" = zip ]; then
    if command -v unzip >/dev/null 2>&1; then
      unzip -q "$work/$archive" -d "$work"
    else
      7z x -y -o"$work" "$work/$archive" >/dev/null
    fi
  else
    tar -xzf "$work/$archive" -C "$work"
  fi
  [ -f "$work/$stem/twprofile$exe" ] || fail "$archive has no $stem/twprofile$exe"
  mkdir -p "$cache"
  cp "$work/$stem/twprofile$exe" "$bin.partial"
  chmod 755 "$bin.partial"
  mv "$bin.partial" "$bin"
fi
echo "$cache" >> "${GITHUB_PATH:-/dev/null}"
echo "path=$bin" >> "${GITHUB_OUTPUT:-/dev/null}"
"$bin" --version
