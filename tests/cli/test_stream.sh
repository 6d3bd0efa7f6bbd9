#!/usr/bin/env bash
# check and smoke take files from the walk as it finds them and keep only a
# hash of each id (issue 17, "flat"): ids shared by files far apart are still
# found, each reported against the first in path order, and what a second
# walk must give back (the paths of the colliding files) is right.
set -u
source "$(dirname "$0")/lib.sh"

export XDG_CACHE_HOME="$T/cache" HOME="$T/home"
# 5,000 files in 25 folders; file 1 and file 5,000 share the id "far", files
# 2,500 and 2,501 share "near"; every other id is derived from the file name.
python3 - "$T/c" <<'PY'
import os, sys
root = sys.argv[1]
body = ("title: T{n}\ncode: |\n  a\n  b\nissues:\n"
        "  - {{id: a, text: t, is_real: false}}\n"
        "  - {{id: r1, text: u, is_real: true, severity: bug, lines: 1}}\n"
        "  - {{id: d2, text: v, is_real: false}}\n"
        "  - {{id: r2, text: w, is_real: true, severity: minor, lines: 2}}\n---\n")
for n in range(1, 5001):
    folder = os.path.join(root, "f%02d" % ((n - 1) // 200))
    os.makedirs(folder, exist_ok=True)
    ident = {1: "far", 5000: "far", 2500: "near", 2501: "near"}.get(n)
    with open(os.path.join(folder, "e%05d.md" % n), "w") as f:
        f.write("---\n" + ("id: %s\n" % ident if ident else "") + body.format(n=n))
PY
first=$T/c/f00/e00001.md last=$T/c/f24/e05000.md
a=$T/c/f12/e02500.md b=$T/c/f12/e02501.md

run 1 check "$T/c"
out_has "$last:2:5: error: duplicate exercise id 'far': $first has it too"
out_has "$b:2:5: error: duplicate exercise id 'near': $a has it too"
out_has "5000 files, 2 errors, 0 warnings"
[ "$(grep -c duplicate "$T/out")" -eq 2 ] || fail "check: not exactly two duplicates: $(head -5 "$T/out")"

run 1 check "$T/c" --format junit
python3 -c '
import sys, xml.etree.ElementTree as ET
suite = ET.parse(sys.argv[1]).getroot()[0]
assert suite.get("tests") == "5000" and suite.get("failures") == "2", suite.attrib
names = [case.get("name") for case in suite]
assert names == sorted(names), "cases out of order"
' "$T/out" || fail "check junit: not 5000 cases in order with 2 failing"

run 1 smoke "$T/c"
out_has "5000 exercises, 4 failed"
out_has "the id 'far' is also used by $last"
out_has "the id 'far' is also used by $first"
out_has "the id 'near' is also used by $b"
out_has "the id 'near' is also used by $a"
head -1 "$T/out" | grep -qF "far T1" || fail "smoke: the first case is not file 1: $(head -1 "$T/out")"

# Two roots: the files of each root in turn, each file once; the same
# duplicates across roots (the id stays with the first path in strcmp order).
run 1 check "$T/c/f24" "$T/c/f00" "$T/c"
out_has "$last:2:5: error: duplicate exercise id 'far': $first has it too"
out_has "5000 files, 2 errors"
run 1 smoke "$T/c/f24" "$T/c"
out_has "5000 exercises, 4 failed"
head -1 "$T/out" | grep -qF "T4801" || fail "smoke: the first root's files do not come first: $(head -1 "$T/out")"

finish
