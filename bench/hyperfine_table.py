"""Hyperfine's --export-json results as a table, for the bench scripts.

    from hyperfine_table import table
    med, cpu = table("times.json", pages)   # prints: run, median s, s/page, CPU s

Wall time (the median) is what a clerk waits; CPU time (user + system, the mean over
runs, children included) is what the work costs, and is less disturbed by other load.
"""
import json


def table(path, pages):
    runs = json.load(open(path))["results"]
    med = {r["command"]: r["median"] for r in runs}
    cpu = {r["command"]: r["user"] + r["system"] for r in runs}
    width = max(len(name) for name in med) + 2
    print(f"{'run':<{width}} {'median s':>9} {'s/page':>7} {'CPU s':>7}")
    for name, m in med.items():
        print(f"{name:<{width}} {m:9.2f} {m / pages:7.2f} {cpu[name]:7.2f}")
    return med, cpu
