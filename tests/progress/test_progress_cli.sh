#!/usr/bin/env bash
# review progress and review reset over a temporary catalog and state store: JSON
# keys and values, text statuses, the faults a store can have (damaged, newer,
# unwritable, read-only, hand-edited, not a store at all), and reset's
# confirmation on a real terminal (a pty) and without one. The store is made and
# filled as a schema-2 session left it, through python3's sqlite3 (a newer review
# migrates it on first use).
set -u
source "$(dirname "$0")/../cli/lib.sh"

# json_check PYTHON-EXPRESSIONS...: each must be true of d = the JSON on stdout.
json_check() {
	python3 - "$T/out" "$@" <<'EOF' || fail "JSON check failed"
import json, sys
d = json.load(open(sys.argv[1]))
ex = {e["id"]: e for e in d["exercises"]}
tr = {t["track"]: t for t in d["tracks"]}
bad = [c for c in sys.argv[2:] if not eval(c)]
for c in bad:
    print("  false:", c, file=sys.stderr)
if bad:
    print(json.dumps(d, indent=1), file=sys.stderr)
sys.exit(1 if bad else 0)
EOF
}

exercise() { # exercise FILE ID TITLE TRACK
	local track_line=""
	[ -n "$4" ] && track_line="track: $4"
	cat >"$1" <<EOF
---
id: $2
title: "$3"
$track_line
code: |
  int main(void) { return 0; }
issues:
  - id: i1
    text: returns zero
    is_real: true
    severity: bug
    points: 10
  - id: i2
    text: takes no arguments
    is_real: false
hints:
  - Look at main.
---
Review it.
EOF
}

mkdir -p "$T/cat"
exercise "$T/cat/alpha.md" alpha1 "Alpha" t1
exercise "$T/cat/beta.md" beta22 "Beta \\e[31mred" t1
exercise "$T/cat/gamma.md" gamma3 "Gamma" ""
exercise "$T/cat/delta.md" delta4 "Delta" t2
STATE="$T/state/sub/state.db"
R=(--exercises "$T/cat" --state "$STATE")

# A first run reads no store and creates none: everything is new.
run 0 "${R[@]}" progress --format json
json_check 'set(d) == {"tracks", "exercises", "find"}' 'd["find"] == {"found": 0, "findable": 0, "flags": 0, "hits": 0}' \
	'all(set(e) >= {"id", "title", "track", "status", "best_percent", "attempts", "last_attempt"} for e in d["exercises"])' \
	'all(set(t) == {"track", "passed", "passed_first_attempt", "total"} for t in d["tracks"])' \
	'all(e["status"] == "new" and e["attempts"] == 0 and e["best_percent"] is None and e["last_attempt"] is None for e in d["exercises"])' \
	'len(d["exercises"]) == 4' 'tr["t1"]["total"] == 2 and tr["t1"]["passed"] == 0' \
	'ex["gamma3"]["track"] is None and tr[None]["total"] == 1'
grep -q "state store" "$T/err" && fail "a missing store is no warning: $(cat "$T/err")"
[ -e "$T/state" ] && fail "progress, a reader, created $T/state"

