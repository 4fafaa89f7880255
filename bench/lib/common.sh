# Shared by every bench/<workload>/run.sh: tools, the Retort build, a throwaway PostgreSQL server, hyperfine.
# Source it; it sets BENCH_DIR, REPO, WORK (a fresh temp folder removed on exit), RETORT, ALEMBIC, RESULTS.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
RESULTS="${BENCH_RESULTS:-$BENCH_DIR/results}"
RUNS="${BENCH_RUNS:-5}"
WARMUP="${BENCH_WARMUP:-1}"
GEN="/usr/bin/python3 $BENCH_DIR/lib/gen.py"
ALEMBIC="/usr/bin/python3 -m alembic"
# The tool published ReadyToRun for this machine's runtime identifier (how a deploy job should ship it): its
# code is precompiled, so a short command spends little time in the JIT.
RID="${BENCH_RID:-$(dotnet --info | awk '/RID:/ {print $2; exit}')}"
TOOL_DIR="$REPO/src/Retort.Tool/bin/Release/net10.0/$RID/publish-r2r"
# The tool compiled natively (Native AOT) into the same folder: it starts in milliseconds, runs SQL environments
# itself and hands a C# environment to the environment's own program, built against the managed assemblies
# beside it (docs/cli.md). RETORT_R2R is the ReadyToRun launcher, as 'dotnet tool install' runs it.
RETORT="$TOOL_DIR/retort"
RETORT_R2R="$TOOL_DIR/Retort.Tool"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
mkdir -p "$RESULTS"

WORK="$(mktemp -d /tmp/retort-bench.XXXXXX)"
chmod 755 "$WORK"
PG_DIR=""
bench_cleanup() {
  pg_stop || true
  rm -rf "$WORK"
}
trap bench_cleanup EXIT

need() { command -v "$1" >/dev/null 2>&1; }

