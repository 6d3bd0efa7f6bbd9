"""Word overlap: can a learner pick the real candidates by matching the wrapping's words?

The learner sees the title, the context (the story), the prompt and, once
bought, the hints. Hints are a ladder toward the main problems, so their words
may be the real candidates' words. A learner who buys h hints (each -10% of the
maximum) and marks real the candidates that share the most content words with
what they have read, without reading the code, must not pass more often than
one who picks at random.

Strategies, for a source text and h = 0..4:
- "wrapper": the title and the prompt, plus the first h hints (all of them when
  the exercise has fewer than h);
- "context" (reported apart, never a failure: matching the story's symptoms to
  a consequence is part of reviewing): the context alone, plus the same hints.
For each, candidates are ranked by an overlap measure with that text, stemmed,
stop words out (rubric.content_words):
- "shared": how many distinct content words of the candidate the text has;
- "share": the same divided by the candidate's distinct content words;
and "the top k are real with severity s, the rest not real" (k = 1..3, s = bug
or warning) scores its rule-2 percent minus h x 10. It passes at 70%. Each
ranking is also used inverted ("fewest shared"): wrapping that only ever
echoes the distractors gives the key away too.

Each strategy's count of passed exercises (ties broken at random, exactly: the
expectation over every way to break them) is compared with the random
expectation for the same k and the same hint cost (the mean over every
k-subset), under cues.py's bound: at most max(random + 4, random x 1.25).

The context is flagged only when it repeats a real candidate's phrasing nearly
verbatim: a run of CONTEXT_RUN or more content words in the same order that the
candidate has and no not-real candidate of the exercise has.

Run as a script for the tables:
    REVIEW_BIN=build/review SOURCE_DIR=. python3 tests/content/overlap.py [--exercises]
test_overlap.py runs it under ctest and fails on a breach.
"""

import itertools
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from catalog import Review  # noqa: E402
import cues  # noqa: E402
import rubric  # noqa: E402

KS = (1, 2, 3)
SEVERITIES = ("bug", "warning")
HINTS = (0, 1, 2, 3, 4)
HINT_COST = 10          # percent of the maximum per hint revealed
CONTEXT_RUN = 5         # content words in a row that the context may share with one real candidate
SOURCES = ("wrapper", "context")


def words(text):
    return set(rubric.content_words(text))


def source_text(exercise, source, hints):
    """What the learner has read for this source after `hints` hints."""
    revealed = (exercise.get("hints") or [])[:hints]
    if source == "wrapper":
        parts = [exercise.get("title") or "", exercise.get("prompt") or ""]
    else:
        parts = [exercise.get("context") or ""]
    return "\n".join(parts + list(revealed))


def revealed(exercise, hints):
    return min(hints, len(exercise.get("hints") or []))


# The ranking is used both ways, as cues.py does: a hint that only ever uses
# the distractors' words gives the key away as surely as one that uses the
# real candidates' words.
DIRECTIONS = (("", 1), ("fewest ", -1))

MEASURES = [
    ("shared", lambda candidate, text: len(candidate & text)),
    ("share", lambda candidate, text: len(candidate & text) / len(candidate) if candidate else 0.0),
]


def pass_probability(issues, scores, k, severity, cost):
    """Chance that "the k best-scored are `severity`, the rest not real" reaches
    the pass mark after `cost` percent of hints, ties broken at random (exact),
    and the mean percent it scores."""
    n = len(issues)
    if k > n:
        return 0.0, 0.0
    ranked = sorted(range(n), key=lambda index: -scores[index])
    threshold = scores[ranked[k - 1]]
    above = [index for index in range(n) if scores[index] > threshold]
    tied = [index for index in range(n) if scores[index] == threshold]
    passed = total = 0
    percent_sum = 0.0
    for chosen in itertools.combinations(tied, k - len(above)):
        picked = set(above) | set(chosen)
        verdicts = [severity if index in picked else "not-real" for index in range(n)]
        percent = rubric.percent(issues, verdicts) - cost
        total += 1
        percent_sum += percent
        if percent >= rubric.PASS_PERCENT - 1e-9:
            passed += 1
    return passed / total, percent_sum / total


def overlaps(exercise, source, hints, measure):
    text = words(source_text(exercise, source, hints))
    return [measure(words(issue["text"]), text) for issue in exercise["issues"]]


def strategies(exercises, source):
    """[(source, measure, h, k, severity, count, expected, [(id, p, mean percent)])];
    the measure is prefixed with "fewest " for the inverted ranking."""
    rows = []
    for h in HINTS:
        for k in KS:
            for severity in SEVERITIES:
                expected = sum(pass_probability(e["issues"], [0] * len(e["issues"]), k, severity,
                                                HINT_COST * revealed(e, h))[0] for e in exercises)
                for name, measure in MEASURES:
                    for prefix, sign in DIRECTIONS:
                        passed = []
                        got = 0.0
                        for e in exercises:
                            scores = [sign * v for v in overlaps(e, source, h, measure)]
                            p, mean = pass_probability(e["issues"], scores, k, severity,
                                                       HINT_COST * revealed(e, h))
                            got += p
                            if p > 0:
                                passed.append((e["id"], p, mean))
                        rows.append((source, prefix + name, h, k, severity, got, expected, passed))
    return rows


