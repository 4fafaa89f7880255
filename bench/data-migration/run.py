#!/usr/bin/env python3
"""Data migration benchmark: 1,000,000 rows (id + 100-character text), upper-cased into a new table.

Compares, on SQLite and on PostgreSQL: the raw set-based INSERT ... SELECT upper(data) through sqlite3/psql,
Retort's C# transform (op.Transform), Retort's set-based backfill (op.Backfill, keyset batches) from a C# program
and from a SQL revision ('-- retort:batched' before the UPDATE) run by the native retort tool, the raw UPDATE,
on PostgreSQL the same backfill by copy and swap (BackfillStrategy.CopyAndSwap, 'strategy=copy-and-swap') from both,
and, when python3-sqlalchemy is installed, the seed article's SQLAlchemy ORM loop. Times are medians of several runs;
ratios are taken within the same run. Peak memory is /usr/bin/time -v's maximum resident set size.

Usage (from the repository root): python3 bench/data-migration/run.py [--rows N] [--runs N] [--orm-runs N]
"""
import argparse, os, re, shutil, socket, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
# Debian's interpreter, where python3-sqlalchemy is installed.
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable


def sh(args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw)


def timed(args, env=None):
    """Runs a command under /usr/bin/time -v; returns (seconds, peak MiB, stdout)."""
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v"] + args, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(args)}\n{p.stdout}\n{p.stderr}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1)) / 1024
    return seconds, rss, p.stdout


class Sqlite:
    name = "SQLite"

    def __init__(self, work, rows):
        self.path = os.path.join(work, "bench.db")
        self.url = "sqlite:///" + self.path
        self.sa_url = "sqlite:///" + self.path
        self.sql(f"""PRAGMA journal_mode = WAL;
CREATE TABLE old (id INTEGER PRIMARY KEY, data TEXT NOT NULL);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows})
INSERT INTO old (id, data) SELECT i, lower(hex(randomblob(50))) FROM n;""")

    def sql(self, text):
        sh(["sqlite3", self.path], input=text)

    def sql_cmd(self, text):
        return ["sqlite3", self.path, text]

    def stop(self):
        pass


