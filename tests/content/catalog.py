"""Reads the bundled catalog through the built `review` binary.

The content tests go through the real loader (`review list` and `review show
--key --format json`) rather than a YAML library of their own: a fresh Debian
machine may not have PyYAML, and what matters is what the program sees.
Imported by test_catalog.py and test_snippets.py; not a test itself.
"""

import json
import os
import subprocess
import sys
import tempfile


class Review:
    """Runs the binary named by REVIEW_BIN on SOURCE_DIR/exercises."""

    def __init__(self):
        missing = [name for name in ("REVIEW_BIN", "SOURCE_DIR") if not os.environ.get(name)]
        if missing:
            sys.exit("error: %s not set (run through ctest)" % ", ".join(missing))
        self.binary = os.environ["REVIEW_BIN"]
        self.source_dir = os.environ["SOURCE_DIR"]
        self.exercises = os.path.join(self.source_dir, "exercises")
        # Keep progress and drafts out of the user's home.
        self.scratch = tempfile.TemporaryDirectory(prefix="review-content-")
        self.env = dict(os.environ)
        self.env.update({
            "HOME": self.scratch.name,
            "XDG_DATA_HOME": self.scratch.name,
            "XDG_STATE_HOME": self.scratch.name,
            "XDG_CONFIG_HOME": self.scratch.name,
            "REVIEW_STATE": os.path.join(self.scratch.name, "state.db"),
            "NO_COLOR": "1",
        })
        self.env.pop("REVIEW_PATH", None)

    def run(self, *args, timeout=300):
        """Runs `review --exercises DIR ARGS...`; returns the CompletedProcess."""
        command = [self.binary, "--no-save", "--exercises", self.exercises] + list(args)
        return subprocess.run(command, capture_output=True, text=True, env=self.env,
                              timeout=timeout, stdin=subprocess.DEVNULL)

    def run_plain(self, *args, timeout=600):
        """Runs `review ARGS...` with no catalog option."""
        return subprocess.run([self.binary] + list(args), capture_output=True, text=True,
                              env=self.env, timeout=timeout, stdin=subprocess.DEVNULL)

    def json(self, *args):
        result = self.run(*args)
        if result.returncode != 0:
            sys.exit("error: `review %s` exited %d\n%s%s" % (
                " ".join(args), result.returncode, result.stdout, result.stderr))
        try:
            return json.loads(result.stdout)
        except ValueError as error:
            sys.exit("error: `review %s` printed invalid JSON: %s\n%s" % (
                " ".join(args), error, result.stdout[:2000]))

    def catalog(self):
        """Every exercise of the catalog, as `show --key --format json` gives it."""
        listing = self.json("list", "--format", "json")
        exercises = []
        for entry in listing:
            full = self.json("show", entry["path"], "--key", "--format", "json")
            full["listed"] = entry
            exercises.append(full)
        return exercises


def code_lines(exercise):
    code = exercise.get("code") or ""
    return code.split("\n")


def line_numbers(spec):
    """Expands a `lines` value from the JSON ([first, last] pairs)."""
    numbers = []
    for item in spec or []:
        if isinstance(item, list):
            numbers.extend(range(item[0], item[1] + 1))
        elif isinstance(item, int):
            numbers.append(item)
        else:
            first, _, last = str(item).partition("-")
            numbers.extend(range(int(first), int(last or first) + 1))
    return numbers
