#!/usr/bin/python3
"""Prints a Markdown table of a hyperfine JSON export: median, min, max, and each command over the first.

For an export of rounds (merge_rounds.py: every command timed once per round, in turn), each ratio is the median
of the ratios taken within each round, and a second ratio column compares every command with the second one
(for example Alembic with Retort). Otherwise the ratio is each median over the first's."""
import json
import statistics
import sys

data = json.load(open(sys.argv[1]))
results = data["results"]
title = sys.argv[2] if len(sys.argv) > 2 else ""
rounds = "rounds" in data and len(results) > 1
ref = results[0]


def ratio(r, base):
    if rounds:
        return statistics.median(t / b for t, b in zip(r["times"], base["times"]))
    return r["median"] / base["median"]


print(f"\n#### {title}\n")
extra = f" × {results[1]['command']} |" if rounds else ""
print(f"| Command | Median (s) | Min (s) | Max (s) | Runs | × {ref['command']} |{extra}")
print("| --- | ---: | ---: | ---: | ---: | ---: |" + (" ---: |" if rounds else ""))
for r in results:
    second = f" {ratio(r, results[1]):.2f} |" if rounds else ""
    print(f"| {r['command']} | {r['median']:.3f} | {r['min']:.3f} | {r['max']:.3f} | {len(r['times'])} | {ratio(r, ref):.2f} |{second}")
