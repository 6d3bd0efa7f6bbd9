"""The rules of docs/authoring.md (issue 12) that a program can check, over the catalog.

Reads every exercise through the built binary (see catalog.py), checks counts,
tracks, ids, candidates, hints, the neutral-prompt and neutral-title heuristics,
the guessing guard (rubric.py) and the q7x2 streaming exercise, then requires
`review check --strict` and `review smoke` to pass on exercises/. Every breach
is listed as `FILE (ID) [candidate ID]: [rule] message`, not only the first,
then a count per rule; the exit status is 1 when there is any.

With arguments (files or folders under exercises/), only those exercises are
checked and the catalog-wide rules (counts, shares, tracks, verbs) are skipped:
    REVIEW_BIN=build/review SOURCE_DIR=. python3 tests/content/test_catalog.py exercises/go-concurrency
"""

import collections
import difflib
import glob
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from catalog import Review, code_lines, line_numbers  # noqa: E402
import rubric  # noqa: E402

# ---- Targets: the one block the lead edits while the catalog grows ----------
MIN_EXERCISES = 120          # issue 12: 120+ exercises
MIN_TRACKS = 12              # 12+ tracks
MIN_LANGUAGES = 10           # 10+ languages
DISTRACTOR_SHARE = 0.80      # share of exercises with at least one not-real candidate
MIN_MOSTLY_DISTRACTORS = 3   # exercises where not-real candidates are the majority
GUARD_PERCENT = 70           # a blind answer reaching this fails the exercise
# -----------------------------------------------------------------------------

CODE_LINES = (15, 80)
CANDIDATES = (3, 10)
HINTS = (1, 4)
# A later hint may be this much shorter than the one before it (characters, or
# this fraction of the earlier hint, whichever is larger): a near-answer is often
# shorter and more specific ("Try `file:///proc/self/environ`"); a hint of a
# third of the one before is one that grew weaker.
HINT_SLACK_CHARS = 10
HINT_SLACK_SHARE = 0.40
# A title shares this many distinctive words with one real candidate's text
# (words that are in neither the code nor the context) before it is said to name the defect.
TITLE_SHARED_WORDS = 2
DIFFICULTIES = {"Easy", "Medium", "Hard"}
SEVERITIES = {"bug", "warning", "minor"}
MARKDOWN_LIMIT = 8 * 1024
STREAMING_ID = "q7x2"
# Phrases by which a title says what is wrong rather than what the code is.
TITLE_DEFECT = re.compile(
    r"\bbut no\b|\bthat (panic|leak|race|deadlock|crash|trust|forget|hold|lose|drop|block|"
    r"break|fail|ignore|skip|swallow)s?\b|\bthat never\b|\btoo (long|many|much|late|early|"
    r"short|often|big|small)\b|\b(is|are) (wrong|broken|unsafe|racy|leaky)\b", re.I)
