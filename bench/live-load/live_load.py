#!/usr/bin/env python3
"""Live-load benchmark: what an application sees while a migration runs on the table it uses.

A table 'accounts' of N rows (default 2,000,000) and 'owners' (1,000 rows). 4 writers (UPDATE of a random row, one
INSERT in four) and 4 readers (SELECT of a random row by key), each on its own connection, each pausing a few
milliseconds between statements. A baseline window first, then the migration, then a short tail. Reported per
scenario and tool: the migration's time and outcome, failed application statements, max latency, the longest stall
(the longest time no statement completed: all, writes, reads) and the time the table was blocked (the union of the
time spans of application statements slower than the stall threshold). In the lock-queue scenario a blocker session
holds a read lock on the table for 10 s; the share of those 10 s the table was blocked is reported too.

Each scenario is one revision on a branch of its own (no parent), written the way a user writes it with each tool's
default operations: Retort C# revisions (op.CreateIndex, op.AlterColumn, ...) run by the retort tool, Alembic
revisions (op.create_index, op.alter_column, ...) run by /usr/bin/python3 -m alembic. Every run starts from a fresh
copy of the same template database.

Usage (run.sh starts the server and builds the tool):
  live_load.py --port P --retort PATH --work DIR [--rows N] [--quick] [--scenarios a,b] [--tools retort,alembic]
"""
import argparse, json, os, random, statistics, subprocess, sys, threading, time

import psycopg2

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = "/usr/bin/python3"

# name -> (description, Retort C# body, Alembic body, sanity query returning true when the change is in place)
SCENARIOS = {
    "plain-index": ("CREATE INDEX on accounts(balance)",
        'op.CreateIndex("ix_accounts_balance", "accounts", ["balance"]);',
        'op.create_index("ix_accounts_balance", "accounts", ["balance"])',
        "SELECT count(*) = 1 FROM pg_index WHERE indexrelid = to_regclass('ix_accounts_balance') AND indisvalid"),
    "concurrent-index": ("CREATE INDEX CONCURRENTLY on accounts(balance)",
        'op.CreateIndex("ix_accounts_balance", "accounts", ["balance"], concurrently: true);',
        'with op.get_context().autocommit_block():\n        op.create_index("ix_accounts_balance", "accounts", ["balance"], postgresql_concurrently=True)',
        "SELECT count(*) = 1 FROM pg_index WHERE indexrelid = to_regclass('ix_accounts_balance') AND indisvalid"),
    "type-change": ("balance integer -> bigint (rewrites the table)",
        'op.AlterColumn("accounts", "balance", type: SqlType.BigInteger);',
        'op.alter_column("accounts", "balance", type_=sa.BigInteger, existing_type=sa.Integer, existing_nullable=False)',
        "SELECT data_type = 'bigint' FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'balance'"),
    "add-column-default": ("ADD COLUMN flag boolean NOT NULL DEFAULT false",
        'op.AddColumn("accounts", new Column("flag", SqlType.Boolean, nullable: false, serverDefault: ServerDefault.Literal(false)));',
        'op.add_column("accounts", sa.Column("flag", sa.Boolean(create_constraint=False), nullable=False, server_default=sa.false()))',
        "SELECT count(*) = 1 FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'flag'"),
    "check": ("CHECK (balance >= 0)",
        'op.CreateCheckConstraint("ck_accounts_balance", "accounts", "balance >= 0");',
        'op.create_check_constraint("ck_accounts_balance", "accounts", "balance >= 0")',
        "SELECT convalidated FROM pg_constraint WHERE conname = 'ck_accounts_balance'"),
    "foreign-key": ("FOREIGN KEY (owner_id) REFERENCES owners",
        'op.CreateForeignKey("fk_accounts_owner", "accounts", "owners", ["owner_id"], ["id"]);',
        'op.create_foreign_key("fk_accounts_owner", "accounts", "owners", ["owner_id"], ["id"])',
        "SELECT convalidated FROM pg_constraint WHERE conname = 'fk_accounts_owner'"),
    "set-not-null": ("email SET NOT NULL",
        'op.AlterColumn("accounts", "email", nullable: false);',
        'op.alter_column("accounts", "email", nullable=False, existing_type=sa.Text)',
        "SELECT is_nullable = 'NO' FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'email'"),
    "unique": ("UNIQUE (email)",
        'op.CreateUniqueConstraint("uq_accounts_email", "accounts", "email");',
        'op.create_unique_constraint("uq_accounts_email", "accounts", ["email"])',
        "SELECT count(*) = 1 FROM pg_constraint WHERE conname = 'uq_accounts_email' AND contype = 'u'"),
    "lock-queue": ("ADD COLUMN note2 text behind a session holding a read lock for 10 s",
        'op.AddColumn("accounts", new Column("note2", SqlType.Text));',
        'op.add_column("accounts", sa.Column("note2", sa.Text, nullable=True))',
        "SELECT count(*) = 1 FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'note2'"),
    "backfill": ("score = balance * 2 on every row",
        'op.Backfill("accounts", "score = balance * 2");',
        'op.execute("UPDATE accounts SET score = balance * 2")',
        "SELECT count(*) = 0 FROM accounts WHERE score IS DISTINCT FROM balance * 2"),
}


