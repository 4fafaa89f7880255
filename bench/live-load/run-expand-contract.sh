#!/usr/bin/env bash
# Expand/contract under live load: the old application (4 writers, 4 readers) on the old version's views while
# `retort upgrade` runs the expand phase of an online rename and of an integer -> bigint type change on a table of
# BENCH_LIVE_ROWS rows (default 2,000,000); then the new application (4 more writers and readers) on the new
# version's views beside it; then `retort complete` with the new application writing; a ledger of every
# acknowledged write checked through both versions. Alembic's plain rename and type change under the same load
# beside it. BENCH_LIVE_QUICK=1: 200,000 rows. BENCH_LIVE_SCENARIOS=rename and BENCH_LIVE_TOOLS=retort narrow the run.
# BENCH_LIVE_R2R=1 runs the ReadyToRun tool and skips the native build.
source "$(dirname "$0")/../lib/common.sh"
live_load_init
pg_start
/usr/bin/python3 "$BENCH_DIR/live-load/expand_contract.py" --port "$PG_PORT" --retort "$TOOL" --work "$WORK" \
  --out "$RESULTS/expand-contract" "$@" >/dev/null
cat "$RESULTS/expand-contract.md"
