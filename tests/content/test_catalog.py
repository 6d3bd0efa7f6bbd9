"""The rules of issue 6 that a program can check, over the whole bundled catalog.

Reads every exercise through the built binary (see catalog.py), checks counts,
tracks, ids, candidates, hints and the q7x2 streaming exercise, then requires
`review check --strict` and `review smoke` to pass on exercises/. Every breach
is listed, not only the first; the exit status is 1 when there is any.
"""

import difflib
import glob
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from catalog import Review, code_lines, line_numbers  # noqa: E402

MIN_EXERCISES = 40
MIN_TRACKS = 6
MIN_LANGUAGES = 8
CODE_LINES = (15, 80)
CANDIDATES = (4, 8)
HINTS = (2, 3)
DIFFICULTIES = {"Easy", "Medium", "Hard"}
SEVERITIES = {"bug", "warning", "minor"}
MARKDOWN_LIMIT = 8 * 1024
STREAMING_ID = "q7x2"
# What the streaming exercise must contain: (description, pattern over its code).
STREAMING_PARTS = [
    ("a Kafka source", r"readStream[\s\S]*format\(\s*[\"']kafka[\"']"),
    ("a watermark", r"withWatermark\("),
    ("a windowed aggregation", r"window\([\s\S]*\.agg\(|groupBy\([^)]*window\("),
    ("a join", r"\.join\("),
    ("a file sink", r"writeStream[\s\S]*format\(\s*[\"'](parquet|json|csv|orc|text|delta)[\"']"),
    ("a checkpoint", r"checkpointLocation"),
]
ID_LINE = re.compile(r"^id:[ \t]*([\"']?)([^\"'\s#]*)\1[ \t]*(#.*)?$", re.M)


class Findings:
    def __init__(self):
        self.items = []

    def add(self, where, message):
        self.items.append("%s: %s" % (where, message))


def front_matter(path):
    with open(path, encoding="utf-8-sig") as handle:
        text = handle.read().replace("\r\n", "\n")
    parts = text.split("\n---\n", 1)
    return parts[0] if parts[0].startswith("---") else ""


def relative(path):
    return os.path.relpath(path, os.environ.get("SOURCE_DIR", "."))


def where(exercise):
    return "%s (%s)" % (relative(exercise["path"]), exercise.get("id"))


def check_explicit_id(exercise, findings, seen):
    """The id must be written in the file, 4 characters of a-z0-9, and unique."""
    match = ID_LINE.search(front_matter(exercise["path"]))
    if not match:
        findings.add(where(exercise), "no explicit top-level `id:` in the front matter")
        return
    written = match.group(2)
    if not re.fullmatch(r"[a-z0-9]{4}", written):
        findings.add(where(exercise), "id %r is not exactly 4 characters of a-z0-9" % written)
    if written != exercise["id"]:
        findings.add(where(exercise), "the loader reports id %r, the file says %r"
                     % (exercise["id"], written))
    if written in seen:
        findings.add(where(exercise), "id %r is also used by %s" % (written, seen[written]))
    seen[written] = relative(exercise["path"])


def check_shape(exercise, findings):
    here = where(exercise)
    lines = len(code_lines(exercise))
    if not CODE_LINES[0] <= lines <= CODE_LINES[1]:
        findings.add(here, "code has %d lines, expected %d to %d" % ((lines,) + CODE_LINES))
    hints = exercise.get("hints") or []
    if not HINTS[0] <= len(hints) <= HINTS[1]:
        findings.add(here, "%d hints, expected %d or %d" % ((len(hints),) + HINTS))
    if not (exercise.get("prompt") or "").strip():
        findings.add(here, "the prompt body after the front matter is empty")
    if exercise.get("difficulty") not in DIFFICULTIES:
        findings.add(here, "difficulty %r is not one of Easy, Medium, Hard" % exercise.get("difficulty"))
    if not exercise.get("track"):
        findings.add(here, "no track")
    if (exercise.get("track_level") or 0) < 1:
        findings.add(here, "track_level %r, expected 1 or more" % exercise.get("track_level"))
    if exercise.get("track_order") is None or exercise["track_order"] < 0:
        findings.add(here, "no track_order")
    if (exercise.get("language") or "text") == "text":
        findings.add(here, "no language")
    fields = [("context", exercise.get("context")), ("prompt", exercise.get("prompt"))]
    fields += [("hint %d" % (i + 1), hint) for i, hint in enumerate(hints)]
    for name, value in fields:
        size = len((value or "").encode("utf-8"))
        if size >= MARKDOWN_LIMIT:
            findings.add(here, "%s is %d bytes, over 8 KiB" % (name, size))


