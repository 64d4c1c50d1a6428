#!/usr/bin/env python3
# Made (and regenerated) from inside this Fixtures folder, after `pip install argon2-cffi`, with:
#   python3 make_argon2_fixtures.py > argon2id-reference.json
"""Emits Argon2id PHC strings made by argon2-cffi (the reference C implementation).

Each entry is {"password": <UTF-8 text>, "phc": "$argon2id$v=19$..."}; the Swift tests
re-derive every tag from the parsed parameters and compare in constant time.
Salts are fixed (not random) so the file is reproducible byte for byte.
"""
import json
import sys
from importlib.metadata import version

from argon2.low_level import Type, hash_secret

# (password, memory KiB, iterations, lanes, tag bytes, salt bytes)
CASES = [
    ("correct horse battery staple", 19456, 2, 1, 32, 16),  # OWASP-style p=1
    ("hunter2", 65536, 3, 4, 32, 16),                       # 64 MiB, p=4 (kept to one entry: slow in debug)
    ("minimal", 8, 1, 1, 32, 8),                            # smallest legal m, shortest salt
    ("пароль-密码-🔑", 256, 2, 2, 32, 16),                   # non-ASCII UTF-8
    ("", 64, 1, 1, 32, 16),                                 # empty password
    ("a" * 128, 128, 2, 1, 64, 16),                         # long password, 64-byte tag
    ("odd memory", 19457, 1, 1, 32, 16),                    # m not a multiple of 4p
    ("odd memory lanes", 1001, 2, 3, 16, 16),               # m' = 996 with p=3, short tag
    ("long tag", 32, 1, 1, 100, 16),                        # tag > 64 bytes exercises H' chaining
    ("tiny tag", 16, 1, 2, 4, 12),                          # minimum tag length
]


def main() -> None:
    entries = []
    for index, (password, m, t, p, tag, salt_len) in enumerate(CASES):
        salt = bytes((index * 31 + i * 7) & 0xFF for i in range(salt_len))
        phc = hash_secret(password.encode("utf-8"), salt, time_cost=t, memory_cost=m,
                          parallelism=p, hash_len=tag, type=Type.ID).decode("ascii")
        entries.append({"password": password, "phc": phc})
    generator = f"argon2-cffi {version('argon2-cffi')}, argon2-cffi-bindings {version('argon2-cffi-bindings')}"
    json.dump({"generator": generator,
               "entries": entries}, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
