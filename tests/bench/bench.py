#!/usr/bin/env python3
"""make bench: every verb of review against generated catalogs, beside a floor.

The floor is tests/bench/floor.c: the same files' front matter through
libyaml's event API, one core, nothing else. For each catalog size the table
gives each verb's median wall time over several runs, its ratio to the floor
measured in the same run, and its peak RSS. The first frame of the terminal UI
(`review ID` and the catalog screen, warm cache) is measured in tmux: the time
from starting review to the screen showing what is expected, less the time tmux
takes to show a trivial program's output. Prints numbers; asserts nothing.

usage: bench.py --review BUILD/review [--sizes 1000,10000] [--runs 5] [--huge]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))

CODE_LINES = 40


def exercise_text(n):
    track = "track-%02d" % (n % 40)
    code = "\n".join("      total += item.price * %d  # step %d of the %s pipeline" % (i, i, track)
                     for i in range(CODE_LINES))
    explanation = " ".join(["This explains the candidate in some detail, with `code` and **emphasis**."] * 6)
    issues = []
    for i in range(6):
        real = i % 2 == 1
        line = "  - id: i%d\n    text: \"Candidate %d of exercise %d: a claim about line %d\"\n" % (i + 1, i + 1, n, i + 3)
        line += "    is_real: %s\n" % ("true" if real else "false")
        if real:
            line += "    severity: %s\n" % ("bug", "warning", "minor")[i % 3]
        line += "    points: %d\n    lines: [%d]\n    explanation: |\n      %s\n" % (1 + i % 3, i + 3, explanation)
        issues.append(line)
    context = " ".join(["A *generated* exercise with `code`, a [link](https://example.com) and a story."] * 8)
    return track, """---
id: b%05d
title: "Generated exercise %d in %s"
difficulty: Medium
language: python
track: %s
track_level: %d
track_order: %d
tags: [generated, bench, %s]
context: |
  %s
code: |
  def total(items):
      total = 0
      for item in items:
%s
      return total
issues:
%shints:
  - "Look at the money."
  - "What type holds the prices?"
  - "Floats cannot hold most decimal fractions."
