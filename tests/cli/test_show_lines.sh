#!/usr/bin/env bash
# show --format json gives `lines` in one shape: [[first, last], ...], a single
# line as [n, n] (it mixed numbers and "a-b" strings: ["11-13", 14]).
set -u
source "$(dirname "$0")/lib.sh"
cat >"$T/lines.md" <<'EOF'
---
id: lines
title: "Lines"
code: "a\nb\nc\nd\n"
issues:
  - { id: one, text: "one line", is_real: true, severity: bug, lines: 2 }
  - { id: mixed, text: "mixed", is_real: true, severity: minor, lines: [1, 2-4] }
  - { id: none, text: "none", is_real: false }
---
EOF
run 0 --no-save show "$T/lines.md" --key --format json
python3 - "$T/out" <<'EOF' || fail "lines are not [[first, last], ...]"
import json, sys
issues = {c["id"]: c for c in json.load(open(sys.argv[1]))["issues"]}
assert issues["one"]["lines"] == [[2, 2]], issues["one"]
assert issues["mixed"]["lines"] == [[1, 1], [2, 4]], issues["mixed"]
assert issues["none"]["lines"] == [], issues["none"]
EOF
finish
