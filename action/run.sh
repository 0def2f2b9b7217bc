#!/usr/bin/env bash
# Runs twprofile with the action's inputs (INPUT_* variables) and sets the outputs `changed`
# and `exit-code`. Field inputs become a profile file, so that one `twprofile apply` sends only
# what differs and says whether anything changed; `profile` applies the repository's own file.
set -uo pipefail

bin=${TWPROFILE_BIN:-twprofile}
out=${GITHUB_OUTPUT:-/dev/null}

# A TOML basic string: backslash, quote and the control characters escaped.
toml_string() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\n'/\\n}
  s=${s//$'\r'/\\r}
  s=${s//$'\t'/\\t}
  printf '"%s"' "$s"
}

# A path as the profile file needs it: absolute, since the file lives in a temporary directory.
absolute() {
  case $1 in
    /* | [A-Za-z]:[/\\]*) printf '%s' "$1" ;;
    *) printf '%s/%s' "$PWD" "$1" ;;
  esac
}

profile=${INPUT_PROFILE:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "$profile" ]; then
  profile="$work/profile.toml"
  : > "$profile"
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
  if [ ! -s "$profile" ]; then
    echo "::error title=twprofile::give at least one of name, url, location, description, description-file, image, banner or profile" >&2
    echo "exit-code=2" >> "$out"
    exit 2
  fi
fi

args=(apply "$profile" --json)
case ${INPUT_CHECK:-false} in
  true) args+=(--check) ;;
  false | '') ;;
  *) echo "::error title=twprofile::check must be true or false" >&2; echo "exit-code=2" >> "$out"; exit 2 ;;
esac
if [ -n "${INPUT_ARGS:-}" ]; then
  # Extra flags, split on whitespace like a command line without quotes.
  read -r -a extra <<< "$INPUT_ARGS"
  args+=("${extra[@]}")
fi

"$bin" "${args[@]}" > "$work/result.jsonl"
code=$?
cat "$work/result.jsonl"
if grep -q '"applied":true' "$work/result.jsonl"; then
  echo "changed=true" >> "$out"
else
  echo "changed=false" >> "$out"
fi
echo "exit-code=$code" >> "$out"
exit "$code"
