#!/usr/bin/python3
"""Merges the hyperfine JSON exports of several rounds (each timing every command once, in turn) into one export.

Usage: merge_rounds.py OUT ROUND.json...  Each command gets its times from every round, their median, min and max,
round by round (summarize.py takes each ratio within a round: a slow spell of the machine, which hits every command
of that round alike, then stays out of the ratios).
"""
import json
import statistics
import sys

out, paths = sys.argv[1], sys.argv[2:]
rounds = [json.load(open(p))["results"] for p in paths]
merged = []
for i, first in enumerate(rounds[0]):
    times = [r[i]["times"][0] for r in rounds]
    merged.append({"command": first["command"], "times": times, "median": statistics.median(times),
                   "min": min(times), "max": max(times)})
json.dump({"results": merged, "rounds": len(rounds)}, open(out, "w"), indent=2)
