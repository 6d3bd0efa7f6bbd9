"""Parses or compiles every snippet of the catalog with the toolchains this machine has.

Each exercise's `code` (as the real loader reads it) is written to a temporary
file with the right extension and given to a compiler, a parser or a syntax
checker chosen by `language`. Languages without a toolchain here are skipped,
and the skip is printed.

Two modes:
- by default (`make test` runs it through ctest) only quick, local checks:
  gcc, g++, python, node --check, bash -n, javac, rustc, gofmt, yaml, json;
- with --full (`make content-check`, which installs the toolchains first):
  also `go build` + `go vet` on a temporary module, TypeScript (`tsc --noEmit`,
  found through REVIEW_TSC or PATH), SQL parsed by PostgreSQL (a throwaway
  cluster, see sqlcheck.py and lib/pg.sh), PHP, Dockerfiles, INI / systemd
  units and TOML; shellcheck's and go vet's findings and gcc's warnings are
  reported but do not fail. Prints one line per snippet, PASS, FAIL or SKIP,
  and ends with `snippets: N passed, N failed, N skipped`.

What counts as a failure is a syntax error, or a compile error in code that
needs nothing but the language's standard library. When a snippet imports
packages that are not here (a Spring class, a crate, a Go module), only its
syntax is checked (javac stopped after parsing, rustc's errors without a
code, gofmt) and the line says "parsed". When the toolchain is older than the
snippet needs (Debian 12 has Go 1.19 and rustc 1.63), the snippet is skipped
with that reason.

Exercises listed in does-not-compile.txt (one id per line, `#` starts a comment
saying why) are ones whose point is that they do not compile: they are not
checked for success, but when their toolchain is present they must really
fail, so the list cannot go stale.
"""

import configparser
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from catalog import Review  # noqa: E402
import sqlcheck  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TIMEOUT = 120
FULL = "--full" in sys.argv[1:]
VERBOSE = FULL or "--verbose" in sys.argv[1:]
CACHE = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"),
                     "review", "content-check")
JAVA_PUBLIC_TYPE = re.compile(
    r"^public\s+(?:(?:final|abstract|sealed|non-sealed|strictfp)\s+)*"
    r"(?:class|interface|enum|record|@interface)\s+([A-Za-z_$][\w$]*)", re.M)
C_COMMON_HEADERS = """\
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>
"""
# Globals of Node for tsc, which has no @types/node here (only TypeScript is fetched).
TS_NODE_SHIM = """\
declare var process: any;
declare var Buffer: any;
declare type Buffer = any;
declare var require: any;
declare var module: any;
declare var exports: any;
declare var __dirname: string;
declare var __filename: string;
declare var global: any;
declare namespace NodeJS {
  type Timeout = any; type Timer = any; type Immediate = any; type ErrnoException = any;
  type ProcessEnv = Record<string, string | undefined>;
  type ReadableStream = any; type WritableStream = any;
}
declare function setImmediate(callback: (...args: any[]) => void, ...args: any[]): any;
declare function clearImmediate(id: any): void;
"""
DOCKER_INSTRUCTIONS = {
    "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK",
    "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
}


class Result:
    """The verdict on one snippet: status ok, fail or skip; level; message; notes."""

    def __init__(self, status, level="", message="", notes=""):
        self.status, self.level, self.message, self.notes = status, level, message, notes


def ok(level, notes=""):
    return Result("ok", level, notes=notes)


def fail(message):
    return Result("fail", message=message)


def skip(reason):
    return Result("skip", message=reason)


def run(command, cwd, env=None):
    try:
        result = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                                timeout=TIMEOUT, stdin=subprocess.DEVNULL, env=env)
    except subprocess.TimeoutExpired:
        return False, "timed out after %d s: %s" % (TIMEOUT, " ".join(command))
    return result.returncode == 0, (result.stdout + result.stderr).strip()


