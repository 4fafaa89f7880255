#!/usr/bin/env bash
# Live load: 4 writers and 4 readers on a table of BENCH_LIVE_ROWS rows (default 2,000,000) while Retort's and
# Alembic's default operations change it; failed application statements, latencies, stalls and time blocked.
# BENCH_LIVE_QUICK=1: 200,000 rows and a shorter baseline. BENCH_LIVE_SCENARIOS=a,b and BENCH_LIVE_TOOLS=retort
# narrow the run; BENCH_LIVE_STALL_MS (default 100) is the latency above which the table counts as blocked.
# BENCH_LIVE_R2R=1 runs the ReadyToRun tool and skips the native build (the migrations run the same managed code:
# the native tool hands a C# environment to the environment's own program).
source "$(dirname "$0")/../lib/common.sh"
live_load_init
pg_start
/usr/bin/python3 "$BENCH_DIR/live-load/live_load.py" --port "$PG_PORT" --retort "$TOOL" --work "$WORK" \
  --out "$RESULTS/live-load" "$@" >/dev/null
cat "$RESULTS/live-load.md"