def rev_id(i):
    return f"{0xA11CE0000000 + i:012x}"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def build_environments(work, retort, names):
    """One Retort C# environment and one Alembic environment holding every scenario's revision as a root of its own."""
    cs, al = os.path.join(work, "retort-env"), os.path.join(work, "alembic-env")
    if not os.path.isdir(cs):
        subprocess.run([retort, "init", cs], check=True, capture_output=True)
    subprocess.run([PYTHON, os.path.join(HERE, "..", "lib", "gen.py"), "alembic-env", al], check=True)
    ids = {}
    for i, name in enumerate(SCENARIOS, 1):
        rid = rev_id(i)
        ids[name] = rid
        desc, cs_body, al_body, _ = SCENARIOS[name]
        cls = "Live_" + name.replace("-", "_")
        write(os.path.join(cs, "Revisions", f"{rid}_{name}.cs"), f'''using Retort.Migrations;
using Retort.Schema;

namespace Bench.Revisions;

[Revision("{rid}", Message = "{desc}")]
public sealed class {cls} : Migration
{{
    public override void Upgrade(Op op)
    {{
        {cs_body}
    }}
}}
''')
        write(os.path.join(al, "versions", f"{rid}_{name.replace('-', '_')}.py"), f'''"""{desc}

Revision ID: {rid}
"""
from alembic import op
import sqlalchemy as sa

revision = "{rid}"
down_revision = None
branch_labels = ("{name}",)
depends_on = None


def upgrade():
    {al_body}


def downgrade():
    pass
''')
    # Builds the C# environment once, so no run pays for it.
    p = subprocess.run([retort, "heads"], cwd=cs, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"the Retort environment does not build:\n{p.stdout}\n{p.stderr}")
    return cs, al, ids


class Server:
    def __init__(self, port):
        self.port = port

    def connect(self, db, autocommit=True, application=None):
        c = psycopg2.connect(host="127.0.0.1", port=self.port, user="bench", dbname=db,
                             application_name=application or "live_load")
        c.autocommit = autocommit
        return c

    def run(self, db, sql):
        c = self.connect(db)
        try:
            with c.cursor() as cur:
                cur.execute(sql)
                return cur.fetchall() if cur.description else None
        finally:
            c.close()


def make_template(server, rows):
    server.run("postgres", "DROP DATABASE IF EXISTS live_tpl")
    server.run("postgres", "CREATE DATABASE live_tpl")
    server.run("live_tpl", f"""
        CREATE TABLE owners (id integer PRIMARY KEY, name text NOT NULL);
        INSERT INTO owners SELECT g, 'owner ' || g FROM generate_series(1, 1000) g;
        CREATE TABLE accounts (id bigint PRIMARY KEY, owner_id integer NOT NULL, balance integer NOT NULL,
                               email text, score integer, note text);
        INSERT INTO accounts SELECT g, 1 + g % 1000, g % 10000, 'user' || g || '@example.com', NULL, 'note ' || g
          FROM generate_series(1, {rows}) g;""")
    server.run("live_tpl", "VACUUM ANALYZE")


