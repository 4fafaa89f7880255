#!/usr/bin/env bash
# Workload 1: apply N linear revisions (create table, add a nullable column, create an index) to an empty
# database, then downgrade them all to base; SQLite and PostgreSQL. Retort (SQL-only environment and C#
# environment, already built), Alembic, and the same DDL raw through sqlite3 / psql in one transaction.
source "$(dirname "$0")/../lib/common.sh"
N="${BENCH_REVISIONS:-300}"
bench_init

# Fixtures: the same N revisions four ways.
"$RETORT" init "$WORK/sqlenv" --template sql >/dev/null
"$RETORT" init "$WORK/csenv" >/dev/null
$GEN alembic-env "$WORK/alembic"
$GEN linear "$N" "$WORK/sqlenv/Revisions" "$WORK/csenv/Revisions" "$WORK/alembic/versions" "$WORK/raw"
echo "Building the C# environment ($N revisions)..." >&2
(cd "$WORK/csenv" && "$RETORT" heads >/dev/null)   # builds the project once: "environment already built"

LITE="$WORK/bench.db"
R_SQL="cd $WORK/sqlenv && $RETORT --url sqlite:///$LITE"
R_CS="cd $WORK/csenv && $RETORT --url sqlite:///$LITE"
R_R2R="cd $WORK/sqlenv && $RETORT_R2R --url sqlite:///$LITE"
A="cd $WORK/alembic && BENCH_URL=sqlite:///$LITE $ALEMBIC"

# Sanity: each tool leaves N tables at head and none at base.
for up in "$R_SQL upgrade head" "$R_CS upgrade head" "$A upgrade head" "sqlite3 $LITE < $WORK/raw/up-sqlite.sql"; do
  rm -f "$LITE"; bash -c "$up" >/dev/null
  tables=$(sqlite3 "$LITE" "select count(*) from sqlite_master where type='table' and name like 't\_%' escape '\\'")
  [[ "$tables" == "$N" ]] || { echo "sanity: '$up' left $tables tables, expected $N" >&2; exit 1; }
done

bench_rounds revisions-sqlite --prepare "rm -f $LITE" \
  -n "raw sqlite3" "sqlite3 $LITE < $WORK/raw/up-sqlite.sql && sqlite3 $LITE < $WORK/raw/down-sqlite.sql" \
  -n "retort (sql env)" "$R_SQL upgrade head >/dev/null && $R_SQL downgrade base >/dev/null" \
  -n "retort (sql env, one transaction)" "$R_SQL upgrade head --single-transaction >/dev/null && $R_SQL downgrade base --single-transaction >/dev/null" \
  -n "retort (c# env)" "$R_CS upgrade head >/dev/null && $R_CS downgrade base >/dev/null" \
  -n "retort (sql env, ReadyToRun tool)" "$R_R2R upgrade head >/dev/null && $R_R2R downgrade base >/dev/null" \
  -n "alembic" "$A upgrade head && $A downgrade base"

pg_start
R_SQL="cd $WORK/sqlenv && $RETORT --url $(pg_url_retort rev)"
R_CS="cd $WORK/csenv && $RETORT --url $(pg_url_retort rev)"
R_R2R="cd $WORK/sqlenv && $RETORT_R2R --url $(pg_url_retort rev)"
A="cd $WORK/alembic && BENCH_URL=$(pg_url_alembic rev) $ALEMBIC"
pg_recreate rev
bash -c "$R_SQL upgrade head" >/dev/null
tables=$($PSQL -d rev -tAc "select count(*) from pg_tables where tablename like 't\_%'")
[[ "$tables" == "$N" ]] || { echo "sanity: retort left $tables tables on PostgreSQL" >&2; exit 1; }

# Other builds of the tool timed in the same PostgreSQL rounds, to compare a change with the code before it:
# BENCH_COMPARE="before=/path/to/older/retort" (space-separated label=path pairs; each a natively compiled tool).
compare=()
for spec in ${BENCH_COMPARE:-}; do
  tool="cd $WORK/sqlenv && ${spec#*=} --url $(pg_url_retort rev)"
  compare+=(-n "retort (sql env, ${spec%%=*})" "$tool upgrade head >/dev/null && $tool downgrade base >/dev/null")
done

# Timed in rounds (bench_rounds): this server's speed drifts over minutes, so every ratio is taken within a round.
# Each run starts from a fresh database and a checkpoint, so the previous run's dirty buffers are not written
# during the next one (whichever tool that is).
bench_rounds revisions-postgresql --prepare "$PSQL -d postgres -c 'DROP DATABASE IF EXISTS rev' -c 'CREATE DATABASE rev' -c 'CHECKPOINT'" \
  -n "raw psql" "$PSQL -d rev -f $WORK/raw/up-pg.sql && $PSQL -d rev -f $WORK/raw/down-pg.sql" \
  -n "retort (sql env)" "$R_SQL upgrade head >/dev/null && $R_SQL downgrade base >/dev/null" \
  -n "retort (sql env, one transaction)" "$R_SQL upgrade head --single-transaction >/dev/null && $R_SQL downgrade base --single-transaction >/dev/null" \
  -n "retort (c# env)" "$R_CS upgrade head >/dev/null && $R_CS downgrade base >/dev/null" \
  -n "retort (sql env, ReadyToRun tool)" "$R_R2R upgrade head >/dev/null && $R_R2R downgrade base >/dev/null" \
  -n "alembic" "$A upgrade head && $A downgrade base" "${compare[@]}"
