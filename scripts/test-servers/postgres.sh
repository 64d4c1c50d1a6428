# shellcheck shell=bash
# A private PostgreSQL cluster for the integration tests.
#
# Sourced by scripts/with-test-servers.sh, which calls `start_postgres` with TEST_SERVERS_DIR set to
# a fresh temporary folder and `stop_postgres` on exit. It can also be used by hand:
#
#   source scripts/test-servers/postgres.sh
#   TEST_SERVERS_DIR=$(mktemp -d) start_postgres   # exports AUTH_TEST_DATABASE_URL
#   ...; stop_postgres
#
# The cluster listens on 127.0.0.1 on a free port (trust authentication: it is reachable only from
# this machine and lives only as long as the test run) with its unix socket under the temporary
# folder. initdb refuses to run as root, so as root the cluster belongs to the `postgres` user.
#
# Exports: AUTH_TEST_DATABASE_URL, AUTH_TEST_PG_DATADIR, AUTH_TEST_PG_BINDIR.

_auth_pg_log() { echo "postgres.sh: $*" >&2; }

# Runs a command as the cluster's owner: `postgres` when we are root, else ourselves.
_auth_pg_as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# Prints the folder holding initdb/pg_ctl, preferring PostgreSQL 15.
_auth_pg_bindir() {
    local dir
    for dir in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
    done
    if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
        pg_config --bindir; return 0
    fi
    return 1
}

# Installs the server and libpq headers when they are missing (Debian/Ubuntu, as root).
_auth_pg_install_if_missing() {
    local wanted=()
    _auth_pg_bindir >/dev/null || wanted+=(postgresql)
    pkg-config --exists libpq 2>/dev/null || wanted+=(libpq-dev)
    [ "${#wanted[@]}" = 0 ] && return 0
    if [ "$(id -u)" != 0 ]; then
        _auth_pg_log "missing ${wanted[*]}; install them (apt-get install ${wanted[*]}) or run as root"
        return 1
    fi
    _auth_pg_log "installing ${wanted[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq "${wanted[@]}" >/dev/null
}

# Whether something already listens on 127.0.0.1:$1.
_auth_pg_port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_postgres() {
    : "${TEST_SERVERS_DIR:?TEST_SERVERS_DIR must name a temporary folder}"
    _auth_pg_install_if_missing || return 1
    local bindir root data sock port attempt
    bindir=$(_auth_pg_bindir) || { _auth_pg_log "no PostgreSQL server binaries found"; return 1; }
    root="$TEST_SERVERS_DIR/postgres"
    data="$root/data"
    sock="$root/socket"
    mkdir -p "$root" "$sock" || return 1
    if [ "$(id -u)" = 0 ]; then
        # The postgres user must be able to reach its folder (mktemp makes 0700 folders).
        chmod a+x "$TEST_SERVERS_DIR"
        chown -R postgres:postgres "$root"
    fi
    _auth_pg_as_owner "$bindir/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C --no-sync \
        >"$root/initdb.log" 2>&1 || { _auth_pg_log "initdb failed:"; cat "$root/initdb.log" >&2; return 1; }

    for attempt in 1 2 3 4 5 6 7 8; do
        port=$((20000 + RANDOM % 40000))
        _auth_pg_port_busy "$port" && continue
        # Settings live in the config file so a plain `pg_ctl start` (the fault tests) restores them.
        _auth_pg_as_owner tee "$data/postgresql.auto.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sock'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
        if _auth_pg_as_owner "$bindir/pg_ctl" -D "$data" -l "$root/server.log" -w -t 60 start >/dev/null; then
            break
        fi
        _auth_pg_log "start on port $port failed (attempt $attempt)"
        port=""
    done
    [ -n "$port" ] || { tail -n 20 "$root/server.log" >&2; return 1; }

    _auth_pg_as_owner "$bindir/createdb" -h "$sock" -p "$port" -U postgres auth_test || return 1
    _AUTH_PG_DATADIR="$data"
    _AUTH_PG_BINDIR="$bindir"
    export AUTH_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/auth_test?sslmode=disable&application_name=auth-tests"
    export AUTH_TEST_PG_DATADIR="$data"
    export AUTH_TEST_PG_BINDIR="$bindir"
    _auth_pg_log "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($data)"
}

stop_postgres() {
    local data="${_AUTH_PG_DATADIR:-}" bindir="${_AUTH_PG_BINDIR:-}"
    [ -n "$data" ] && [ -f "$data/postmaster.pid" ] || return 0
    _auth_pg_as_owner "$bindir/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null || return 1
    _AUTH_PG_DATADIR=""
}