def check_candidates(exercise, findings, severities):
    here = where(exercise)
    issues = exercise.get("issues") or []
    if not CANDIDATES[0] <= len(issues) <= CANDIDATES[1]:
        findings.add(here, "%d candidates, expected %d to %d" % ((len(issues),) + CANDIDATES))
    if not any(issue.get("is_real") is False for issue in issues):
        findings.add(here, "no candidate is a distractor (is_real: false)")
    for issue in issues:
        label = "%s candidate %s" % (here, issue.get("id"))
        explanation = (issue.get("explanation") or "").strip()
        if not explanation:
            findings.add(label, "no explanation")
        elif len(explanation.encode("utf-8")) >= MARKDOWN_LIMIT:
            findings.add(label, "explanation over 8 KiB")
        if issue.get("is_real"):
            severities.add(issue.get("severity"))
            if not line_numbers(issue.get("lines")):
                findings.add(label, "a real candidate without `lines`")


def check_tracks(exercises, findings):
    levels = {}
    for exercise in exercises:
        if exercise.get("track"):
            levels.setdefault(exercise["track"], set()).add(exercise.get("track_level"))
    if len(levels) < MIN_TRACKS:
        findings.add("catalog", "%d tracks, expected at least %d" % (len(levels), MIN_TRACKS))
    for track, used in sorted(levels.items()):
        expected = set(range(1, max(used) + 1))
        if used != expected:
            findings.add("track " + track, "levels %s do not climb from 1 without gaps"
                         % sorted(used))


def check_catalog_wide(exercises, findings, severities):
    if len(exercises) < MIN_EXERCISES:
        findings.add("catalog", "%d exercises, expected at least %d" % (len(exercises), MIN_EXERCISES))
    languages = {exercise.get("language") for exercise in exercises} - {None, "text"}
    if len(languages) < MIN_LANGUAGES:
        findings.add("catalog", "%d languages (%s), expected at least %d"
                     % (len(languages), ", ".join(sorted(languages)), MIN_LANGUAGES))
    difficulties = {exercise.get("difficulty") for exercise in exercises}
    for missing in sorted(DIFFICULTIES - difficulties):
        findings.add("catalog", "no exercise is %s" % missing)
    for missing in sorted(SEVERITIES - severities):
        findings.add("catalog", "no real candidate has severity %s" % missing)
    check_tracks(exercises, findings)


def specimen_code(source_dir):
    for path in glob.glob(os.path.join(source_dir, "..", "shared", "seeds", "000_*.txt")):
        text = front_matter(path)
        match = re.search(r"^code: \|\n((?:  .*\n|\n)+)", text + "\n", re.M)
        if match:
            return "\n".join(line[2:] for line in match.group(1).split("\n"))
    return None


def check_streaming(exercises, findings, source_dir):
    found = [exercise for exercise in exercises if exercise["id"] == STREAMING_ID]
    if not found:
        findings.add("catalog", "no exercise with id %s (the README's first example)" % STREAMING_ID)
        return
    exercise = found[0]
    here = where(exercise)
    track = (exercise.get("track") or "").lower()
    if "spark" not in track or "stream" not in track:
        findings.add(here, "track %r is not a Spark streaming track" % exercise.get("track"))
    if exercise.get("language") not in ("python", "scala"):
        findings.add(here, "language %r, expected python or scala" % exercise.get("language"))
    code = exercise.get("code") or ""
    for part, pattern in STREAMING_PARTS:
        if not re.search(pattern, code):
            findings.add(here, "the job has no %s" % part)
    specimen = specimen_code(source_dir)
    if specimen is not None:
        ratio = difflib.SequenceMatcher(None, specimen, code).ratio()
        if ratio > 0.6:
            findings.add(here, "code is %.0f%% similar to the specimen in shared/seeds" % (ratio * 100))


def check_verbs(review, findings):
    strict = review.run_plain("check", "--strict", review.exercises)
    if strict.returncode != 0:
        findings.add("review check --strict exercises",
                     "exit %d\n%s%s" % (strict.returncode, strict.stdout, strict.stderr))
    smoke = review.run_plain("smoke", review.exercises)
    if smoke.returncode != 0:
        reason = "the smoke verb is not available yet; " if "not available yet" in smoke.stderr else ""
        findings.add("review smoke exercises", "%sexit %d\n%s%s" % (
            reason, smoke.returncode, smoke.stdout[-4000:], smoke.stderr[-4000:]))


def main():
    review = Review()
    exercises = review.catalog()
    findings = Findings()
    severities = set()
    seen_ids = {}
    for exercise in exercises:
        check_explicit_id(exercise, findings, seen_ids)
        check_shape(exercise, findings)
        check_candidates(exercise, findings, severities)
    check_catalog_wide(exercises, findings, severities)
    check_streaming(exercises, findings, review.source_dir)
    check_verbs(review, findings)

    tracks = {exercise.get("track") for exercise in exercises}
    languages = {exercise.get("language") for exercise in exercises}
    print("%d exercises, %d tracks, %d languages" % (len(exercises), len(tracks), len(languages)))
    if findings.items:
        print("%d problems:" % len(findings.items))
        for item in findings.items:
            print("  " + item.replace("\n", "\n    "))
        return 1
    print("catalog ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
