#!/usr/bin/python3
"""Prints a Markdown table of a hyperfine JSON export: median, min, max, and each median over the first's."""
import json
import sys

results = json.load(open(sys.argv[1]))["results"]
title = sys.argv[2] if len(sys.argv) > 2 else ""
ref = results[0]
print(f"\n#### {title}\n")
print(f"| Command | Median (s) | Min (s) | Max (s) | Runs | × {ref['command']} |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
for r in results:
    print(f"| {r['command']} | {r['median']:.3f} | {r['min']:.3f} | {r['max']:.3f} | {len(r['times'])} | {r['median'] / ref['median']:.2f} |")
