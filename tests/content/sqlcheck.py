"""Parses SQL snippets with a real PostgreSQL server, without running them.

The server has no raw-parse function, and PREPARE or EXPLAIN need the tables
the snippet talks about. What does parse without analysis: the PL/pgSQL
validator, which runs the SQL parser on every statement of a function body
when the function is created. So each statement of a snippet becomes the body
of a throwaway PL/pgSQL function (`CREATE FUNCTION pg_temp.review_parse_N()`),
which the server parses and never calls. A syntax error comes back as SQLSTATE
42601; nothing else counts.

A few statements cannot sit in a PL/pgSQL body, and are harmless to run, so
they run between BEGIN and ROLLBACK and only a syntax error counts:
transaction control (BEGIN, COMMIT, SAVEPOINT...), cursors (DECLARE, FETCH,
MOVE, CLOSE), and CREATE FUNCTION / PROCEDURE in LANGUAGE sql or plpgsql (so
their bodies are checked too: creating a function never calls it). A DO block
is checked the same way, as a function made of its body. psql meta-commands
(`\\set`...) and COPY ... FROM STDIN data are skipped.

Imported by test_snippets.py; pg.sh starts the server.
"""

import os
import re
import secrets
import subprocess

TIMEOUT = 120
RUN_DIRECTLY = re.compile(
    r"^(begin|start\s+transaction|commit|end|rollback|abort|savepoint|release|"
    r"declare|fetch|move|close|set\s+transaction|set\s+constraints)\b", re.I)
DEFINES_ROUTINE = re.compile(
    r"^create\s+(or\s+replace\s+)?(function|procedure)\b", re.I)
LANGUAGE = re.compile(r"\blanguage\s+'?([a-z0-9_]+)", re.I)
DO_BLOCK = re.compile(r"^do\s+(?:language\s+plpgsql\s+)?(\$[a-z0-9_]*\$)(.*)\1"
                      r"(?:\s+language\s+plpgsql)?\s*$", re.I | re.S)
COPY_STDIN = re.compile(r"^copy\b[^;]*\bfrom\s+stdin\b", re.I)
MARKER = "@@review-statement "


def split(sql):
    """Statements of a psql script: [(first line, text without the `;`)]."""
    statements = []
    i, n, line = 0, len(sql), 1
    start, start_line = 0, 1
    depth = 0  # parentheses, so `BEGIN ATOMIC ... END` bodies are not split

    def flush(end):
        text = sql[start:end].strip()
        if text:
            statements.append((start_line, text))

    while i < n:
        char = sql[i]
        if char == "\n":
            line += 1
        at_start = not sql[start:i].strip()
        if at_start and char == "\\":  # a psql meta-command: skip the line
            end = sql.find("\n", i)
            i = n if end < 0 else end
            start, start_line = i, line
            continue
        if char == "-" and sql.startswith("--", i):
            end = sql.find("\n", i)
            i = n if end < 0 else end
            if at_start:
                start, start_line = i, line
            continue
        if char == "/" and sql.startswith("/*", i):
            nesting, j = 1, i + 2
            while j < n and nesting:
                if sql.startswith("/*", j):
                    nesting, j = nesting + 1, j + 2
                elif sql.startswith("*/", j):
                    nesting, j = nesting - 1, j + 2
                else:
                    j += 1
            line += sql.count("\n", i, j)
            i = j
            if at_start:
                start, start_line = i, line
            continue
        if at_start and not char.isspace():
            start, start_line = i, line
        if char == "'":
            escapes = i > 0 and sql[i - 1] in "eE" and (i < 2 or not sql[i - 2].isalnum())
            j = i + 1
            while j < n:
                if escapes and sql[j] == "\\":
                    j += 2
                    continue
                if sql[j] == "'":
                    if sql.startswith("''", j):
                        j += 2
                        continue
                    break
                j += 1
            line += sql.count("\n", i, j)
            i = j + 1
            continue
        if char == '"':
            j = sql.find('"', i + 1)
            j = n if j < 0 else j
            line += sql.count("\n", i, j)
            i = j + 1
            continue
        if char == "$":
            match = re.match(r"\$([A-Za-z_][A-Za-z0-9_]*)?\$", sql[i:])
            if match and not (i > 0 and (sql[i - 1].isalnum() or sql[i - 1] == "_")):
                tag = match.group(0)
                j = sql.find(tag, i + len(tag))
                j = n if j < 0 else j + len(tag)
                line += sql.count("\n", i, j)
                i = j
                continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char == ";" and depth == 0 and not _inside_atomic(sql[start:i]):
            flush(i)
            if COPY_STDIN.match(sql[start:i].strip()):
                end = sql.find("\n\\.", i)
                if end >= 0:
                    line += sql.count("\n", i, end + 1)
                    i = end + 2
            start, start_line = i + 1, line
        i += 1
    flush(n)
    return statements


