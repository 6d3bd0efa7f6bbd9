"""Checks the content tests' own machinery, without the catalog or a toolchain.

- rubric.py scores rule 2 and the guessing guard as docs/authoring.md's example says;
- the neutral-prompt and neutral-title heuristics of test_catalog.py flag the
  "before" examples of docs/authoring.md and pass the "after" ones;
- sqlcheck.split cuts psql scripts into statements at the right lines.
"""

import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rubric  # noqa: E402
import sqlcheck  # noqa: E402
import test_catalog  # noqa: E402

FAILURES = []


def expect(condition, message):
    if not condition:
        FAILURES.append(message)


def candidates(spec):
    """'warning:2 no:2 bug:4' -> candidate dicts in that file order."""
    result = []
    for number, item in enumerate(spec.split(), 1):
        kind, points = item.split(":")
        result.append({"id": "i%d" % number, "is_real": kind != "no",
                       "severity": None if kind == "no" else kind, "points": int(points),
                       "text": "", "lines": [1]})
    return result


def test_rule_2():
    issues = candidates("bug:5 warning:2 minor:1 no:2")
    expect(rubric.earned(issues[0], "bug") == 50, "bug as bug earns p")
    expect(rubric.earned(issues[0], "warning") == 20, "bug as warning earns 0.4 p")
    expect(rubric.earned(issues[0], "minor") == 0, "bug as minor earns 0")
    expect(rubric.earned(issues[0], "real") == 10, "real without severity earns 0.2 p")
    expect(rubric.earned(issues[0], None) == 0, "unanswered real earns 0")
    expect(rubric.earned(issues[1], "minor") == 8, "warning as minor earns 0.4 p")
    expect(rubric.earned(issues[3], "not-real") == 20, "a distractor rejected earns p")
    expect(rubric.earned(issues[3], "bug") == 0, "a distractor marked real earns 0")


def test_guard_examples():
    """The two rows of docs/authoring.md's guard example."""
    before = rubric.best_blind(candidates("warning:2 no:2 bug:4 no:3 minor:1"))
    expect(abs(before[0] - 65.0) < 0.05 and before[1] == "the first 3 bug, the rest not-real",
           "guard example 'before': expected 65%% by the first 3 bug, got %r" % (before,))
    after = rubric.best_blind(candidates("no:2 warning:2 no:3 bug:4 minor:1 no:2"))
    expect(abs(after[0] - 50.0) < 0.05, "guard example 'after': expected 50%%, got %r" % (after,))
    headline_first = rubric.best_blind(candidates("bug:4 warning:2 minor:1 no:1"))
    expect(headline_first[0] >= 70, "the real-first shape must fail the guard: %r" % (headline_first,))


def test_words():
    expect(rubric.stem("partitions") == "partition", "stem partitions")
    expect(rubric.stem("names") == "name", "stem names")
    expect(rubric.stem("queries") == "query", "stem queries")
    expect(rubric.stem("class") == "class", "stem class")
    words = rubric.content_words("The checkpoint is on the local disk of the pods")
    expect(words == ["checkpoint", "local", "disk", "pod"], "content words: %r" % words)


def exercise(title="A service", prompt="Review this.", issues=None, code="x = 1\n"):
    return {"path": "exercises/t/x.md", "id": "t001", "title": title, "prompt": prompt,
            "code": code, "issues": issues or candidates("bug:3 no:2 warning:2")}


def findings_of(check, item):
    findings = test_catalog.Findings()
    check(item, findings)
    return findings.rules


PROMPTS_BEFORE = [
    "Review this broker. Rule out the races that the mutex really does prevent.",
    "Review this small browser script. A tester says every page button leads to an empty "
    "page. Find the cause and the other real problems, and rule out candidates that misjudge "
    "how JavaScript converts and compares values.",
    "Review these expiry helpers. Which candidates describe real defects, how bad are they, "
    "and which ones are myths about dates and times that do not apply to this code?",
    "Review this configuration crate. Not every `unwrap` here is a problem.",
    "Some of the parts that look suspicious are in fact how Structured Streaming is meant "
    "to be used: say which.",
    "Review this Deployment. Not every missing\nsetting is a mistake.",
]
PROMPTS_AFTER = [
    "Review this session store. Decide which candidates are real, grade them, and rule out "
    "the ones that do not hold.",
    "Review this small browser script. A tester says every page button leads to an empty "
    "page: find the cause, and anything else you would not ship.",
    "Review this cache before it goes back into the checkout path.",
    "Review these expiry helpers as if they were in a pull request for the billing service.",
    "Review this Structured Streaming job for correctness across restarts and failures, "
    "and for what it does to the data lake.",
]


