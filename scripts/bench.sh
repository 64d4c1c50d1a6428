#!/usr/bin/env bash
# `make bench`: release builds, private PostgreSQL + Redis, wrk load on loopback, one table.
#
# Every figure is measured in this run on this machine next to its reference (the load generator
# shares the machine, so ratios matter more than absolute numbers). Targets and their reasons
# are in docs/benchmarks.md; figures 1 to 3 come from interleaved rounds (BENCH_ROUNDS, default 5): req/s medians, and ratios
# as medians of the rounds' paired ratios.
# Run through scripts/with-test-servers.sh, which provides AUTH_TEST_DATABASE_URL/REDIS_URL.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${BENCH_DURATION:-10}"   # seconds per wrk run
CONNS="${BENCH_CONNECTIONS:-64}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/auth-bench.XXXXXX")"
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

need() { command -v "$1" >/dev/null || { echo "installing $2" >&2; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need curl curl
need psql postgresql-client
# The Argon2 reference (figure 6) is argon2-cffi's C implementation, from PyPI.
python3 -c 'import argon2' 2>/dev/null || { echo "installing argon2-cffi" >&2; python3 -m pip install -q argon2-cffi >&2; }

echo "building release binaries…" >&2
swift build -c release --product authd >&2
swift build -c release --product hello-bench >&2
swift build -c release --product argon2-bench >&2
BIN="$(swift build -c release --show-bin-path)"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_http() { for _ in $(seq 1 400); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.025; done; echo "no answer from $1" >&2; return 1; }

# wrk output → "rps p50ms p99ms non2xx"
wrk_run() {
  local out; out="$(wrk --latency "$@")"
  echo "$out" >>"$WORK/wrk.log"
  python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
def ms(v):
    m = re.match(r"([\d.]+)(us|ms|s)", v); n = float(m.group(1))
    return n / 1000 if m.group(2) == "us" else n * 1000 if m.group(2) == "s" else n
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
p50 = ms(re.search(r"\s50%\s+(\S+)", out).group(1)); p99 = ms(re.search(r"\s99%\s+(\S+)", out).group(1))
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
print(f"{rps:.0f} {p50:.2f} {p99:.2f} {bad.group(1) if bad else 0}")
PY
}

# Starts authd with extra env; echoes "pid port log".
start_authd() {
  local port log; port="$(free_port)"; log="$WORK/authd-$port.log"
  env HOST=127.0.0.1 PORT="$port" RATE_LIMIT=100000000/60s REFRESH_RATE_LIMIT=100000000/60s LOG_LEVEL=notice MAIL_LOG=insecure "$@" "$BIN/authd" serve >"$log" 2>&1 &
  local pid=$!; PIDS+=("$pid")
  wait_http "http://127.0.0.1:$port/healthz"
  echo "$pid $port $log"
}

# Signs up and verifies $3 (default bench@example.com) against authd on $1 (log $2); prints a token.
token_for() {
  local port=$1 log=$2 email="${3:-bench@example.com}" api="http://127.0.0.1:$1/api/v1/auth"
  local before; before="$(grep -c 'code=[0-9]\{6\}' "$log" || true)"
  local vid; vid="$(curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"bench password 1\"}" "$api/sign-up" | python3 -c 'import json,sys; print(json.load(sys.stdin)["verification_id"])')"
  local code=""; for _ in $(seq 1 100); do
    if [ "$(grep -c 'code=[0-9]\{6\}' "$log" || true)" -gt "$before" ]; then
      code="$(grep -o 'code=[0-9]\{6\}' "$log" | tail -1 | cut -d= -f2)"; break
    fi
    sleep 0.05
  done
  curl -fsS -H 'Content-Type: application/json' -d "{\"token_id\":\"$vid\",\"code\":\"$code\"}" "$api/verify-email" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}

# Correct-password sign-ins spread over eight accounts: AuthCore charges each attempt to its
# account before hashing (giving it back on success), so one account from one network takes at
# most five at once; real users do not sign in to one account eight times in parallel.
cat >"$WORK/signin.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, nil, nil, string.format('{"email":"bench%d@example.com","password":"bench password 1"}', counter % 8))
end
LUA

# Failed sign-ins for ever-new unknown addresses: each one pays a full Argon2id hash (against the
# dummy hash), and no per-account limit stops them, so the hashing workers stay busy.
cat >"$WORK/failed-signin.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
counter = 0
request = function()
  counter = counter + 1
  local body = string.format('{"email":"nobody-%d-%d@example.com","password":"wrong password"}', math.random(1, 1000000000), counter)
  return wrk.format(nil, nil, nil, body)
end
LUA

JWT_SECRET="bench-secret-0123456789abcdef-0123456789"
DB="${AUTH_TEST_DATABASE_URL:?run through scripts/with-test-servers.sh}"
REDIS="${AUTH_TEST_REDIS_URL:?run through scripts/with-test-servers.sh}"

# 7a. Cold start to first 200 (embedded default), before anything else loads the machine.
port="$(free_port)"; t0=$(date +%s%N)
env HOST=127.0.0.1 PORT="$port" LOG_LEVEL=error "$BIN/authd" serve >/dev/null 2>&1 & PIDS+=("$!")
wait_http "http://127.0.0.1:$port/healthz"; t1=$(date +%s%N); kill "${PIDS[-1]}"
cold_ms=$(( (t1 - t0) / 1000000 ))

# The references (hello-bench: /hello is the bare route, /redis one GET through AuthCacheRedis's
# client per request with a /me-sized body), authd embedded and authd on PostgreSQL + Redis all run
# at once; the /me figures and their references are then measured in interleaved rounds, so a
# noisy neighbour slows all of them alike: each req/s figure is the median of its rounds, each ratio the median of the rounds' paired ratios (below). Every
# server gets the same request, the bearer token included: an authenticating service's clients
# send one, and reading it is work any design does. The references ignore it.
hp="$(free_port)"; "$BIN/hello-bench" "$hp" "$REDIS" >/dev/null 2>&1 & hpid=$!; PIDS+=("$hpid")
wait_http "http://127.0.0.1:$hp/hello"; curl -fsS -o /dev/null "http://127.0.0.1:$hp/redis"
read -r mpid mport mlog < <(start_authd JWT_SECRET="$JWT_SECRET")
mtoken="$(token_for "$mport" "$mlog")"
"$BIN/authd" migrate --database-url "$DB" >/dev/null
psql "$DB" -qc "TRUNCATE users CASCADE" >/dev/null
read -r ppid pport plog < <(start_authd JWT_SECRET="$JWT_SECRET" DATABASE_URL="$DB" REDIS_URL="$REDIS")
ptoken="$(token_for "$pport" "$plog")"
for n in 0 1 2 3 4 5 6 7; do token_for "$pport" "$plog" "bench$n@example.com" >/dev/null; done
curl -fsS -o /dev/null -H "Authorization: Bearer $ptoken" "http://127.0.0.1:$pport/api/v1/auth/me"
# Figure 7's peak RSS is the /me load's: the warm-up sign-ups above hashed passwords, whose Argon2
# memory (19 MiB per hashing thread, figure 9's subject) goes back to the kernel when the idle
# hashing threads retire after 5 s; then the kernel's high-water mark is reset (clear_refs 5).
sleep 6
echo 5 >"/proc/$ppid/clear_refs"
ROUNDS="${BENCH_ROUNDS:-5}"
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round of $ROUNDS: bare, Redis GET, /me PostgreSQL + Redis, /me embedded" >&2
  wrk_run -t2 -c"$CONNS" -d"${DURATION}s" -H "Authorization: Bearer $ptoken" "http://127.0.0.1:$hp/hello" >>"$WORK/hello.txt"
  wrk_run -t2 -c"$CONNS" -d"${DURATION}s" -H "Authorization: Bearer $ptoken" "http://127.0.0.1:$hp/redis" >>"$WORK/redis.txt"
  wrk_run -t2 -c"$CONNS" -d"${DURATION}s" -H "Authorization: Bearer $ptoken" "http://127.0.0.1:$pport/api/v1/auth/me" >>"$WORK/me-pg.txt"
  wrk_run -t2 -c"$CONNS" -d"${DURATION}s" -H "Authorization: Bearer $mtoken" "http://127.0.0.1:$mport/api/v1/auth/me" >>"$WORK/me-mem.txt"
done
kill "$mpid" "$hpid"
# The median of each column over the rounds: "rps p50 p99 non2xx-total".
median() { python3 -c 'import sys, statistics as st
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
cols = list(zip(*rows))
print(f"{st.median(cols[0]):.0f} {st.median(cols[1]):.2f} {st.median(cols[2]):.2f} {sum(cols[3]):.0f}")' "$1"; }
read -r c_rps c_p50 c_p99 _ < <(median "$WORK/hello.txt")
read -r r_rps r_p50 r_p99 _ < <(median "$WORK/redis.txt")
read -r p_rps p_p50 p_p99 p_bad < <(median "$WORK/me-pg.txt")
read -r m_rps m_p50 m_p99 m_bad < <(median "$WORK/me-mem.txt")
rss_mb=$(awk '/VmHWM/ {printf "%.1f", $2/1024}' "/proc/$ppid/status")
# The ratios of figures 1b to 3 pair each round's servers, measured seconds apart, and take the
# median of those ratios: the guest's speed drifts over minutes, and a ratio of two medians can
# compare one server's good round with another's bad one. "1b/1 2/1b 2/1 p99-2/p99-1b 3/1 2/1b-per-round".
paired="$(python3 - "$WORK/hello.txt" "$WORK/redis.txt" "$WORK/me-pg.txt" "$WORK/me-mem.txt" <<'PY'
import sys, statistics as st
c, r, p, m = ([list(map(float, l.split())) for l in open(f) if l.strip()] for f in sys.argv[1:])
med = lambda xs: st.median(xs)
print(f"{med([b[0]/a[0] for a, b in zip(c, r)]):.3f} {med([b[0]/a[0] for a, b in zip(r, p)]):.3f}",
      f"{med([b[0]/a[0] for a, b in zip(c, p)]):.3f} {med([b[2]/a[2] for a, b in zip(r, p)]):.3f}",
      f"{med([b[0]/a[0] for a, b in zip(c, m)]):.3f}", ",".join(f"{b[0]/a[0]:.2f}" for a, b in zip(r, p)))
PY
)"

# 10. Refresh: 64 connections, each on a session of its own (wrk with one connection per thread,
# so each thread's request and response alternate and it always presents the refresh token its
# last answer gave it), on PostgreSQL + Redis; then /me again right after, for the ratio.
: >"$WORK/refresh-tokens.txt"
for n in $(seq 0 $((CONNS - 1))); do
  curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"bench$((n % 8))@example.com\",\"password\":\"bench password 1\"}" \
    "http://127.0.0.1:$pport/api/v1/auth/sign-in/credentials" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["refresh_token"])' >>"$WORK/refresh-tokens.txt"
