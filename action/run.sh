#!/usr/bin/env bash
# Runs twprofile with the action's inputs (INPUT_* variables) and sets the outputs `changed`
# and `exit-code`. Field inputs become a profile file, so that one `twprofile apply` sends only
# what differs and says whether anything changed; `profile` applies the repository's own file.
set -uo pipefail

bin=${TWPROFILE_BIN:-twprofile}
out=${GITHUB_OUTPUT:-/dev/null}

# A TOML basic string: backslash, quote and every control character escaped.
toml_string() {
  local s=$1 i c
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\n'/\\n}
  s=${s//$'\r'/\\r}
  s=${s//$'\t'/\\t}
  for i in 1 2 3 4 5 6 7 8 11 12 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 127; do
    printf -v c '%b' "\\0$(printf '%03o' "$i")"
    s=${s//$c/$(printf '\\u%04X' "$i")}
  done
  printf '"%s"' "$s"
}

# A path as the profile file needs it: absolute, since the file lives in a temporary directory,
# and in the form the binary reads (on Windows, C:/… rather than Git Bash's /c/…).
absolute() {
  local path=$1
  case $path in
    /* | [A-Za-z]:[/\\]*) ;;
    *) path="$PWD/$path" ;;
  esac
  if command -v cygpath >/dev/null 2>&1; then
    path=$(cygpath -m "$path")
  fi
  printf '%s' "$path"
}

# shellcheck source=action/common.sh
. "$(dirname "$0")/common.sh"

fail() {
  workflow_error "$@"
  echo "changed=false" >> "$out"
  echo "exit-code=2" >> "$out"
  exit 2
}

profile=${INPUT_PROFILE:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "$profile" ]; then
  profile="$work/profile.toml"
  # The inputs are text, never templates: a workflow passes issue titles, commit messages and
  # feeds through them, which must not be able to read files or the environment.
  echo "templates = false" > "$profile"
  # (macOS runners may have bash 3.2: no ${var^^}.)
  for pair in name:INPUT_NAME url:INPUT_URL location:INPUT_LOCATION description:INPUT_DESCRIPTION; do
    key=${pair%%:*}
    var=${pair#*:}
    if [ -n "${!var:-}" ]; then
      echo "$key = $(toml_string "${!var}")" >> "$profile"
    fi
  done
  if [ -n "${INPUT_DESCRIPTION_FILE:-}" ]; then
    echo "description_file = $(toml_string "$(absolute "$INPUT_DESCRIPTION_FILE")")" >> "$profile"
  fi
  if [ -n "${INPUT_IMAGE:-}" ]; then
    echo "image = $(toml_string "$(absolute "$INPUT_IMAGE")")" >> "$profile"
  fi
  case ${INPUT_BANNER:-} in
    '') ;;
    false) echo "banner = false" >> "$profile" ;;
    *) echo "banner = $(toml_string "$(absolute "$INPUT_BANNER")")" >> "$profile" ;;
  esac
  if [ "$(wc -l < "$profile")" -le 1 ]; then
    fail "give at least one of name, url, location, description, description-file, image, banner or profile"
  fi
fi

args=(apply "$profile")
if [ -z "${INPUT_PROFILE:-}" ]; then
  # The paths came from the workflow's own inputs, like flags, not from a file that a pull
  # request may change: they may name any file (the root of the drive they are on).
  root=$(absolute "$PWD")
  args+=(--root "${root%%/*}/")
fi
case $(printf '%s' "${INPUT_CHECK:-false}" | tr '[:upper:]' '[:lower:]') in
  true) check=true ;;
  false | '') check=false ;;
  *) fail "check must be true or false, not '${INPUT_CHECK}'" ;;
esac
# mode: apply (the default), plan (review: the plan, exit 0) or check (drift: exit 8).
mode=$(printf '%s' "${INPUT_MODE:-}" | tr '[:upper:]' '[:lower:]')
case $mode in
  '') if $check; then mode=check; else mode=apply; fi ;;
  apply | plan | check)
    if $check && [ "$mode" != check ]; then
      fail "check: true and mode: $mode disagree; use mode alone"
    fi
    ;;
  *) fail "mode must be apply, plan or check, not '${INPUT_MODE}'" ;;
esac
case $mode in
  apply) args+=(--json) ;;
  check) args+=(--json --check) ;;
  plan) args+=(--markdown --plan) ;;
esac
extra=()
if [ -n "${INPUT_ARGS:-}" ]; then
  # Extra flags, split on whitespace (newlines too) like a command line without quotes.
  read -r -d '' -a extra <<< "$INPUT_ARGS" || true
  for arg in ${extra[@]+"${extra[@]}"}; do
    case $arg in
      -q | --quiet | -[!-]*q*) fail "args: $arg would hide the result the action reads; the step's log shows it" ;;
    esac
  done
fi
args+=(${extra[@]+"${extra[@]}"})

"$bin" "${args[@]}" > "$work/result.jsonl"
code=$?
cat "$work/result.jsonl"
if [ "$mode" = plan ]; then
  # The Markdown plan goes to the job summary and the `plan` output; a plan changes nothing.
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    cat "$work/result.jsonl" >> "$GITHUB_STEP_SUMMARY"
  fi
  delimiter="twprofile_plan_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  {
    echo "plan<<$delimiter"
    cat "$work/result.jsonl"
    echo "$delimiter"
    echo "changed=false"
    echo "exit-code=$code"
  } >> "$out"
  exit "$code"
fi
# Changed: something went through, also in a file that then failed.
if grep -q -e '"changed":true' "$work/result.jsonl"; then
  echo "changed=true" >> "$out"
else
  echo "changed=false" >> "$out"
fi
echo "exit-code=$code" >> "$out"
exit "$code"
