#!/usr/bin/env python3
"""Mixed traffic against one authd for a while, then figures: `make soak` (scripts/soak.sh).

Sign-ups (5 %), password sign-ins (5 %) and GET /me (90 %) from several threads; every answer's status and latency
are kept per route, and authd's resident memory is read from /proc every 5 s. Prints RSS at the
end of the warm-up, its peak and at the end (and whether it stayed within 10 % of the first), the
answers by status (5xx must be 0), and p50/p99 per route.

Sign-ins and sign-ups each cost a password hash, which authd bounds (a full hashing queue answers
503 `overloaded`, by design): they are paced to HASH_RATE a second in all (SOAK_HASH_RATE, default
20, within what a release build hashes on two cores), so the soak measures a service within its
capacity. A debug build hashes about a hundred times slower: give it 1.

Usage: load.py PORT PID SECONDS [WARMUP_SECONDS] [THREADS] [AUTHD_LOG]
"""
import http.client
import json
import os
import random
import sys
import threading
import time
import uuid

port, pid, seconds = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
warmup = int(sys.argv[4]) if len(sys.argv) > 4 else 120
threads = int(sys.argv[5]) if len(sys.argv) > 5 else 8
PASSWORD = "correct horse battery"

lock = threading.Lock()
latencies = {}  # route -> [seconds]
statuses = {}   # status -> count
stop = threading.Event()
hash_rate = float(os.environ.get("SOAK_HASH_RATE", "20"))
next_hash = [time.monotonic()]


def wait_for_hash_slot():
    """Paces the routes that hash a password to `hash_rate` a second, across all threads."""
    with lock:
        slot = max(next_hash[0], time.monotonic())
        next_hash[0] = slot + 1 / hash_rate
    time.sleep(max(0, slot - time.monotonic()))


def request(method, path, body=None, token=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    started = time.monotonic()
    try:
        connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        response = connection.getresponse()
        data = response.read()
        status = response.status
    except OSError:
        data, status = b"", 0
    finally:
        connection.close()
    return status, data, time.monotonic() - started


def record(route, status, elapsed):
    with lock:
        latencies.setdefault(route, []).append(elapsed)
        statuses[status] = statuses.get(status, 0) + 1


def rss_kib():
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def code_for(email):
    """The code authd wrote to its log for `email` (MAIL_LOG=insecure)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with open(LOG, errors="replace") as log:
            for line in reversed(log.readlines()):
                if email in line and "code=" in line:
                    return line.split("code=")[1][:6]
        time.sleep(0.2)
    raise RuntimeError("no code logged for " + email)


def account():
    """A verified account: its address and a session token."""
    email = f"soak-{uuid.uuid4().hex[:12]}@example.com"
    status, data, elapsed = request("POST", "/api/v1/auth/sign-up", {"email": email, "password": PASSWORD})
    record("POST /sign-up", status, elapsed)
    verification = json.loads(data)["verification_id"]
    status, data, elapsed = request("POST", "/api/v1/auth/verify-email", {"token_id": verification, "code": code_for(email)})
    record("POST /verify-email", status, elapsed)
    return email, json.loads(data)["token"]


def worker(email, token):
    while not stop.is_set():
        roll = random.random()
        if roll < 0.9:
            status, _, elapsed = request("GET", "/api/v1/auth/me", token=token)
            record("GET /me", status, elapsed)
        elif roll < 0.95:
            wait_for_hash_slot()
            status, data, elapsed = request("POST", "/api/v1/auth/sign-in/credentials", {"email": email, "password": PASSWORD})
            record("POST /sign-in/credentials", status, elapsed)
            if status == 200:
                token = json.loads(data)["token"]
        else:
            wait_for_hash_slot()
            status, _, elapsed = request("POST", "/api/v1/auth/sign-up",
                                         {"email": f"soak-{uuid.uuid4().hex[:12]}@example.com", "password": PASSWORD})
            record("POST /sign-up", status, elapsed)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


LOG = sys.argv[6] if len(sys.argv) > 6 else "/dev/null"
accounts = [account() for _ in range(threads)]
workers = [threading.Thread(target=worker, args=pair, daemon=True) for pair in accounts]
for thread in workers:
    thread.start()
started = time.monotonic()
samples = []
while time.monotonic() - started < seconds:
    time.sleep(5)
    samples.append((time.monotonic() - started, rss_kib()))
stop.set()
for thread in workers:
    thread.join(timeout=70)

after_warmup = [rss for at, rss in samples if at >= warmup] or [rss for _, rss in samples]
first, peak, last = after_warmup[0], max(after_warmup), after_warmup[-1]
print(f"duration {seconds} s ({threads} threads, {hash_rate:g} hashing requests/s), warm-up {warmup} s")
print(f"RSS after warm-up {first / 1024:.1f} MiB, peak {peak / 1024:.1f} MiB, end {last / 1024:.1f} MiB "
      f"(end {100 * (last - first) / first:+.1f} %, peak {100 * (peak - first) / first:+.1f} % of the first)")
print("answers by status: " + ", ".join(f"{code}: {count}" for code, count in sorted(statuses.items())))
for route, values in sorted(latencies.items()):
    print(f"{route:28} {len(values):7d} requests  p50 {1000 * percentile(values, 0.5):8.1f} ms  p99 {1000 * percentile(values, 0.99):8.1f} ms")
five_hundreds = sum(count for code, count in statuses.items() if code >= 500 or code == 0)
flat = abs(last - first) <= 0.1 * first
print(f"5xx or no answer: {five_hundreds}; memory flat within 10 %: {'yes' if flat else 'no'}")
sys.exit(0 if five_hundreds == 0 and flat else 1)