# Defects whose severity is pinned catalog-wide (docs/authoring.md, "Severities"):
# a real candidate whose text matches is a bug, whatever the exercise.
PINNED_BUG = [
    ("injection", re.compile(r"\binjection\b|\binjects?\b|\binjected\b", re.I)),
    ("cross-site scripting", re.compile(r"\bxss\b|cross-site scripting", re.I)),
    ("an unhandled rejection that ends the process", re.compile(
        r"unhandled (promise )?rejection|crash(es)? the (node )?process|kills the process", re.I)),
    ("a leaked credential", re.compile(
        r"(credential|secret|password|private key|api key)s?\b.{0,60}\b(leak|logged|exposed|"
        r"committed|printed)|\bleak\w*\b.{0,60}\b(credential|secret|password|private key|api key)",
        re.I)),
    ("duplicated financial rows", re.compile(
        r"\bduplicat\w*\b.{0,60}\b(payment|invoice|charge|ledger|refund|transfer)s?\b|"
        r"\b(payment|invoice|charge|refund|transfer)s?\b.{0,40}\bduplicat", re.I)),
]
# Phrases that announce what the distractors are about, or that there are some.
ANNOUNCING = [
    re.compile(pattern, re.I) for pattern in (
        r"\b(some|several|a few|one|two|three|many|most) (of )?(the |these )?"
        r"(candidates?|claims?|suspicions?|worries|findings|suggestions)\b",
        r"\bmis(judge|read|understand|remember|state)s?\b",
        r"\bred herrings?\b",
        r"\bdistractors?\b",
        r"\bmyths?\b",
        r"\b(is|are) (in fact|actually|really) (fine|correct|right|safe|harmless|how)\b",
        r"\bnot (every|all)\b[^.]{0,60}\b(is|are) (a |an )?(mistake|problem|bug|issue|defect|wrong)",
        r"\bsome\b[^.]{0,40}\b(is|are) (cheap|fine|necessary|correct|harmless|safe|required|needed)\b",
        r"\b(is|are) not (needed|required|necessary)\b",
        # "rule out the races that the mutex prevents" names a topic; "rule out the
        # ones that do not hold" only says what every exercise has.
        r"\brule out\b(?! (the ones|the candidates|candidates|those|any) that (do not|don't) hold\b)",
        r"\b(do|does|no longer) (not )?(actually |really )?apply\b",
        r"\bonly (sounds?|looks?|seems?)\b",
        r"\bsounds? (plausible|right|convincing)\b",
        r"\b(folklore|unfounded|old wives)\b",
        r"\b(usual|classic|well-known|common|familiar) (\w+ )?(warnings?|worries|advice|rules?|myths?)\b",
        r"\bwhich (of the )?(\w+ )?worries\b",
    )
]
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
    """Breaches, each with where (file, id, candidate), the rule's name and a message."""

    def __init__(self):
        self.items = []
        self.rules = collections.Counter()

    def add(self, where, rule, message):
        self.items.append("%s: [%s] %s" % (where, rule, message))
        self.rules[rule] += 1


def front_matter(path):
    with open(path, encoding="utf-8-sig") as handle:
        text = handle.read().replace("\r\n", "\n")
    parts = text.split("\n---\n", 1)
    return parts[0] if parts[0].startswith("---") else ""


def relative(path):
    return os.path.relpath(path, os.environ.get("SOURCE_DIR", "."))


def where(exercise, issue=None):
    text = "%s (%s)" % (relative(exercise["path"]), exercise.get("id"))
    if issue is not None:
        text += " candidate %s" % issue.get("id")
    return text


def check_explicit_id(exercise, findings, seen):
    """The id must be written in the file, 4 characters of a-z0-9, and unique."""
    match = ID_LINE.search(front_matter(exercise["path"]))
    if not match:
        findings.add(where(exercise), "id", "no explicit top-level `id:` in the front matter")
        return
    written = match.group(2)
    if not re.fullmatch(r"[a-z0-9]{4}", written):
        findings.add(where(exercise), "id", "id %r is not exactly 4 characters of a-z0-9" % written)
    if written != exercise["id"]:
        findings.add(where(exercise), "id", "the loader reports id %r, the file says %r"
                     % (exercise["id"], written))
    if written in seen:
        findings.add(where(exercise), "id", "id %r is also used by %s" % (written, seen[written]))
    seen[written] = relative(exercise["path"])


def check_shape(exercise, findings):
    here = where(exercise)
    lines = len(code_lines(exercise))
    if not CODE_LINES[0] <= lines <= CODE_LINES[1]:
        findings.add(here, "code-length", "code has %d lines, expected %d to %d"
                     % ((lines,) + CODE_LINES))
    if not (exercise.get("prompt") or "").strip():
        findings.add(here, "prompt", "the prompt body after the front matter is empty")
    if exercise.get("difficulty") not in DIFFICULTIES:
        findings.add(here, "difficulty", "difficulty %r is not one of Easy, Medium, Hard"
                     % exercise.get("difficulty"))
    if not exercise.get("track"):
        findings.add(here, "track", "no track")
    if (exercise.get("track_level") or 0) < 1:
        findings.add(here, "track", "track_level %r, expected 1 or more" % exercise.get("track_level"))
    if exercise.get("track_order") is None or exercise["track_order"] < 0:
        findings.add(here, "track", "no track_order")
    if (exercise.get("language") or "text") == "text":
        findings.add(here, "language", "no language")
    hints = exercise.get("hints") or []
    fields = [("context", exercise.get("context")), ("prompt", exercise.get("prompt"))]
    fields += [("hint %d" % (i + 1), hint) for i, hint in enumerate(hints)]
    for name, value in fields:
        size = len((value or "").encode("utf-8"))
        if size >= MARKDOWN_LIMIT:
            findings.add(here, "size", "%s is %d bytes, over 8 KiB" % (name, size))


