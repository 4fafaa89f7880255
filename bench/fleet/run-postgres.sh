#!/usr/bin/env bash
# Fleet workload, PostgreSQL schema per tenant: TENANTS schemas at base (default 200) in one database, REVISIONS
# revisions (default 20) written without schema names, brought to head three ways, each from a fresh copy of the
# same database: a shell loop of psql with SET search_path per schema, 'retort fleet upgrade head --schemas-sql …',
# and a loop of Alembic invocations with the schema as '-x schema=…' (search_path and version_table_schema; once,
# on ALEMBIC_SAMPLE tenants). Then the Retort fleet again on a tenth of the schemas, for its peak memory.
# Smoke test: TENANTS=5.
TENANTS="${TENANTS:-200}"
source "$(dirname "$0")/fleet.sh"
bench_init
fleet_fixtures
pg_start
URL="$(pg_url_retort fleet)"
SCHEMAS_SQL="SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant_%' ORDER BY 1"

# The database at base, kept as a template: TENANTS schemas, each with the one table it had before the revisions.
$PSQL -d postgres -c "CREATE DATABASE fleet_base"
for ((i = 1; i <= TENANTS; i++)); do
  printf "CREATE SCHEMA tenant_%05d; CREATE TABLE tenant_%05d.tenant_info (id INTEGER NOT NULL PRIMARY KEY,
    name VARCHAR(100) NOT NULL, generation INTEGER NOT NULL DEFAULT 0);
    INSERT INTO tenant_%05d.tenant_info (id, name) VALUES (1, 'tenant');\n" "$i" "$i" "$i"
done | $PSQL -d fleet_base

# fresh N: the database 'fleet' with the first N schemas of the template, their names in $WORK/schemas.txt; no fleet
# status yet (retort-fleet.db next to retort.json: a --schemas-sql fleet keeps its status table there).
fresh() {
  rm -f "$WORK/env/retort-fleet.db"
  $PSQL -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS fleet" -c "CREATE DATABASE fleet TEMPLATE fleet_base"
  for ((i = $1 + 1; i <= TENANTS; i++)); do printf "DROP SCHEMA tenant_%05d CASCADE;\n" "$i"; done | $PSQL -d fleet
  $PSQL -d fleet -c CHECKPOINT
  $PSQL -d fleet -tAc "$SCHEMAS_SQL" > "$WORK/schemas.txt"
}

# check NAME N [VERSION_TABLE]: the first N schemas have the tables, columns, constraints, indexes and data of the
# raw loop's (without the tools' own tables), and VERSION_TABLE in each holds the head revision.
check() {
  local q="" s got want
  while read -r s; do
    q+="${q:+ UNION ALL }SELECT '$s', concat_ws(' ', (SELECT generation FROM $s.tenant_info),
      (SELECT string_agg(price::text, ' ' ORDER BY id) FROM $s.products)), ${3:+(SELECT string_agg(version_num, ',') FROM $s.$3)}${3:-''}"
  done < <(head -n "$2" "$WORK/schemas.txt")
  got="$($PSQL -d fleet -tA -F ' ' <<SQL
WITH data (s, d, v) AS ($q),
cols AS (SELECT table_schema s, string_agg(concat_ws(' ', table_name, column_name, data_type, character_maximum_length,
           numeric_precision, is_nullable, column_default), ', ' ORDER BY table_name, ordinal_position) c
         FROM information_schema.columns WHERE table_name NOT LIKE 'retort%' AND table_name <> 'alembic_version'
         GROUP BY 1),
idx AS (SELECT schemaname s, string_agg(replace(indexdef, schemaname || '.', ''), ', ' ORDER BY indexname) i
        FROM pg_indexes WHERE tablename NOT LIKE 'retort%' AND tablename <> 'alembic_version' GROUP BY 1),
cons AS (SELECT nspname s, string_agg(conname || ' ' || replace(pg_get_constraintdef(c.oid), nspname || '.', ''), ', '
           ORDER BY conname) k
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
         WHERE conrelid::regclass::text NOT LIKE '%retort%' AND conrelid::regclass::text NOT LIKE '%alembic%' GROUP BY 1)
SELECT md5(concat_ws('|', (SELECT c FROM cols WHERE s = data.s), (SELECT i FROM idx WHERE s = data.s),
         (SELECT k FROM cons WHERE s = data.s), d)), v, count(*)
FROM data GROUP BY 1, 2
SQL
)"
  [[ -n "${REF:-}" ]] || REF="${got%% *}"
  want="$REF ${3:+$HEAD} $2"
  [[ "$got" == "$want" ]] || { echo "check after $1: expected one schema fingerprint, version and count '$want', got:"; echo "$got"; exit 1; } >&2
}

raw() {
  timed raw "$1" bash -c "while read -r s; do $PSQL -d fleet -c \"SET search_path TO \$s\" -f $WORK/raw/up-pg.sql; done < $WORK/schemas.txt"
}
retort() { timed "retort -j $2" "$1" "$RETORT" fleet upgrade head --url "$URL" --schemas-sql "$SCHEMAS_SQL" -j "$2"; }
alembic() {
  timed alembic "$1" bash -c "cd $WORK/alembic && head -n $1 $WORK/schemas.txt | while read -r s; do
    BENCH_URL=$(pg_url_alembic fleet) $ALEMBIC -x schema=\$s upgrade head; done"
}

load_note
for ((r = 1; r <= ROUNDS; r++)); do
  echo "round $r of $ROUNDS ($TENANTS schemas)" >&2
  fresh "$TENANTS"; raw "$TENANTS"; check raw "$TENANTS"
  for j in $JOBS; do fresh "$TENANTS"; retort "$TENANTS" "$j"; check "retort -j $j" "$TENANTS" retort_version; done
done
small=$((TENANTS / 10))
if ((small > 0)); then
  echo "memory: the fleet on $small schemas" >&2
  for j in $JOBS; do fresh "$small"; retort "$small" "$j"; check "retort -j $j" "$small" retort_version; done
fi
echo "alembic: $ALEMBIC_SAMPLE schemas, once" >&2
fresh "$TENANTS"; alembic "$ALEMBIC_SAMPLE"; check alembic "$ALEMBIC_SAMPLE" alembic_version
fleet_summary fleet-postgresql "Fleet, PostgreSQL schemas"
