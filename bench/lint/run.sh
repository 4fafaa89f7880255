#!/usr/bin/env bash
# Lint speed: `retort lint` over 300 linear revisions (no database), with the native tool and the ReadyToRun tool;
# and `retort lint --verify` of a 10-revision plan against a PostgreSQL database of 1,000 tables (the shadow copy
# is made from the reflected schema, each statement observed, the copy dropped). Goals: under 0.2 s and under 5 s.
source "$(dirname "$0")/../lib/common.sh"
N="${BENCH_REVISIONS:-300}"
TABLES="${BENCH_LINT_TABLES:-1000}"
bench_init

# 300 revisions: the revisions workload's SQL environment (create table, add column, create index each).
"$RETORT" init "$WORK/sqlenv" --template sql >/dev/null
$GEN linear "$N" "$WORK/sqlenv/Revisions" - - "$WORK/raw"
# Without --url lint opens no database: the environment's configured URL only picks the dialect's rules.
cp -r "$WORK/sqlenv" "$WORK/pgenv"
printf '{\n  "url": "sqlite:///%s",\n  "revisions": "Revisions"\n}\n' "$WORK/unused.db" > "$WORK/sqlenv/retort.json"
printf '{\n  "url": "postgresql://nobody@127.0.0.1:1/none",\n  "revisions": "Revisions"\n}\n' > "$WORK/pgenv/retort.json"
L="cd $WORK/sqlenv && $RETORT lint"
L_R2R="cd $WORK/sqlenv && $RETORT_R2R lint"
L_PG="cd $WORK/pgenv && $RETORT lint"
# Sanity: every revision is linted.
bash -c "$L" | grep -q "Linted $N revisions" || { echo "sanity: lint did not lint $N revisions" >&2; bash -c "$L" >&2; exit 1; }
[[ ! -e "$WORK/unused.db" ]] || { echo "sanity: lint without --url opened the database" >&2; exit 1; }
bench_run lint-revisions \
  -n "retort lint, $N revisions, sqlite rules (native)" "$L" \
  -n "retort lint, $N revisions, postgresql rules (native)" "$L_PG" \
  -n "retort lint, $N revisions, sqlite rules (ReadyToRun)" "$L_R2R"

# --verify: TABLES tables made by hand, 10 pending revisions that change ten of them.
pg_start
$PSQL -d postgres -c "CREATE DATABASE lintv" >/dev/null
/usr/bin/python3 - "$TABLES" > "$WORK/tables.sql" <<'PY'
import sys
n = int(sys.argv[1])
print("BEGIN;")
for i in range(1, n + 1):
    print(f"CREATE TABLE t_{i:04d} (id integer PRIMARY KEY, name varchar(50) NOT NULL, note text);")
    print(f"CREATE INDEX ix_t_{i:04d}_name ON t_{i:04d} (name);")
print("COMMIT;")
PY
$PSQL -d lintv -f "$WORK/tables.sql" >/dev/null
"$RETORT" init "$WORK/verifyenv" --template sql >/dev/null
prev=""
for i in $(seq 1 10); do
  id=$(printf 'b0000000%04d' "$i")
  { echo "-- retort:revision $id"; [[ -n "$prev" ]] && echo "-- retort:down-revision $prev"; echo "-- retort:message change t_$(printf %04d "$i")"
    echo; echo "-- retort:upgrade"
    echo "ALTER TABLE t_$(printf %04d "$i") ADD COLUMN extra integer;"
    echo "CREATE INDEX ix_t_$(printf %04d "$i")_extra ON t_$(printf %04d "$i") (extra);"
    echo; echo "-- retort:downgrade"
    echo "DROP INDEX ix_t_$(printf %04d "$i")_extra;"
    echo "ALTER TABLE t_$(printf %04d "$i") DROP COLUMN extra;"; } > "$WORK/verifyenv/Revisions/${id}_change.sql"
  prev="$id"
done
V="cd $WORK/verifyenv && $RETORT --url $(pg_url_retort lintv) lint --verify"
# Sanity: ten revisions verified, the target untouched, no scratch database left. Exit 1: the plain index builds
# are error findings (RT011), which is what the plan holds.
out=$(bash -c "$V" 2>&1 || true)
echo "$out" | grep -q "Linted 10 revisions" || { echo "sanity: verify did not lint 10 revisions:" >&2; echo "$out" >&2; exit 1; }
echo "$out" | grep -q "ShareLock" || { echo "sanity: verify observed no ShareLock:" >&2; echo "$out" >&2; exit 1; }
[[ $($PSQL -d lintv -Atc "SELECT count(*) FROM pg_indexes WHERE indexname LIKE '%_extra'") == 0 ]] || { echo "sanity: verify changed the target" >&2; exit 1; }
[[ $($PSQL -d postgres -Atc "SELECT count(*) FROM pg_database WHERE datname LIKE 'retort_test_%'") == 0 ]] || { echo "sanity: a shadow database was left" >&2; exit 1; }
bench_run lint-verify -i -n "retort lint --verify, 10 revisions, $TABLES tables (native)" "$V"
