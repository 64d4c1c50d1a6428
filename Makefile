# Two commands do everything on a fresh Debian or Ubuntu machine (docs/configuration.md):
#   make run    build and serve the embedded default on 127.0.0.1:8080
#   make test   start private test servers, run the whole suite, stop them
SHELL := /bin/bash
.DEFAULT_GOAL := help

HOST ?= 127.0.0.1
PORT ?= 8080
# System packages the build links against (every adapter is compiled into authd, so even the
# embedded default of `make run` needs the client libraries); `deps` installs whichever are missing.
APT_PACKAGES ?= libssl-dev libpq-dev libhiredis-dev libmaxminddb-dev openssl curl python3-pip
# The database and cache servers: only the tests, the benchmarks and the soak run them
# (scripts/with-test-servers.sh starts private ones); `make run` serves the embedded default
# and installs neither.
SERVER_APT_PACKAGES ?= postgresql redis-server
# What only `make test` needs: independent implementations the tests cross-check against
# (oathtool for TOTP; PyJWT from PyPI, below, for tokens signed with ES256 and EdDSA; standardwebhooks
# from PyPI for webhook signatures; promtool,
# from prometheus, checks the /metrics exposition; scripts/conformance.sh installs schemathesis),
# the browser the page suites drive (Debian's chromium and chromedriver; selenium and pytest
# from PyPI), and the OpenID relying parties the provider suite signs in to (Debian's apache2 with
# mod_auth_openidc; authlib and requests from PyPI).
TEST_APT_PACKAGES ?= oathtool prometheus chromium chromium-driver apache2 libapache2-mod-auth-openidc
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help deps server-deps test-deps build release run test bench soak clean

help:
	@echo "make run    build and serve the embedded default on $(HOST):$(PORT) (development only)"
	@echo "make test   install what is missing, start test servers, run every test"
	@echo "make bench  release build, then the benchmark table (docs/benchmarks.md)"
	@echo "make soak   release build, then 20 minutes of mixed traffic on PostgreSQL + Redis (docs/operations.md)"
	@echo "make build  debug build of everything"
	@echo "make clean  remove build products"

## deps: apt-install the system packages that are missing (no-op when all are present).
deps:
	@command -v swift >/dev/null || { echo "swift is not on PATH: install the Swift 6 toolchain first" >&2; exit 1; }
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s "$$p" >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null; then \
	    echo "installing:$$missing"; \
	    $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	  else echo "missing system packages:$$missing (install them with your package manager)" >&2; exit 1; fi; \
	fi

## server-deps: the PostgreSQL and Redis servers (for the tests, benchmarks and soak; not `make run`).
server-deps: deps
	@$(MAKE) --no-print-directory deps APT_PACKAGES="$(SERVER_APT_PACKAGES)"

## test-deps: the system packages and tools only the tests use.
test-deps: server-deps
	@$(MAKE) --no-print-directory deps APT_PACKAGES="$(TEST_APT_PACKAGES)"
	@python3 -c 'import jwt, cryptography' 2>/dev/null || { echo "installing PyJWT (an independent JOSE check)"; \
	  python3 -m pip install -q --disable-pip-version-check PyJWT cryptography >/dev/null 2>&1 \
	  || python3 -m pip install -q --disable-pip-version-check --break-system-packages PyJWT cryptography >/dev/null; }
	@python3 -c 'import standardwebhooks' 2>/dev/null || { echo "installing standardwebhooks (an independent webhook signature check)"; \
	  python3 -m pip install -q --disable-pip-version-check standardwebhooks >/dev/null 2>&1 \
	  || python3 -m pip install -q --disable-pip-version-check --break-system-packages standardwebhooks >/dev/null; }
	@python3 -c 'import selenium, pytest' 2>/dev/null || { echo "installing selenium and pytest (the browser suites)"; \
	  python3 -m pip install -q --disable-pip-version-check selenium pytest >/dev/null 2>&1 \
	  || python3 -m pip install -q --disable-pip-version-check --break-system-packages selenium pytest >/dev/null; }
	@python3 -c 'import authlib, requests' 2>/dev/null || { echo "installing authlib and requests (an independent OpenID client)"; \
	  python3 -m pip install -q --disable-pip-version-check authlib requests >/dev/null 2>&1 \
	  || python3 -m pip install -q --disable-pip-version-check --break-system-packages authlib requests >/dev/null; }

build: deps
	swift build

release: deps
	swift build -c release --product authd

run: release
	@echo "pages: http://localhost:$(PORT)/ui/ (sign-in, account) and http://localhost:$(PORT)/admin/ (dashboard; set ADMIN_EMAILS, see README)"
	exec "$$(swift build -c release --show-bin-path)/authd" serve --host $(HOST) --port $(PORT)

# AUTH_TEST_REQUIRE_SERVERS=1 makes every integration suite fail (not skip) when its server is missing.
# --no-parallel: suites start servers of their own, restart them and spawn authd processes; one at a
# time they stay within the shared servers' limits on a 2-core machine. Then, on the same servers,
# the browser suites (scripts/browser-tests.sh: one authd and one headless Chromium for all), and
# the sample consumer package Examples/ (scripts/examples.sh: built without the C libraries'
# pkg-config files, its tests run against an HS256 and an ES256 authd).
test: test-deps
	swift build --build-tests
	AUTH_TEST_REQUIRE_SERVERS=1 scripts/with-test-servers.sh \
	  bash -c 'swift test --skip-build --no-parallel && scripts/browser-tests.sh && scripts/examples.sh'
	scripts/conformance.sh

## bench: release builds, private PostgreSQL + Redis, wrk; prints the table of docs/benchmarks.md.
bench: server-deps
	scripts/with-test-servers.sh scripts/bench.sh

## soak: 20 minutes (SOAK_SECONDS) of mixed traffic on private PostgreSQL + Redis; not part of `make test`.
soak: server-deps
	scripts/with-test-servers.sh scripts/soak.sh

clean:
	rm -rf .build