def check_hints(exercise, findings):
    """1 to 4 hints, each later one not shorter than the one before (a ladder)."""
    here = where(exercise)
    hints = [(hint or "").strip() for hint in exercise.get("hints") or []]
    if not HINTS[0] <= len(hints) <= HINTS[1]:
        findings.add(here, "hint-count", "%d hints, expected %d to %d" % ((len(hints),) + HINTS))
    for number in range(1, len(hints)):
        before, after = len(hints[number - 1]), len(hints[number])
        slack = max(HINT_SLACK_CHARS, int(before * HINT_SLACK_SHARE))
        if after < before - slack:
            findings.add(here, "hint-ladder", "hint %d (%d characters) is shorter than hint %d "
                         "(%d): each hint should say more than the one before"
                         % (number + 1, after, number, before))


def check_candidates(exercise, findings, severities):
    here = where(exercise)
    issues = exercise.get("issues") or []
    code_count = len(code_lines(exercise))
    if not CANDIDATES[0] <= len(issues) <= CANDIDATES[1]:
        findings.add(here, "candidate-count", "%d candidates, expected %d to %d"
                     % ((len(issues),) + CANDIDATES))
    for issue in issues:
        label = where(exercise, issue)
        explanation = (issue.get("explanation") or "").strip()
        if not explanation:
            findings.add(label, "explanation", "no explanation")
        elif len(explanation.encode("utf-8")) >= MARKDOWN_LIMIT:
            findings.add(label, "size", "explanation over 8 KiB")
        numbers = line_numbers(issue.get("lines"))
        outside = sorted({n for n in numbers if not 1 <= n <= code_count})
        if outside:
            findings.add(label, "lines-inside", "lines %s outside the code (1-%d)"
                         % (", ".join(map(str, outside)), code_count))
        if issue.get("is_real"):
            for kind, pattern in PINNED_BUG:
                if pattern.search(issue.get("text") or "") and issue.get("severity") != "bug":
                    findings.add(label, "pinned-severity", "%s is a bug everywhere in the catalog, "
                                 "not a %s" % (kind, issue.get("severity")))
            if issue.get("severity") not in SEVERITIES:
                findings.add(label, "severity", "a real candidate without a severity")
            else:
                severities.add(issue.get("severity"))
            if not numbers:
                findings.add(label, "lines-real", "a real candidate without `lines`")


def check_order(exercise, findings):
    """The file order must not give the key away: the headline bug is never first."""
    issues = exercise.get("issues") or []
    if len(issues) < 2:
        return
    first = issues[0]
    top = max(issue.get("points", 1) for issue in issues)
    if first.get("is_real") and first.get("severity") == "bug" and first.get("points", 1) == top:
        findings.add(where(exercise, first), "headline-first",
                     "the first candidate in the file is the headline bug (%d points, the most): "
                     "interleave real and not-real candidates" % first.get("points", 1))


def check_guard(exercise, findings):
    """No answer that ignores the code may pass (rubric.blind_answers)."""
    issues = exercise.get("issues") or []
    score, name = rubric.best_blind(issues)
    if score >= GUARD_PERCENT:
        findings.add(where(exercise), "guard", "the blind answer \"%s\" scores %.1f%%, "
                     "expected under %d%% (aim for 60%% or less)" % (name, score, GUARD_PERCENT))
    return score


def distinctive(issue):
    """The candidate's 3-word phrases once stop words are dropped."""
    return rubric.ngrams(rubric.content_words(issue.get("text")))


