# shellcheck shell=bash
# A private SMTP server (aiosmtpd) for the mail integration tests.
#
# Sourced by scripts/with-test-servers.sh, which calls `start_smtp` with TEST_SERVERS_DIR set to a
# fresh temporary folder and `stop_smtp` on exit. By hand:
#
#   source scripts/test-servers/smtp.sh
#   TEST_SERVERS_DIR=$(mktemp -d) start_smtp    # exports the variables below
#   ...; stop_smtp
#
# The server listens on 127.0.0.1 on a free port, requires STARTTLS (a certificate from a CA made
# here, so tests trust exactly that CA) and AUTH (PLAIN or LOGIN) as one fixed test user; any other
# login gets 535. Each accepted message lands as a .eml file in a folder.
#
# Exports:
#   AUTH_TEST_SMTP_URL      smtp://user:password@127.0.0.1:PORT?tls_ca=CA (usable as SMTP_URL)
#   AUTH_TEST_SMTP_CA       the CA certificate (PEM) that signed the server's certificate
#   AUTH_TEST_SMTP_MAILDIR  where received messages appear as *.eml
#   AUTH_TEST_SMTP_DIR      the server's folder (pid, port, log, maildir)
#   AUTH_TEST_SMTP_PIDFILE  the server's pid file
#   AUTH_TEST_SMTP_CTL      a control script, for outage tests:
#                             $AUTH_TEST_SMTP_CTL stop  DIR                   stop the server of DIR
#                             $AUTH_TEST_SMTP_CTL start DIR [PORT] [MODE]     start one (again) in DIR
#                           MODE: starttls (default), implicit (smtps) or plain (no TLS, no AUTH).
#                           Tests put extra servers' DIRs beside AUTH_TEST_SMTP_DIR, so that
#                           stop_smtp stops whatever they leave running.
#                           PORT defaults to DIR/port when it exists (a restart), else a free one.

_AUTH_SMTP_SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
_auth_smtp_log() { echo "smtp.sh: $*" >&2; }

