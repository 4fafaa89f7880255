#!/usr/bin/env bash
# Fleet workload, SQLite: TENANTS tenant files at base (default 1,000), REVISIONS revisions (default 20), brought to
# head three ways, each from fresh copies of the same files: a shell loop of raw sqlite3, 'retort fleet upgrade head
# --targets FILE' (each -j of FLEET_JOBS), and a loop of Alembic invocations (once, on ALEMBIC_SAMPLE tenants).
# Then the Retort fleet again on a tenth of the tenants, to compare its peak memory. Smoke test: TENANTS=5.
# Alembic takes most of a second per tenant: by default it runs on 100 tenants and its figure for all is
# extrapolated (the summary says so); ALEMBIC_SAMPLE=1000 runs it on every one.
ALEMBIC_SAMPLE="${ALEMBIC_SAMPLE:-100}"
source "$(dirname "$0")/fleet.sh"
bench_init
fleet_fixtures

# A tenant at base: a database with the one table it had before the revisions.
sqlite3 "$WORK/base.db" "CREATE TABLE tenant_info (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL,
  generation INTEGER NOT NULL DEFAULT 0); INSERT INTO tenant_info (id, name) VALUES (1, 'tenant');"

# fresh N: N fresh copies of the base tenant in $WORK/t, written to disk, their paths in $WORK/targets.txt and their
# URLs in $WORK/tenants.txt (Retort's targets file); no fleet status yet (retort-fleet.db, the status table of a
# --targets fleet, next to retort.json).
fresh() {
  rm -rf "$WORK/t" "$WORK/env/retort-fleet.db" && mkdir "$WORK/t"
  seq -f "$WORK/t/tenant_%05g.db" 1 "$1" > "$WORK/targets.txt"
  while read -r f; do cp "$WORK/base.db" "$f"; done < "$WORK/targets.txt"
  sed 's|^|sqlite:///|' "$WORK/targets.txt" > "$WORK/tenants.txt"
  sync
}

# check NAME N [VERSION_TABLE]: the first N tenants have the schema and data of the raw loop's first tenant
# (sqlite_master's SQL, without the tools' own tables), and VERSION_TABLE holds the head revision.
SCHEMA_SQL="SELECT group_concat(sql, char(10)) FROM (SELECT sql FROM sqlite_master WHERE sql IS NOT NULL
  AND name NOT LIKE 'retort%' AND name NOT LIKE 'alembic%' ORDER BY name);
  SELECT generation FROM tenant_info; SELECT group_concat(price, ' ') FROM (SELECT price FROM products ORDER BY id);"
REF=""
check() {
  local f got want q="$SCHEMA_SQL"
  [[ -n "${3:-}" ]] && q+=" SELECT group_concat(version_num) FROM $3;"
  [[ -n "$REF" ]] || REF="$(sqlite3 -batch "$(head -1 "$WORK/targets.txt")" "$SCHEMA_SQL")"
  want="$REF${3:+$'\n'$HEAD}"
  while read -r f; do
    got="$(sqlite3 -batch "$f" "$q")"
    [[ "$got" == "$want" ]] || { echo "check after $1: $f differs:"; diff <(echo "$want") <(echo "$got"); exit 1; } >&2
  done < <(head -n "$2" "$WORK/targets.txt")
}

raw() { timed raw "$1" bash -c "while read -r f; do sqlite3 \"\$f\" < $WORK/raw/up-sqlite.sql; done < $WORK/targets.txt"; }
retort() { timed "retort -j $2" "$1" "$RETORT" fleet upgrade head --targets "$WORK/tenants.txt" -j "$2"; }
alembic() {
  timed alembic "$1" bash -c "cd $WORK/alembic && head -n $1 $WORK/targets.txt | while read -r f; do
    BENCH_URL=sqlite:///\$f $ALEMBIC upgrade head; done"
}

load_note
for ((r = 1; r <= ROUNDS; r++)); do
  echo "round $r of $ROUNDS ($TENANTS tenants)" >&2
  fresh "$TENANTS"; raw "$TENANTS"; check raw "$TENANTS"
  for j in $JOBS; do fresh "$TENANTS"; retort "$TENANTS" "$j"; check "retort -j $j" "$TENANTS" retort_version; done
done
small=$((TENANTS / 10))
if ((small > 0)); then
  echo "memory: the fleet on $small tenants" >&2
  for j in $JOBS; do fresh "$small"; retort "$small" "$j"; check "retort -j $j" "$small" retort_version; done
fi
echo "alembic: $ALEMBIC_SAMPLE tenants, once" >&2
fresh "$TENANTS"; alembic "$ALEMBIC_SAMPLE"; check alembic "$ALEMBIC_SAMPLE" alembic_version
fleet_summary fleet-sqlite "Fleet, SQLite files"
