#!/usr/bin/env bash
# Usage: scripts/conformance.sh [AUTHD_BINARY]
#
# API conformance (part of `make test`): starts the built authd on a free loopback port with the
# embedded default (in-memory stores, mail written to its log), signs a user up through the log's
# code so authenticated routes are exercised too, and runs schemathesis over the served
# /api/v1/openapi.json with every check: no 5xx, responses match the document, undeclared methods
# answer 405 with Allow, schema-valid requests are not refused as malformed. Exits non-zero on any
# failure. CONFORMANCE_EXAMPLES (default 12) bounds the examples per operation and so the runtime.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "conformance.sh: $*" >&2; }

install_schemathesis() {
    command -v schemathesis >/dev/null 2>&1 && return 0
    python3 -c 'import schemathesis' 2>/dev/null && return 0
    log "installing schemathesis"
    python3 -m pip install -q --disable-pip-version-check schemathesis >/dev/null 2>&1 \
        || python3 -m pip install -q --disable-pip-version-check --break-system-packages schemathesis >/dev/null
}

binary="${1:-$(swift build --show-bin-path)/authd}"
[ -x "$binary" ] || { log "no authd binary at $binary (run swift build first)"; exit 1; }
install_schemathesis
workdir="$(mktemp -d "${TMPDIR:-/tmp}/authd-conformance.XXXXXX")"
pid=""
cleanup() {
    local status=$?
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    if [ "$status" != 0 ] && [ -f "$workdir/authd.log" ]; then log "authd log tail:"; tail -n 30 "$workdir/authd.log" >&2; fi
    rm -rf "$workdir"
    exit "$status"
}
trap cleanup EXIT

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
base=""
for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 40000))
    port_busy "$port" && continue
    # A high per-IP limit so the run reaches the handlers; 429 is still declared where it can happen.
    RATE_LIMIT=100000/60s PORT="$port" HOST=127.0.0.1 "$binary" serve >"$workdir/authd.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 100); do
        curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && { base="http://127.0.0.1:$port"; break; }
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    [ -n "$base" ] && break
    kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=""
done
[ -n "$base" ] || { log "authd did not start"; exit 1; }
log "authd on $base (pid $pid)"

# A verified user's session, so operations behind bearer auth are tested beyond their 401.
email="conformance-$RANDOM@example.com"
challenge="$(curl -fsS -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"correct horse battery\"}" "$base/api/v1/auth/sign-up")"
id="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["verification_id"])' <<<"$challenge")"
code=""
for _ in $(seq 1 50); do
    code="$(grep -o "code=[0-9]\{6\}.*to=$email" "$workdir/authd.log" | tail -n 1 | sed 's/^code=\([0-9]*\).*/\1/' || true)"
    [ -n "$code" ] && break
    sleep 0.2
done
[ -n "$code" ] || { log "no sign-up code in the log"; exit 1; }
token="$(curl -fsS -H 'Content-Type: application/json' -d "{\"token_id\":\"$id\",\"code\":\"$code\"}" \
    "$base/api/v1/auth/verify-email" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"

# DELETE /me and the logouts would end the session the rest of the run relies on: the first pass
# leaves them out, the second tests them without the session.
run_schemathesis() {
    schemathesis --config-file scripts/conformance/schemathesis.toml run "$base/api/v1/openapi.json" \
        --checks all --phases examples,coverage,fuzzing \
        --max-examples "${CONFORMANCE_EXAMPLES:-12}" --workers 2 --request-timeout 60 --seed 1 --no-color "$@"
}
ending=(--include-name 'DELETE /api/v1/auth/me' --include-name 'DELETE /api/v1/auth/logout'
    --include-name 'DELETE /api/v1/auth/logout/all')
status=0
run_schemathesis --exclude-name 'DELETE /api/v1/auth/me' --exclude-name 'DELETE /api/v1/auth/logout' \
    --exclude-name 'DELETE /api/v1/auth/logout/all' -H "Authorization: Bearer $token" || status=$?
run_schemathesis "${ending[@]}" || status=$?
exit "$status"