class Load:
    """4 writers and 4 readers, each on its own connection; every statement's start, end, kind and error."""

    def __init__(self, server, db, rows, writers=4, readers=4, pause=0.005):
        self.server, self.db, self.rows, self.pause = server, db, rows, pause
        self.stop = threading.Event()
        self.samples = []  # (start, end, kind, error)
        self.lock = threading.Lock()
        self.next_id = [rows + 1_000_000]
        self.threads = [threading.Thread(target=self.client, args=("write", i), daemon=True) for i in range(writers)] + \
                       [threading.Thread(target=self.client, args=("read", i), daemon=True) for i in range(readers)]

    def start(self):
        for t in self.threads:
            t.start()

    def finish(self):
        self.stop.set()
        for t in self.threads:
            t.join(timeout=120)

    def new_id(self):
        with self.lock:
            self.next_id[0] += 1
            return self.next_id[0]

    def client(self, kind, n):
        rnd = random.Random(n * 7919 + (1 if kind == "write" else 2))
        conn = self.server.connect(self.db, application=f"app_{kind}_{n}")
        cur = conn.cursor()
        i = 0
        while not self.stop.is_set():
            i += 1
            key = rnd.randint(1, self.rows)
            if kind == "read":
                sql, args = "SELECT balance, email FROM accounts WHERE id = %s", (key,)
            elif i % 4 == 0:
                new = self.new_id()
                sql, args = ("INSERT INTO accounts (id, owner_id, balance, email, score, note) VALUES (%s, %s, %s, %s, %s, 'app')",
                             (new, 1 + new % 1000, new % 10000, f"app{new}@example.com", (new % 10000) * 2))
            else:
                sql, args = "UPDATE accounts SET balance = balance + 1, score = (balance + 1) * 2 WHERE id = %s", (key,)
            start = time.monotonic()
            error = None
            try:
                cur.execute(sql, args)
                if kind == "read":
                    cur.fetchall()
            except psycopg2.Error as e:
                error = (e.pgerror or str(e)).strip().splitlines()[0]
                if conn.closed:
                    conn = self.server.connect(self.db, application=f"app_{kind}_{n}")
                    cur = conn.cursor()
            end = time.monotonic()
            with self.lock:
                self.samples.append((start, end, kind, error))
            time.sleep(self.pause)
        conn.close()


def stats(samples, t0, t1, stall_ms, span=None):
    """Figures for the statements that ran in [t0, t1]."""
    window = [s for s in samples if s[1] >= t0 and s[0] <= t1]
    out = {"statements": len(window), "failed": sum(1 for s in window if s[3]),
           "errors": sorted({s[3] for s in window if s[3]})[:5]}
    lat = [s[1] - s[0] for s in window]
    out["max_latency_ms"] = round(max(lat) * 1000, 1) if lat else None
    out["p99_latency_ms"] = round(statistics.quantiles(lat, n=100)[98] * 1000, 1) if len(lat) >= 100 else None
    out["over_550ms"] = sum(1 for x in lat if x > 0.55)
    for kind in ("all", "write", "read"):
        ends = sorted(s[1] for s in window if kind == "all" or s[2] == kind)
        # The longest time no statement of the kind completed (from the window's start to its end).
        points = [t0] + [e for e in ends if t0 <= e <= t1] + [t1]
        out[f"stall_{kind}_ms"] = round(max(b - a for a, b in zip(points, points[1:])) * 1000, 1)
    out["blocked_s"] = round(blocked(window, t0, t1, stall_ms / 1000), 2)
    if span:
        out["blocked_in_span_s"] = round(blocked(window, span[0], span[1], stall_ms / 1000), 2)
        out["span_s"] = round(span[1] - span[0], 2)
    return out