def _inside_atomic(text):
    """True inside a `BEGIN ATOMIC` body (PostgreSQL 14+) that has not reached END."""
    lowered = text.lower()
    if not re.search(r"\bbegin\s+atomic\b", lowered):
        return False
    return not re.search(r"\bend\s*$", lowered)


def _unused_tag(sql):
    while True:
        tag = "$review_%s$" % secrets.token_hex(4)
        if tag not in sql:
            return tag


def script(statements):
    """The psql script that checks each statement; one marker per statement."""
    lines = ["\\set ON_ERROR_STOP 0", "\\set VERBOSITY verbose", "\\set QUIET 1",
             "SET client_min_messages = warning;", "SET check_function_bodies = on;"]
    for number, (_, text) in enumerate(statements):
        lines.append("\\warn '%s%d'" % (MARKER, number))
        body = text
        do = DO_BLOCK.match(text)
        if do:
            body = do.group(2)
            tag = _unused_tag(body)
            lines.append("BEGIN;")
            lines.append("CREATE FUNCTION pg_temp.review_do_%d() RETURNS void LANGUAGE plpgsql AS %s%s%s;"
                         % (number, tag, body, tag))
            lines.append("ROLLBACK;")
            continue
        if RUN_DIRECTLY.match(text):
            lines.append("BEGIN;")
            lines.append(text + ";")
            lines.append("ROLLBACK;")
            continue
        if DEFINES_ROUTINE.match(text):
            language = LANGUAGE.search(text)
            if language and language.group(1).lower() in ("sql", "plpgsql"):
                lines.append("BEGIN;")
                lines.append(text + ";")
                lines.append("ROLLBACK;")
                lines.append("\\warn '%s%d'" % (MARKER, number))
        tag = _unused_tag(text)
        lines.append("CREATE FUNCTION pg_temp.review_parse_%d() RETURNS void LANGUAGE plpgsql AS %s"
                     "BEGIN\n%s;\nEND%s;" % (number, tag, text, tag))
    return "\n".join(lines) + "\n"


def check(code, folder, environment):
    """(ok, message) for one snippet, against the server in environment."""
    statements = split(code)
    if not statements:
        return True, "no statements"
    path = os.path.join(folder, "check.sql")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(script(statements))
    try:
        result = subprocess.run(["psql", "-X", "-q", "-f", path], capture_output=True, text=True,
                                env=environment, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return False, "psql timed out after %d s" % TIMEOUT
    if "could not connect" in result.stderr or "connection to server" in result.stderr:
        return False, result.stderr.strip()
    errors, current, reported = [], None, set()
    lines = result.stderr.split("\n")
    for index, text in enumerate(lines):
        if text.startswith(MARKER):
            current = int(text[len(MARKER):])
            continue
        match = re.search(r"ERROR:  ([0-9A-Z]{5}): (.*)", text)
        if not match or current is None or current in reported:
            continue
        state, message = match.groups()
        if state != "42601" or "is not a known variable" in message:
            continue  # not a syntax error; or SELECT ... INTO, a PL/pgSQL-only reading
        reported.add(current)
        first_line, statement = statements[current]
        detail = [line for line in lines[index + 1:index + 3] if line.startswith("LINE ")]
        errors.append("statement at line %d: %s%s\n%s" % (
            first_line, message, (" (" + detail[0].strip() + ")") if detail else "",
            statement[:300]))
    if errors:
        return False, "\n".join(errors)
    return True, "%d statements parsed" % len(statements)
