#!/usr/bin/env bash
# Usage: scripts/failover/pg-pair.sh start DIR [sync]   start a primary and a streaming standby
#        scripts/failover/pg-pair.sh stop-primary DIR    pg_ctl stop -m fast on the primary
#        scripts/failover/pg-pair.sh kill-primary DIR    kill -9 of the primary's postmaster
#        scripts/failover/pg-pair.sh promote DIR         promote the standby to primary
#        scripts/failover/pg-pair.sh stop DIR            stop whatever of the pair still runs
#
# A PostgreSQL primary and a standby that streams from it (`pg_basebackup -R`), on free loopback
# ports under DIR, for the failover tests (Tests/authdTests/FailoverTests.swift) and by hand.
# `start` prints the settings as shell assignments: PRIMARY_PORT, STANDBY_PORT and DATABASE_URL, a
# multi-host URL with target_session_attrs=read-write (docs/operations.md, "Failover"). With `sync`
# the standby is synchronous (synchronous_standby_names = '*'): a commit is acknowledged only once
# the standby has it, so a crash of the primary loses nothing acknowledged.
#
# Trust authentication on 127.0.0.1 only; the pair lives as long as DIR. As root the clusters
# belong to the `postgres` user (initdb refuses root).
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=../test-servers/postgres.sh
source scripts/test-servers/postgres.sh

command="${1:?usage: $0 start|stop-primary|kill-primary|promote|stop DIR}"
dir="${2:?usage: $0 $command DIR}"
bindir=$(_auth_pg_bindir) || { echo "pg-pair.sh: no PostgreSQL server binaries" >&2; exit 1; }

free_port() {
    local port
    for _ in $(seq 1 20); do
        port=$((20000 + RANDOM % 40000))
        _auth_pg_port_busy "$port" || { echo "$port"; return 0; }
    done
    return 1
}

case "$command" in
start)
    mode="${3:-async}"
    _auth_pg_install_if_missing
    mkdir -p "$dir/primary" "$dir/socket"
    if [ "$(id -u)" = 0 ]; then chmod a+x "$dir"; chown -R postgres:postgres "$dir"; fi
    _auth_pg_as_owner "$bindir/initdb" -D "$dir/primary" -U postgres -A trust -E UTF8 --locale=C --no-sync \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    primary_port=$(free_port)
    _auth_pg_as_owner tee "$dir/primary/postgresql.auto.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
port = $primary_port
unix_socket_directories = '$dir/socket'
max_connections = 100
wal_level = replica
max_wal_senders = 4
CONF
    echo "host replication all 127.0.0.1/32 trust" | _auth_pg_as_owner tee -a "$dir/primary/pg_hba.conf" >/dev/null
    _auth_pg_as_owner "$bindir/pg_ctl" -D "$dir/primary" -l "$dir/primary.log" -w -t 60 start >/dev/null
    _auth_pg_as_owner "$bindir/createdb" -h 127.0.0.1 -p "$primary_port" -U postgres auth_failover
    # The standby: a base backup that writes its own primary_conninfo and standby.signal (-R).
    _auth_pg_as_owner "$bindir/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres -D "$dir/standby" -R -X stream --checkpoint=fast --no-sync \
        >"$dir/basebackup.log" 2>&1 || { cat "$dir/basebackup.log" >&2; exit 1; }
    standby_port=$(free_port)
    _auth_pg_as_owner sed -i "s/^port = .*/port = $standby_port/" "$dir/standby/postgresql.auto.conf"
    # The name the primary's synchronous_standby_names matches ('*' takes any).
    echo "cluster_name = 'standby'" | _auth_pg_as_owner tee -a "$dir/standby/postgresql.auto.conf" >/dev/null
    _auth_pg_as_owner "$bindir/pg_ctl" -D "$dir/standby" -l "$dir/standby.log" -w -t 60 start >/dev/null
    # Wait until the standby streams.
    for _ in $(seq 1 100); do
        state=$(_auth_pg_as_owner "$bindir/psql" -h 127.0.0.1 -p "$primary_port" -U postgres -At \
            -c "SELECT state FROM pg_stat_replication" 2>/dev/null || true)
        [ "$state" = streaming ] && break
        sleep 0.1
    done
    [ "$state" = streaming ] || { echo "pg-pair.sh: the standby does not stream" >&2; tail -n 20 "$dir/standby.log" >&2; exit 1; }
    if [ "$mode" = sync ]; then
        # Only now that the standby streams: set before, every commit (createdb's too) would wait
        # for a standby that does not exist yet. The standby's copy of the settings never has it,
        # so once promoted it does not wait for a standby of its own.
        _auth_pg_as_owner "$bindir/psql" -h 127.0.0.1 -p "$primary_port" -U postgres -q \
            -c "ALTER SYSTEM SET synchronous_standby_names = '*'" -c "SELECT pg_reload_conf()" >/dev/null
        for _ in $(seq 1 100); do
            sync_state=$(_auth_pg_as_owner "$bindir/psql" -h 127.0.0.1 -p "$primary_port" -U postgres -At \
                -c "SELECT sync_state FROM pg_stat_replication" 2>/dev/null || true)
            [ "$sync_state" = sync ] && break
            sleep 0.1
        done
        [ "$sync_state" = sync ] || { echo "pg-pair.sh: the standby did not become synchronous" >&2; exit 1; }
    fi
    echo "PRIMARY_PORT=$primary_port"
    echo "STANDBY_PORT=$standby_port"
    echo "DATABASE_URL=postgres://postgres@127.0.0.1:$primary_port,127.0.0.1:$standby_port/auth_failover?sslmode=disable&target_session_attrs=read-write&connect_timeout=2"
    ;;
stop-primary)
    _auth_pg_as_owner "$bindir/pg_ctl" -D "$dir/primary" -m fast -w -t 60 stop >/dev/null
    ;;
kill-primary)
    pid=$(head -n 1 "$dir/primary/postmaster.pid")
    # The postmaster and its backends at once, as a crash of the machine would end them.
    pkill -9 -P "$pid" || true
    kill -9 "$pid"
    ;;
promote)
    _auth_pg_as_owner "$bindir/pg_ctl" -D "$dir/standby" -w -t 60 promote >/dev/null
    ;;
stop)
    for node in standby primary; do
        if [ -f "$dir/$node/postmaster.pid" ]; then
            _auth_pg_as_owner "$bindir/pg_ctl" -D "$dir/$node" -m immediate -w -t 60 stop >/dev/null 2>&1 || true
        fi
    done
    ;;
*)
    echo "usage: $0 start|stop-primary|kill-primary|promote|stop DIR" >&2
    exit 64
    ;;
esac
