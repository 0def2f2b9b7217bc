#!/usr/bin/env bash
# Packs one release archive: the binary, README, LICENSE, completions and the man page, in a
# directory named like the archive, with a .sha256 beside it.
#   package.sh VERSION TARGET BINARY MANPAGE OUTDIR
set -euo pipefail
version=$1 target=$2 binary=$3 manpage=$4 outdir=$5
stem="twprofile-$version-$target"
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
exe=""
case $target in *windows*) exe=.exe ;; esac
mkdir -p "$staging/$stem/doc" "$outdir"
cp "$binary" "$staging/$stem/twprofile$exe"
cp README.md LICENSE "$staging/$stem/"
cp -R completions "$staging/$stem/completions"
cp "$manpage" "$staging/$stem/doc/twprofile.1"
case $target in
  *windows*)
    archive="$stem.zip"
    (cd "$staging" && 7z a -tzip "$archive" "$stem" >/dev/null)
    ;;
  *)
    archive="$stem.tar.gz"
    tar -czf "$staging/$archive" -C "$staging" "$stem"
    ;;
esac
mv "$staging/$archive" "$outdir/"
cd "$outdir"
if command -v sha256sum >/dev/null 2>&1; then
  sha256sum "$archive" > "$archive.sha256"
else
  shasum -a 256 "$archive" > "$archive.sha256"
fi
echo "$outdir/$archive"
