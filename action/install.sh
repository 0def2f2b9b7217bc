#!/usr/bin/env bash
# Installs the twprofile release archive for this runner into the tool cache, after checking it
# against the SHA-256 published beside it. Reads:
#   TWPROFILE_REPOSITORY   owner/name of the action's repository (github.action_repository)
#   TWPROFILE_VERSION      the release tag, v1.2.3 (the version input, else github.action_ref)
#   TWPROFILE_DOWNLOAD_BASE  where releases are (default https://github.com/OWNER/NAME/releases/download)
#   GH_TOKEN               lets `gh attestation verify` check the archive's build provenance
#   RUNNER_OS, RUNNER_ARCH, RUNNER_TOOL_CACHE, GITHUB_PATH, GITHUB_OUTPUT  (set by the runner)
set -euo pipefail

# shellcheck source=action/common.sh
. "$(dirname "$0")/common.sh"

fail() {
  workflow_error "$@"
  exit 1
}

repo=${TWPROFILE_REPOSITORY:-}
version=${TWPROFILE_VERSION:-}
# In composite actions the runner may leave github.action_repository and github.action_ref
# empty; the action's own path (…/_actions/OWNER/NAME/REF) says them.
if [ -z "$repo" ] || [ -z "$version" ]; then
  path=${GITHUB_ACTION_PATH:-}
  path=${path//\\//}
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
  *[!0-9a-f]* | ????????????????????????????????????????? | '') ;;
  ????????????????????????????????????????)
    fail "the action is pinned to a commit ($version); set the version input to the release tag that commit is, such as v0.1.0" ;;
esac
case $version in
  [0-9]*.*.*) version="v$version" ;;
esac
# A tag names a directory and a URL below: letters, digits, dots, + and - only.
case $version in
  *[!0-9A-Za-z.+-]*) fail "version '$version' is not a release tag such as v0.1.0" ;;
  v[0-9]*.*.*) ;;
  v[0-9]*) fail "version '$version' is not a full release tag such as v0.1.0; pin the action to one or set the version input" ;;
  *) fail "version '$version' is not a release tag such as v0.1.0; pin the action to a tag or set the version input" ;;
