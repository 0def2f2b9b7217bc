#!/usr/bin/env bash
# What the Action's scripts share. Sourced, not run.

# Prints a workflow error with %, CR and LF encoded, so that no value can start a line (a
# workflow command) of its own.
workflow_error() {
  local message="$*"
  message=${message//'%'/%25}
  message=${message//$'\r'/%0D}
  message=${message//$'\n'/%0A}
  echo "::error title=twprofile::$message" >&2
}
