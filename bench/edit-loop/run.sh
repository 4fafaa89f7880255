#!/usr/bin/env bash
# Workload 3: the edit loop in a C# environment with N revisions. The newest revision is edited (its new
# column's length changes) with the database one revision behind, then 'retort upgrade head' rebuilds the
# environment and applies it. Also timed: the same upgrade with nothing to rebuild.
source "$(dirname "$0")/../lib/common.sh"
N="${BENCH_REVISIONS:-300}"
bench_init

"$RETORT" init "$WORK/csenv" >/dev/null
$GEN linear "$N" - "$WORK/csenv/Revisions" - "$WORK/raw"
LITE="$WORK/bench.db"
R="cd $WORK/csenv && $RETORT --url sqlite:///$LITE"
bash -c "$R upgrade head" >/dev/null
LAST="$(ls "$WORK/csenv/Revisions"/*.cs | sort | tail -1)"
# Alternates the edited column's length, so every run sees a real source change.
EDIT="bash -c '$R downgrade -1 >/dev/null' && if grep -q 'String(100)' $LAST; then sed -i 's/String(100)/String(120)/' $LAST; else sed -i 's/String(120)/String(100)/' $LAST; fi"

bench_run edit-loop \
  -n "edit + retort upgrade head (rebuild)" --prepare "$EDIT" "$R upgrade head >/dev/null" \
  -n "retort upgrade head (no rebuild)" --prepare "bash -c '$R downgrade -1 >/dev/null'" "$R upgrade head >/dev/null"