def blocked(window, t0, t1, threshold):
    """Length of the union of the time spans of statements slower than the threshold, clipped to [t0, t1]."""
    spans = sorted((max(s[0], t0), min(s[1], t1)) for s in window if s[1] - s[0] > threshold)
    total, cur = 0.0, None
    for a, b in spans:
        if b <= a:
            continue
        if cur is None or a > cur[1]:
            if cur:
                total += cur[1] - cur[0]
            cur = [a, b]
        else:
            cur[1] = max(cur[1], b)
    if cur:
        total += cur[1] - cur[0]
    return total


def hold_read_lock(server, db, seconds, holding, done):
    c = server.connect(db, autocommit=False, application="blocker")
    with c.cursor() as cur:
        cur.execute("SELECT count(*) FROM accounts WHERE id <= 10")
        cur.fetchall()
        holding.append(time.monotonic())
        time.sleep(seconds)
    c.commit()
    done.append(time.monotonic())
    c.close()


def run_one(server, args, name, tool, envs, ids):
    cs, al = envs
    server.run("postgres", "DROP DATABASE IF EXISTS live")
    server.run("postgres", "CREATE DATABASE live TEMPLATE live_tpl")
    server.run("postgres", "CHECKPOINT")
    url = f"postgresql://bench@127.0.0.1:{args.port}/live"
    if tool == "retort":
        cmd, cwd, env = [args.retort, "--url", url, "upgrade", ids[name]], cs, dict(os.environ)
    else:
        cmd, cwd = [PYTHON, "-m", "alembic", "upgrade", ids[name]], al
        env = dict(os.environ, BENCH_URL=f"postgresql+psycopg2://bench@127.0.0.1:{args.port}/live")
    load = Load(server, "live", args.rows)
    load.start()
    time.sleep(args.baseline)
    base_end = time.monotonic()
    holding, done, blocker = [], [], None
    if name == "lock-queue":
        blocker = threading.Thread(target=hold_read_lock, args=(server, "live", args.blocker, holding, done), daemon=True)
        blocker.start()
        while not holding:
            time.sleep(0.01)
        time.sleep(0.5)
    m0 = time.monotonic()
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    m1 = time.monotonic()
    time.sleep(args.tail)
    load.finish()
    if blocker:
        blocker.join()
    base = stats(load.samples, base_end - args.baseline, base_end, args.stall_ms)
    span = (holding[0], done[0]) if holding else None
    during = stats(load.samples, m0, m1 + args.tail, args.stall_ms, span)
    ok = p.returncode == 0 and bool(server.run("live", SCENARIOS[name][3])[0][0])
    # Retort's lint gate refuses a hazard before anything runs (the type change): an outcome, not a failure.
    refused = p.returncode != 0 and "refused before anything ran" in p.stdout + p.stderr
    rules = sorted({w for w in (p.stdout + p.stderr).split() if len(w) == 5 and w.startswith("RT") and w[2:].isdigit()}) if refused else []
    warnings = [l for l in (p.stdout + p.stderr).splitlines() if "could not get" in l or "warning" in l.lower()]
    return {"scenario": name, "tool": tool, "ok": ok, "refused": rules if refused else None, "exit": p.returncode, "migration_s": round(m1 - m0, 2),
            "baseline": base, "during": during, "warnings": warnings[:6],
            "output": "" if ok or refused else (p.stdout + p.stderr)[-2000:]}


def fmt(v):
    return "-" if v is None else (f"{v:,.0f}" if isinstance(v, (int, float)) and v >= 100 else str(v))


