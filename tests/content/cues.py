"""Surface cues: can a learner who reads only the candidates' wording beat chance?

A learner sees each candidate's text before grading (not its explanation,
points or lines). If real candidates are, say, reliably the longest, or
distractors reliably say "is not supported", a blind rule scores without
reading the code. This module measures that over the catalog:

1. Fixed cue strategies. For a cue (a number per candidate: its length, its
   count of hedging words, of backticks...) and k in 1..3 and a severity s:
   "the k candidates the cue ranks highest are real with severity s, the rest
   not real", and the same with the ranking inverted. It counts the exercises
   each strategy passes (>= 70% under rule 2, no hints) and compares with the
   expected count when the k are picked at random (exact, the mean over every
   k-subset). Ties are split fairly: a strategy's count is its expectation over
   every way to break the ties, so a cue that says nothing (all tied) scores
   exactly the random expectation.
2. A per-candidate classifier: for each wording cue (a yes/no feature), the
   share of the candidates that have it which are real (or not real), over the
   candidates that have it, against the base rate.

Bounds (docs/authoring.md, "Surface cues"):
- a strategy may pass at most MAX(expected + MARGIN_ABS, expected * (1 +
  MARGIN_REL)) exercises;
- a yes/no cue present on at least MIN_SUPPORT candidates may point to one
  verdict with at most MAX_PRECISION precision.

Run as a script it prints the tables:
    REVIEW_BIN=build/review SOURCE_DIR=. python3 tests/content/cues.py [--all]
test_cues.py runs it under ctest and fails on a breach.
"""

import itertools
import math
import os
import re
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from catalog import Review  # noqa: E402
import rubric  # noqa: E402

KS = (1, 2, 3)
SEVERITIES = ("bug", "warning", "minor")
MARGIN_ABS = 4.0        # exercises
MARGIN_REL = 0.25       # share of the expectation
MAX_PRECISION = 0.75    # of a yes/no cue toward one verdict
MIN_SUPPORT = 15        # candidates carrying the cue before its precision counts

# Word families (matched case-insensitively on the text with code spans removed,
# so `canRetry` or `MAY_FAIL` in backticks do not count as wording).
HEDGE = r"\b(may|might|can|could|possibly|perhaps|sometimes|likely|tends? to|risks?)\b"
ABSOLUTE = (r"\b(always|never|cannot|can't|every|any|all|only|guaranteed|impossible|"
            r"must|entire|whole|none|no)\b")
UNSUPPORTED = (r"\bnot (supported|allowed|possible|permitted|valid)\b|\bunsupported\b|"
               r"\b(fails?|refuses?) to (start|compile|run|build|load|parse|connect)\b|"
               r"\b(does not|doesn't|won't|will not) (compile|start|run|build|parse|work)\b|"
               r"\bcompile (error|failure)\b|\berrors? out\b|\brejects?\b|\bthrows?\b")
NEGATION = r"\b(not|no|never|none|nothing|n't)\b|n't\b"
HARM = (r"\b(lose|loses|lost|losing|duplicat\w*|crash\w*|leak\w*|race|races|racy|deadlock\w*|"
        r"overflow\w*|corrupt\w*|inject\w*|hang|hangs|panic\w*|stale|wrong|twice|double\w*|"
        r"silently|exhaust\w*|unbounded|OOM\w*|kill\w*)\b")
CONSEQUENCE = r"\b(so|so that|which|because|then|when|while|until|after|before|if|once|until)\b"
CAUSAL_CHAIN = r";|:|, so\b|, which\b| -- | - |\u2014"
SAFETY = (r"\b(safe|unsafe|correct|incorrect|fine|harmless|needed|unnecessary|redundant|"
          r"should|must|better|instead|prefer\w*)\b")
WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]*")
CODE_SPAN = re.compile(r"`[^`]*`")
NUMBER = re.compile(r"(?<![A-Za-z_])\d+(?:[.,]\d+)*")


def plain(text):
    return CODE_SPAN.sub(" ", text or "")


def spans(text):
    return [span.strip("`") for span in CODE_SPAN.findall(text or "")]


def count(pattern, text):
    return len(re.findall(pattern, text, re.I))


def code_tokens(exercise):
    return set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", exercise.get("code") or ""))