esac
# OWNER/NAME as GitHub allows them, and nothing a path could climb out with: the name becomes
# directories in the tool cache and part of a URL.
owner=${repo%%/*}
name=${repo#*/}
case $repo in
  */*/* | *[!0-9A-Za-z._/-]*) fail "repository '$repo' is not OWNER/NAME" ;;
esac
case $owner in
  '' | -* | *[!0-9A-Za-z-]*) fail "repository '$repo' is not OWNER/NAME" ;;
esac
[ "${#owner}" -le 39 ] || fail "repository '$repo' is not OWNER/NAME"
case $name in
  '' | . | .. | "$repo" | *[!0-9A-Za-z._-]*) fail "repository '$repo' is not OWNER/NAME" ;;
esac
[ "${#name}" -le 100 ] || fail "repository '$repo' is not OWNER/NAME"

case "${RUNNER_OS:-}/${RUNNER_ARCH:-}" in
  Linux/X64) target=x86_64-unknown-linux-musl ext=tar.gz exe= ;;
  Linux/ARM64) target=aarch64-unknown-linux-musl ext=tar.gz exe= ;;
  macOS/X64) target=x86_64-apple-darwin ext=tar.gz exe= ;;
  macOS/ARM64) target=aarch64-apple-darwin ext=tar.gz exe= ;;
  Windows/X64) target=x86_64-pc-windows-msvc ext=zip exe=.exe ;;
  *) fail "no twprofile release for ${RUNNER_OS:-?} ${RUNNER_ARCH:-?}" ;;
esac

# The archive is kept in the tool cache, but never trusted from there: its checksum is fetched
# and compared on every run, and it is unpacked into this run's own directory. A cache shared
# with other jobs (a self-hosted runner) can then save a download, never plant a binary.
base=${TWPROFILE_DOWNLOAD_BASE:-https://github.com/$repo/releases/download}
# HTTPS only, TLS 1.2 or later, redirects too (GitHub sends downloads on to its object store).
# Only the tests' local releases (file://) may be read otherwise.
fetch=(curl -fsSL --retry 3 --proto "=https" --proto-redir "=https" --tlsv1.2)
case $base in
  file://*) fetch=(curl -fsSL --proto "=file") ;;
  https://*) ;;
  *) fail "releases are downloaded over https only, not from $base" ;;
esac
stem="twprofile-$version-$target"
archive="$stem.$ext"
# This job's own directory (RUNNER_TEMP is emptied after each job); later steps run from it.
work=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/twprofile.XXXXXX")
"${fetch[@]}" -o "$work/$archive.sha256" "$base/$version/$archive.sha256" ||
  fail "cannot download $base/$version/$archive.sha256: is $version a release of $repo?"
expected=""
read -r expected _ < "$work/$archive.sha256" || true
expected=$(printf '%s' "${expected%$'\r'}" | tr '[:upper:]' '[:lower:]')
case $expected in
  *[!0-9a-f]* | '') fail "$archive.sha256 does not hold a SHA-256" ;;
esac
[ "${#expected}" -eq 64 ] || fail "$archive.sha256 does not hold a SHA-256"

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -c1-64
  else
    shasum -a 256 "$1" | cut -c1-64
  fi
}

cache=""
if [ -n "${RUNNER_TOOL_CACHE:-}" ]; then
  cache="$RUNNER_TOOL_CACHE/twprofile/$repo/$version/$target"
fi
kept="${cache:+$cache/$expected.$ext}"
# The cached archive is copied into this job's directory first and the copy is hashed and
# used: hashing the cache and then copying it would let a writer swap it in between.
if [ -n "$kept" ] && [ -f "$kept" ] && cp "$kept" "$work/$archive" 2>/dev/null &&
  [ "$(sha256 "$work/$archive")" = "$expected" ]; then
  :
else
  rm -f "$work/$archive"
  "${fetch[@]}" -o "$work/$archive" "$base/$version/$archive" ||
    fail "cannot download $base/$version/$archive: is $version a release of $repo?"
  actual=$(sha256 "$work/$archive")
  [ "$expected" = "$actual" ] ||
    fail "checksum mismatch for $archive: expected $expected, got $actual; not installing it"
  if [ -n "$cache" ] && mkdir -p "$cache" 2>/dev/null; then
    # Each run writes its own file and renames it into place: runs at once do not collide.
    partial=$(mktemp "$cache/.partial.XXXXXX")
    if ! { cp "$work/$archive" "$partial" && mv "$partial" "$kept"; }; then
      rm -f "$partial"
    fi
  fi
fi
# Build provenance: the release workflow attests every archive. Where gh and a token are at
# hand (GitHub-hosted runners, with the action's GH_TOKEN), the attestation must verify, so
# that pinning the action pins what it runs; elsewhere the checksum is what is checked.
if [ "${TWPROFILE_VERIFY_PROVENANCE:-auto}" != false ] && command -v gh >/dev/null 2>&1 &&
  [ -n "${GH_TOKEN:-${GITHUB_TOKEN:-}}" ]; then
  gh attestation verify "$work/$archive" --repo "$repo" >/dev/null ||
    fail "$archive has no build provenance from $repo that verifies; not installing it"
  echo "twprofile: $archive: build provenance from $repo verified" >&2
else
  echo "twprofile: $archive: SHA-256 checked; build provenance not verified (needs gh and GH_TOKEN)" >&2
fi
if [ "$ext" = zip ]; then
  if command -v unzip >/dev/null 2>&1; then
    unzip -q "$work/$archive" -d "$work"
  else
    7z x -y -o"$work" "$work/$archive" >/dev/null
  fi
else
  tar -xzf "$work/$archive" -C "$work"
fi
bin="$work/$stem/twprofile$exe"
# Only a regular file: a link in the archive could point anywhere.
if [ -L "$bin" ] || [ ! -f "$bin" ]; then
  fail "$archive has no regular file $stem/twprofile$exe"
fi
chmod 755 "$bin"
echo "$work/$stem" >> "${GITHUB_PATH:-/dev/null}"
echo "path=$bin" >> "${GITHUB_OUTPUT:-/dev/null}"
"$bin" --version
