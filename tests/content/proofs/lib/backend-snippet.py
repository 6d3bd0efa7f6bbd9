"""Prints the `code` block of the exercise with the given id (backend proofs' helper).

Usage: python3 backend-snippet.py ID
Reads the literal block `code: |` of exercises/**/*.md whose front matter says `id: ID`,
without a YAML library (a fresh Debian machine may not have PyYAML): the block is the
run of lines indented by two spaces (or blank) after `code: |`.
"""
import glob
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))


def code_of(exercise_id):
    for path in sorted(glob.glob(os.path.join(ROOT, "exercises", "*", "*.md"))):
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().split("\n")
        if "id: " + exercise_id not in lines[:4]:
            continue
        start = lines.index("code: |") + 1
        out = []
        for line in lines[start:]:
            if line.startswith("  ") or line == "":
                out.append(line[2:])
            else:
                break
        while out and out[-1] == "":
            out.pop()
        return "\n".join(out) + "\n"
    sys.exit("no exercise with id %s" % exercise_id)


if __name__ == "__main__":
    sys.stdout.write(code_of(sys.argv[1]))