# Fill the store as sessions would: hashes are FNV-1a 64 of each file's bytes.
mkdir -p "$(dirname "$STATE")"
python3 - "$STATE" "$T/cat" <<'EOF' || fail "could not fill the store"
import sqlite3, sys
def fnv(path):
    h = 0xcbf29ce484222325
    for b in open(path, "rb").read():
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h
db = sqlite3.connect(sys.argv[1])
db.executescript("""
PRAGMA application_id = 1382381175;
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE draft(exercise_id TEXT PRIMARY KEY, answers TEXT NOT NULL,
  hints_revealed INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  content_hash TEXT NOT NULL DEFAULT '', started_at INTEGER NOT NULL DEFAULT 0);
CREATE TABLE attempt(id INTEGER PRIMARY KEY, exercise_id TEXT NOT NULL,
  submitted_at INTEGER NOT NULL, answers TEXT NOT NULL, hints_revealed INTEGER NOT NULL,
  score_tenths INTEGER NOT NULL, max_points INTEGER NOT NULL, passed INTEGER NOT NULL,
  content_hash TEXT NOT NULL DEFAULT '', started_at INTEGER);
CREATE INDEX attempt_by_exercise ON attempt(exercise_id, submitted_at);
PRAGMA user_version = 2;
PRAGMA journal_mode = WAL;
""")
cat = sys.argv[2]
a, b, d = fnv(cat + "/alpha.md"), fnv(cat + "/beta.md"), fnv(cat + "/delta.md")
rows = [("alpha1", a, 100, 200, "i1=bug;i2=not-real", 1, 85, 10, 1),
        ("alpha1", a, 300, 1700000000, "i1=minor", 0, 50, 10, 0),
        ("beta22", b, 100, 200, "i1=not-real", 0, 40, 10, 0),
        ("ghost9", "", 100, 200, "i1=bug", 0, 100, 10, 1)]
db.executemany("INSERT INTO attempt(exercise_id, content_hash, started_at, submitted_at,"
               " answers, hints_revealed, score_tenths, max_points, passed)"
               " VALUES(?,?,?,?,?,?,?,?,?)", rows)
drafts = [("beta22", b, "i1=bug", 1), ("gamma3", "ffffffffffffffff", "i1=bug", 0),
          ("delta4", d, "i2=not-real", 0)]
db.executemany("INSERT INTO draft(exercise_id, content_hash, answers, hints_revealed,"
               " started_at, updated_at) VALUES(?,?,?,?,1,1)", drafts)
db.commit()
EOF

run 0 "${R[@]}" progress --format json
json_check 'ex["alpha1"]["status"] == "passed" and ex["alpha1"]["best_percent"] == 85.0' \
	'ex["alpha1"]["attempts"] == 2 and ex["alpha1"]["last_attempt"] == "2023-11-14T22:13:20Z"' \
	'ex["alpha1"]["best_score"] == 8.5 and ex["alpha1"]["max"] == 10' \
	'ex["beta22"]["status"] == "failed" and ex["beta22"]["best_percent"] == 40.0 and ex["beta22"]["draft"]' \
	'ex["gamma3"]["status"] == "changed"' 'ex["delta4"]["status"] == "in-progress"' \
	'tr["t1"]["passed"] == 1 and tr["t2"]["passed"] == 0' \
	'ex["alpha1"]["first_attempt_passed"] and not ex["beta22"]["first_attempt_passed"]' \
	'ex["gamma3"]["first_attempt_passed"] is False and tr["t1"]["passed_first_attempt"] == 1' \
	'"ghost9" not in ex' 'ex["beta22"]["title"] == "Beta \x1b[31mred"'
grep -q $'\x1b' "$T/out" && fail "raw ESC in JSON output"

run 0 "${R[@]}" progress
out_has "t1: passed 1 of 2, 1 at the first attempt"
out_has "passed 85%"
out_has "failed 40%"
out_has "in progress"
out_has "changed"
out_has "8.5/10"
out_has "passed 1 of 4 exercises, 1 at the first attempt (before seeing a result)"
grep -q $'\x1b' "$T/out" && fail "raw ESC in text output"

run 0 "${R[@]}" progress --track t2 --format json
json_check 'list(ex) == ["delta4"]' 'list(tr) == ["t2"]'

# REVIEW_STATE stands in for --state.
REVIEW_STATE="$STATE" "$REVIEW_BIN" --exercises "$T/cat" progress --format json >"$T/out" 2>"$T/err" ||
	fail "progress with REVIEW_STATE failed"
json_check 'ex["alpha1"]["status"] == "passed"'

# Usage errors and help.
run 2 "${R[@]}" progress --format xml
err_has "--format"
run 2 "${R[@]}" progress extra
run 2 "${R[@]}" progress --bogus
run 2 "${R[@]}" --no-save progress
err_has "--no-save"
run 0 "${R[@]}" progress --help
out_has "usage: review progress"