done
cat >"$WORK/refresh.lua" <<LUA
local tokens, n = {}, 0
for line in io.lines("$WORK/refresh-tokens.txt") do tokens[#tokens + 1] = line end
function setup(thread) n = n + 1; thread:set("token", tokens[n]) end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function() return wrk.format(nil, nil, nil, '{"refresh_token":"' .. token .. '"}') end
response = function(status, headers, body)
  local next = body:match('"refresh_token":"([^"]+)"')
  if next then token = next end
end
LUA
read -r f_rps f_p50 f_p99 f_bad < <(wrk_run -t"$CONNS" -c"$CONNS" -d"${DURATION}s" -s "$WORK/refresh.lua" "http://127.0.0.1:$pport/api/v1/auth/token/refresh")
read -r fm_rps _ _ _ < <(wrk_run -t2 -c"$CONNS" -d"${DURATION}s" -H "Authorization: Bearer $ptoken" "http://127.0.0.1:$pport/api/v1/auth/me")

# 6. Argon2id against the reference C implementation (one hash at a time).
argon="$(scripts/argon2-bench.sh 9 2 2>/dev/null | tail -n 4)"

# 4. Password sign-in throughput (MFA off), few connections so the hashing queue is the limit.
# The hashing limit is what the machine completes with one hash per core running at once (as
# authd's hashing workers run them), measured right before the sign-ins and again after figure 5, and
# averaged: this VM's speed drifts within minutes. One hash's rate times the cores (the limit
# until the sixth pass of the /me work, docs/benchmarks.md) assumes memory-hard hashes scale perfectly over cores that
# share caches and a memory bus; they do not, so that limit is printed for comparison only.
hashes_per_second() { "$BIN/argon2-bench" throughput "$(nproc)" 5 | sed 's/^hashes_per_second=//'; }
limit_before="$(hashes_per_second)"
read -r s_rps s_p50 s_p99 s_bad < <(wrk_run -t2 -c8 -d"${DURATION}s" -s "$WORK/signin.lua" "http://127.0.0.1:$pport/api/v1/auth/sign-in/credentials")

# 5. /me p99 while a sign-in storm runs.
wrk -t1 -c8 -d"$((DURATION + 2))s" -s "$WORK/signin.lua" "http://127.0.0.1:$pport/api/v1/auth/sign-in/credentials" >/dev/null 2>&1 &
storm=$!; sleep 1
read -r x_rps x_p50 x_p99 _ < <(wrk_run -t1 -c16 -d"${DURATION}s" -H "Authorization: Bearer $ptoken" "http://127.0.0.1:$pport/api/v1/auth/me")
wait "$storm" || true
# Figure 4's second limit, after figure 5 rather than between them: 5 s of hashing in another
# process would let authd's idle hashing workers retire and start figure 5's storm from cold.
limit_after="$(hashes_per_second)"

# 8. /me with 1k and 1M sessions in PostgreSQL.
uid="$(psql "$DB" -qtAc "SELECT id FROM users WHERE email='bench@example.com'")"
seed_sessions() {
  psql "$DB" -qc "INSERT INTO sessions (id, user_id, client_name, user_agent, ip, location, created_at, last_used_at, expires_at)
    SELECT gen_random_uuid(), '$uid', 'bench', 'wrk', '127.0.0.1', '', now(), now(), now() + interval '7 days'
    FROM generate_series(1, $1)" >/dev/null
  psql "$DB" -qc "ANALYZE sessions" >/dev/null
}
seed_sessions 1000
read -r k_rps _ k_p99 _ < <(wrk_run -t2 -c"$CONNS" -d"${DURATION}s" -H "Authorization: Bearer $ptoken" "http://127.0.0.1:$pport/api/v1/auth/me")
seed_sessions 999000
read -r g_rps _ g_p99 _ < <(wrk_run -t2 -c"$CONNS" -d"${DURATION}s" -H "Authorization: Bearer $ptoken" "http://127.0.0.1:$pport/api/v1/auth/me")
kill "$ppid"

# 9. RSS under a storm of 64 concurrent failed sign-ins: idle, peak, and 10 s after (fresh process).
read -r rpid rport rlog < <(start_authd JWT_SECRET="$JWT_SECRET" DATABASE_URL="$DB" REDIS_URL="$REDIS")
curl -fsS -o /dev/null "http://127.0.0.1:$rport/readyz"; sleep 1
idle_mb=$(awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$rpid/status")
wrk -t2 -c64 -d"${DURATION}s" -s "$WORK/failed-signin.lua" "http://127.0.0.1:$rport/api/v1/auth/sign-in/credentials" >>"$WORK/wrk.log" 2>&1 || true
peak_mb=$(awk '/VmHWM/ {printf "%.1f", $2/1024}' "/proc/$rpid/status")
sleep 10
after_mb=$(awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$rpid/status")
kill "$rpid"

hash_ms="$(echo "$argon" | awk '/19456/ {print $(NF-2); exit}')"
cores="$(nproc)"
python3 - "$c_rps" "$r_rps" "$r_p99" "$p_rps" "$p_p50" "$p_p99" "$m_rps" "$m_p50" "$m_p99" "$s_rps" "$s_p99" "$x_p99" "$cold_ms" "$rss_mb" "$k_rps" "$g_rps" "$cores" "$hash_ms" "$p_bad$m_bad" "$s_bad" "$idle_mb" "$peak_mb" "$after_mb" "$limit_before" "$limit_after" "$f_rps" "$f_p50" "$f_p99" "$f_bad" "$fm_rps" $paired <<'PY'
import sys
(c, r, r99, p, p50, p99, m, m50, m99, s, s99, x99, cold, rss, k, g, cores, hashms, bad, sbad, idle, peak, after, before, later,
 f, f50, f99, fbad, fm, q1b, q2, q2bare, q2p99, q3, rounds2) = sys.argv[1:]
f, fm = float(f), float(fm)
q1b, q2, q2bare, q2p99, q3 = map(float, (q1b, q2, q2bare, q2p99, q3))
c, r, p, m, s, k, g = map(float, (c, r, p, m, s, k, g)); cores = int(cores)
of_medians = p / r
limit = (float(before) + float(later)) / 2
single = cores / (float(hashms) / 1000) if hashms else float("nan")
rows = [
 ("1 ceiling: bare Hummingbird JSON", f"{c:,.0f} req/s", "reference", ""),
 ("1b reference: one Redis GET per request", f"{r:,.0f} req/s, p99 {r99} ms", f"{q1b:.2f}x of 1", ""),
 ("2 /me, PostgreSQL + Redis, warm", f"{p:,.0f} req/s, p50 {p50} ms, p99 {p99} ms",
  f"{q2:.2f}x of 1b, {q2bare:.2f}x of 1; p99 {q2p99:.2f}x of 1b", "≥0.8x of 1b, ≥0.4x of 1; p99 ≤1.5x"),
 ("3 /me, embedded default", f"{m:,.0f} req/s, p50 {m50} ms, p99 {m99} ms", f"{q3:.2f}x of 1", "≥0.6x"),
 ("4 password sign-in, MFA off", f"{s:,.0f} req/s, p99 {s99} ms", f"{s/limit:.2f}x of hashing limit {limit:.0f}/s ({float(before):.0f} before, {float(later):.0f} after; {s/single:.2f}x of {cores} × one hash, {single:.0f}/s)", "≥0.8x"),
 ("5 /me p99 during sign-in storm", f"{x99} ms", "", "≤10 ms"),
 ("6 Argon2id m=19456,t=2,p=1", f"{hashms} ms/hash", "see argon2 table below", "≤1.25x C"),
 ("7 cold start → first 200; peak RSS", f"{cold} ms; {rss} MB", "", "≤200 ms; ≤64 MB"),
 ("8 /me with 1k vs 1M sessions", f"{k:,.0f} vs {g:,.0f} req/s", f"{g/k:.2f}x", "≈1.0x"),
 ("9 RSS: idle, peak in 64 failed sign-ins, 10 s after", f"{idle} / {peak} / {after} MB",
  f"peak - idle = {float(peak) - float(idle):.1f} MB", f"peak ≤ idle + {cores} workers × 19 MiB + 16 MB = {float(idle) + cores * 19 * 1.048576 + 16:.0f} MB"),
 ("10 refresh, PostgreSQL + Redis, 64 sessions", f"{f:,.0f} req/s, p50 {f50} ms, p99 {f99} ms", f"{f/fm:.2f}x of /me ({fm:,.0f} req/s right after)", "≥0.15x of /me"),
]
w = [max(len(r[i]) for r in rows) for i in range(4)]
print(f"{'figure':<{w[0]}} | {'measured':<{w[1]}} | {'ratio':<{w[2]}} | target")
print("-" * (sum(w) + 12))
for r in rows: print(f"{r[0]:<{w[0]}} | {r[1]:<{w[1]}} | {r[2]:<{w[2]}} | {r[3]}")
print(f"\nfigures 1b-3: medians of the rounds' paired ratios. Figure 2 per round: {rounds2} (x of 1b);"
      f" as a ratio of the two medians it would read {of_medians:.2f}x.")
if bad.strip("0") or sbad != "0": print(f"\nnote: non-2xx responses during /me runs: {bad}, during sign-in: {sbad}")
if fbad != "0": print(f"\nnote: non-2xx responses during refreshes: {fbad}")
PY
echo
echo "Argon2id, this implementation vs argon2-cffi (reference C):"
echo "$argon"
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