def per_exercise(exercise, source):
    """The best overlap strategy for one exercise: (mean percent, pass chance,
    description, random pass chance of the same k and cost)."""
    best = None
    for h in HINTS:
        if h > len(exercise.get("hints") or []):
            break
        cost = HINT_COST * h
        for (name, measure), (prefix, sign) in itertools.product(MEASURES, DIRECTIONS):
            scores = [sign * v for v in overlaps(exercise, source, h, measure)]
            name = prefix + name
            for k in KS:
                for severity in SEVERITIES:
                    p, mean = pass_probability(exercise["issues"], scores, k, severity, cost)
                    key = (p, mean)
                    if best is None or key > best[0]:
                        chance = pass_probability(exercise["issues"], [0] * len(scores), k, severity,
                                                  cost)[0]
                        best = (key, "h=%d %s top %d %s" % (h, name, k, severity), chance)
    (p, mean), description, chance = best
    return mean, p, description, chance


def context_echoes(exercise):
    """Runs of CONTEXT_RUN+ content words, in order, shared by the context and one
    real candidate and by no not-real candidate: [(candidate id, phrase)]."""
    context = rubric.ngrams(rubric.content_words(exercise.get("context")), CONTEXT_RUN)
    distractors = set()
    for issue in exercise["issues"]:
        if not issue["is_real"]:
            distractors |= rubric.ngrams(rubric.content_words(issue["text"]), CONTEXT_RUN)
    out = []
    for issue in exercise["issues"]:
        if issue["is_real"]:
            shared = sorted(rubric.ngrams(rubric.content_words(issue["text"]), CONTEXT_RUN)
                            & context - distractors)
            if shared:
                out.append((issue["id"], " ".join(shared[0])))
    return out


def breaches(exercises):
    """Messages for every wrapper strategy over its bound and every context echo."""
    messages = []
    for source, name, h, k, severity, got, expected, passed in strategies(exercises, "wrapper"):
        if got > cues.bound(expected) + 1e-9:
            ids = ", ".join("%s%s" % (i, "" if p == 1 else "(%.2f)" % p) for i, p, _ in passed)
            messages.append("overlap with the title, the prompt and %d hint%s, strategy 'the %d "
                            "candidate%s ranked first by shared words (%s): %s, the rest not real': passes "
                            "%.1f exercises, random %.1f, bound %.1f; passes: %s"
                            % (h, "" if h == 1 else "s", k, "" if k == 1 else "s", name, severity, got,
                               expected, cues.bound(expected), ids))
    for e in exercises:
        for candidate, phrase in context_echoes(e):
            messages.append("%s (%s) candidate %s: the context repeats its phrasing \"%s\""
                            % (e["path"], e["id"], candidate, phrase))
    return messages


def table(rows, out):
    """Per h, k and severity: the measure closest to its bound."""
    best = {}
    for row in rows:
        key = (row[2], row[3], SEVERITIES.index(row[4]))
        if key not in best or row[5] - cues.bound(row[6]) > best[key][5] - cues.bound(best[key][6]):
            best[key] = row
    out.write("  %-7s %s %s %-13s %-7s %6s %6s %6s\n" % ("source", "h", "k", "measure", "as", "passes",
                                                        "random", "excess"))
    for key in sorted(best):
        source, name, h, k, severity, got, expected, _ = best[key]
        flag = "!" if got > cues.bound(expected) + 1e-9 else " "
        out.write("%s %-7s %d %d %-13s %-7s %6.1f %6.1f %+6.1f\n" % (flag, source, h, k, name, severity,
                                                                   got, expected, got - expected))


def report(exercises, show_exercises=False, out=sys.stdout):
    out.write("%d exercises, %d candidates\n\n" % (len(exercises),
                                                    sum(len(e["issues"]) for e in exercises)))
    for source in SOURCES:
        out.write("Overlap with the %s (+ h hints), the measure closest to its bound per h, k and severity; "
                  "'!' over the bound%s:\n" % ("title and prompt" if source == "wrapper" else "context",
                                               "" if source == "wrapper" else " (reported, not a failure)"))
        table(strategies(exercises, source), out)
        out.write("\n")
    echoes = [(e, c, p) for e in exercises for c, p in context_echoes(e)]
    out.write("Contexts that repeat a real candidate's phrasing (%d+ content words in a row): %d\n"
              % (CONTEXT_RUN, len(echoes)))
    for e, candidate, phrase in echoes:
        out.write("  %s %s: \"%s\"\n" % (e["id"], candidate, phrase))
    if show_exercises:
        out.write("\nPer exercise, the best overlap strategy (mean percent after hint costs, chance it "
                  "passes, random chance for the same k and hints); '*' passes more than random:\n")
        for source in SOURCES:
            out.write("  %s:\n" % source)
            for e in sorted(exercises, key=lambda e: -per_exercise(e, source)[0]):
                mean, p, description, chance = per_exercise(e, source)
                flag = "*" if p > chance + 1e-9 and p > 0 else " "
                out.write("  %s %s %-48s %5.1f%%  pass %.2f  random %.2f  %s\n"
                          % (flag, e["id"], os.path.basename(e["path"])[:48], mean, p, chance,
                             description))


def main():
    exercises = Review().catalog()
    report(exercises, show_exercises="--exercises" in sys.argv)
    messages = breaches(exercises)
    sys.stdout.write("\n%d breach%s\n" % (len(messages), "" if len(messages) == 1 else "es"))
    for message in messages:
        sys.stdout.write("  " + message + "\n")


if __name__ == "__main__":
    main()