# A store that cannot be written is still read, by anyone allowed to read it:
# a read-only folder (no -wal or -shm can be made) and a read-only file, WAL and
# rollback journal. Without root's powers (as nobody when run as root).
as_reader() { # as_reader ARGS...: runs review without root's powers
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid=65534 --regid=65534 --clear-groups "$REVIEW_BIN" "$@" >"$T/out" 2>"$T/err" </dev/null
	else
		"$REVIEW_BIN" "$@" >"$T/out" 2>"$T/err" </dev/null
	fi
}
copy_store() { # copy_store FROM TO [JOURNAL]: a consistent copy through SQLite's backup
	python3 -c "import sqlite3,sys; s=sqlite3.connect(sys.argv[1]); d=sqlite3.connect(sys.argv[2]); s.backup(d); d.execute('PRAGMA journal_mode=' + sys.argv[3]); d.close()" "$1" "$2" "${3:-wal}"
}
chmod 755 "$T"
chmod -R a+rX "$T/cat"
for journal in wal delete; do
	mkdir -p "$T/ro-$journal"
	copy_store "$STATE" "$T/ro-$journal/state.db" "$journal"
	chmod 444 "$T/ro-$journal/state.db"
	chmod 555 "$T/ro-$journal"
	cp "$T/ro-$journal/state.db" "$T/ro.before"
	as_reader --exercises "$T/cat" --state "$T/ro-$journal/state.db" progress --format json ||
		fail "progress on a read-only $journal store exited $?: $(cat "$T/err")"
	json_check 'ex["alpha1"]["status"] == "passed" and ex["alpha1"]["attempts"] == 2' \
		'ex["beta22"]["status"] == "failed"' 'ex["delta4"]["status"] == "in-progress"'
	grep -q "state store" "$T/err" && fail "a read-only store is no warning for a reader: $(cat "$T/err")"
	cmp -s "$T/ro-$journal/state.db" "$T/ro.before" || fail "the read-only $journal store changed"
	[ "$(ls -A "$T/ro-$journal")" = state.db ] || fail "files made next to it: $(ls -A "$T/ro-$journal")"
	as_reader --exercises "$T/cat" --state "$T/ro-$journal/state.db" reset --all --yes
	grep -q "saving is off" "$T/err" || fail "reset on a read-only store: $(cat "$T/err")"
	cmp -s "$T/ro-$journal/state.db" "$T/ro.before" || fail "reset changed the read-only $journal store"
done

# Hand-edited values (negative, huge, text) are shown clamped, with one warning:
# the JSON stays valid, no "-2.-5", no date past year 9999.
copy_store "$STATE" "$T/edited.db"
python3 - "$T/edited.db" <<'EOF' || fail "could not edit the store"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE attempt SET score_tenths = -25, submitted_at = 9223372036854775807 WHERE exercise_id = 'beta22'")
db.execute("UPDATE attempt SET score_tenths = 'lots', max_points = 9223372036854775807 WHERE exercise_id = 'alpha1'")
db.commit()
EOF
run 0 --exercises "$T/cat" --state "$T/edited.db" progress --format json
json_check 'ex["beta22"]["best_score"] == 0 and ex["beta22"]["best_percent"] == 0' \
	'ex["beta22"]["last_attempt"] == "9999-12-31T23:59:59Z"' \
	'0 <= ex["alpha1"]["best_percent"] <= 100 and ex["alpha1"]["max"] == 1000000000'
err_has "out of range or not integers"
[ "$(grep -c "state store" "$T/err")" -eq 1 ] || fail "not one line about the store: $(cat "$T/err")"
run 0 --exercises "$T/cat" --state "$T/edited.db" progress
grep -q -- '-[0-9]*\.-' "$T/out" && fail "a negative score in text output: $(cat "$T/out")"
out_has "9999-12-31"