# Cues: (name, function(issue, exercise) -> number). Each is used both ways
# (highest first, lowest first).
CUES = [
    ("length", lambda i, e: len(i["text"])),
    ("prose words", lambda i, e: len(WORD_RE.findall(plain(i["text"])))),
    ("backticks", lambda i, e: len(spans(i["text"]))),
    ("numbers", lambda i, e: len(NUMBER.findall(i["text"]))),
    ("hedges", lambda i, e: count(HEDGE, plain(i["text"]))),
    ("absolutes", lambda i, e: count(ABSOLUTE, plain(i["text"]))),
    ("unsupported/fails", lambda i, e: count(UNSUPPORTED, plain(i["text"]))),
    ("negations", lambda i, e: count(NEGATION, plain(i["text"]))),
    ("harm words", lambda i, e: count(HARM, plain(i["text"]))),
    ("clauses", lambda i, e: count(CONSEQUENCE, plain(i["text"])) + count(CAUSAL_CHAIN, plain(i["text"]))),
    ("advice words", lambda i, e: count(SAFETY, plain(i["text"]))),
    ("code tokens named", lambda i, e: sum(1 for s in spans(i["text"])
                                           for t in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", s)
                                           if t in code_tokens(e))),
]

# Yes/no features for the classifier (each also read "not present").
FEATURES = [
    ("hedge word", lambda i, e: count(HEDGE, plain(i["text"])) > 0),
    ("absolute word", lambda i, e: count(ABSOLUTE, plain(i["text"])) > 0),
    ("'always'/'never'", lambda i, e: count(r"\b(always|never)\b", plain(i["text"])) > 0),
    ("'cannot'/'can't'", lambda i, e: count(r"\b(cannot|can't)\b", plain(i["text"])) > 0),
    ("'not supported'-like", lambda i, e: count(r"\bnot (supported|allowed|possible|permitted|valid)\b|"
                                                r"\bunsupported\b", plain(i["text"])) > 0),
    ("'fails to'/'does not compile'-like", lambda i, e: count(UNSUPPORTED, plain(i["text"])) > 0),
    ("negation", lambda i, e: count(NEGATION, plain(i["text"])) > 0),
    ("harm word", lambda i, e: count(HARM, plain(i["text"])) > 0),
    ("advice word", lambda i, e: count(SAFETY, plain(i["text"])) > 0),
    ("has a number", lambda i, e: NUMBER.search(i["text"]) is not None),
    ("has a code span", lambda i, e: "`" in i["text"]),
    ("names a code token", lambda i, e: any(t in code_tokens(e) for s in spans(i["text"])
                                           for t in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", s))),
    ("has ';' or ':'", lambda i, e: re.search(r"[;:]", plain(i["text"])) is not None),
    ("'so'/'which'/'because'", lambda i, e: count(r"\b(so|which|because)\b", plain(i["text"])) > 0),
    ("'should'/'must'/'instead'", lambda i, e: count(r"\b(should|must|instead|needs? to)\b", plain(i["text"])) > 0),
    ("'every'/'any'/'all'", lambda i, e: count(r"\b(every|any|all)\b", plain(i["text"])) > 0),
    ("'only'", lambda i, e: count(r"\bonly\b", plain(i["text"])) > 0),
    ("'is'/'are' + adjective claim ('is unsafe', 'is wrong')",
     lambda i, e: count(r"\b(is|are) (unsafe|wrong|broken|racy|incorrect|undefined|slow|redundant|"
                        r"unnecessary|ignored|lost|dead)\b", plain(i["text"])) > 0),
    ("'twice'/'duplicate'", lambda i, e: count(r"\b(twice|duplicat\w*|double\w*)\b", plain(i["text"])) > 0),
    ("'leak'", lambda i, e: count(r"\bleak\w*", plain(i["text"])) > 0),
    ("'race'/'concurrent'", lambda i, e: count(r"\b(race\w*|racy|concurrent\w*)\b", plain(i["text"])) > 0),
    ("'deadlock'", lambda i, e: count(r"\bdeadlock\w*", plain(i["text"])) > 0),
    ("'slow'/'performance'", lambda i, e: count(r"\b(slow\w*|performance|expensive|faster|overhead)\b",
                                                 plain(i["text"])) > 0),
    ("'security'/'attacker'", lambda i, e: count(r"\b(attacker\w*|secur\w*|inject\w*|XSS|CSRF|secret\w*)\b",
                                                  plain(i["text"])) > 0),
    ("'unused'/'dead code'/'name'", lambda i, e: count(r"\b(unused|dead code|misleading|named?|naming|"
                                                        r"readab\w*|duplicated code)\b", plain(i["text"])) > 0),
    ("'deprecated'/'removed'", lambda i, e: count(r"\b(deprecated|removed|obsolete|legacy)\b",
                                                   plain(i["text"])) > 0),
    ("'thread-safe'/'atomic'", lambda i, e: count(r"\b(thread-?safe|atomic\w*)\b", plain(i["text"])) > 0),
    ("'SQL'/'query'", lambda i, e: count(r"\b(SQL|query|queries)\b", plain(i["text"])) > 0),
    ("'default'", lambda i, e: count(r"\bdefaults?\b", plain(i["text"])) > 0),
    ("'undefined behaviour'", lambda i, e: count(r"\bundefined behaviou?r\b", plain(i["text"])) > 0),
    ("'memory'/'allocation'", lambda i, e: count(r"\b(memory|alloc\w*|heap)\b", plain(i["text"])) > 0),
    ("'timeout'", lambda i, e: count(r"\btime-?outs?\b", plain(i["text"])) > 0),
    ("'error'/'exception'", lambda i, e: count(r"\b(errors?|exceptions?)\b", plain(i["text"])) > 0),
    ("'the whole'/'entire'", lambda i, e: count(r"\b(whole|entire)\b", plain(i["text"])) > 0),
    ("'every time'/'each'", lambda i, e: count(r"\b(each|every time)\b", plain(i["text"])) > 0),
    ("'never'", lambda i, e: count(r"\bnever\b", plain(i["text"])) > 0),
    ("'can'/'could'", lambda i, e: count(r"\b(can|could)\b", plain(i["text"])) > 0),
    ("'may'/'might'", lambda i, e: count(r"\b(may|might)\b", plain(i["text"])) > 0),
    ("length over the exercise's median", None),
    ("longest in its exercise", None),
    ("shortest in its exercise", None),
]


def pass_probability(issues, order_scores, k, severity):
    """Chance that "the k highest-scored are `severity`, the rest not real" passes,
    ties at the boundary broken uniformly at random (exact)."""
    n = len(issues)
    if k > n:
        return 0.0
    ranked = sorted(range(n), key=lambda index: -order_scores[index])
    threshold = order_scores[ranked[k - 1]]
    above = [index for index in range(n) if order_scores[index] > threshold]
    tied = [index for index in range(n) if order_scores[index] == threshold]
    need = k - len(above)
    passed = total = 0
    for chosen in itertools.combinations(tied, need):
        picked = set(above) | set(chosen)
        verdicts = [severity if index in picked else "not-real" for index in range(n)]
        total += 1
        if rubric.percent(issues, verdicts) >= rubric.PASS_PERCENT:
            passed += 1
    return passed / total


def bound(expected):
    return max(expected + MARGIN_ABS, expected * (1 + MARGIN_REL))


def strategies(exercises):
    """[(cue, direction, k, severity, count, expected, sigma, passed ids)]."""
    rows = []
    baseline = {}
    for k in KS:
        for severity in SEVERITIES:
            probabilities = [pass_probability(e["issues"], [0] * len(e["issues"]), k, severity)
                             for e in exercises]
            baseline[(k, severity)] = (sum(probabilities),
                                       math.sqrt(sum(p * (1 - p) for p in probabilities)))
    for name, function in CUES:
        values = [[function(issue, e) for issue in e["issues"]] for e in exercises]
        for direction, sign in (("highest", 1), ("lowest", -1)):
            for k in KS:
                for severity in SEVERITIES:
                    probabilities = [pass_probability(e["issues"], [sign * v for v in vs], k, severity)
                                     for e, vs in zip(exercises, values)]
                    expected, sigma = baseline[(k, severity)]
                    passed = [(e["id"], p) for e, p in zip(exercises, probabilities) if p > 0]
                    rows.append((name, direction, k, severity, sum(probabilities), expected, sigma,
                                 passed))
    return rows, baseline


def feature_values(exercises):
    """[(feature, present: [(is_real, exercise id, candidate id)])]."""
    out = []
    for name, function in FEATURES:
        present = []
        for e in exercises:
            issues = e["issues"]
            lengths = [len(i["text"]) for i in issues]
            ordered = sorted(lengths)
            median = ordered[len(ordered) // 2] if len(ordered) % 2 else \
                (ordered[len(ordered) // 2 - 1] + ordered[len(ordered) // 2]) / 2
            for issue, length in zip(issues, lengths):
                if name == "length over the exercise's median":
                    has = length > median
                elif name == "longest in its exercise":
                    has = length == max(lengths)
                elif name == "shortest in its exercise":
                    has = length == min(lengths)
                else:
                    has = function(issue, e)
                if has:
                    present.append((bool(issue["is_real"]), e["id"], issue["id"]))
        out.append((name, present))
    return out


def classifier(exercises):
    """[(feature, support, share real, breach)] and the base rate of real."""
    total = sum(len(e["issues"]) for e in exercises)
    real = sum(1 for e in exercises for i in e["issues"] if i["is_real"])
    base = real / total
    rows = []
    for name, present in feature_values(exercises):
        # The cue and its absence: "no code span" is as visible as "a code span".
        with_real = sum(1 for r, _, _ in present if r)
        for label, support, got in ((name, len(present), with_real),
                                    ("not " + name, total - len(present), real - with_real)):
            share = got / support if support else 0.0
            breach = support >= MIN_SUPPORT and max(share, 1 - share) > MAX_PRECISION
            rows.append((label, support, share, breach))
    return rows, base


def breaches(exercises):
    """Messages for every strategy or feature over its bound."""
    messages = []
    rows, _ = strategies(exercises)
    for name, direction, k, severity, got, expected, sigma, passed in rows:
        if got > bound(expected) + 1e-9:
            ids = ", ".join("%s%s" % (i, "" if p == 1 else "(%.2f)" % p) for i, p in passed)
            messages.append("cue %r, strategy 'the %d candidate%s ranked %s by %s: %s, the rest not "
                            "real': passes %.1f exercises, random %.1f, bound %.1f; passes (with the "
                            "chance of passing when ties are broken at random): %s"
                            % (name, k, "" if k == 1 else "s", direction, name, severity, got, expected,
                               bound(expected), ids))
    feature_rows, base = classifier(exercises)
    for name, support, share, breach in feature_rows:
        if breach:
            verdict = "real" if share > 0.5 else "not real"
            messages.append("wording cue %r: %d candidates have it, %.0f%% of them %s (base rate real "
                            "%.0f%%, bound %.0f%% over >= %d)" % (name, support,
                                                                   100 * max(share, 1 - share), verdict,
                                                                   100 * base, 100 * MAX_PRECISION,
                                                                   MIN_SUPPORT))
    return messages


def report(exercises, show_all=False, out=sys.stdout):
    rows, baseline = strategies(exercises)
    out.write("%d exercises, %d candidates\n\n" % (len(exercises),
                                                    sum(len(e["issues"]) for e in exercises)))
    out.write("Random expectation (k chosen at random), sigma, bound:\n")
    for (k, severity), (expected, sigma) in sorted(baseline.items()):
        out.write("  k=%d %-7s %5.1f  sigma %.1f  bound %.1f\n" % (k, severity, expected, sigma,
                                                                    bound(expected)))
    out.write("\nCue strategies (passes vs random; '!' over the bound)%s:\n"
              % ("" if show_all else ", best direction and severity per cue and k"))
    out.write("  %-20s %-8s %s %-7s %6s %6s %6s\n" % ("cue", "rank", "k", "as", "passes", "random",
                                                      "excess"))
    if show_all:
        shown = rows
    else:
        best = {}
        for row in rows:
            key = (row[0], row[2])
            if key not in best or row[4] - bound(row[5]) > best[key][4] - bound(best[key][5]):
                best[key] = row
        shown = [best[key] for key in sorted(best, key=lambda key: [c[0] for c in CUES].index(key[0]) * 10 + key[1])]
    for name, direction, k, severity, got, expected, sigma, _ in shown:
        flag = "!" if got > bound(expected) + 1e-9 else " "
        out.write("%s %-20s %-8s %d %-7s %6.1f %6.1f %+6.1f\n" % (flag, name, direction, k, severity, got,
                                                                 expected, got - expected))
    feature_rows, base = classifier(exercises)
    out.write("\nWording cues (share of the candidates with the cue that are real; base rate %.0f%%; "
              "'!' over %.0f%% either way with >= %d candidates):\n" % (100 * base, 100 * MAX_PRECISION,
                                                                       MIN_SUPPORT))
    for name, support, share, breach in feature_rows:
        out.write("%s %-52s %4d  %4.0f%% real\n" % ("!" if breach else " ", name, support, 100 * share))


def main():
    exercises = Review().catalog()
    report(exercises, show_all="--all" in sys.argv)
    messages = breaches(exercises)
    sys.stdout.write("\n%d breach%s\n" % (len(messages), "" if len(messages) == 1 else "es"))
    for message in messages:
        sys.stdout.write("  " + message + "\n")


if __name__ == "__main__":
    main()
