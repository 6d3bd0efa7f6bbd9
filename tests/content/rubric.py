"""The mechanical side of docs/authoring.md: scoring rule 2, the guessing guard,
and the word heuristics behind the neutral-prompt and neutral-title rules.

Imported by test_catalog.py; not a test itself. Pure Python, no toolchain.
"""

import re

SEVERITY_ORDER = ("bug", "warning", "minor")
PASS_PERCENT = 70

# Words that say nothing about a defect: dropped before comparing phrases.
STOP_WORDS = frozenset("""
a about above after again against all almost also although always am an and any
are aren't as at be because been before being below between both but by can
cannot could couldn't did didn't do does doesn't doing don't down during each
either else even ever every few for from further had hadn't has hasn't have
haven't having he her here hers herself him himself his how however i if in into
is isn't it it's its itself just least less let like made make makes many may me
might more most much must my myself neither never no nor not now of off often on
once one only or other our ours ourselves out over own per quite rather really
same say says see seen shall she should shouldn't since so some still such than
that that's the their theirs them themselves then there there's these they this
those though through thus to too two under until up upon us use used uses using
very via was wasn't way we were weren't what when where whether which while who
whom whose why will with within without won't would wouldn't yet you your yours
yourself code line lines here's instead
""".split())

WORD = re.compile(r"[a-z0-9_][a-z0-9_'.-]*[a-z0-9_]|[a-z0-9_]", re.I)


def stem(word):
    """A crude stem, enough to match `partitions` with `partition`."""
    word = word.lower().strip("'.-")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and re.search(r"(ss|x|z|ch|sh)es$", word):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def content_words(text):
    """The words of text (code spans included) minus stop words, stemmed, in order."""
    words = []
    for match in WORD.finditer((text or "").replace("`", " ")):
        word = match.group(0).lower()
        if word in STOP_WORDS or word.isdigit():
            continue
        words.append(stem(word))
    return words


def ngrams(words, size=3):
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}


def earned(issue, verdict):
    """Tenths of a point earned by `verdict` (None for unanswered) under rule 2."""
    points = (issue.get("points") if issue.get("points") is not None else 1) * 10
    if not issue.get("is_real"):
        return points if verdict == "not-real" else 0
    if verdict in (None, "not-real"):
        return 0
    if verdict == "real":
        return points * 2 // 10
    distance = abs(SEVERITY_ORDER.index(verdict) - SEVERITY_ORDER.index(issue.get("severity")))
    return (points, points * 4 // 10, 0)[distance]


def percent(issues, verdicts):
    """Percent of max that the verdicts (a list in file order) earn, no hints."""
    total = sum((issue.get("points") if issue.get("points") is not None else 1) * 10
                for issue in issues)
    if total == 0:
        return 100.0
    score = sum(earned(issue, verdict) for issue, verdict in zip(issues, verdicts))
    return 100.0 * score / total


def blind_answers(issues):
    """Every answer of the guessing guard that ignores the code: (name, verdicts)."""
    count = len(issues)
    answers = [("every candidate not-real", ["not-real"] * count),
               ("every candidate real", ["real"] * count)]
    answers += [("every candidate %s" % severity, [severity] * count)
                for severity in SEVERITY_ORDER]
    for k in range(1, count + 1):
        for severity in SEVERITY_ORDER:
            answers.append(("the first %d %s, the rest not-real" % (k, severity),
                            [severity] * k + ["not-real"] * (count - k)))
    # Ids can be typed without being seen: "i1 and i2 are bugs" is blind too.
    rank = {i: place for place, i in enumerate(sorted(range(count), key=lambda i: id_key(issues[i]["id"])))}
    for k in range(1, count + 1):
        for severity in SEVERITY_ORDER:
            answers.append(("the first %d by id %s, the rest not-real" % (k, severity),
                            [severity if rank[i] < k else "not-real" for i in range(count)]))
    return answers


def id_key(candidate_id):
    """Ids as a person counts them: i2 before i10."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part)
            for part in re.split(r"(\d+)", candidate_id) if part]


def best_blind(issues):
    """(percent, name) of the blind answer that scores highest."""
    best = (-1.0, "")
    for name, verdicts in blind_answers(issues):
        score = percent(issues, verdicts)
        if score > best[0]:
            best = (score, name)
    return best