# A damaged store of ours: progress (a reader) says so and shows nothing saved,
# the file untouched; reset (a writer) moves it aside with one warning.
copy_store "$STATE" "$T/whole.db" delete
{ head -c 4096 "$T/whole.db"; printf 'this is not a database'; } >"$T/damaged.db"
cp "$T/damaged.db" "$T/damaged.before"
run 0 --exercises "$T/cat" --state "$T/damaged.db" progress --format json
err_has "damaged"
json_check 'all(e["status"] == "new" for e in d["exercises"])'
cmp -s "$T/damaged.db" "$T/damaged.before" || fail "progress changed a damaged store"
run 0 --exercises "$T/cat" --state "$T/damaged.db" reset --all --yes
err_has "moved aside"
[ "$(grep -c "state store" "$T/err")" -eq 1 ] || fail "not one line about the store: $(cat "$T/err")"
ls "$T"/damaged.db.corrupt-* >/dev/null 2>&1 || fail "no damaged.db.corrupt-* file"
cmp -s "$T"/damaged.db.corrupt-* "$T/damaged.before" || fail "corrupt copy changed"

# Issue 16: a mistyped --state naming a text file, another program's SQLite file
# (application_id 0 with a user_version), a link to /dev/null: exit 2 naming the
# path and what it is; nothing changed, nothing created next to it or in /dev.
mkdir "$T/notours"
printf 'my notes\n' >"$T/notours/notes.txt"
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA user_version=3'); c.execute('CREATE TABLE t(x)'); c.commit()" "$T/notours/other.db"
ln -s /dev/null "$T/notours/null.db"
cp "$T/notours/notes.txt" "$T/notours/other.db" "$T/"
for name in notes.txt other.db null.db; do
	for verb in progress "reset --all --yes"; do
		# shellcheck disable=SC2086
		run 2 --exercises "$T/cat" --state "$T/notours/$name" $verb
		err_has "$T/notours/$name is not a review state store"
		[ "$(grep -c "$T/notours" "$T/err")" -eq 1 ] || fail "not one line about it: $(cat "$T/err")"
	done
done
err_has "a device"
cmp -s "$T/notours/notes.txt" "$T/notes.txt" || fail "a text file named by --state changed"
cmp -s "$T/notours/other.db" "$T/other.db" || fail "another program's SQLite file changed"
[ "$(ls -A "$T/notours" | tr '\n' ' ')" = "notes.txt null.db other.db " ] ||
	fail "files made next to them: $(ls -A "$T/notours")"
for suffix in -journal -wal -shm; do
	[ -e "/dev/null$suffix" ] && fail "/dev/null$suffix was created"
done
REVIEW_STATE="$T/notours/notes.txt" "$REVIEW_BIN" --exercises "$T/cat" progress >"$T/out" 2>"$T/err"
[ $? = 2 ] || fail "REVIEW_STATE naming a text file: not exit 2"
err_has "not an SQLite database"

# A newer schema: an error, exit 2, the file byte for byte the same.
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA user_version=99'); c.commit()" "$T/newer.db"
cp "$T/newer.db" "$T/newer.before"
run 2 --exercises "$T/cat" --state "$T/newer.db" progress
err_has "newer"
cmp -s "$T/newer.db" "$T/newer.before" || fail "newer store was modified"
run 2 --exercises "$T/cat" --state "$T/newer.db" reset --all --yes
cmp -s "$T/newer.db" "$T/newer.before" || fail "newer store was modified by reset"

# An unwritable place (a path under a regular file: unwritable even for root):
# a warning, and progress shows everything as new.
touch "$T/plainfile"
run 0 --exercises "$T/cat" --state "$T/plainfile/state.db" progress --format json
err_has "will not be saved"
json_check 'all(e["status"] == "new" for e in d["exercises"])'
run 0 --exercises "$T/cat" --state "$T/plainfile/state.db" reset --all --yes
out_has "no progress saved yet"
# A folder is not a store: reset is an error and changes nothing.
run 2 --exercises "$T/cat" --state "$T/cat" reset --all --yes
err_has "is not a review state store (a folder)"

