#!/usr/bin/env bash
# Mutation testing: which changes to src/ would no test notice? Each mutant is built and run
# against the unit tests and the integration tests that run in seconds (retries and the TLS
# suite sleep or build certificates, and add little per mutant); a mutant that outlives its
# 90-second timeout counts as caught by hanging.
#
#   bench/mutants.sh                 # all of src/
#   bench/mutants.sh src/secret.rs   # one file (or several)
#
# Results land in mutants.out/ (missed.txt, caught.txt, outcomes.json). Every missed mutant is
# either killed by a test or listed as equivalent in .cargo/mutants.toml with a reason.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-mutants >/dev/null 2>&1 || cargo install --locked cargo-mutants
files=()
for file in "$@"; do files+=(--file "$file"); done
exec cargo mutants --timeout 90 "${files[@]}" -- \
  --lib --test hostile --test errors --test update --test show --test login --test images \
  --test snapshots --test shell --test apply \
  --test accounts --test identity --test files --test templates --test cookbook
