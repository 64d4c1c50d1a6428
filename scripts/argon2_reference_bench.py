#!/usr/bin/env python3
"""Times argon2-cffi's hash_secret_raw (Argon2id) the same way argon2-bench does.

Usage: python3 scripts/argon2_reference_bench.py [runs]
Prints one line per parameter set: "m=<KiB> t=<iters> p=<lanes> median_ms=<float>".
The same password/salt/tag length as the Swift benchmark keeps the work identical.
"""
import statistics
import sys
import time

from argon2.low_level import Type, hash_secret_raw

PARAMETER_SETS = [(19456, 2, 1), (65536, 3, 4)]
PASSWORD = b"correct horse battery staple"
SALT = bytes(range(16))
TAG_LENGTH = 32


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    for m, t, p in PARAMETER_SETS:
        def once() -> None:
            hash_secret_raw(PASSWORD, SALT, time_cost=t, memory_cost=m,
                            parallelism=p, hash_len=TAG_LENGTH, type=Type.ID)
        for _ in range(3):  # warm-up: page faults, CPU frequency, thread creation
            once()
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            once()
            samples.append((time.perf_counter() - start) * 1000.0)
        print(f"m={m} t={t} p={p} median_ms={statistics.median(samples):.2f}")


if __name__ == "__main__":
    main()