# ---- reset ----
run 0 "${R[@]}" reset --help
out_has "usage: review reset"
run 2 "${R[@]}" reset
run 2 "${R[@]}" reset alpha1 beta22 --yes
run 2 "${R[@]}" reset --all alpha1 --yes
run 2 "${R[@]}" reset nosuchthing --yes
run 2 "${R[@]}" --no-save reset alpha1 --yes
# No terminal and no --yes: refuse, touch nothing.
run 2 "${R[@]}" reset alpha1
err_has "--yes"
run 0 "${R[@]}" progress --format json
json_check 'ex["alpha1"]["attempts"] == 2'

run 0 "${R[@]}" reset alpha1 --yes
out_has "forgot 2 draft(s) and attempt(s) of alpha1"
run 0 "${R[@]}" progress --format json
json_check 'ex["alpha1"]["status"] == "new" and ex["alpha1"]["attempts"] == 0' \
	'ex["beta22"]["status"] == "failed"'
run 0 "${R[@]}" reset alpha1 --yes
out_has "nothing saved for alpha1"

# By path, and by the full id of an exercise no longer in the catalog.
run 0 "${R[@]}" reset "$T/cat/delta.md" --yes
out_has "forgot 1 draft(s)"
run 0 "${R[@]}" reset ghost9 --yes
out_has "forgot 1 draft(s) and attempt(s) of ghost9"

# On a terminal it asks; "n" keeps everything (exit 1), "y" resets.
pty_reset() { # pty_reset ANSWER EXERCISE: prints the exit status then the transcript
	python3 - "$REVIEW_BIN" "$1" "$2" "${R[@]}" <<'EOF'
import os, pty, sys
binary, answer, target, rest = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
pid, fd = pty.fork()
if pid == 0:
    os.execv(binary, [binary] + rest + ["reset", target])
seen = b""
def read_some():
    global seen
    try:
        chunk = os.read(fd, 1024)
    except OSError:
        return False
    seen += chunk
    return bool(chunk)
while b"[y/N]" not in seen and read_some():
    pass
os.write(fd, answer.encode() + b"\n")
while read_some():
    pass
_, status = os.waitpid(pid, 0)
print(os.WEXITSTATUS(status))
print(seen.decode("utf-8", "replace"))
EOF
}
transcript=$(pty_reset n beta22)
[ "$(head -n 1 <<<"$transcript")" = 1 ] || fail "answering n: $transcript"
case "$transcript" in *'Forget 1 attempt and the draft of "Beta ^[[31mred" (beta22)? [y/N]'*) ;;
*) fail "prompt not shown (or not sanitized): $transcript" ;; esac
case "$transcript" in *"nothing was reset"*) ;; *) fail "no 'nothing was reset': $transcript" ;; esac
run 0 "${R[@]}" progress --format json
json_check 'ex["beta22"]["attempts"] == 1'
transcript=$(pty_reset y beta22)
[ "$(head -n 1 <<<"$transcript")" = 0 ] || fail "answering y: $transcript"
run 0 "${R[@]}" progress --format json
json_check 'ex["beta22"]["status"] == "new"' 'ex["gamma3"]["status"] == "changed"'

transcript=$(pty_reset yes gamma3)
case "$transcript" in "0"*'Forget the draft of "Gamma" (gamma3)? [y/N]'*) ;;
*) fail "draft-only prompt: $transcript" ;; esac
run 0 "${R[@]}" progress --format json
json_check 'ex["gamma3"]["status"] == "new"'

# One draft left, of an exercise the catalog never had: --all takes it too.
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"INSERT INTO draft(exercise_id, content_hash, answers, hints_revealed, started_at, updated_at) VALUES('x1', '', '', 0, 1, 1)\"); c.commit()" "$STATE"
run 0 "${R[@]}" reset --all --yes
out_has "forgot 1 draft(s) and attempt(s)"
run 0 "${R[@]}" progress --format json
json_check 'all(e["status"] == "new" for e in d["exercises"])'

# Resetting with no store yet creates none.
run 0 --exercises "$T/cat" --state "$T/none/state.db" reset --all --yes
out_has "no progress saved yet"
[ -e "$T/none" ] && fail "reset created a store"

finish
