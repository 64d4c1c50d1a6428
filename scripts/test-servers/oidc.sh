# shellcheck shell=bash
# A local OpenID Connect provider for the OAuth end-to-end tests: the PyPI package
# `oidc-provider-mock` (a real authorisation server built on Authlib: discovery, JWKS, RS256
# id_tokens, authorisation form that can be driven headless by POSTing `sub`).
#
# Sourced by scripts/with-test-servers.sh, which calls `start_oidc` with TEST_SERVERS_DIR set to a
# fresh temporary folder and `stop_oidc` on exit. By hand:
#
#   source scripts/test-servers/oidc.sh
#   TEST_SERVERS_DIR=$(mktemp -d) start_oidc   # exports AUTH_TEST_OIDC_ISSUER
#   ...; stop_oidc
#
# The provider listens on 127.0.0.1 on a free port, requires a nonce on every authorisation
# request, and lives only as long as the test run.
#
# Exports: AUTH_TEST_OIDC_ISSUER (for example http://127.0.0.1:39411).

_auth_oidc_log() { echo "oidc.sh: $*" >&2; }

# Installs oidc-provider-mock with pip when it is missing.
_auth_oidc_install_if_missing() {
    python3 -c 'import oidc_provider_mock' 2>/dev/null && return 0
    command -v python3 >/dev/null 2>&1 || { _auth_oidc_log "python3 is required"; return 1; }
    if ! python3 -m pip --version >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ]; then
            _auth_oidc_log "installing python3-pip"
            export DEBIAN_FRONTEND=noninteractive
            apt-get update -qq >/dev/null && apt-get install -y -qq python3-pip >/dev/null || return 1
        else
            _auth_oidc_log "pip is missing; install python3-pip"; return 1
        fi
    fi
    _auth_oidc_log "installing oidc-provider-mock"
    python3 -m pip install -q --disable-pip-version-check oidc-provider-mock >/dev/null 2>&1 \
        || python3 -m pip install -q --disable-pip-version-check --break-system-packages oidc-provider-mock >/dev/null \
        || { _auth_oidc_log "pip install oidc-provider-mock failed"; return 1; }
}

# Whether something already listens on 127.0.0.1:$1.
_auth_oidc_port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Whether the provider at $1 serves its discovery document.
_auth_oidc_ready() {
    python3 - "$1" <<'PY' 2>/dev/null
import json, sys, urllib.request
with urllib.request.urlopen(sys.argv[1] + "/.well-known/openid-configuration", timeout=2) as r:
    sys.exit(0 if json.load(r).get("issuer") == sys.argv[1] else 1)
PY
}

start_oidc() {
    : "${TEST_SERVERS_DIR:?TEST_SERVERS_DIR must name a temporary folder}"
    _auth_oidc_install_if_missing || return 1
    local root="$TEST_SERVERS_DIR/oidc" port attempt i issuer
    mkdir -p "$root" || return 1
    for attempt in 1 2 3 4 5 6 7 8; do
        port=$((20000 + RANDOM % 40000))
        _auth_oidc_port_busy "$port" && continue
        issuer="http://127.0.0.1:$port"
        NO_COLOR=1 python3 -m oidc_provider_mock --host 127.0.0.1 --port "$port" --require-nonce \
            >"$root/server.log" 2>&1 &
        _AUTH_OIDC_PID=$!
        for i in $(seq 1 100); do
            _auth_oidc_ready "$issuer" && break
            kill -0 "$_AUTH_OIDC_PID" 2>/dev/null || break
            sleep 0.2
        done
        if _auth_oidc_ready "$issuer"; then
            export AUTH_TEST_OIDC_ISSUER="$issuer"
            _auth_oidc_log "oidc-provider-mock on $issuer (pid $_AUTH_OIDC_PID, log $root/server.log)"
            return 0
        fi
        _auth_oidc_log "start on port $port failed (attempt $attempt)"
        kill "$_AUTH_OIDC_PID" 2>/dev/null; wait "$_AUTH_OIDC_PID" 2>/dev/null
        _AUTH_OIDC_PID=""
    done
    tail -n 20 "$root/server.log" >&2
    return 1
}

stop_oidc() {
    local pid="${_AUTH_OIDC_PID:-}"
    [ -n "$pid" ] || return 0
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    _AUTH_OIDC_PID=""
    return 0
}
