#!/usr/bin/env bash
# Runs every workload; results (hyperfine JSON and Markdown tables) go to bench/results/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib/common.sh"
bench_init
export BENCH_SKIP_BUILD=1
for w in revisions status edit-loop sqlite-rebuild autogenerate lint; do
  echo "== $w" >&2
  "$here/$w/run.sh"
done
# The fleet workloads: 1,000 SQLite tenant files and 200 PostgreSQL schemas, 20 revisions each (about 15 minutes).
echo "== fleet" >&2
"$here/fleet/run-sqlite.sh" >/dev/null
"$here/fleet/run-postgres.sh" >/dev/null
# The data-migration workload (same harness): 1,000,000 rows on SQLite and PostgreSQL.
echo "== data-migration" >&2
python3 "$here/data-migration/run.py" --runs "${BENCH_RUNS:-3}" | tee "$RESULTS/data-migration.md" >&2
# The live-load workload: an application's statements while each scenario's migration runs (about 10 minutes).
echo "== live-load" >&2
"$here/live-load/run.sh" >/dev/null
# Expand and contract under the same load: an online rename and type change with two application versions writing.
echo "== expand-contract" >&2
"$here/live-load/run-expand-contract.sh" >/dev/null
cat "$RESULTS"/*.md > "$RESULTS/all.md"
echo "All results: $RESULTS/all.md" >&2
