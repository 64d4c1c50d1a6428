# shellcheck shell=bash
# Private Redis servers for the integration tests: one plain, one TLS-only.
#
# Sourced by scripts/with-test-servers.sh, which calls `start_redis` with TEST_SERVERS_DIR set to a
# fresh temporary folder and `stop_redis` on exit. It can also be used by hand:
#
#   source scripts/test-servers/redis.sh
#   TEST_SERVERS_DIR=$(mktemp -d) start_redis     # exports the variables below
#   ...; stop_redis
#
# Both listen on 127.0.0.1 on free ports, keep nothing on disk (--save '', no AOF) and live under
# $TEST_SERVERS_DIR/redis. The TLS server presents a certificate (for 127.0.0.1 and localhost)
# signed by a throw-away CA that openssl makes here; clients need not present one.
#
# Exports:
#   AUTH_TEST_REDIS_URL      redis://127.0.0.1:PORT
#   AUTH_TEST_REDISS_URL     rediss://127.0.0.1:TLSPORT (trust AUTH_TEST_REDIS_CA, e.g. ?tls_ca=)
#   AUTH_TEST_REDIS_CA       the CA certificate (PEM)
#   AUTH_TEST_REDIS_PIDFILE  pid file of the plain server (kill it to simulate an outage)
#   AUTH_TEST_REDIS_CONF     its configuration: `redis-server "$AUTH_TEST_REDIS_CONF"` restarts it
#                            on the same port

_auth_redis_log() { echo "redis.sh: $*" >&2; }

# Installs redis-server and openssl when missing (Debian/Ubuntu, as root).
_auth_redis_install_if_missing() {
    local wanted=()
    command -v redis-server >/dev/null 2>&1 || wanted+=(redis-server)
    command -v openssl >/dev/null 2>&1 || wanted+=(openssl)
    [ -f /usr/include/hiredis/hiredis.h ] || wanted+=(libhiredis-dev)
    [ "${#wanted[@]}" = 0 ] && return 0
    if [ "$(id -u)" != 0 ]; then
        _auth_redis_log "missing ${wanted[*]}; install them (apt-get install ${wanted[*]}) or run as root"
        return 1
    fi
    _auth_redis_log "installing ${wanted[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq "${wanted[@]}" >/dev/null
    # The Debian package starts a system-wide server on 6379; the tests do not use it.
}

_auth_redis_port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Waits until something accepts connections on 127.0.0.1:$1 (up to ~10 s).
_auth_redis_wait_port() {
    local i
    for i in $(seq 1 100); do _auth_redis_port_busy "$1" && return 0; sleep 0.1; done
    return 1
}

# Makes a CA and a server certificate for 127.0.0.1/localhost in $1.
_auth_redis_make_certs() {
    local dir="$1"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=auth-test-redis-ca" \
        -keyout "$dir/ca.key" -out "$dir/ca.crt" >/dev/null 2>&1 || return 1
    openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
        -keyout "$dir/server.key" -out "$dir/server.csr" >/dev/null 2>&1 || return 1
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n' >"$dir/server.ext"
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
        -days 2 -extfile "$dir/server.ext" -out "$dir/server.crt" >/dev/null 2>&1
}

# Starts one redis-server from config file $1 whose port line is produced for each tried port by
# `$2 PORT`; prints the port it settled on.
_auth_redis_start_one() {
    local conf="$1" render="$2" port attempt
    for attempt in 1 2 3 4 5 6 7 8; do
        port=$((20000 + RANDOM % 40000))
        _auth_redis_port_busy "$port" && continue
        "$render" "$port" >"$conf"
        if redis-server "$conf" && _auth_redis_wait_port "$port"; then echo "$port"; return 0; fi
        _auth_redis_log "start on port $port failed (attempt $attempt)"
    done
    return 1
}

_auth_redis_plain_conf() {
    cat <<CONF
bind 127.0.0.1
port $1
dir $_AUTH_REDIS_ROOT/plain
daemonize yes
pidfile $_AUTH_REDIS_ROOT/plain/redis.pid
logfile $_AUTH_REDIS_ROOT/plain/redis.log
save ""
appendonly no
CONF
}

_auth_redis_tls_conf() {
    cat <<CONF
bind 127.0.0.1
port 0
tls-port $1
tls-cert-file $_AUTH_REDIS_ROOT/tls/server.crt
tls-key-file $_AUTH_REDIS_ROOT/tls/server.key
tls-ca-cert-file $_AUTH_REDIS_ROOT/tls/ca.crt
tls-auth-clients no
dir $_AUTH_REDIS_ROOT/tls
daemonize yes
pidfile $_AUTH_REDIS_ROOT/tls/redis.pid
logfile $_AUTH_REDIS_ROOT/tls/redis.log
save ""
appendonly no
CONF
}

start_redis() {
    : "${TEST_SERVERS_DIR:?TEST_SERVERS_DIR must name a temporary folder}"
    _auth_redis_install_if_missing || return 1
    _AUTH_REDIS_ROOT="$TEST_SERVERS_DIR/redis"
    mkdir -p "$_AUTH_REDIS_ROOT/plain" "$_AUTH_REDIS_ROOT/tls" || return 1
    local port tls_port
    port=$(_auth_redis_start_one "$_AUTH_REDIS_ROOT/plain/redis.conf" _auth_redis_plain_conf) || {
        _auth_redis_log "could not start redis-server"; tail -n 20 "$_AUTH_REDIS_ROOT/plain/redis.log" >&2; return 1; }
    _auth_redis_make_certs "$_AUTH_REDIS_ROOT/tls" || { _auth_redis_log "openssl failed"; return 1; }
    # Debian's redis-server is built with TLS (BUILD_TLS=yes); a build without it rejects tls-port.
    tls_port=$(_auth_redis_start_one "$_AUTH_REDIS_ROOT/tls/redis.conf" _auth_redis_tls_conf) || {
        _auth_redis_log "could not start the TLS redis-server (is this redis-server built with TLS?)"
        tail -n 20 "$_AUTH_REDIS_ROOT/tls/redis.log" >&2; return 1; }
    export AUTH_TEST_REDIS_URL="redis://127.0.0.1:$port"
    export AUTH_TEST_REDISS_URL="rediss://127.0.0.1:$tls_port"
    export AUTH_TEST_REDIS_CA="$_AUTH_REDIS_ROOT/tls/ca.crt"
    export AUTH_TEST_REDIS_PIDFILE="$_AUTH_REDIS_ROOT/plain/redis.pid"
    export AUTH_TEST_REDIS_CONF="$_AUTH_REDIS_ROOT/plain/redis.conf"
    _auth_redis_log "$(redis-server --version | awk '{print $3}') on 127.0.0.1:$port, TLS on 127.0.0.1:$tls_port ($_AUTH_REDIS_ROOT)"
}

# Stops a server by its pid file and waits (up to ~10 s) for it to exit.
_auth_redis_stop_one() {
    local pidfile="$1" pid i
    [ -f "$pidfile" ] || return 0
    pid=$(cat "$pidfile" 2>/dev/null) || return 0
    [ -n "$pid" ] || return 0
    kill "$pid" 2>/dev/null || return 0
    for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
    return 0
}

stop_redis() {
    local root="${_AUTH_REDIS_ROOT:-}"
    [ -n "$root" ] || return 0
    _auth_redis_stop_one "$root/plain/redis.pid"
    _auth_redis_stop_one "$root/tls/redis.pid"
    _AUTH_REDIS_ROOT=""
}
