#!/usr/bin/env bash
# Usage: scripts/with-test-servers.sh scripts/soak.sh   (what `make soak` runs)
#
# Twenty minutes (SOAK_SECONDS) of mixed traffic against one authd on the test servers' PostgreSQL
# and Redis: sign-ups, password sign-ins and GET /me (scripts/soak/load.py). Prints RSS after the
# warm-up (SOAK_WARMUP, 120 s), at its peak and at the end, answers by status, and p50/p99 per
# route; fails on any 5xx or when memory did not stay within 10 % after the warm-up. Not part of
# `make test`. AUTHD_BIN picks the binary (default: the release build, built here); sign-ins and
# sign-ups are paced to SOAK_HASH_RATE a second (default 20; give a debug build 1).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${AUTH_TEST_DATABASE_URL:?run through scripts/with-test-servers.sh}"
: "${AUTH_TEST_REDIS_URL:?run through scripts/with-test-servers.sh}"
if [[ -z "${AUTHD_BIN:-}" ]]; then
    swift build -c release --product authd
    AUTHD_BIN="$(swift build -c release --show-bin-path)/authd"
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/authd-soak.XXXXXX")"
pid=""
cleanup() {
    [[ -n "$pid" ]] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
    rm -rf "$work"
}
trap cleanup EXIT

export DATABASE_URL="$AUTH_TEST_DATABASE_URL" REDIS_URL="$AUTH_TEST_REDIS_URL/5" JWT_SECRET="soak-secret-0123456789abcdef0123456789" \
    MAIL_LOG=insecure RATE_LIMIT=1000000/60s HOST=127.0.0.1 PORT=0
"$AUTHD_BIN" migrate >/dev/null
"$AUTHD_BIN" serve >"$work/authd.log" 2>&1 &
pid=$!
for _ in $(seq 1 200); do
    port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$work/authd.log" | grep -o '[0-9]*$' || true)
    [[ -n "$port" ]] && break
    sleep 0.1
done
[[ -n "$port" ]] || { echo "soak.sh: authd did not start" >&2; tail -n 20 "$work/authd.log" >&2; exit 1; }
echo "soak.sh: $AUTHD_BIN on port $port (pid $pid), ${SOAK_SECONDS:-1200} s"
python3 scripts/soak/load.py "$port" "$pid" "${SOAK_SECONDS:-1200}" "${SOAK_WARMUP:-120}" "${SOAK_THREADS:-8}" "$work/authd.log"