def test_prompt_heuristics():
    for prompt in PROMPTS_BEFORE:
        rules = findings_of(test_catalog.check_prompt, exercise(prompt=prompt))
        expect(rules.get("prompt-announces"), "not flagged as announcing: %r" % prompt)
    for prompt in PROMPTS_AFTER:
        rules = findings_of(test_catalog.check_prompt, exercise(prompt=prompt))
        expect(not rules, "flagged although neutral: %r (%s)" % (prompt, dict(rules)))
    issues = candidates("bug:3 no:2")
    issues[0]["text"] = "The rate cache holds its lock across the HTTP call to the pricing service."
    rules = findings_of(test_catalog.check_prompt, exercise(
        prompt="Review this cache; it holds the lock across the HTTP call.", issues=issues))
    expect(rules.get("prompt-phrase"), "a prompt quoting a candidate's phrase is not flagged")


def test_title_heuristics():
    for title in ("A map key with equals but no hashCode", "A deploy script that trusts set -e",
                  "A config crate that panics", "A rate cache that holds its lock too long"):
        rules = findings_of(test_catalog.check_title, exercise(title=title))
        expect(rules.get("title-names-defect"), "title not flagged: %r" % title)
    for title in ("Pick counts in the warehouse ledger", "Blue-green deploy script for the API",
                  "Nightly CRM user import", "Store footfall: Kafka to a partitioned Parquet lake",
                  "Exchange-rate cache in front of the pricing service"):
        rules = findings_of(test_catalog.check_title, exercise(title=title))
        expect(not rules, "neutral title flagged: %r" % title)
    issues = candidates("bug:3 no:2")
    issues[0]["text"] = "`forEach` does not wait for the async callbacks, so users are imported late."
    rules = findings_of(test_catalog.check_title, exercise(
        title="Importing users with async forEach", issues=issues, code="run(users)\n"))
    expect(rules.get("title-names-defect"), "a title repeating the candidate's words is not flagged")


def test_hint_ladder():
    item = exercise()
    item["hints"] = ["Look at the loop.", "What does the callback return, and who waits for it?",
                     "Count the rows."]
    rules = findings_of(test_catalog.check_hints, item)
    expect(rules.get("hint-ladder") == 1, "a hint that shrinks is not flagged: %s" % dict(rules))
    item["hints"] = ["Look at the loop.", "What does the callback return, and who waits for it?"]
    expect(not findings_of(test_catalog.check_hints, item), "a growing ladder is flagged")


def test_pinned_severity():
    issues = candidates("warning:2 no:2 bug:3")
    issues[0]["text"] = "The fetch failure becomes an unhandled promise rejection that ends Node 20."
    issues[1]["text"] = "The month is pasted into the SQL, which allows SQL injection."
    item = exercise(issues=issues)
    rules = findings_of(lambda e, f: test_catalog.check_candidates(e, f, set()), item)
    expect(rules.get("pinned-severity") == 1,
           "a real unhandled rejection as a warning must be flagged once (the distractor not): %s"
           % dict(rules))


def test_headline_first():
    rules = findings_of(test_catalog.check_order, exercise(issues=candidates("bug:4 no:2 warning:2")))
    expect(rules.get("headline-first") == 1, "the headline bug first is not flagged")
    rules = findings_of(test_catalog.check_order, exercise(issues=candidates("no:2 bug:4 warning:2")))
    expect(not rules, "a distractor first is flagged: %s" % dict(rules))


def test_sql_split():
    sql = "\n".join([
        "-- a comment; with a semicolon",                       # 1
        "\\set id 42",                                          # 2
        "CREATE TABLE t (id bigint, note text DEFAULT 'a;b''c');",  # 3
        "/* block ; */",                                        # 4
        "SELECT E'x\\';' AS s;",                                # 5
        "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$",  # 6
        "BEGIN RETURN 1; END $$;",                              # 7
        "COPY t FROM STDIN;",                                   # 8
        "1\ta;b",                                               # 9
        "\\.",                                                  # 10
        "SELECT 1;",                                            # 11
    ])
    got = [(line, text.split()[0]) for line, text in sqlcheck.split(sql)]
    want = [(3, "CREATE"), (5, "SELECT"), (6, "CREATE"), (8, "COPY"), (11, "SELECT")]
    expect(got == want, "sqlcheck.split: got %r, want %r" % (got, want))


def main():
    for name, function in sorted(globals().items()):
        if name.startswith("test_") and callable(function):
            function()
    if FAILURES:
        print("%d failures:" % len(FAILURES))
        for failure in FAILURES:
            print("  " + failure)
        return 1
    print("content tools ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
