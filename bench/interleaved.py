#!/usr/bin/env python3
"""Times shell commands in turn, round after round, for comparisons on a shared machine.

    bench/interleaved.py --rounds 8 --prepare "rm -f b.db" --export-json t.json \
        -n "pipeline" "vanban ingest a.pdf --db b.db" -n "bare" "tesseract p.png - -l vie"

hyperfine runs all of one command's runs before the next command's: a burst of load from
elsewhere then falls on one command, and a ratio of two medians can swing by 20 % (seen
here: the same pipeline 3.05 s interleaved, 3.65 s in a hyperfine series minutes later).
Here each round runs every command once, in the given order, so a burst is shared. The
JSON has hyperfine's shape (results: command, median, user, system, times; user and
system are medians of the runs, children included) so bench/hyperfine_table.py reads it;
"min" is the fastest run, the least disturbed. Output of the commands is discarded.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time


def run(cmd):
    start = time.perf_counter()
    child = subprocess.Popen(cmd, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"interleaved.py: failed (exit {os.waitstatus_to_exitcode(status)}): {cmd}")
    return wall, usage.ru_utime, usage.ru_stime


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("--warmup", type=int, default=1, help="rounds run first and not counted")
    ap.add_argument("--prepare", default="", help="shell command run before every run")
    ap.add_argument("--export-json", required=True)
    ap.add_argument("-n", nargs=2, action="append", metavar=("NAME", "COMMAND"), required=True)
    a = ap.parse_args()
    runs = {name: [] for name, _ in a.n}
    for r in range(a.warmup + a.rounds):
        for name, cmd in a.n:
            if a.prepare:
                subprocess.run(a.prepare, shell=True, check=True)
            t = run(cmd)
            if r >= a.warmup:
                runs[name].append(t)
    results = []
    for name, cmd in a.n:
        ts = runs[name]
        results.append({"command": name, "shell": cmd, "times": [t[0] for t in ts],
                        "median": statistics.median(t[0] for t in ts), "min": min(t[0] for t in ts),
                        "user": statistics.median(t[1] for t in ts),
                        "system": statistics.median(t[2] for t in ts)})
    with open(a.export_json, "w") as f:
        json.dump({"rounds": a.rounds, "results": results}, f, indent=1)


if __name__ == "__main__":
    main()