class Postgres:
    name = "PostgreSQL"

    def __init__(self, work, rows):
        bins = sorted(d for d in (f"/usr/lib/postgresql/{v}/bin" for v in os.listdir("/usr/lib/postgresql")) if os.path.exists(d + "/initdb"))
        self.bin = bins[-1]
        # In memory (/dev/shm) when there is room, as bench/lib/common.sh places its cluster: creating and dropping
        # big relation files on a disk file system drifts run to run. BENCH_PG_ON_DISK=1 keeps them in the work folder.
        self.shm = None
        if os.environ.get("BENCH_PG_ON_DISK") != "1" and os.access("/dev/shm", os.W_OK) and shutil.disk_usage("/dev/shm").free > 12 * 1024**3:
            self.shm = tempfile.mkdtemp(prefix="retort-bench-pg.", dir="/dev/shm")
            os.chmod(self.shm, 0o777)
        self.data = os.path.join(self.shm or work, "pg")
        os.chmod(work, 0o777)
        self.run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        sh(self.run_as + [self.bin + "/initdb", "-D", self.data, "-U", "bench", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"])
        sh(self.run_as + [self.bin + "/pg_ctl", "-D", self.data, "-l", os.path.join(work, "pg.log"), "-w", "start", "-o",
                          f"-p {self.port} -k {work} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=256MB -c max_wal_size=4GB"], cwd=work)
        self.url = f"postgresql://bench@127.0.0.1:{self.port}/postgres"
        self.sa_url = f"postgresql+psycopg2://bench@127.0.0.1:{self.port}/postgres"
        self.sql(f"""CREATE TABLE old (id bigint PRIMARY KEY, data text NOT NULL);
INSERT INTO old (id, data) SELECT i, md5(i::text) || md5((i + 1)::text) || md5((i + 2)::text) || substr(md5((i + 3)::text), 1, 4)
FROM generate_series(1, {rows}) AS i""")
        self.sql("VACUUM ANALYZE old")

    def sql(self, text):
        sh(["psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(self.port), "-U", "bench", "-d", "postgres", "-c", text])

    def sql_cmd(self, text):
        return ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(self.port), "-U", "bench", "-d", "postgres", "-c", text]

    def stop(self):
        subprocess.run(self.run_as + [self.bin + "/pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop"], capture_output=True)
        if self.shm: shutil.rmtree(self.shm, ignore_errors=True)


BOOKKEEPING = ("bench_version", "bench_history", "bench_progress", "retort_version", "retort_history", "retort_progress")


def drop_bookkeeping(db):
    db.sql(" ".join(f"DROP TABLE IF EXISTS {t};" for t in BOOKKEEPING))


def reset(db):
    db.sql("DROP TABLE IF EXISTS new_raw; DROP TABLE IF EXISTS new_retort; DROP TABLE IF EXISTS new_orm;")
    drop_bookkeeping(db)


def new_data_upper(db):
    """Gives old an empty data_upper column (dropping the one the previous step filled) and no Retort bookkeeping."""
    try: db.sql("ALTER TABLE old DROP COLUMN data_upper")
    except subprocess.CalledProcessError: pass
    db.sql("ALTER TABLE old ADD COLUMN data_upper text")
    drop_bookkeeping(db)
    settle(db, "old", full=True)


# The SQL revision the native tool runs: the same backfill and batching as the C# program's (PostgreSQL also
# runs it by copy and swap).
def sql_revision(strategy):
    return f"""-- retort:revision bench1
-- retort:message backfill data_upper
-- retort:upgrade
-- retort:batched batch-size=10000 target-ms=500 max-batch-size=100000 strategy={strategy}
UPDATE old SET data_upper = upper(data);
"""


def settle(db, *tables, full=False):
    """PostgreSQL: vacuums the tables just written and checkpoints, so autovacuum and the checkpointer, woken by
    one measured step, do not run during the next one. full: rewrites them compact (VACUUM FULL), so every step
    that reads "old" finds it as loaded, whatever the step before left (an UPDATE leaves half of each page free,
    a copy and swap leaves it packed)."""
    if isinstance(db, Postgres):
        for t in tables: db.sql(f"VACUUM (FULL, ANALYZE) {t}" if full else f"VACUUM ANALYZE {t}")
        db.sql("CHECKPOINT")


def bench(db, runs, orm_runs, databench, tool, sql_env):
    results = {k: [] for k in ("raw", "transform", "backfill", "backfill_sql", "raw_update", "backfill_copy", "backfill_copy_sql", "orm")}
    mem = {k: [] for k in results}

    def measure(name, cmd):
        s, m, _ = timed(cmd)
        results[name].append(s); mem[name].append(m)

    for _ in range(runs):
        reset(db)
        db.sql("CREATE TABLE new_raw (id bigint PRIMARY KEY, data text NOT NULL)")
        settle(db, "old", full=True)
        measure("raw", db.sql_cmd("INSERT INTO new_raw (id, data) SELECT id, upper(data) FROM old"))
        settle(db, "new_raw")
        measure("transform", ["dotnet", databench, db.url, "transform"])
        settle(db, "new_retort")
        # Each backfill starts from an empty data_upper column on the table as loaded.
        backfills = [("backfill", ["dotnet", databench, db.url, "backfill"]),
                     ("backfill_sql", [tool, "--url", db.url, "-c", os.path.join(sql_env, "in-place", "retort.json"), "upgrade", "head"]),
                     ("raw_update", db.sql_cmd("UPDATE old SET data_upper = upper(data)"))]
        if isinstance(db, Postgres):
            # Copy and swap (PostgreSQL only).
            backfills += [("backfill_copy", ["dotnet", databench, db.url, "backfill-copy"]),
                          ("backfill_copy_sql", [tool, "--url", db.url, "-c", os.path.join(sql_env, "copy-and-swap", "retort.json"), "upgrade", "head"])]
        for name, cmd in backfills:
            new_data_upper(db)
            measure(name, cmd)
    for _ in range(orm_runs):
        reset(db)
        settle(db)
        measure("orm", [PYTHON, os.path.join(HERE, "orm_loop.py"), db.sa_url])
    return results, mem


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--orm-runs", type=int, default=3)  # the ORM loop varies by about 15% from run to run
    ap.add_argument("--only", choices=["sqlite", "postgresql"])
    a = ap.parse_args()
    if subprocess.run([PYTHON, "-c", "import sqlalchemy, psycopg2"], capture_output=True).returncode != 0:
        print("python3-sqlalchemy / python3-psycopg2 are not installed (apt-get install python3-sqlalchemy python3-psycopg2): the ORM loop is skipped", file=sys.stderr)
        a.orm_runs = 0
    work = tempfile.mkdtemp(prefix="retort-bench-")
    out = os.path.join(work, "DataBench")
    # Published ReadyToRun, as the retort tool is in bench/lib/common.sh: how a deploy job ships a migrations program.
    rid = re.search(r"RID:\s+(\S+)", sh(["dotnet", "--info"]).stdout).group(1)
    sh(["dotnet", "publish", "-c", "Release", "-r", rid, "--self-contained", "false", "-p:PublishReadyToRun=true",
        os.path.join(HERE, "DataBench"), "-o", out])
    databench = os.path.join(out, "DataBench.dll")
    # The retort tool compiled natively, as bench/lib/common.sh builds it: it runs SQL environments itself.
    native = os.path.join(work, "native")
    sh(["dotnet", "publish", os.path.join(HERE, "..", "..", "src", "Retort.Tool", "Retort.Tool.csproj"), "-c", "Release", "-r", rid,
        "-p:PublishAot=true", "-o", native, "--artifacts-path", os.path.join(work, "native-artifacts")])
    tool = os.path.join(native, "Retort.Tool")
    sql_env = os.path.join(work, "sqlenv")
    for strategy in ("in-place", "copy-and-swap"):
        os.makedirs(os.path.join(sql_env, strategy, "Revisions"))
        with open(os.path.join(sql_env, strategy, "retort.json"), "w") as f: f.write('{ "url": "sqlite:///unused.db", "revisions": "Revisions" }\n')
        with open(os.path.join(sql_env, strategy, "Revisions", "bench1_backfill.sql"), "w") as f: f.write(sql_revision(strategy))
    print(f"rows={a.rows} runs={a.runs} orm_runs={a.orm_runs}")
    try:
        for kind in (Sqlite, Postgres):
            if a.only and kind.name.lower() != a.only: continue
            db = kind(work, a.rows)
            try:
                r, m = bench(db, a.runs, a.orm_runs, databench, tool, sql_env)
            finally:
                db.stop()
            med = {k: statistics.median(v) for k, v in r.items() if v}
            print(f"\n{kind.name}: median seconds (rows/s), peak RSS MiB")
            for k, v in med.items():
                print(f"  {k:12} {v:8.2f} s ({a.rows / v:>10,.0f} rows/s)  peak {max(m[k]):7.0f} MiB")
            print("  per run (s): " + "; ".join(f"{k} " + " ".join(f"{x:.2f}" for x in v) for k, v in r.items() if v and k != "orm"))
            t_ratio = statistics.median(t / raw for t, raw in zip(r["transform"], r["raw"]))
            b_ratio = statistics.median(b / raw for b, raw in zip(r["backfill"], r["raw"]))
            u_ratio = statistics.median(b / u for b, u in zip(r["backfill"], r["raw_update"]))
            s_ratio = statistics.median(b / raw for b, raw in zip(r["backfill_sql"], r["raw"]))
            su_ratio = statistics.median(b / u for b, u in zip(r["backfill_sql"], r["raw_update"]))
            print(f"  transform / raw INSERT...SELECT = {t_ratio:.2f}x; backfill / raw INSERT...SELECT = {b_ratio:.2f}x; backfill / raw UPDATE = {u_ratio:.2f}x")
            print(f"  backfill_sql / raw INSERT...SELECT = {s_ratio:.2f}x; backfill_sql / raw UPDATE = {su_ratio:.2f}x")
            if r["backfill_copy"]:
                c_ratio = statistics.median(b / raw for b, raw in zip(r["backfill_copy"], r["raw"]))
                cs_ratio = statistics.median(b / raw for b, raw in zip(r["backfill_copy_sql"], r["raw"]))
                print(f"  backfill_copy / raw INSERT...SELECT = {c_ratio:.2f}x; backfill_copy_sql / raw INSERT...SELECT = {cs_ratio:.2f}x")
            if "orm" in med:
                print(f"  ORM loop / transform = {med['orm'] / med['transform']:.1f}x slower; memory ORM {max(m['orm']):.0f} MiB vs transform {max(m['transform']):.0f} MiB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
