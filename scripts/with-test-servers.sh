#!/usr/bin/env bash
# Usage: scripts/with-test-servers.sh COMMAND [ARG...]
#
# Starts the private test servers, runs COMMAND with their settings in the environment, then stops
# them (also on failure or Ctrl-C) and exits with COMMAND's status.
#
# Each scripts/test-servers/NAME.sh is sourced and may define `start_NAME` and `stop_NAME`.
# start_NAME runs with TEST_SERVERS_DIR (a fresh temporary folder) set; it starts its server on a
# free port under "$TEST_SERVERS_DIR/NAME" and exports what the tests need (for example
# AUTH_TEST_DATABASE_URL). stop_NAME stops it. With no files there, COMMAND simply runs.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $# -eq 0 ]]; then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 64
fi

TEST_SERVERS_DIR="$(mktemp -d "${TMPDIR:-/tmp}/auth-test-servers.XXXXXX")"
export TEST_SERVERS_DIR
started=()

stop_all() {
  local status=$?
  # Stop in reverse order of starting; a failing stop must not hide the others.
  for (( i=${#started[@]}-1; i>=0; i-- )); do
    "stop_${started[$i]}" || echo "warning: stop_${started[$i]} failed" >&2
  done
  rm -rf "$TEST_SERVERS_DIR"
  exit "$status"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

shopt -s nullglob
for script in scripts/test-servers/*.sh; do
  name="$(basename "$script" .sh)"
  # shellcheck source=/dev/null
  source "$script"
  if declare -F "start_${name}" >/dev/null; then
    echo "starting test server: ${name}" >&2
    mkdir -p "$TEST_SERVERS_DIR/$name"
    "start_${name}"
    if declare -F "stop_${name}" >/dev/null; then started+=("$name"); fi
  fi
done
shopt -u nullglob

"$@"
