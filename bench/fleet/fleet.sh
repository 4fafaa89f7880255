# Shared by bench/fleet/run-*.sh (source it after setting TENANTS' default): the environments, timing in rounds,
# peak memory and the summary.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
TENANTS="${TENANTS:-1000}"
REVISIONS="${REVISIONS:-20}"
ROUNDS="${BENCH_RUNS:-3}"                 # timed rounds of raw and Retort (median)
JOBS="${FLEET_JOBS:-1 2 4}"               # Retort's -j values; the best is reported
ALEMBIC_SAMPLE="${ALEMBIC_SAMPLE:-$TENANTS}"   # Alembic runs once, on this many tenants (extrapolated when fewer)
((ALEMBIC_SAMPLE <= TENANTS)) || ALEMBIC_SAMPLE="$TENANTS"
TIMES="$WORK/times"                        # one line per timed run: contestant, tenants, seconds, peak RSS (KiB)
FGEN="/usr/bin/python3 $BENCH_DIR/fleet/gen.py"
: > "$TIMES"

# The same REVISIONS revisions three ways: a Retort SQL environment ($WORK/env), an Alembic environment
# ($WORK/alembic) and raw scripts ($WORK/raw); HEAD is the last revision's id.
fleet_fixtures() {
  "$RETORT" init "$WORK/env" --template sql >/dev/null
  rm -f "$WORK/env/Revisions/"*
  $FGEN alembic-env "$WORK/alembic"
  $FGEN revisions "$REVISIONS" "$WORK/env/Revisions" "$WORK/alembic/versions" "$WORK/raw"
  HEAD="$(ls "$WORK/env/Revisions" | tail -1 | cut -d_ -f2)"
}

# timed NAME N CMD...: runs CMD (from the Retort environment's folder) and records its wall time and the peak
# resident memory of its biggest process (GNU time's maximum RSS of the command and its waited-for children).
timed() {
  local name="$1" n="$2"; shift 2
  (cd "$WORK/env" && /usr/bin/time -f '%e %M' -o "$WORK/time.out" "$@") >"$WORK/last.log" 2>&1 \
    || { echo "'$name' failed:" >&2; tail -20 "$WORK/last.log" >&2; exit 1; }
  echo "$name $n $(cat "$WORK/time.out")" >> "$TIMES"
}

# The load average when the measurements start (the machine is shared): printed with the summary.
load_note() { LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"; export LOAD_START; echo "load average: $LOAD_START" >&2; }

# fleet_summary NAME TITLE: the median of each contestant's rounds, the ratios of the goals, the memory; also in
# $RESULTS/NAME.md.
fleet_summary() {
  /usr/bin/python3 - "$TIMES" "$2" "$TENANTS" "$ALEMBIC_SAMPLE" "$REVISIONS" <<'EOF' | tee "$RESULTS/$1.md"
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
title, tenants, sample = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
runs = {}
for *name, n, secs, rss in rows:
    runs.setdefault((" ".join(name), int(n)), []).append((float(secs), int(rss)))
med = {k: statistics.median(s for s, _ in v) for k, v in runs.items()}
print(f"\n## {title}: {tenants} tenants x {sys.argv[5]} revisions")
print(f"\n| contestant | tenants | runs | median wall | per tenant | peak RSS |\n| --- | ---: | ---: | ---: | ---: | ---: |")
for (name, n), v in runs.items():
    rss = max(r for _, r in v) / 1024
    print(f"| {name} | {n} | {len(v)} | {med[name, n]:.2f} s | {1000 * med[name, n] / n:.1f} ms | {rss:.1f} MiB |")
raw = med[("raw", tenants)]
retort = {k: m for k, m in med.items() if k[0].startswith("retort") and k[1] == tenants}
best = min(retort, key=retort.get)
alembic = [m for (name, n), m in med.items() if name == "alembic"]
print(f"\nbest Retort: {best[0]} ({retort[best]:.2f} s)")
print(f"Retort / raw: {retort[best] / raw:.2f}x (goal <= 1.5x: {'met' if retort[best] <= 1.5 * raw else 'NOT met'})")
if alembic:
    full = alembic[0] * tenants / sample
    how = "measured" if sample == tenants else f"EXTRAPOLATED from {sample} of {tenants} tenants"
    print(f"Alembic loop for {tenants} tenants: {full:.1f} s ({how})")
    print(f"Alembic / Retort: {full / retort[best]:.1f}x (goal >= 10x: {'met' if full >= 10 * retort[best] else 'NOT met'})")
mem = sorted((n, max(r for _, r in v)) for (name, n), v in runs.items() if name == best[0])
print("Retort peak RSS by fleet size: " + ", ".join(f"{n} tenants {r / 1024:.1f} MiB" for n, r in mem))
import os
print(f"load average (1, 5, 15 min): {os.environ.get('LOAD_START', '?')} at the start, {' '.join(open('/proc/loadavg').read().split()[:3])} at the end")
EOF
}
