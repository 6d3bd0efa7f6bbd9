"""Surface cues over the catalog (docs/authoring.md, "Surface cues").

Fails when a blind strategy that reads only the candidates' wording ("the
longest candidate is a bug, the rest not real", "the three with the fewest code
spans are bugs"...) passes more exercises than chance allows, or when a yes/no
wording cue ("contains 'cannot'", "has no code span") points to one verdict with
more than 75% precision over 15 candidates or more. Every breach names the cue,
the strategy and the exercises it passes. The measures and bounds are in
cues.py; run it as a script for the whole table:
    REVIEW_BIN=build/review SOURCE_DIR=. python3 tests/content/cues.py
"""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from catalog import Review  # noqa: E402
import cues  # noqa: E402


def main():
    exercises = Review().catalog()
    messages = cues.breaches(exercises)
    if messages:
        for message in messages:
            print("FAIL " + message)
        print("\n%d surface-cue breach%s: reword candidates so the wording does not give the verdict "
              "away (docs/authoring.md, \"Surface cues\"); the full table:"
              % (len(messages), "" if len(messages) == 1 else "es"))
        cues.report(exercises)
        return 1
    rows, _ = cues.strategies(exercises)
    worst = max(rows, key=lambda row: row[4] - cues.bound(row[5]))
    print("surface cues ok: %d exercises, %d strategies and %d wording cues within bounds; closest: "
          "%r %s k=%d %s passes %.1f (random %.1f, bound %.1f)"
          % (len(exercises), len(rows), len(cues.FEATURES), worst[0], worst[1], worst[2], worst[3],
             worst[4], worst[5], cues.bound(worst[5])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
