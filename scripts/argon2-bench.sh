#!/usr/bin/env bash
# Compares the Swift Argon2id (argon2-bench, release build) with argon2-cffi's C implementation
# at the same parameters and prints median ms/hash and the swift/reference ratio.
#
# Usage: scripts/argon2-bench.sh [runs-per-round] [rounds]
# Both benchmarks run `rounds` times, alternating, and the lowest median of each is kept, so a
# noisy neighbour on a shared machine penalises neither side more than the other.
# Needs: swift, python3 with argon2-cffi (pip install argon2-cffi).
set -euo pipefail

RUNS="${1:-15}"
ROUNDS="${2:-3}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# The benchmark executable is "argon2-bench" in the standalone package; a host package may
# name it differently (set ARGON2_BENCH_PRODUCT).
PRODUCT="${ARGON2_BENCH_PRODUCT:-}"
if [[ -z "$PRODUCT" ]]; then
    for candidate in argon2-bench Argon2Bench; do
        if grep -q "\"$candidate\"" Package.swift; then PRODUCT="$candidate"; break; fi
    done
fi
[[ -n "$PRODUCT" ]] || { echo "no Argon2 benchmark product in Package.swift; set ARGON2_BENCH_PRODUCT" >&2; exit 1; }
swift build -c release --product "$PRODUCT" >/dev/null
BIN="$(swift build -c release --show-bin-path)/$PRODUCT"

python3 - <<'PY'
from importlib.metadata import version
import pathlib, subprocess
import _argon2_cffi_bindings as b
so = next(pathlib.Path(b.__file__).parent.glob("_ffi*.so"))
try:
    asm = subprocess.run(["objdump", "-d", str(so)], capture_output=True, text=True).stdout
    kind = "SSE2-optimized opt.c (pmuludq in the binary)" if "pmuludq" in asm else "portable ref.c"
except FileNotFoundError:
    kind = "unknown (objdump missing)"
print(f"reference: argon2-cffi {version('argon2-cffi')}, bindings {version('argon2-cffi-bindings')}, backend {kind}")
PY

declare -A SWIFT REF
best() {  # best <current-or-empty> <candidate>
    if [[ -z "$1" ]]; then echo "$2"; else awk -v a="$1" -v b="$2" 'BEGIN { print (b < a ? b : a) }'; fi
}
for _ in $(seq "$ROUNDS"); do
    while read -r m t p median _; do
        key="$m $t $p"; SWIFT[$key]="$(best "${SWIFT[$key]:-}" "${median#median_ms=}")"
    done < <("$BIN" "$RUNS")
    while read -r m t p median; do
        key="$m $t $p"; REF[$key]="$(best "${REF[$key]:-}" "${median#median_ms=}")"
    done < <(python3 scripts/argon2_reference_bench.py "$RUNS")
done

printf '%-22s %12s %16s %8s\n' "parameters" "swift ms" "reference ms" "ratio"
for key in "m=19456 t=2 p=1" "m=65536 t=3 p=4"; do
    printf '%-22s %12s %16s %8s\n' "$key" "${SWIFT[$key]}" "${REF[$key]}" \
        "$(awk -v s="${SWIFT[$key]}" -v r="${REF[$key]}" 'BEGIN { printf "%.2f", s / r }')"
done
