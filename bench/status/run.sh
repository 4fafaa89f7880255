#!/usr/bin/env bash
# Workload 2: 'current' and 'heads' as whole processes with N revisions present and the database at head
# (SQLite). Retort with a SQL-only environment and with a built C# environment; Alembic.
source "$(dirname "$0")/../lib/common.sh"
N="${BENCH_REVISIONS:-300}"
bench_init

"$RETORT" init "$WORK/sqlenv" --template sql >/dev/null
"$RETORT" init "$WORK/csenv" >/dev/null
$GEN alembic-env "$WORK/alembic"
$GEN linear "$N" "$WORK/sqlenv/Revisions" "$WORK/csenv/Revisions" "$WORK/alembic/versions" "$WORK/raw"
LITE="$WORK/bench.db"
ALITE="$WORK/alembic.db"
(cd "$WORK/csenv" && "$RETORT" --url "sqlite:///$LITE" upgrade head >/dev/null)   # builds the C# environment
(cd "$WORK/alembic" && BENCH_URL="sqlite:///$ALITE" $ALEMBIC upgrade head)

R_SQL="cd $WORK/sqlenv && $RETORT --url sqlite:///$LITE"
R_CS="cd $WORK/csenv && $RETORT --url sqlite:///$LITE"
R_R2R="cd $WORK/sqlenv && $RETORT_R2R --url sqlite:///$LITE"
A="cd $WORK/alembic && BENCH_URL=sqlite:///$ALITE $ALEMBIC"
[[ "$(bash -c "$R_SQL current")" == *"(head)"* ]] || { echo "sanity: retort current is not at head" >&2; exit 1; }

bench_run status-current \
  -n "retort current (sql env)" "$R_SQL current" \
  -n "retort current (c# env)" "$R_CS current" \
  -n "retort current (sql env, ReadyToRun tool)" "$R_R2R current" \
  -n "alembic current" "$A current"
bench_run status-heads \
  -n "retort heads (sql env)" "$R_SQL heads" \
  -n "retort heads (c# env)" "$R_CS heads" \
  -n "retort heads (sql env, ReadyToRun tool)" "$R_R2R heads" \
  -n "alembic heads" "$A heads"
bench_run status-help \
  -n "retort --help" "$RETORT --help" \
  -n "alembic --help" "$ALEMBIC --help"
