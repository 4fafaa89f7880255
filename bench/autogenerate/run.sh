#!/usr/bin/env bash
# Autogenerate (issue 6): a TABLES-table schema (8 columns of mixed types, primary key, foreign key to the
# previous table, two indexes, a unique constraint) compared with (a) an empty database and (b) a database
# that matches except that 10 tables lack one column; 'revision --autogenerate' as a whole process, Retort
# (C# environment already built) and Alembic, on PostgreSQL and SQLite. (b) must yield exactly 10 operations.
source "$(dirname "$0")/../lib/common.sh"
TABLES="${BENCH_TABLES:-1000}"
RUNS="${BENCH_RUNS:-3}"
DIALECTS="${BENCH_DIALECTS:-postgresql sqlite}"
bench_init

"$RETORT" init "$WORK/csenv" >/dev/null
$GEN alembic-env "$WORK/alembic" bench_target
for d in sqlite postgresql; do
  $GEN chain "$TABLES" 10 "$d" "$WORK/schema-$d.sql" "$WORK/csenv/TargetSchema.cs" "$WORK/alembic/bench_target.py"
done
(cd "$WORK/csenv" && "$RETORT" heads >/dev/null)   # builds the environment (and its TargetSchema)

# count_ops FILE: "upgrade operations / of which add-column" in a generated revision of either tool.
count_ops() {
  /usr/bin/python3 - "$1" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
if sys.argv[1].endswith(".py"):
    up = text.split("def upgrade():", 1)[1].split("def downgrade():", 1)[0]
    ops = re.findall(r"^\s+op\.(\w+)\(", up, re.M)
    adds = [o for o in ops if o == "add_column"]
else:
    up = text.split("Upgrade(Op op)", 1)[1].split("Downgrade(Op op)", 1)[0]
    ops = re.findall(r"^\s+op\.(\w+)\(", up, re.M)
    adds = [o for o in ops if o == "AddColumn"]
print(f"{len(ops)} operations, {len(adds)} add-column")
PY
}

# ops_of LABEL COMMAND FOLDER CLEAN: runs COMMAND once and counts the operations of the file it wrote.
ops_of() {
  bash -c "$4"; bash -c "$2"
  echo "- $1: $(count_ops "$(ls "$3"/*.cs "$3"/*.py 2>/dev/null | head -1)")"
  bash -c "$4"
}

R_CLEAN="rm -f $WORK/csenv/Revisions/*.cs"
A_CLEAN="rm -f $WORK/alembic/versions/*.py"
for d in $DIALECTS; do
  if [[ $d == postgresql ]]; then
    pg_start
    $PSQL -d postgres -c "CREATE DATABASE empty" -c "CREATE DATABASE matching"
    $PSQL -d matching -f "$WORK/schema-postgresql.sql"
    URL_R_A="$(pg_url_retort empty)"; URL_R_B="$(pg_url_retort matching)"
    URL_A_A="$(pg_url_alembic empty)"; URL_A_B="$(pg_url_alembic matching)"
  else
    sqlite3 "$WORK/matching.db" < "$WORK/schema-sqlite.sql"
    URL_R_A="sqlite:///$WORK/empty.db"; URL_R_B="sqlite:///$WORK/matching.db"
    URL_A_A="sqlite:///$WORK/empty.db"; URL_A_B="sqlite:///$WORK/matching.db"
  fi
  R_A="cd $WORK/csenv && $RETORT --url $URL_R_A revision --autogenerate -m bench >/dev/null"
  R_B="cd $WORK/csenv && $RETORT --url $URL_R_B revision --autogenerate -m bench >/dev/null"
  A_A="cd $WORK/alembic && BENCH_URL=$URL_A_A $ALEMBIC revision --autogenerate -m bench >/dev/null 2>&1"
  A_B="cd $WORK/alembic && BENCH_URL=$URL_A_B $ALEMBIC revision --autogenerate -m bench >/dev/null 2>&1"

  # What each tool generates for (a) and (b), recorded next to the timings.
  {
    echo; echo "#### autogenerate-$d operations"; echo
    ops_of "retort (a)" "$R_A" "$WORK/csenv/Revisions" "$R_CLEAN"
    ops_of "retort (b)" "$R_B" "$WORK/csenv/Revisions" "$R_CLEAN"
    ops_of "alembic (a)" "$A_A" "$WORK/alembic/versions" "$A_CLEAN"
    ops_of "alembic (b)" "$A_B" "$WORK/alembic/versions" "$A_CLEAN"
  } | tee "$RESULTS/autogenerate-$d-ops.md"
  grep -q "retort (b): 10 operations, 10 add-column" "$RESULTS/autogenerate-$d-ops.md" || { echo "(b) did not yield exactly 10 operations on $d" >&2; exit 1; }

  bench_run "autogenerate-$d-empty" \
    -n "retort (a) empty" --prepare "$R_CLEAN" "$R_A" \
    -n "alembic (a) empty" --prepare "$A_CLEAN" "$A_A"
  bench_run "autogenerate-$d-ten" \
    -n "retort (b) 10 changed" --prepare "$R_CLEAN" "$R_B" \
    -n "alembic (b) 10 changed" --prepare "$A_CLEAN" "$A_B"
  if [[ $d == postgresql ]]; then pg_stop; fi
done
