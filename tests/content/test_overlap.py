"""Hints, titles and prompts must not give the key away by their words
(docs/authoring.md, "Hints, titles and prompts that give the key away").

Fails when a blind strategy that matches words instead of reading the code
("buy one hint, mark as bugs the two candidates that share the most words with
the title, the prompt and that hint, the rest not real") passes more exercises
than picking the same number of candidates at random would, beyond cues.py's
bound (random + 4 exercises, or + 25%, whichever is larger), after the hints'
cost. Every breach names the strategy and the exercises it passes. Also fails
when a context repeats a real candidate's phrasing nearly verbatim (5 content
words in a row that no distractor of the exercise has). The overlap with the
context is measured and printed but is not a failure: matching the story's
symptoms to a consequence is part of reviewing. The whole table:
    REVIEW_BIN=build/review SOURCE_DIR=. python3 tests/content/overlap.py [--exercises]
"""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from catalog import Review  # noqa: E402
import cues  # noqa: E402
import overlap  # noqa: E402


def main():
    exercises = Review().catalog()
    messages = overlap.breaches(exercises)
    if messages:
        for message in messages:
            print("FAIL " + message)
        print("\n%d word-overlap breach%s: make the first hints ask where to look instead of using the "
              "real candidates' words, and keep titles and prompts neutral (docs/authoring.md, \"Hints, "
              "titles and prompts that give the key away\"); the full table:"
              % (len(messages), "" if len(messages) == 1 else "es"))
        overlap.report(exercises)
        return 1
    rows = overlap.strategies(exercises, "wrapper")
    worst = max(rows, key=lambda row: row[5] - cues.bound(row[6]))
    print("word overlap ok: %d exercises, %d strategies within bounds; closest: %s h=%d k=%d %s %s "
          "passes %.1f (random %.1f, bound %.1f)"
          % (len(exercises), len(rows), worst[0], worst[2], worst[3], worst[1], worst[4], worst[5],
             worst[6], cues.bound(worst[6])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
