#!/usr/bin/env bash
# Usage: scripts/examples.sh
#
# The sample consumer in Examples/ (docs/embedding.md, docs/tokens.md), as a Swift developer would
# use the suite: a package of its own that depends on this one by path with `traits: []`.
#   1. Builds it with pkg-config made blind (no .pc file can be found, as on a machine without
#      libpq-dev, libhiredis-dev and libmaxminddb-dev) and fails if the build asked for any of
#      those libraries or built an adapter that links one.
#   2. Starts two authd processes on the test servers' SMTP catcher, one with JWT_ALG=HS256 and
#      one with ES256, and runs the examples' tests against them.
# Run inside scripts/with-test-servers.sh after `swift build` (make test does).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${AUTH_TEST_SMTP_URL:?run inside scripts/with-test-servers.sh}"
: "${AUTH_TEST_SMTP_MAILDIR:?run inside scripts/with-test-servers.sh}"
AUTHD_BIN="${AUTHD_BIN:-$(swift build --show-bin-path)/authd}"
[[ -x "$AUTHD_BIN" ]] || { echo "examples: $AUTHD_BIN is not built (swift build)" >&2; exit 1; }

work="$(mktemp -d "${TEST_SERVERS_DIR:-/tmp}/examples.XXXXXX")"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# 1. A blind pkg-config: SwiftPM asks it for its search path and then looks for .pc files there.
mkdir -p "$work/bin" "$work/empty"
cat > "$work/bin/pkg-config" <<STUB
#!/bin/sh
echo "\$*" >> "$work/pkg-config.calls"
case "\$*" in *pc_path*) echo "$work/empty"; exit 0 ;; esac
exit 1
STUB
chmod +x "$work/bin/pkg-config"
echo "examples: building Examples/ without the C libraries' pkg-config files" >&2
PATH="$work/bin:$PATH" PKG_CONFIG_PATH="$work/empty" PKG_CONFIG_LIBDIR="$work/empty" \
  swift build --package-path Examples --build-tests 2>&1 | tee "$work/build.log"
if grep -Eiq "libpq|hiredis|maxminddb" "$work/build.log"; then
  echo "examples: the build of an AuthCore/AuthTokenVerifier consumer asked for a C library:" >&2
  grep -Ei "libpq|hiredis|maxminddb" "$work/build.log" >&2
  exit 1
fi
bin="$(swift build --package-path Examples --show-bin-path)"
# SwiftPM plans every target of the graph (a folder with a file map each) but compiles only what
# the consumer uses: no adapter that links a C library may have a module or an object file.
for adapter in AuthStorePostgres AuthCacheRedis AuthGeoIP; do
  if [[ -e "$bin/Modules/$adapter.swiftmodule" ]] || compgen -G "$bin/$adapter.build/*.o" >/dev/null; then
    echo "examples: $adapter was built for a consumer that uses none of the adapters" >&2
    exit 1
  fi
done

# 2. Two authd processes, in memory, mailing through the SMTP catcher.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
secret="examples-secret-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
start_authd() {  # ALG PORT
  env -i PATH="$PATH" HOST=127.0.0.1 PORT="$2" PUBLIC_URL="http://127.0.0.1:$2" JWT_ALG="$1" JWT_SECRET="$secret" \
    SMTP_URL="$AUTH_TEST_SMTP_URL" MAIL_FROM=authd@example.com RATE_LIMIT=1000/60s LOG_LEVEL=warning \
    "$AUTHD_BIN" serve > "$work/authd-$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$2/healthz" >/dev/null && return 0
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  echo "examples: authd ($1) did not start; its log:" >&2
  cat "$work/authd-$1.log" >&2
  return 1
}
hs_port="$(free_port)"; es_port="$(free_port)"
start_authd HS256 "$hs_port"
start_authd ES256 "$es_port"
EXAMPLES_AUTHD_HS256_URL="http://127.0.0.1:$hs_port" EXAMPLES_AUTHD_ES256_URL="http://127.0.0.1:$es_port" \
  EXAMPLES_JWT_SECRET="$secret" swift test --package-path Examples --skip-build