---
Review the function and its pipeline.
""" % (n, n, track, track, n % 7 + 1, n, track, context, code, "".join(issues))


def generate(folder, count):
    for n in range(count):
        track, text = exercise_text(n)
        os.makedirs(os.path.join(folder, track), exist_ok=True)
        with open(os.path.join(folder, track, "exercise-%06d.md" % n), "w") as handle:
            handle.write(text)


def run_once(command, env, stdin_data=None):
    """Wall seconds and peak RSS (KiB) of one run of command. GNU time reports
    the peak of review itself; a Python child's own figure would include the
    interpreter it was forked from."""
    report = os.path.join(env["BENCH_WORK"], "rss")
    start = time.perf_counter()
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report] + command, env=env, input=stdin_data,
                   stdin=None if stdin_data else subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    with open(report) as handle:
        peak = int(handle.read().split()[-1])
    return wall, peak


def measure(command, env, runs, prepare=None, stdin_data=None):
    walls, peaks = [], []
    for _ in range(runs):
        if prepare:
            prepare()
        wall, peak = run_once(command, env, stdin_data)
        walls.append(wall)
        peaks.append(peak)
    return statistics.median(walls), max(peaks)


def build_floor(work):
    binary = os.path.join(work, "floor")
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "yaml-0.1"], capture_output=True,
                           text=True, check=True).stdout.split()
    subprocess.run(["cc", "-O2", "-o", binary, os.path.join(HERE, "floor.c")] + flags, check=True)
    return binary


def first_frame(review, folder, env, query, expected, runs):
    """Median seconds from starting review in tmux to `expected` on screen."""
    if not shutil.which("tmux"):
        return None

    def until_shown(command, text):
        socket = os.path.join(env["BENCH_WORK"], "tmux.sock")
        subprocess.run(["tmux", "-S", socket, "kill-server"], stderr=subprocess.DEVNULL)
        start = time.perf_counter()
        started = subprocess.run(["tmux", "-S", socket, "-f", "/dev/null", "new-session", "-d", "-x", "100",
                                  "-y", "30", " ".join(command)], env=env, stderr=subprocess.DEVNULL)
        if started.returncode != 0:  # a loaded machine can lose the server: this run has no figure
            return None
        shown = None
        while time.perf_counter() - start < 10:
            screen = subprocess.run(["tmux", "-S", socket, "capture-pane", "-p"], capture_output=True,
                                    text=True).stdout
            if text in screen:
                shown = time.perf_counter() - start
                break
            time.sleep(0.002)
        subprocess.run(["tmux", "-S", socket, "kill-server"], stderr=subprocess.DEVNULL)
        return shown

    baselines = [until_shown(["sh", "-c", "'echo READY; sleep 5'"], "READY") for _ in range(runs)]
    baseline = statistics.median([b for b in baselines if b is not None] or [0])
    args = [review, "--exercises", folder, "--no-find"] + ([query] if query else [])
    times = [until_shown(args, expected) for _ in range(runs)]
    times = [t for t in times if t is not None]
    if not times:
        return None
    return max(0.0, statistics.median(times) - baseline)


def bench_size(review, floor, size, runs, work):
    folder = os.path.join(work, "catalog-%d" % size)
    generate(folder, size)
    paths = "\n".join(os.path.join(root, name) for root, _, names in os.walk(folder)
                      for name in sorted(names)).encode() + b"\n"
    megabytes = sum(os.path.getsize(os.path.join(root, name)) for root, _, names in os.walk(folder)
                    for name in names) / 1e6
    cache = os.path.join(work, "cache")
    env = dict(os.environ, XDG_CACHE_HOME=cache, XDG_STATE_HOME=os.path.join(work, "state"),
               NO_COLOR="1", BENCH_WORK=work, TERM="xterm-256color", LC_ALL="C.UTF-8")
    env.pop("REVIEW_NO_CACHE", None)
    base = [review, "--exercises", folder]
    rows = []
    floor_wall, floor_rss = measure([floor], env, runs, stdin_data=paths)
    rows.append(("libyaml events, 1 core (floor)", floor_wall, floor_rss))
    rows.append(("review check",) + measure(base + ["check"], env, runs))
    rows.append(("review smoke",) + measure([review, "smoke", folder], env, runs))
    rows.append(("review list (cold cache)",) +
                measure(base + ["list"], env, runs, prepare=lambda: shutil.rmtree(cache, ignore_errors=True)))
    run_once(base + ["list"], env)  # warm it
    rows.append(("review list (warm cache)",) + measure(base + ["list"], env, runs))
    rows.append(("review show ID (warm)",) + measure(base + ["--no-save", "show", "b%05d" % (size // 2)], env, runs))
    rows.append(("review progress (warm)",) + measure(base + ["progress"], env, runs))
    # The cache now holds this catalog's rows: a small catalog beside it must not pay for them.
    small = os.path.join(work, "two-files")
    generate(small, 2)
    run_once([review, "--exercises", small, "list"], env)
    rows.append(("review list 2 files (warm, cache holding this catalog)",) +
                measure([review, "--exercises", small, "list"], env, runs))
    shutil.rmtree(small, ignore_errors=True)
    frame_id = first_frame(review, folder, env, "b%05d" % (size // 2), "Generated exercise %d" % (size // 2), runs)
    frame_catalog = first_frame(review, folder, env, None, "Generated exercise", runs)
    print("\n### %d exercises (%.0f MB), %d runs each, median wall\n" % (size, megabytes, runs))
    print("| verb | wall | x floor | peak RSS |")
    print("|---|---|---|---|")
    for label, wall, rss in rows:
        print("| %s | %.0f ms | %.2f | %.0f MB |" % (label, wall * 1000, wall / floor_wall, rss / 1024))
    for label, value in (("first frame: review ID (warm)", frame_id),
                         ("first frame: catalog screen (warm)", frame_catalog)):
        print("| %s | %s | | |" % (label, "%.0f ms" % (value * 1000) if value is not None else "n/a (no tmux)"))
    sys.stdout.flush()
    shutil.rmtree(folder, ignore_errors=True)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--review", required=True)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--huge", action="store_true", help="add a 100,000-exercise catalog")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")] + ([100000] if args.huge else [])
    review = os.path.abspath(args.review)
    with tempfile.TemporaryDirectory(prefix="review-bench-") as work:
        floor = build_floor(work)
        print("# review bench: %s, %d cores, %s" % (time.strftime("%Y-%m-%d"), os.cpu_count(),
                                                    subprocess.run(["uname", "-srm"], capture_output=True,
                                                                   text=True).stdout.strip()))
        for size in sizes:
            bench_size(review, floor, size, args.runs if size < 100000 else max(1, args.runs // 2), work)


if __name__ == "__main__":
    main()