def write(folder, name, code):
    path = os.path.join(folder, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(code + "\n")
    return path


def have(tool):
    return shutil.which(tool) is not None


def summary_of(output, limit=6):
    lines = [line for line in output.split("\n") if line.strip()]
    return "\n".join(lines[:limit]) + ("\n..." if len(lines) > limit else "")


# ---- one checker per language: (code, folder) -> Result ----------------------

def check_python(code, folder):
    path = write(folder, "snippet.py", code)
    good, output = run([sys.executable, "-m", "py_compile", path], folder)
    return ok("compiled") if good else fail(output)


def check_c_family(code, folder, compiler, standard, name):
    path = write(folder, name, code)
    base = [compiler, "-fsyntax-only", "-std=" + standard, "-Werror=implicit-function-declaration"]
    good, output = run(base + ["-Wall", "-Wextra", path], folder)
    if not good:
        # A fragment may leave out its #includes: try again with the common ones.
        header = write(folder, "common.h", C_COMMON_HEADERS)
        good, output = run(base + ["-D_GNU_SOURCE", "-include", header, "-Wall", "-Wextra", path],
                           folder)
    if not good:
        return fail(output)
    warnings = output.count("warning:")
    return ok("compiled", "%d compiler warnings (-Wall -Wextra)" % warnings if warnings else "")


def check_c(code, folder):
    return check_c_family(code, folder, "gcc", "c11", "snippet.c")


def check_cpp(code, folder):
    return check_c_family(code, folder, "g++", "c++17", "snippet.cpp")


def check_javascript(code, folder):
    # ES module syntax is only accepted in a .mjs file by `node --check`.
    module = re.search(r"^\s*(import|export)\b", code, re.M)
    path = write(folder, "snippet.mjs" if module else "snippet.js", code)
    good, output = run(["node", "--check", path], folder)
    return ok("parsed") if good else fail(output)


def shellcheck_notes(path, dialect, folder):
    if not (FULL and have("shellcheck")):
        return ""
    _, output = run(["shellcheck", "-s", dialect, "-f", "gcc", path], folder)
    codes = re.findall(r"\[(SC\d+)\]", output)
    if not codes:
        return ""
    counted = sorted({code: codes.count(code) for code in codes}.items())
    return "shellcheck: " + ", ".join("%s x%d" % pair if pair[1] > 1 else pair[0]
                                      for pair in counted)


def check_bash(code, folder):
    path = write(folder, "snippet.sh", code)
    good, output = run(["bash", "-n", path], folder)
    if not good:
        return fail(output)
    return ok("parsed", shellcheck_notes(path, "bash", folder))


def check_sh(code, folder):
    path = write(folder, "snippet.sh", code)
    good, output = run(["sh" if have("sh") else "bash", "-n", path], folder)
    if not good:
        return fail(output)
    return ok("parsed", shellcheck_notes(path, "sh", folder))


def java_imports(code):
    return [name for name in re.findall(r"^\s*import\s+(?:static\s+)?([\w.]+)", code, re.M)
            if not name.startswith(("java.", "javax.", "jdk.", "org.w3c.", "org.xml."))]


def check_java(code, folder):
    match = JAVA_PUBLIC_TYPE.search(code)
    path = write(folder, (match.group(1) if match else "Snippet") + ".java", code)
    classes = os.path.join(folder, "classes")
    os.makedirs(classes, exist_ok=True)
    good, output = run(["javac", "-proc:none", "-Xlint:none", "-d", classes, path], folder)
    if good:
        return ok("compiled")
    foreign = java_imports(code)
    if not foreign:
        return fail(output)
    # Libraries that are not here: check the syntax only (javac stopped after parsing).
    good, output = run(["javac", "-proc:none", "-XDshould-stop.ifError=PARSE",
                        "-XDshould-stop.ifNoError=PARSE", "-d", classes, path], folder)
    if good:
        return ok("parsed", "imports %s: not on this classpath" % ", ".join(foreign[:3]))
    return fail(output)


RUST_LOCAL_ROOTS = {"std", "core", "alloc", "crate", "self", "super", "proc_macro"}


def rust_crates(code):
    crates = set(re.findall(r"^\s*(?:pub\s+)?use\s+(?:::)?([a-z_][a-z0-9_]*)::", code, re.M))
    crates |= set(re.findall(r"^\s*extern\s+crate\s+([a-z_][a-z0-9_]*)", code, re.M))
    crates |= set(re.findall(r"#\[\s*([a-z_][a-z0-9_]*)::", code))
    return sorted(crates - RUST_LOCAL_ROOTS)


def check_rust(code, folder):
    path = write(folder, "snippet.rs", code)
    kind = "bin" if re.search(r"^\s*(?:async\s+)?fn\s+main\s*\(", code, re.M) else "lib"
    good, output = run(["rustc", "--edition", "2021", "--crate-type", kind, "--emit=metadata",
                        "-o", os.path.join(folder, "snippet.rmeta"), path], folder)
    if good:
        return ok("compiled")
    errors = re.findall(r"^error(\[E\d+\])?: (.*)$", output, re.M)
    errors = [(code_, text) for code_, text in errors if not text.startswith("aborting due to")]
    if errors and all(code_ == "[E0658]" for code_, _ in errors):
        return skip("rustc %s is older than the snippet needs (E0658)" % rustc_version())
    crates = rust_crates(code)
    if crates:
        syntax = [text for code_, text in errors if not code_
                  and not re.match(r"cannot find (derive macro|macro|attribute)", text)]
        if not syntax:
            return ok("parsed", "uses crates %s: not here" % ", ".join(crates[:3]))
    return fail(output)


def rustc_version():
    _, output = run(["rustc", "--version"], ".")
    return (output.split() + ["?", "?"])[1]


GO_TOO_OLD = re.compile(r"is not in GOROOT|undefined: (min|max|clear)\b|requires go1|"
                        r"cannot range over \d|predeclared any requires")


def go_version():
    good, output = run(["go", "env", "GOVERSION"], ".")
    match = re.match(r"go(\d+\.\d+)", output.strip()) if good else None
    return match.group(1) if match else "1.19"


def go_env(folder):
    env = dict(os.environ)
    env.update({"GOFLAGS": "-mod=mod", "GOPROXY": "off", "GOTOOLCHAIN": "local",
                "GOTELEMETRY": "off", "GO111MODULE": "on", "GOWORK": "off",
                "GOPATH": os.path.join(folder, "gopath"),
                "GOCACHE": os.environ.get("GOCACHE") or os.path.join(CACHE, "go-build")})
    return env


def go_imports(code):
    paths = re.findall(r'^import\s+(?:[\w.]+\s+)?"([^"]+)"', code, re.M)
    for block in re.findall(r"^import\s*\((.*?)\)", code, re.M | re.S):
        paths += re.findall(r'"([^"]+)"', block)
    return paths


def check_go_quick(code, folder):
    path = write(folder, "snippet.go", code)
    good, output = run(["gofmt", "-e", "-l", path], folder)
    return ok("parsed") if good else fail(output)


def check_go(code, folder):
    if not FULL or not have("go"):
        return check_go_quick(code, folder)
    imports = go_imports(code)
    foreign = [path for path in imports if "." in path.split("/")[0]]
    if foreign:
        result = check_go_quick(code, folder)
        if result.status == "ok":
            result.notes = "imports %s: not here" % ", ".join(foreign[:3])
        return result
    module = os.path.join(folder, "module")
    source = code
    if re.search(r"^package\s+main\b", code, re.M) and not re.search(r"^func\s+main\s*\(", code, re.M):
        source += "\n\nfunc main() {}\n"  # a fragment of a command: give it an entry point
    write(module, "snippet.go", source)
    write(module, "go.mod", "module example.com/snippet\n\ngo %s\n" % go_version())
    env = go_env(folder)
    good, output = run(["go", "build", "-o", os.path.join(folder, "snippet.bin"), "./..."],
                       module, env)
    if not good:
        if GO_TOO_OLD.search(output):
            return skip("go %s is older than the snippet needs: %s"
                        % (go_version(), GO_TOO_OLD.search(output).group(0)))
        return fail(output)
    good, output = run(["go", "vet", "./..."], module, env)
    findings = [line for line in output.split("\n") if re.match(r"\S+\.go:\d+", line)]
    return ok("compiled", "go vet: " + "; ".join(findings[:3]) if findings else "")


def tsc_command():
    tsc = os.environ.get("REVIEW_TSC") or os.path.join(CACHE, "node_modules", ".bin", "tsc")
    if os.access(tsc, os.X_OK):
        return tsc
    return shutil.which("tsc")


def check_typescript(code, folder):
    path = write(folder, "snippet.tsx" if re.search(r"<[A-Z]\w*[\s/>]", code)
                 and "React" in code else "snippet.ts", code)
    shim = write(folder, "node-shim.d.ts", TS_NODE_SHIM)
    base = [tsc_command(), "--noEmit", "--pretty", "false", "--strict", "--target", "es2022",
            "--module", "esnext", "--moduleResolution", "bundler", "--lib",
            "es2023,dom,dom.iterable", "--skipLibCheck", "--jsx", "preserve"]
    standalone = not re.search(r"^\s*import\b|\brequire\s*\(", code, re.M)
    good, output = run(base + [path, shim], folder)
    if good:
        return ok("type-checked")
    errors = re.findall(r"error (TS\d+): (.*)", output)
    syntax = [line for line in output.split("\n") if re.search(r"error TS1\d{3}:", line)]
    if syntax:
        return fail("\n".join(syntax))
    if standalone:
        return fail(output)
    # Imports of packages that are not here make their types unknown: syntax only.
    return ok("parsed", "%d type errors not counted (imports packages not here, e.g. %s)"
              % (len(errors), errors[0][0] if errors else "?"))


def check_php(code, folder):
    path = write(folder, "snippet.php", code if code.lstrip().startswith("<?") else "<?php\n" + code)
    good, output = run(["php", "-l", path], folder)
    return ok("parsed") if good else fail(output)


def check_yaml(code, folder):
    import yaml  # only called when importable
    try:
        list(yaml.safe_load_all(code))
    except yaml.YAMLError as error:
        return fail(str(error))
    return ok("parsed")


def check_json(code, folder):
    try:
        json.loads(code)
    except ValueError as error:
        return fail(str(error))
    return ok("parsed")


def check_toml(code, folder):
    import tomllib  # Python 3.11+
    try:
        tomllib.loads(code)
    except tomllib.TOMLDecodeError as error:
        return fail(str(error))
    return ok("parsed")


def check_ini(code, folder):
    parser = configparser.ConfigParser(strict=False, interpolation=None, allow_no_value=True,
                                       delimiters=("=",), comment_prefixes=("#", ";"))
    try:
        parser.read_string(code)
    except configparser.Error as error:
        return fail(str(error))
    return ok("parsed")


def dockerfile_instructions(code):
    """(line number, instruction, arguments) with continuations joined and heredocs kept."""
    escape = "\\"
    directive = re.match(r"#\s*escape\s*=\s*(\S)", code)
    if directive:
        escape = directive.group(1)
    lines = code.split("\n")
    result, index = [], 0
    while index < len(lines):
        raw = lines[index]
        index += 1
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        first, text = index, raw.rstrip()
        while text.endswith(escape) and index < len(lines):
            following = lines[index]
            index += 1
            if following.lstrip().startswith("#"):
                continue
            text = text[:-1] + " " + following.rstrip()
        heredoc = re.search(r"<<-?\s*[\"']?(\w+)[\"']?", text)
        body = ""
        if heredoc:
            end = heredoc.group(1)
            collected = []
            while index < len(lines) and lines[index].strip() != end:
                collected.append(lines[index])
                index += 1
            index += 1
            body = "\n".join(collected)
        word, _, arguments = text.strip().partition(" ")
        result.append((first, word, arguments.strip(), body))
    return result


def check_dockerfile(code, folder):
    problems, notes, seen_from = [], [], False
    for number, word, arguments, body in dockerfile_instructions(code):
        if word.upper() not in DOCKER_INSTRUCTIONS:
            problems.append("line %d: unknown instruction %r" % (number, word))
            continue
        word = word.upper()
        if word == "FROM":
            seen_from = True
        elif word != "ARG" and not seen_from:
            problems.append("line %d: %s before the first FROM" % (number, word))
        options = re.match(r"((?:--\S+\s+)*)(.*)", arguments, re.S)
        rest = options.group(2)
        if rest.startswith("[") and word in ("RUN", "CMD", "ENTRYPOINT", "SHELL", "COPY", "ADD",
                                              "VOLUME"):
            try:
                json.loads(rest)
            except ValueError as error:
                problems.append("line %d: %s's JSON form is not JSON: %s" % (number, word, error))
            continue
        if word == "RUN" and rest:
            script = body if body else rest
            path = write(folder, "run-%d.sh" % number, script)
            good, output = run(["bash", "-n", path], folder)
            if not good:
                problems.append("line %d: RUN is not valid shell: %s" % (number, summary_of(output, 2)))
        if word in ("FROM", "COPY", "ADD", "WORKDIR", "USER", "EXPOSE") and not rest:
            problems.append("line %d: %s without arguments" % (number, word))
    if not seen_from:
        problems.append("no FROM instruction")
    if problems:
        return fail("\n".join(problems))
    return ok("parsed", "; ".join(notes))


def check_scala(code, folder):
    # Parse only: the snippets use libraries (Spark) that are not on this classpath.
    path = write(folder, "Snippet.scala", code)
    good, output = run(["scalac", "-Ystop-after:parser", "-d", folder, path], folder)
    return ok("parsed") if good else fail(output)


class Postgres:
    """A throwaway cluster, started on first use and stopped at exit (lib/pg.sh)."""

    def __init__(self):
        self.folder = None
        self.env = None
        self.error = None

    def available(self):
        return any(os.access(os.path.join(root, version, "bin", "initdb"), os.X_OK)
                   for root in ["/usr/lib/postgresql"] if os.path.isdir(root)
                   for version in os.listdir(root)) and have("psql")

    def environment(self):
        if self.env is None and self.error is None:
            self.folder = tempfile.mkdtemp(prefix="review-pg-")
            good, output = run([os.path.join(HERE, "lib", "pg.sh"), "start", self.folder], HERE)
            if good:
                self.env = dict(os.environ)
                self.env.update(line.split("=", 1) for line in output.split("\n") if "=" in line)
            else:
                self.error = "could not start PostgreSQL: " + output
        return self.env

    def stop(self):
        if self.folder:
            run([os.path.join(HERE, "lib", "pg.sh"), "stop", self.folder], HERE)
            shutil.rmtree(self.folder, ignore_errors=True)


POSTGRES = Postgres()


def check_sql(code, folder):
    env = POSTGRES.environment()
    if env is None:
        return fail(POSTGRES.error)
    good, message = sqlcheck.check(code, folder, env)
    return ok("parsed by PostgreSQL", message) if good else fail(message)


def yaml_available():
    return importlib.util.find_spec("yaml") is not None


# language (as written in exercises) -> (checker, is the toolchain here?, what is missing)
def checkers():
    table = {
        "python": (check_python, True, ""),
        "c": (check_c, have("gcc"), "gcc"),
        "cpp": (check_cpp, have("g++"), "g++"),
        "javascript": (check_javascript, have("node"), "node"),
        "bash": (check_bash, have("bash"), "bash"),
        "sh": (check_sh, have("bash"), "bash"),
        "java": (check_java, have("javac"), "javac"),
        "rust": (check_rust, have("rustc"), "rustc"),
        "go": (check_go, have("gofmt") or have("go"), "gofmt"),
        "scala": (check_scala, have("scalac"), "scalac"),
        "yaml": (check_yaml, yaml_available(), "python3 yaml module (python3-yaml)"),
        "json": (check_json, True, ""),
        "toml": (check_toml, importlib.util.find_spec("tomllib") is not None, "Python 3.11"),
        "ini": (check_ini, True, ""),
        "dockerfile": (check_dockerfile, have("bash"), "bash"),
    }
    if FULL:
        table["typescript"] = (check_typescript, bool(tsc_command()), "tsc (make content-check)")
        table["sql"] = (check_sql, POSTGRES.available(), "PostgreSQL server and psql")
        table["php"] = (check_php, have("php"), "php (php-cli)")
    else:
        for language in ("typescript", "sql", "php"):
            table[language] = (None, False, "only with --full (make content-check)")
    aliases = {"py": "python", "python3": "python", "h": "c", "c++": "cpp", "cc": "cpp",
               "cxx": "cpp", "js": "javascript", "mjs": "javascript", "jsx": "javascript",
               "node": "javascript", "ts": "typescript", "tsx": "typescript", "shell": "bash",
               "zsh": "bash", "ksh": "sh", "golang": "go", "rs": "rust", "yml": "yaml",
               "postgres": "sql", "postgresql": "sql", "plpgsql": "sql", "psql": "sql",
               "systemd": "ini", "unit": "ini", "docker": "dockerfile", "containerfile": "dockerfile",
               "sc": "scala"}
    for alias, language in aliases.items():
        table[alias] = table[language]
    return table


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
    table = checkers()
    failures, skipped = [], {}
    counts = {"passed": 0, "failed": 0, "skipped": 0}
    known_ids = {entry["id"] for entry in listing}
    for stale in sorted(set(exceptions) - known_ids):
        failures.append("does-not-compile.txt:%d: no exercise has id %r"
                        % (exceptions[stale], stale))
        counts["failed"] += 1

    try:
        for entry in listing:
            language = (entry.get("language") or "text").lower()
            label = "%s %s [%s]" % (entry["id"], os.path.relpath(entry["path"], review.source_dir),
                                     language)
            checker = table.get(language)
            if checker is None or not checker[1]:
                reason = ("no checker for this language" if checker is None else checker[2] if checker[0] is None
                          else checker[2] + " not found")
                skipped.setdefault("%s (%s)" % (language, reason), []).append(entry["id"])
                counts["skipped"] += 1
                if VERBOSE:
                    print("SKIP %s: %s" % (label, reason), flush=True)
                continue
            exercise = review.json("show", entry["path"], "--format", "json")
            with tempfile.TemporaryDirectory(prefix="review-snippet-") as folder:
                result = checker[0](exercise.get("code") or "", folder)
            if result.status == "skip":
                counts["skipped"] += 1
                skipped.setdefault("%s (%s)" % (language, result.message), []).append(entry["id"])
                if VERBOSE:
                    print("SKIP %s: %s" % (label, result.message), flush=True)
                continue
            good = result.status == "ok"
            if entry["id"] in exceptions:
                if good:
                    failures.append("%s: listed in does-not-compile.txt but compiles cleanly" % label)
                    counts["failed"] += 1
                    if VERBOSE:
                        print("FAIL %s: listed in does-not-compile.txt but compiles" % label)
                else:
                    counts["passed"] += 1
                    if VERBOSE:
                        print("PASS %s: does not compile, as does-not-compile.txt says" % label)
                continue
            if good:
                counts["passed"] += 1
                if VERBOSE:
                    print("PASS %s: %s%s" % (label, result.level,
                                            "; " + result.notes if result.notes else ""), flush=True)
            else:
                counts["failed"] += 1
                failures.append("%s: does not compile\n%s" % (label, result.message))
                if VERBOSE:
                    print("FAIL %s\n    %s" % (label, summary_of(result.message, 12)
                                                .replace("\n", "\n    ")), flush=True)
    finally:
        POSTGRES.stop()

    print("checked %d snippets" % (counts["passed"] + counts["failed"]))
    for reason, ids in sorted(skipped.items()):
        print("skipped %s: %s" % (reason, " ".join(sorted(ids))))
    if failures:
        print("%d failures:" % len(failures))
        for failure in failures:
            print("  " + failure.replace("\n", "\n    "))
    print("snippets: %d passed, %d failed, %d skipped"
          % (counts["passed"], counts["failed"], counts["skipped"]))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
