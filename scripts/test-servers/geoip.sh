# shellcheck shell=bash
# The GeoLite2 City database the AuthGeoIP integration tests read.
#
# Sourced by scripts/with-test-servers.sh, which calls `start_geoip` (with TEST_SERVERS_DIR set)
# and `stop_geoip` on exit. Nothing runs: the database is a file shipped inside the PyPI package
# `maxminddb-geolite2` (GeoLite2 data by MaxMind, CC BY-SA 4.0; see docs/geoip.md). When no
# Python install already has it, it is pip-installed once into a cache folder (`pip --target`,
# which also works where the system Python refuses global installs, PEP 668). By hand:
#
#   source scripts/test-servers/geoip.sh && start_geoip   # exports AUTH_TEST_GEOIP_DB
#
# Exports: AUTH_TEST_GEOIP_DB, the path of GeoLite2-City.mmdb.

_auth_geoip_log() { echo "geoip.sh: $*" >&2; }

_AUTH_GEOIP_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/swift-auth/maxminddb-geolite2"

# Prints the path of a GeoLite2-City.mmdb from the package (its module is `_maxminddb_geolite2`):
# the one importable by python3, else the cached one; fails when there is neither.
_auth_geoip_path() {
    local path
    path=$(python3 -c 'import _maxminddb_geolite2 as g; print(g.geolite2_database())' 2>/dev/null)
    [ -f "$path" ] || path="$_AUTH_GEOIP_CACHE/_maxminddb_geolite2/GeoLite2-City.mmdb"
    [ -f "$path" ] && echo "$path"
}

# Installs python3 and pip when missing (Debian/Ubuntu, as root).
_auth_geoip_install_pip() {
    python3 -m pip --version >/dev/null 2>&1 && return 0
    if [ "$(id -u)" != 0 ]; then
        _auth_geoip_log "pip is missing; install it (apt-get install python3-pip) or run as root"
        return 1
    fi
    _auth_geoip_log "installing python3-pip"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq python3-pip >/dev/null
}

start_geoip() {
    local path
    if ! path=$(_auth_geoip_path); then
        _auth_geoip_install_pip || return 1
        _auth_geoip_log "installing maxminddb-geolite2 into $_AUTH_GEOIP_CACHE"
        # Only the data file is needed, so no dependencies.
        python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
            --no-deps --upgrade --target "$_AUTH_GEOIP_CACHE" maxminddb-geolite2 >&2 \
            || { _auth_geoip_log "pip install maxminddb-geolite2 failed"; return 1; }
        path=$(_auth_geoip_path) || { _auth_geoip_log "GeoLite2-City.mmdb not found after install"; return 1; }
    fi
    export AUTH_TEST_GEOIP_DB="$path"
    _auth_geoip_log "GeoLite2 City at $path"
}

stop_geoip() { :; }