# Installs aiosmtpd (PyPI) and openssl when they are missing.
_auth_smtp_install_if_missing() {
    command -v python3 >/dev/null 2>&1 || { _auth_smtp_log "python3 is required"; return 1; }
    if ! command -v openssl >/dev/null 2>&1; then
        [ "$(id -u)" = 0 ] || { _auth_smtp_log "openssl is missing"; return 1; }
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl >/dev/null || return 1
    fi
    python3 -c 'import aiosmtpd' 2>/dev/null && return 0
    _auth_smtp_log "installing aiosmtpd"
    python3 -m pip install -q --disable-pip-version-check aiosmtpd >/dev/null 2>&1 \
        || python3 -m pip install -q --disable-pip-version-check --break-system-packages aiosmtpd >/dev/null 2>&1 \
        || { [ "$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd >/dev/null 2>&1; }
    python3 -c 'import aiosmtpd' 2>/dev/null || { _auth_smtp_log "cannot install aiosmtpd"; return 1; }
}

# Makes a CA and a server certificate for 127.0.0.1/localhost signed by it, in $1.
_auth_smtp_certificates() {
    local dir="$1"
    (
        cd "$dir" || exit 1
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3 \
            -subj "/CN=auth test SMTP CA" -keyout ca.key -out ca.pem 2>/dev/null &&
        openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
            -subj "/CN=127.0.0.1" -keyout key.pem -out server.csr 2>/dev/null &&
        printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\n' >server.ext &&
        openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 3 \
            -extfile server.ext -out cert.pem 2>/dev/null
    ) || { _auth_smtp_log "openssl could not make the test certificates"; return 1; }
}

# Writes the control script (see the header) into $1/ctl.
_auth_smtp_write_ctl() {
    local root="$1" python
    python="$(command -v python3)"
    cat >"$root/ctl" <<CTL
#!/usr/bin/env bash
# Starts or stops one test SMTP server; written by scripts/test-servers/smtp.sh.
set -u
cmd="\${1:?usage: ctl start|stop DIR [PORT] [MODE]}"; dir="\${2:?DIR}"
case "\$cmd" in
start)
    mkdir -p "\$dir/maildir"
    port="\${3:-}"; mode="\${4:-starttls}"
    [ -n "\$port" ] || port="\$(cat "\$dir/port" 2>/dev/null || true)"
    [ -n "\$port" ] || port="\$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    # The server must not inherit our caller's descriptors: a caller that waits for a pipe's end
    # or watches an inherited descriptor to learn that this script exited would wait forever.
    (
        for fd in /proc/\$BASHPID/fd/*; do fd="\${fd##*/}"; [ "\$fd" -gt 2 ] && eval "exec \$fd>&-"; done 2>/dev/null
        exec nohup "$python" "$_AUTH_SMTP_SCRIPTS/smtp_server.py" --port "\$port" --maildir "\$dir/maildir" \\
            --cert "$root/cert.pem" --key "$root/key.pem" --mode "\$mode" \\
            --user "$_AUTH_SMTP_USER" --password "$_AUTH_SMTP_PASSWORD"
    ) >>"\$dir/server.log" 2>&1 </dev/null &
    pid=\$!
    echo "\$pid" >"\$dir/pid"; echo "\$port" >"\$dir/port"
    for _ in \$(seq 1 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/\$port") 2>/dev/null; then echo "\$port"; exit 0; fi
        kill -0 "\$pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "test SMTP server did not start:" >&2; tail -n 20 "\$dir/server.log" >&2; exit 1
    ;;
stop)
    pid="\$(cat "\$dir/pid" 2>/dev/null || true)"
    [ -n "\$pid" ] || exit 0
    kill "\$pid" 2>/dev/null
    for _ in \$(seq 1 100); do kill -0 "\$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "\$pid" 2>/dev/null
    rm -f "\$dir/pid"
    ;;
*) echo "usage: ctl start|stop DIR [PORT] [MODE]" >&2; exit 2 ;;
esac
CTL
    chmod +x "$root/ctl"
}

_AUTH_SMTP_USER="mailer"
_AUTH_SMTP_PASSWORD="s3cret-test-password"

start_smtp() {
    : "${TEST_SERVERS_DIR:?TEST_SERVERS_DIR must name a temporary folder}"
    _auth_smtp_install_if_missing || return 1
    local root="$TEST_SERVERS_DIR/smtp" port
    mkdir -p "$root/main" || return 1
    _auth_smtp_certificates "$root" || return 1
    _auth_smtp_write_ctl "$root"
    port="$("$root/ctl" start "$root/main")" || return 1
    _AUTH_SMTP_ROOT="$root"
    export AUTH_TEST_SMTP_URL="smtp://$_AUTH_SMTP_USER:$_AUTH_SMTP_PASSWORD@127.0.0.1:$port?tls_ca=$root/ca.pem"
    export AUTH_TEST_SMTP_CA="$root/ca.pem"
    export AUTH_TEST_SMTP_MAILDIR="$root/main/maildir"
    export AUTH_TEST_SMTP_DIR="$root/main"
    export AUTH_TEST_SMTP_PIDFILE="$root/main/pid"
    export AUTH_TEST_SMTP_CTL="$root/ctl"
    _auth_smtp_log "aiosmtpd on 127.0.0.1:$port (STARTTLS + AUTH; mail in $AUTH_TEST_SMTP_MAILDIR)"
}

stop_smtp() {
    local root="${_AUTH_SMTP_ROOT:-}" dir
    [ -n "$root" ] && [ -x "$root/ctl" ] || return 0
    # The main server and any that a test started beside it and left behind.
    for dir in "$root"/*/; do
        [ -f "$dir/pid" ] && "$root/ctl" stop "${dir%/}"
    done
    _AUTH_SMTP_ROOT=""
    return 0
}
