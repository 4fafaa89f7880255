#!/usr/bin/env bash
# Runs every workload; results (hyperfine JSON and Markdown tables) go to bench/results/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib/common.sh"
bench_init
export BENCH_SKIP_BUILD=1
for w in revisions status edit-loop sqlite-rebuild autogenerate; do
  echo "== $w" >&2
  "$here/$w/run.sh"
done
cat "$RESULTS"/*.md > "$RESULTS/all.md"
echo "All results: $RESULTS/all.md" >&2
