#!/usr/bin/env bash
# Usage: scripts/browser-tests.sh [PYTEST ARG...]
#
# The browser suites (Tests/browser): one authd on the test servers and one headless Chromium
# serve them all. Run inside scripts/with-test-servers.sh (as `make test` does), after a build:
#   scripts/with-test-servers.sh scripts/browser-tests.sh
# Needs Debian's chromium and chromium-driver and selenium + pytest from PyPI (`make test-deps`).
# Writes the screenshots in docs/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in chromium chromedriver; do
  command -v "$tool" >/dev/null || { echo "browser tests: $tool is missing (make test-deps installs it)" >&2; exit 1; }
done
python3 -c 'import selenium, pytest, authlib, requests, jwt' 2>/dev/null || { echo "browser tests: selenium, pytest, authlib, requests or PyJWT is missing (make test-deps)" >&2; exit 1; }
export AUTHD_BIN="${AUTHD_BIN:-$(swift build --show-bin-path)/authd}"
[[ -x "$AUTHD_BIN" ]] || { echo "browser tests: $AUTHD_BIN is not built (swift build)" >&2; exit 1; }
exec python3 -m pytest -q -p no:cacheprovider Tests/browser "$@"
