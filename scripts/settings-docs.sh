#!/usr/bin/env bash
# Rewrites the settings tables of README.md and docs/configuration.md from the one table they are
# made from (Sources/authd/Setting+Catalogue.swift), printed by `authd settings`. Run it after
# changing a setting; AuthdBinaryTests fails while a document and the binary disagree.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product authd >/dev/null
authd="$(swift build --show-bin-path)/authd"

replace() { # file format
    local file=$1 format=$2 table
    table=$("$authd" settings --format "$format")
    TABLE="$table" python3 - "$file" <<'PY'
import os, re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
begin, end = "<!-- settings: begin -->", "<!-- settings: end -->"
if begin not in text or end not in text:
    sys.exit(f"{path}: no {begin} … {end} block")
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(path, "w", encoding="utf-8").write(head + begin + "\n" + os.environ["TABLE"] + "\n" + end + tail)
PY
}
replace README.md readme
replace docs/configuration.md reference
echo "README.md and docs/configuration.md now show the settings of Sources/authd/Setting+Catalogue.swift"
