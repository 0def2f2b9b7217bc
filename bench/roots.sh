#!/usr/bin/env bash
# Times each way of getting a TLS trust store (bench/roots) as a whole process, with the system
# store and with SSL_CERT_FILE pointing at one certificate. Prints a table for bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/roots"
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
cargo build --release -q
bin=$PWD/target/release/twprofile-bench-roots
one=$(mktemp)
trap 'rm -f "$one"' EXIT
# Any single certificate will do for timing: take the first one of the system bundle.
awk '/BEGIN CERTIFICATE/{p=1} p{print} /END CERTIFICATE/{exit}' /etc/ssl/certs/ca-certificates.crt > "$one"
echo "| trust store | system store | SSL_CERT_FILE (1 certificate) |"
echo "|---|---|---|"
time_it() {  # env args..., then the way -> median
  local json
  json=$(mktemp)
  env "$@" hyperfine -N --warmup 10 --runs 200 --export-json "$json" "$bin $way" >/dev/null 2>&1
  python3 -c 'import json,sys; print("%.2f ms" % (json.load(open(sys.argv[1]))["results"][0]["median"] * 1000))' "$json"
  rm -f "$json"
}
for way in none bundled native platform; do
  echo "| $way | $(time_it -u SSL_CERT_FILE -u SSL_CERT_DIR) | $(time_it -u SSL_CERT_DIR SSL_CERT_FILE="$one") |"
done