def check_prompt(exercise, findings):
    """The prompt asks for a review without giving a candidate or a distractor away."""
    prompt = exercise.get("prompt") or ""
    prompt_phrases = rubric.ngrams(rubric.content_words(prompt))
    for issue in exercise.get("issues") or []:
        shared = sorted(distinctive(issue) & prompt_phrases)
        if shared:
            findings.add(where(exercise, issue), "prompt-phrase",
                         "the prompt uses the candidate's phrase \"%s\"" % " ".join(shared[0]))
    flat = " ".join(prompt.split())
    for pattern in ANNOUNCING:
        match = pattern.search(flat)
        if match:
            findings.add(where(exercise), "prompt-announces",
                         "the prompt announces the distractors: \"%s\"" % match.group(0))


def check_title(exercise, findings):
    """A title names the system or the code, not the defect.

    Offender: the title shares TITLE_SHARED_WORDS or more content words with one
    real candidate's text that neither the code nor the context contains (their
    words are how a title names the system); or it uses a phrase that says what
    is wrong (TITLE_DEFECT).
    """
    match = TITLE_DEFECT.search(exercise.get("title") or "")
    if match:
        findings.add(where(exercise), "title-names-defect",
                     "the title %r says what is wrong (\"%s\"); name the system or the code"
                     % (exercise.get("title"), match.group(0)))
    title_words = set(rubric.content_words(exercise.get("title")))
    code_words = set(rubric.content_words(exercise.get("code")))
    code_words |= set(rubric.content_words(exercise.get("context")))
    for issue in exercise.get("issues") or []:
        if not issue.get("is_real"):
            continue
        shared = title_words & set(rubric.content_words(issue.get("text")))
        outside_code = shared - code_words
        if len(outside_code) >= TITLE_SHARED_WORDS:
            findings.add(where(exercise, issue), "title-names-defect",
                         "the title %r repeats the candidate's words %s"
                         % (exercise.get("title"), ", ".join(sorted(shared))))


def check_tracks(exercises, findings):
    levels = {}
    for exercise in exercises:
        if exercise.get("track"):
            levels.setdefault(exercise["track"], set()).add(exercise.get("track_level"))
    if len(levels) < MIN_TRACKS:
        findings.add("catalog", "target-tracks", "%d tracks, expected at least %d"
                     % (len(levels), MIN_TRACKS))
    for track, used in sorted(levels.items()):
        expected = set(range(1, max(used) + 1))
        if used != expected:
            findings.add("track " + track, "track-levels",
                         "levels %s do not climb from 1 without gaps" % sorted(used))


def check_distractor_shares(exercises, findings):
    """Most exercises have a distractor; a few are mostly distractors."""
    if not exercises:
        return
    with_one, mostly = [], []
    for exercise in exercises:
        issues = exercise.get("issues") or []
        fake = sum(1 for issue in issues if not issue.get("is_real"))
        if fake:
            with_one.append(exercise)
        if 2 * fake > len(issues):
            mostly.append(exercise)
    share = len(with_one) / len(exercises)
    if share < DISTRACTOR_SHARE:
        missing = [exercise["id"] for exercise in exercises if exercise not in with_one]
        findings.add("catalog", "distractor-share",
                     "%.0f%% of exercises have a not-real candidate, expected %.0f%% or more; "
                     "none in: %s" % (100 * share, 100 * DISTRACTOR_SHARE, " ".join(missing)))
    if len(mostly) < MIN_MOSTLY_DISTRACTORS:
        findings.add("catalog", "mostly-distractors",
                     "%d exercises have a majority of not-real candidates (%s), expected %d or more"
                     % (len(mostly), " ".join(e["id"] for e in mostly) or "none",
                        MIN_MOSTLY_DISTRACTORS))


