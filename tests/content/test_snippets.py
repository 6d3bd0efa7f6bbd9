"""Parses or compiles every snippet of the catalog with the toolchain this machine has.

Each exercise's `code` (as the real loader reads it) is written to a temporary
file with the right extension and given to a syntax checker or compiler chosen
by `language`. Languages without a toolchain here are skipped, and the skip is
printed. Exercises listed in does-not-compile.txt (one id per line, `#` starts
a comment saying why) are ones whose point is that they do not compile: they
are not checked for success, but when their toolchain is present they must
really fail, so the list cannot go stale.
"""

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from catalog import Review  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TIMEOUT = 120
JAVA_PUBLIC_TYPE = re.compile(
    r"^public\s+(?:(?:final|abstract|sealed|non-sealed|strictfp)\s+)*"
    r"(?:class|interface|enum|record|@interface)\s+([A-Za-z_$][\w$]*)", re.M)


def run(command, cwd):
    try:
        result = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                                timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return False, "timed out after %d s: %s" % (TIMEOUT, " ".join(command))
    return result.returncode == 0, (result.stdout + result.stderr).strip()


def write(folder, name, code):
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(code + "\n")
    return path


def check_python(code, folder):
    path = write(folder, "snippet.py", code)
    return run([sys.executable, "-m", "py_compile", path], folder)


def check_c(code, folder):
    path = write(folder, "snippet.c", code)
    return run(["gcc", "-fsyntax-only", "-std=c11", "-Werror=implicit-function-declaration",
                path], folder)


def check_cpp(code, folder):
    path = write(folder, "snippet.cpp", code)
    return run(["g++", "-fsyntax-only", "-std=c++17", path], folder)


def check_javascript(code, folder):
    # ES module syntax is only accepted in a .mjs file by `node --check`.
    module = re.search(r"^\s*(import|export)\b", code, re.M)
    path = write(folder, "snippet.mjs" if module else "snippet.js", code)
    return run(["node", "--check", path], folder)


def check_bash(code, folder):
    path = write(folder, "snippet.sh", code)
    return run(["bash", "-n", path], folder)


def check_java(code, folder):
    match = JAVA_PUBLIC_TYPE.search(code)
    path = write(folder, (match.group(1) if match else "Snippet") + ".java", code)
    classes = os.path.join(folder, "classes")
    os.makedirs(classes, exist_ok=True)
    return run(["javac", "-proc:none", "-d", classes, path], folder)


def check_rust(code, folder):
    path = write(folder, "snippet.rs", code)
    return run(["rustc", "--edition", "2021", "--crate-type", "lib", "--emit=metadata",
                "-o", os.path.join(folder, "snippet.rmeta"), path], folder)


def check_go(code, folder):
    path = write(folder, "snippet.go", code)
    return run(["gofmt", "-e", "-l", path], folder)


def check_scala(code, folder):
    # Parse only: the snippets use libraries (Spark) that are not on this classpath.
    path = write(folder, "Snippet.scala", code)
    return run(["scalac", "-Ystop-after:parser", "-d", folder, path], folder)


def check_yaml(code, folder):
    import yaml  # only called when importable
    try:
        list(yaml.safe_load_all(code))
    except yaml.YAMLError as error:
        return False, str(error)
    return True, ""


def have(tool):
    return shutil.which(tool) is not None


# language (as written in exercises) -> (checker, is the toolchain here?, what is missing)
CHECKERS = {
    "python": (check_python, True, ""),
    "c": (check_c, have("gcc"), "gcc"),
    "cpp": (check_cpp, have("g++"), "g++"),
    "c++": (check_cpp, have("g++"), "g++"),
    "javascript": (check_javascript, have("node"), "node"),
    "js": (check_javascript, have("node"), "node"),
    "bash": (check_bash, have("bash"), "bash"),
    "sh": (check_bash, have("bash"), "bash"),
    "shell": (check_bash, have("bash"), "bash"),
    "java": (check_java, have("javac"), "javac"),
    "rust": (check_rust, have("rustc"), "rustc"),
    "go": (check_go, have("gofmt"), "gofmt"),
    "scala": (check_scala, have("scalac"), "scalac"),
    "yaml": (check_yaml, importlib.util.find_spec("yaml") is not None, "python3 yaml module"),
}


def read_exceptions(path):
    """Ids of exercises that must not compile, from does-not-compile.txt."""
    ids = {}
    if not os.path.exists(path):
        return ids
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            entry = line.split("#", 1)[0].strip()
            if entry:
                ids[entry] = number
    return ids


def main():
    review = Review()
    listing = review.json("list", "--format", "json")
    exceptions_path = os.path.join(HERE, "does-not-compile.txt")
    exceptions = read_exceptions(exceptions_path)
    failures, skipped, checked = [], {}, 0
    known_ids = {entry["id"] for entry in listing}
    for stale in sorted(set(exceptions) - known_ids):
        failures.append("does-not-compile.txt:%d: no exercise has id %r"
                        % (exceptions[stale], stale))

    for entry in listing:
        language = (entry.get("language") or "text").lower()
        checker = CHECKERS.get(language)
        if checker is None or not checker[1]:
            reason = "no checker for this language" if checker is None else checker[2] + " not found"
            skipped.setdefault("%s (%s)" % (language, reason), []).append(entry["id"])
            continue
        exercise = review.json("show", entry["path"], "--format", "json")
        with tempfile.TemporaryDirectory(prefix="review-snippet-") as folder:
            ok, output = checker[0](exercise.get("code") or "", folder)
        checked += 1
        label = "%s %s [%s]" % (entry["id"], os.path.relpath(entry["path"], review.source_dir),
                                 language)
        if entry["id"] in exceptions and ok:
            failures.append("%s: listed in does-not-compile.txt but compiles cleanly" % label)
        elif entry["id"] not in exceptions and not ok:
            failures.append("%s: does not compile\n%s" % (label, output))

    print("checked %d snippets" % checked)
    for reason, ids in sorted(skipped.items()):
        print("skipped %s: %s" % (reason, " ".join(sorted(ids))))
    if failures:
        print("%d failures:" % len(failures))
        for failure in failures:
            print("  " + failure.replace("\n", "\n    "))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