# Checks the tools once; installs Debian's hyperfine and python3-alembic when missing (needs root).
bench_tools() {
  local missing=()
  need hyperfine || missing+=(hyperfine)
  need sqlite3 || missing+=(sqlite3)
  /usr/bin/python3 -c "import alembic" 2>/dev/null || missing+=(python3-alembic)
  /usr/bin/python3 -c "import psycopg2" 2>/dev/null || missing+=(python3-psycopg2)
  if ((${#missing[@]})); then
    echo "Installing ${missing[*]} with apt-get" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# Publishes the retort tool in Release, ReadyToRun (once per run-all: BENCH_SKIP_BUILD=1 skips it).
bench_build() {
  if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
    echo "Publishing the retort tool (Release, ReadyToRun, $RID)..." >&2
    dotnet publish "$REPO/src/Retort.Tool/Retort.Tool.csproj" -c Release -r "$RID" --self-contained false \
      -p:PublishReadyToRun=true -o "$TOOL_DIR" -nologo -v:q -clp:NoSummary >&2
    echo "Publishing the retort tool natively (Native AOT, $RID)..." >&2
    dotnet publish "$REPO/src/Retort.Tool/Retort.Tool.csproj" -c Release -r "$RID" -p:PublishAot=true \
      -o "$WORK/native" --artifacts-path "$WORK/native-artifacts" -nologo -v:q -clp:NoSummary >&2
    cp "$WORK/native/Retort.Tool" "$RETORT"
  fi
  [[ -x "$RETORT" ]] || { echo "missing $RETORT" >&2; exit 1; }
}

bench_init() { bench_tools; bench_build; retort_local_build; }

# A C# environment made by 'retort init' references the Retort packages at the tool's version, which no feed holds
# for a build from source: a Directory.Build.targets above every environment of the work folder swaps them for the
# Release tool's assemblies and adds the packages those depend on, at the versions of Directory.Packages.props (the
# tests do the same: tests/Retort.Specification/Cli/LocalRetortBuild.cs).
retort_local_build() {
  local p v
  {
    echo '<Project>'
    for p in Retort Retort.Sqlite Retort.PostgreSql Retort.Cli Retort.Testing; do
      echo "  <ItemGroup Condition=\"'@(PackageReference->AnyHaveMetadataValue('Identity', '$p'))' == 'True'\">"
      echo "    <PackageReference Remove=\"$p\" />"
      echo "    <Reference Include=\"$p\" HintPath=\"$TOOL_DIR/$p.dll\" />"
      echo '  </ItemGroup>'
    done
    echo '  <ItemGroup>'
    for p in Microsoft.Extensions.Logging.Abstractions Microsoft.Data.Sqlite Npgsql System.CommandLine Spectre.Console; do
      v=$(sed -n "s/.*<PackageVersion Include=\"$p\" Version=\"\([^\"]*\)\".*/\1/p" "$REPO/Directory.Packages.props")
      echo "    <PackageReference Include=\"$p\" Version=\"$v\" />"
    done
    echo '  </ItemGroup>'
    echo '</Project>'
  } > "$WORK/Directory.Build.targets"
}

# The live-load workloads (bench/live-load/): the tools, the retort tool they run as TOOL (native, or ReadyToRun with
# BENCH_LIVE_R2R=1, which skips the native build), and C# environments built against the tool's assemblies.
live_load_init() {
  bench_tools
  if [[ "${BENCH_LIVE_R2R:-0}" == 1 ]]; then
    if [[ "${BENCH_SKIP_BUILD:-0}" != 1 || ! -x "$RETORT_R2R" ]]; then
      echo "Publishing the retort tool (Release, ReadyToRun, $RID)..." >&2
      dotnet publish "$REPO/src/Retort.Tool/Retort.Tool.csproj" -c Release -r "$RID" --self-contained false \
        -p:PublishReadyToRun=true -o "$TOOL_DIR" -nologo -v:q -clp:NoSummary >&2
    fi
    TOOL="$RETORT_R2R"
  else
    bench_build
    TOOL="$RETORT"
  fi
  retort_local_build
}

# retort_cs_env DIR: init a C# environment in DIR (below the work folder: built against the Release tool's assemblies).
retort_cs_env() {
  "$RETORT" init "$1" >/dev/null
}

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# Starts a throwaway PostgreSQL cluster (as the tests do); sets PG_PORT, PG_HOST and PSQL. Its files live in memory
# (/dev/shm) when there is room: the workloads create and drop thousands of relation files a minute, and on a disk
# file system the cost of that churn drifts run to run (ext4 slows down allocating inodes next to ones just freed),
# which would measure the file system rather than the tools. BENCH_PG_ON_DISK=1 keeps them in the work folder.
pg_start() {
  if [[ "${BENCH_PG_ON_DISK:-0}" != 1 && -d /dev/shm && -w /dev/shm ]] \
     && (( $(df -Pk /dev/shm | awk 'NR == 2 {print $4}') > 4 * 1024 * 1024 )); then
    PG_DIR="$(mktemp -d /dev/shm/retort-bench-pg.XXXXXX)"
  else
    PG_DIR="$WORK/pg"
  fi
  mkdir -p "$PG_DIR"
  [[ $(id -u) == 0 ]] && chown postgres "$PG_DIR"
  PG_PORT="$(free_port)"
  PG_HOST="$PG_DIR"
  as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U bench --auth=trust -E UTF8 --no-locale --no-sync >/dev/null
  # fsync off: the benchmark measures the tools, not this machine's disk (every tool gets the same server).
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_locks_per_transaction=1024" start >/dev/null
  PSQL="psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $PG_PORT -U bench"
}

pg_stop() {
  if [[ -n "$PG_DIR" && -d "$PG_DIR/data" ]]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  [[ "$PG_DIR" == /dev/shm/retort-bench-pg.* ]] && rm -rf "$PG_DIR"
  PG_DIR=""
}

# pg_recreate NAME: an empty database NAME.
pg_recreate() { $PSQL -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"; }
pg_url_retort() { echo "postgresql://bench@127.0.0.1:$PG_PORT/$1"; }
pg_url_alembic() { echo "postgresql+psycopg2://bench@127.0.0.1:$PG_PORT/$1"; }

# bench_run NAME [hyperfine args...]: times the commands and writes $RESULTS/NAME.json and NAME.md
# (medians and ratios; the first command is the reference for the ratios).
bench_run() {
  local name="$1"; shift
  hyperfine --style basic --warmup "$WARMUP" --runs "$RUNS" --export-json "$RESULTS/$name.json" "$@" >&2
  /usr/bin/python3 "$BENCH_DIR/lib/summarize.py" "$RESULTS/$name.json" "$name" | tee "$RESULTS/$name.md"
}

# bench_rounds NAME [hyperfine args...]: like bench_run, but in rounds: every round times each command once, in
# turn (after WARMUP rounds not counted), and the ratios are taken within each round, then their median. Used where
# the machine's speed drifts over minutes (a local PostgreSQL server), which would otherwise tilt ratios between
# commands timed minutes apart.
bench_rounds() {
  local name="$1"; shift
  local files=() i
  for ((i = 1; i <= WARMUP + RUNS; i++)); do
    hyperfine --style none --warmup 0 --runs 1 --export-json "$WORK/$name.round$i.json" "$@" >/dev/null 2>&1 \
      || hyperfine --style basic --warmup 0 --runs 1 "$@" >&2   # shows the failing command's output
    ((i > WARMUP)) && files+=("$WORK/$name.round$i.json")
  done
  /usr/bin/python3 "$BENCH_DIR/lib/merge_rounds.py" "$RESULTS/$name.json" "${files[@]}"
  /usr/bin/python3 "$BENCH_DIR/lib/summarize.py" "$RESULTS/$name.json" "$name" | tee "$RESULTS/$name.md"
}