def report(results, args):
    lines = [f"## Live load ({args.rows:,} rows, 4 writers + 4 readers)", "",
             f"Stall threshold {args.stall_ms:.0f} ms; baseline window {args.baseline:.0f} s; times in ms unless marked.", "",
             "| scenario | tool | migration | ok | failed stmts | max latency | longest stall all / writes / reads | blocked | baseline max latency |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        d, b = r["during"], r["baseline"]
        blocked_cell = f"{d['blocked_s']} s"
        if "blocked_in_span_s" in d:
            blocked_cell += f" ({d['blocked_in_span_s'] / d['span_s']:.0%} of the {d['span_s']:.0f} s blocker)"
        lines.append(f"| {r['scenario']} | {r['tool']} | {r['migration_s']} s | {'yes' if r['ok'] else ('refused by lint (' + ', '.join(r['refused']) + ')' if r.get('refused') is not None else 'NO')} | {d['failed']} | "
                     f"{fmt(d['max_latency_ms'])} | {fmt(d['stall_all_ms'])} / {fmt(d['stall_write_ms'])} / {fmt(d['stall_read_ms'])} | "
                     f"{blocked_cell} | {fmt(b['max_latency_ms'])} |")
    for r in results:
        if r["during"]["errors"]:
            lines.append(f"\n{r['scenario']} / {r['tool']}: application errors: {'; '.join(r['during']['errors'])}")
        if not r["ok"] and r.get("refused") is None:
            lines.append(f"\n{r['scenario']} / {r['tool']} FAILED (exit {r['exit']}):\n```\n{r['output']}\n```")
    q = [r for r in results if r["scenario"] == "lock-queue" and r["tool"] == "retort"]
    if q:
        r, d = q[0], q[0]["during"]
        share = d["blocked_in_span_s"] / d["span_s"] if d.get("span_s") else None
        lines += ["", f"Lock-queue goal (Retort, lock_timeout {args.lock_timeout_ms} ms): longest application stall "
                  f"{fmt(d['max_latency_ms'])} ms (goal <= {args.lock_timeout_ms + 50}), table blocked "
                  f"{share:.0%} of the blocker's {d['span_s']:.0f} s (goal <= 20%), {d['over_550ms']} of {d['statements']:,} "
                  f"statements slower than {args.lock_timeout_ms + 50} ms, migration "
                  f"{'succeeded' if r['ok'] else 'FAILED'} after the blocker ended."]
        if r["warnings"]:
            lines += ["", "Its first warning:", "```", r["warnings"][0][:400], "```"]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--retort", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--rows", type=int, default=int(os.environ.get("BENCH_LIVE_ROWS", 2_000_000)))
    ap.add_argument("--quick", action="store_true", default=os.environ.get("BENCH_LIVE_QUICK") == "1")
    ap.add_argument("--scenarios", default=os.environ.get("BENCH_LIVE_SCENARIOS", ",".join(SCENARIOS)))
    ap.add_argument("--tools", default=os.environ.get("BENCH_LIVE_TOOLS", "retort,alembic"))
    ap.add_argument("--baseline", type=float, default=None)
    ap.add_argument("--tail", type=float, default=1.0)
    ap.add_argument("--blocker", type=float, default=10.0)
    ap.add_argument("--stall-ms", type=float, default=float(os.environ.get("BENCH_LIVE_STALL_MS", 100)))
    ap.add_argument("--lock-timeout-ms", type=int, default=500, help="Retort's default lock_timeout, for the goal line")
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    if args.quick and "BENCH_LIVE_ROWS" not in os.environ and "--rows" not in sys.argv:
        args.rows = 200_000
    if args.baseline is None:
        args.baseline = 2.0 if args.quick else 5.0
    names = [s for s in args.scenarios.split(",") if s]
    unknown = [s for s in names if s not in SCENARIOS]
    if unknown:
        sys.exit(f"unknown scenarios {unknown}; known: {', '.join(SCENARIOS)}")
    server = Server(args.port)
    print(f"Building the template database ({args.rows:,} rows)...", file=sys.stderr)
    make_template(server, args.rows)
    cs, al, ids = build_environments(args.work, args.retort, names)
    results = []
    for name in names:
        for tool in args.tools.split(","):
            print(f"  {name} / {tool}...", file=sys.stderr)
            results.append(run_one(server, args, name, tool, (cs, al), ids))
            d = results[-1]["during"]
            print(f"    ok={results[-1]['ok']} migration={results[-1]['migration_s']} s failed={d['failed']} "
                  f"max={d['max_latency_ms']} ms stall={d['stall_all_ms']} ms blocked={d['blocked_s']} s", file=sys.stderr)
    text = report(results, args)
    print(text)
    if args.out:
        write(args.out + ".md", text)
        write(args.out + ".json", json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
