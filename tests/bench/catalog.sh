#!/usr/bin/env bash
# Benchmark: a catalog of N generated exercises (default 10000), timed for
# `list`, `check`, `show` and `smoke`. Prints numbers; asserts nothing.
set -eu
review=${1:-build/review}
count=${2:-10000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" "$count" <<'PY'
import os, sys
dir, count = sys.argv[1], int(sys.argv[2])
for n in range(count):
    track = "track-%02d" % (n % 40)
    os.makedirs(os.path.join(dir, track), exist_ok=True)
    code = "\n".join("    total += item.price * %d  # line %d" % (i, i) for i in range(40))
    with open(os.path.join(dir, track, "exercise-%05d.md" % n), "w") as f:
        f.write(f"""---
title: "Generated exercise {n}"
difficulty: Medium
language: python
track: {track}
track_level: {n % 7 + 1}
track_order: {n}
tags: [generated, bench]
context: "A *generated* exercise with `code` and a [link](https://example.com)."
code: |
  def total(items):
      total = 0
      for item in items:
{chr(10).join('  ' + l for l in code.split(chr(10)))}
      return total
issues:
  - {{id: i1, text: "The loop is quadratic", is_real: false, explanation: "It is linear."}}
  - {{id: i2, text: "Float money", is_real: true, severity: bug, points: 3, lines: [5], explanation: "Use **Decimal**."}}
  - {{id: i3, text: "Shadowed name", is_real: true, severity: minor, points: 1, lines: 2}}
hints: ["Money.", "Floats."]
---
Review the function.
""")
PY
bytes=$(du -sh "$dir" | cut -f1)
echo "catalog: $count exercises, $bytes, $(nproc) cores"
time_it() {
	local label=$1; shift
	local start end
	start=$(date +%s.%N)
	"$@" >/dev/null 2>&1 || true
	end=$(date +%s.%N)
	printf '%-28s %6.3f s\n' "$label" "$(echo "$end - $start" | bc)"
}
time_it "review list" "$review" --exercises "$dir" list
time_it "review list --format json" "$review" --exercises "$dir" list --format json
time_it "review check" "$review" --exercises "$dir" check
time_it "review show (one of N)" "$review" --exercises "$dir" show exercise-09999
time_it "review smoke" "$review" smoke "$dir"