def check_catalog_wide(exercises, findings, severities):
    if len(exercises) < MIN_EXERCISES:
        findings.add("catalog", "target-exercises", "%d exercises, expected at least %d"
                     % (len(exercises), MIN_EXERCISES))
    languages = {exercise.get("language") for exercise in exercises} - {None, "text"}
    if len(languages) < MIN_LANGUAGES:
        findings.add("catalog", "target-languages", "%d languages (%s), expected at least %d"
                     % (len(languages), ", ".join(sorted(languages)), MIN_LANGUAGES))
    difficulties = {exercise.get("difficulty") for exercise in exercises}
    for missing in sorted(DIFFICULTIES - difficulties):
        findings.add("catalog", "difficulty", "no exercise is %s" % missing)
    for missing in sorted(SEVERITIES - severities):
        findings.add("catalog", "severity", "no real candidate has severity %s" % missing)
    check_distractor_shares(exercises, findings)
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
        findings.add("catalog", "q7x2", "no exercise with id %s (the README's first example)"
                     % STREAMING_ID)
        return
    exercise = found[0]
    here = where(exercise)
    track = (exercise.get("track") or "").lower()
    if "spark" not in track or "stream" not in track:
        findings.add(here, "q7x2", "track %r is not a Spark streaming track" % exercise.get("track"))
    if exercise.get("language") not in ("python", "scala"):
        findings.add(here, "q7x2", "language %r, expected python or scala" % exercise.get("language"))
    code = exercise.get("code") or ""
    for part, pattern in STREAMING_PARTS:
        if not re.search(pattern, code):
            findings.add(here, "q7x2", "the job has no %s" % part)
    specimen = specimen_code(source_dir)
    if specimen is not None:
        ratio = difflib.SequenceMatcher(None, specimen, code).ratio()
        if ratio > 0.6:
            findings.add(here, "q7x2", "code is %.0f%% similar to the specimen in shared/seeds"
                         % (ratio * 100))


def check_verbs(review, findings, paths):
    strict = review.run_plain("check", "--strict", *paths)
    if strict.returncode != 0:
        findings.add("review check --strict", "strict-check",
                     "exit %d\n%s%s" % (strict.returncode, strict.stdout, strict.stderr))
    smoke = review.run_plain("smoke", *paths)
    if smoke.returncode != 0:
        reason = "the smoke verb is not available yet; " if "not available yet" in smoke.stderr else ""
        findings.add("review smoke", "smoke", "%sexit %d\n%s%s" % (
            reason, smoke.returncode, smoke.stdout[-4000:], smoke.stderr[-4000:]))


def selected(exercises, arguments, source_dir):
    """The exercises under the files or folders named on the command line."""
    roots = [os.path.abspath(argument) for argument in arguments]
    chosen = []
    for exercise in exercises:
        path = os.path.abspath(os.path.join(source_dir, exercise["path"])
                               if not os.path.isabs(exercise["path"]) else exercise["path"])
        if any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots):
            chosen.append(exercise)
    return chosen


def main(arguments):
    review = Review()
    exercises = review.catalog()
    everything = not arguments
    if not everything:
        exercises = selected(exercises, arguments, review.source_dir)
        if not exercises:
            sys.exit("error: no exercise of the catalog under %s" % " ".join(arguments))
    findings = Findings()
    severities = set()
    seen_ids = {}
    guard_scores = []
    for exercise in exercises:
        check_explicit_id(exercise, findings, seen_ids)
        check_shape(exercise, findings)
        check_hints(exercise, findings)
        check_candidates(exercise, findings, severities)
        check_prompt(exercise, findings)
        check_title(exercise, findings)
        check_order(exercise, findings)
        guard_scores.append(check_guard(exercise, findings))
    if everything:
        check_catalog_wide(exercises, findings, severities)
        check_streaming(exercises, findings, review.source_dir)
        check_verbs(review, findings, [review.exercises])
    else:
        check_verbs(review, findings, arguments)

    tracks = {exercise.get("track") for exercise in exercises}
    languages = {exercise.get("language") for exercise in exercises}
    print("%d exercises, %d tracks, %d languages; best blind answer: median %.0f%%, worst %.0f%%"
          % (len(exercises), len(tracks), len(languages),
             sorted(guard_scores)[len(guard_scores) // 2] if guard_scores else 0,
             max(guard_scores or [0])))
    if not everything:
        for exercise, score in zip(exercises, guard_scores):
            print("  %s (%s): best blind answer %.1f%%%s" % (
                relative(exercise["path"]), exercise["id"], score,
                "" if score <= 60 else " (aim for 60% or less)"))
    if findings.items:
        print("%d problems:" % len(findings.items))
        for item in findings.items:
            print("  " + item.replace("\n", "\n    "))
        print("by rule: " + ", ".join("%s %d" % pair for pair in sorted(findings.rules.items())))
        return 1
    print("catalog ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
