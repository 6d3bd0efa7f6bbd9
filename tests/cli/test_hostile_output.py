#!/usr/bin/env python3
"""No text from a file or the command line reaches a stream raw, on any path.

Builds a catalog whose titles, ids, paths, folder names, tags, tracks, YAML keys
and values hold OSC and CSI sequences, C1 controls (as UTF-8), bidi overrides and
isolates, newlines and tabs; then runs every verb in every format, and the error
paths (unknown words, ambiguous prefixes, usage errors with hostile arguments,
missing files), under a UTF-8 and an ASCII locale. Every stdout and stderr is
scanned for raw control, C1 and bidi characters and for lines forged by a
newline or split by a tab. Prints how many output paths were checked; any leak
fails the test."""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

REVIEW = os.environ["REVIEW_BIN"]

# What a hostile file or argument carries. FORGED and TABBED mark text that a
# raw newline or tab would move to the start of a line or split off.
OSC = "\x1b]0;pwned\x07\x1b]52;c;cHduZWQ=\x07"
CSI = "\x1b[2J\x1b[31m\x1b[6n"
C1 = "\u0085\u009b\u0090\u009d"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
BREAK = "\nFORGED\tTABBED\r"
EVIL = OSC + CSI + C1 + BIDI + BREAK


def yaml_quoted(text):
    """A YAML double-quoted scalar holding text (escapes for every control)."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif code < 0x20 or 0x7F <= code <= 0x9F or 0x2000 <= code <= 0x206F:
            out.append("\\u%04x" % code)
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def exercise(title, ext_id=None, extra=""):
    q = yaml_quoted
    lines = ["---"]
    if ext_id:
        lines.append("id: " + ext_id)
    lines += [
        "title: " + q(title),
        "language: " + q("py" + EVIL),
        "track: " + q("track" + EVIL),
        "track_level: 1",
        "difficulty: Easy",
        "tags: [" + q("tag" + EVIL) + ", plain]",
        "context: " + q("Context " + OSC + CSI + C1 + BIDI),
        "code: " + q("x = 1 " + OSC + "\n" + CSI + C1 + BIDI + "\ny = 2"),
        "issues:",
        "  - id: " + q("i1" + EVIL),
        "    text: " + q("Candidate " + OSC + C1 + BIDI),
        "    is_real: true",
        "    severity: bug",
        "    points: 2",
        "    explanation: " + q("Because " + CSI + BIDI),
        "    lines: [1]",
        "  - id: i2",
        "    text: plain",
        "    is_real: false",
        "hints: [" + q("Hint " + OSC + C1) + "]",
    ]
    lines += extra.splitlines()
    lines += ["---", "", "Body " + OSC + CSI + C1 + BIDI + "\nFORGED? no: a body may span lines.", ""]
    return "\n".join(lines)


def build_catalog(root):
    folder = os.path.join(root, "cat" + OSC + C1 + BIDI + "\nFORGED")
    os.makedirs(folder)
    files = {
        # valid, with a hostile title and file name
        "good" + OSC + C1 + BIDI + BREAK + ".md": exercise("Good " + EVIL, "good1"),
        "second.md": exercise("Second " + EVIL, "good2"),
        # two ids sharing a prefix, for an ambiguous lookup
        "amb1.md": exercise("Amb one " + EVIL, "amb1"),
        "amb2.md": exercise("Amb two " + EVIL, "amb2"),
        # invalid: a hostile id, unknown keys, a bad severity and difficulty
        "bad" + CSI + BIDI + ".md": exercise(
            "Bad " + EVIL, yaml_quoted("id" + EVIL),
            yaml_quoted("key" + EVIL) + ": 1\n" + yaml_quoted("severty" + BREAK) + ": x"),
        # the same id twice, in files with hostile names
        "dup" + OSC + BREAK + ".md": exercise("Dup " + EVIL, "dupid"),
        "dup2" + C1 + BIDI + ".md": exercise("Dup two " + EVIL, "dupid"),
        # warnings only: unknown keys
        "warn.md": exercise("Warn " + EVIL, "warn1", yaml_quoted("unknown" + EVIL) + ": 1"),
        # a raw escape where YAML forbids it, and a bad difficulty value
        "raw.md": "---\ntitle: a\x1b[31m\ndifficulty: " + yaml_quoted("hard" + EVIL) + "\n---\n",
    }
    for name, text in files.items():
        with open(os.path.join(folder, name), "w", encoding="utf-8") as handle:
            handle.write(text)
    sub = os.path.join(folder, "sub" + CSI + BREAK)
    os.makedirs(sub)
    with open(os.path.join(sub, "deep.md"), "w", encoding="utf-8") as handle:
        handle.write(exercise("Deep " + EVIL, "deep1"))
    return folder


SGR = re.compile(rb"\x1b\[[0-9;]*m")
LEAKS = [
    ("raw C0 control or DEL", re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]")),
    ("raw C1 control", re.compile(rb"\xc2[\x80-\x9f]")),
    ("raw bidi control", re.compile(rb"\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xd8\x9c")),
    ("line forged by a newline", re.compile(rb"(^|\n)[ \t]*FORGED(?!\? no)")),
    ("line split by a tab", re.compile(rb"\tTABBED")),
]


def scan(data, styled):
    problems = []
    if styled:
        data = SGR.sub(b"", data)
    for what, pattern in LEAKS:
        found = pattern.search(data)
        if found:
            start = max(found.start() - 40, 0)
            problems.append("%s: %r" % (what, data[start:found.end() + 20]))
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append("invalid UTF-8: %r" % data[max(error.start - 20, 0):error.end + 20])
    return problems


def check_format(args, out):
    fmt = None
    for i, arg in enumerate(args):
        if arg == "--format" and i + 1 < len(args):
            fmt = args[i + 1]
    if fmt == "json" and out.strip():
        json.loads(out.decode("utf-8"))
    if fmt == "junit" and out.strip():
        ET.fromstring(out)


def main():
    root = tempfile.mkdtemp(prefix="review-hostile-")
    checked = 0
    leaks = []
    try:
        folder = build_catalog(root)
        good = [os.path.join(folder, n) for n in os.listdir(folder) if n.startswith("good")][0]
        bad = [os.path.join(folder, n) for n in os.listdir(folder) if n.startswith("bad")][0]
        missing = os.path.join(root, "missing" + EVIL + ".md")
        answers = os.path.join(root, "answers" + OSC + ".yaml")
        with open(answers, "w", encoding="utf-8") as handle:
            handle.write("i1" + "x" + ": " + yaml_quoted("bug" + EVIL) + "\n" + yaml_quoted("k" + EVIL) + ": real\n")
        hostile_export = os.path.join(root, "hostile" + CSI + ".json")
        bad_export = os.path.join(root, "bad" + OSC + ".json")
        attempt = {"exercise_id": EVIL, "content_hash": EVIL, "rule_version": 2, "started_at": None,
                   "submitted_at": "2020-01-01T00:00:00Z", "hints": 0, "score_tenths": 0, "max": 1,
                   "passed": False, "picks": {EVIL: "bug"}, "flags": None, "find": None}
        good_attempt = dict(attempt, exercise_id="good1", picks={"i1": "bug", EVIL: "minor"})
        with open(hostile_export, "w", encoding="utf-8") as handle:
            json.dump({"format": "review-export", "version": 1, "learner": EVIL,
                       "exported_at": "2020-01-01T00:00:00Z", "attempts": [attempt, good_attempt]}, handle)
        with open(bad_export, "w", encoding="utf-8") as handle:
            json.dump({"format": "review-export", "version": 1, "learner": EVIL,
                       "attempts": [dict(attempt, submitted_at=EVIL, picks={EVIL: EVIL}, flags=[EVIL],
                                         find={EVIL: 1})]}, handle)
        state = os.path.join(root, "state.db")
        env = dict(os.environ, NO_COLOR="", HOME=root, XDG_CACHE_HOME=os.path.join(root, "cache"),
                   XDG_STATE_HOME=os.path.join(root, "state"), REVIEW_STATE=state, TERM="xterm")
        env.pop("REVIEW_PATH", None)
        base = ["--exercises", folder]
        runs = []

        def add(*args, styled=False, stdin=b""):
            runs.append((list(args), styled, stdin))

        for fmt in ("text", "json"):
            add(*base, "list", "--format", fmt)
            add(*base, "list", "--format", fmt, "--track", "track" + EVIL)
            add(*base, "list", "--format", fmt, "--tag", "tag" + EVIL)
            add(*base, "progress", "--format", fmt)
            add(*base, "progress", "--format", fmt, "--track", "track" + EVIL)
            for exercise_arg in ("good1", good, "deep1"):
                add(*base, "show", exercise_arg, "--format", fmt)
                add(*base, "show", exercise_arg, "--key", "--format", fmt)
                add(*base, "grade", exercise_arg, "--answer", "i2=not-real", "--format", fmt)
                add(*base, "grade", exercise_arg, "--answers", answers, "--format", fmt)
            add(*base, "grade", "good1", "--answer", EVIL + "=bug", "--format", fmt)
            add(*base, "grade", "good1", "--answer", "i2=" + EVIL, "--format", fmt)
            add(*base, "grade", "good1", "--hints", EVIL, "--format", fmt)
            add(*base, "grade", "good1", "--answers", missing, "--format", fmt)
            add(*base, "show", bad, "--format", fmt)
            add(*base, "show", "nosuch" + EVIL, "--format", fmt)
            add(*base, "show", "amb", "--format", fmt)
            add(*base, "show", "dupid", "--format", fmt)
        for fmt in ("text", "json", "junit", "tap", "github"):
            add(*base, "check", "--format", fmt)
            add(*base, "check", "--strict", "--format", fmt)
            add("check", folder, bad, "--format", fmt)
            add("check", missing, "--format", fmt)
            add(*base, "smoke", "--format", fmt)
            add("smoke", folder, good, "--format", fmt)
            add("smoke", missing, "--format", fmt)
        add(*base, "--color=always", "list", styled=True)
        add(*base, "--color=always", "show", "good1", "--key", styled=True)
        add(*base, "--color=always", "check", styled=True)
        add(*base, "--color=always", "smoke", styled=True)
        add(*base, "--color=always", "progress", styled=True)
        add(*base, "--color=always", "grade", "good1", "--answer", "i2=not-real", styled=True)
        add(*base, "reset", "good1", "--yes")
        add(*base, "reset", "good1")
        add(*base, "reset", "nosuch" + EVIL, "--yes")
        add(*base, "reset", "amb", "--yes")
        add(*base, "reset", "--all", "--yes")
        add(*base, "reset", "--all", EVIL)
        add(*base, "preview", "good1")
        add(*base, "preview", "nosuch" + EVIL)
        add(*base, "good1")
        add(*base)
        # unknown words, ambiguous prefixes, near misses of ids and verbs
        add(*base, "nosuch" + EVIL)
        add(*base, "amb")
        add(*base, "goo")
        add(*base, "good2x")
        add(*base, "lsit")
        add(*base, "dupid")
        add(*base, "--", "good1")
        # usage errors echoing hostile arguments
        for verb in ("list", "show", "check", "grade", "smoke", "progress", "reset", "preview"):
            add(*base, verb, "--" + EVIL)
            add(*base, verb, "--format", EVIL)
            add(*base, verb, EVIL, EVIL)
            add(*base, "help", verb)
        add(*base, "help", EVIL)
        add(*base, "--" + EVIL)
        add(*base, "-" + EVIL)
        add(*base, "--color", EVIL, "list")
        add("--exercises", missing, "list")
        add("--exercises", missing, "show", "x")
        add("--state", os.path.join(root, EVIL, "state.db"), *base, "progress")
        add("--exercises", folder, "--exercises", missing, "check")
        add(*base, "list", "--track")
        add(*base, "show")
        add(*base, "--order", EVIL, "list")
        add(*base, "--seed", EVIL, "show", "good1")
        add(*base, "--order", "shuffled", "--seed", "7", "show", "good1", "--key")
        add(*base, "--order", "shuffled", "--seed", "7", "grade", "good1", "--answer", "i2=not-real")
        add(*base, "grade", "good1", "--flag", EVIL, "--answer", "i2=not-real")
        add(*base, "grade", "good1", "--flag", "1:" + EVIL, "--answer", "i2=not-real")
        add(*base, "show", "good1", "--width", EVIL)
        # the class loop: attempts saved, exported with a hostile learner, imported, reported
        add(*base, "grade", "good1", "--answer", "i2=not-real", "--flag", "1", "--save")
        add(*base, "grade", "deep1", "--answer", "i2=bug", "--save")
        export = os.path.join(root, "export" + OSC + ".json")
        add(*base, "export", "--learner", EVIL, "--output", export)
        add(*base, "export", "--learner", EVIL)
        add(*base, "export", "--output", os.path.join(root, EVIL, "x.json"))
        add(*base, "import", export)
        add(*base, "import", missing)
        add(*base, "import", hostile_export)
        add(*base, "import", bad_export)
        for fmt in ("text", "json", "csv"):
            add(*base, "report", "--format", fmt, export, hostile_export)
            add(*base, "report", "--format", fmt, bad_export)
        add(*base, "report", "--format", EVIL, export)
        add(*base, "completion", "bash")
        add(*base, "completion", "zsh")
        add(*base, "completion", EVIL)
        for verb in ("export", "import", "report", "completion"):
            add(*base, verb, "--" + EVIL)
            add(*base, "help", verb)

        for locale in ("C.UTF-8", "C"):
            for args, styled, stdin in runs:
                run_env = dict(env, LC_ALL=locale)
                if styled:
                    run_env.pop("NO_COLOR")
                result = subprocess.run([REVIEW] + args, input=stdin, capture_output=True, env=run_env,
                                        timeout=60)
                shown = " ".join(repr(a) if any(ord(c) < 32 for c in a) else a for a in args)
                if b"Sanitizer" in result.stderr or b"runtime error:" in result.stderr:
                    leaks.append("%s: sanitizer report: %r" % (shown, result.stderr[-600:]))
                if result.returncode not in (0, 1, 2):
                    leaks.append("%s: exit %d (%s)" % (shown, result.returncode, result.stderr[-300:]))
                for name, data in (("stdout", result.stdout), ("stderr", result.stderr)):
                    checked += 1
                    for problem in scan(data, styled):
                        leaks.append("%s [%s, %s]: %s" % (shown, locale, name, problem))
                try:
                    check_format(args, result.stdout)
                except (ValueError, ET.ParseError) as error:
                    leaks.append("%s [%s]: output does not parse: %s" % (shown, locale, error))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    for leak in leaks[:40]:
        print("LEAK:", leak, file=sys.stderr)
    print("%d output paths checked, %d leaks" % (checked, len(leaks)))
    return 1 if leaks else 0


if __name__ == "__main__":
    sys.exit(main())
