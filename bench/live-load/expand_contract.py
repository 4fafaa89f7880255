#!/usr/bin/env python3
"""Live load through an expand/contract migration: two versions of an application writing at once, and a ledger.

The table and data of live_load.py ('accounts', N rows, default 2,000,000). Scenarios: rename accounts.balance to
amount, and change accounts.balance from integer to bigint, each written once as the final shape with Retort's online
operation, and with Alembic's plain operation for comparison.

Retort, in phases:
  1. expand: 4 writers and 4 readers of the OLD application (search_path = the old version's schema of views, then
     public: the table until the expand has made the views) while `retort upgrade` runs the expand phase;
  2. both versions: the old application goes on, and 4 writers and 4 readers of the NEW application start
     (search_path = the new version's schema, then public); after a window, every writer stops and the ledger is
     checked through both versions' views;
  3. complete: the old application is gone; the new one keeps writing while `retort complete` runs; the ledger is
     checked again through the new version and the table.
Alembic: the old application's writers and readers on the table while `alembic upgrade` runs, then a tail; the
ledger is checked through the table (what the old application would read, where it still can).

Every writer owns its rows (ids with id % 8 == its number, and the ids it inserts), sets the balance to values of its
own (a counter, in integer range) and logs every write the database acknowledged; the ledger check reads every such
row back and reports rows missing (lost) or holding another value (wrong). Per phase: failed application statements,
max latency, the longest stall (no statement completed: all / writes / reads) and the time blocked (as live_load.py).

Usage (run-expand-contract.sh starts the server and builds the tool):
  expand_contract.py --port P --retort PATH --work DIR [--rows N] [--quick] [--scenarios a,b] [--tools retort,alembic]
"""
import argparse, json, os, random, subprocess, sys, threading, time

import psycopg2

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from live_load import PYTHON, HERE, Server, make_template, stats, write, fmt  # noqa: E402

OWNERS = 8  # writers' row partitions: the old application's writers own 0-3, the new one's 4-7

# name -> (description, Retort C# body, Alembic body, old column, new column, new column's type)
SCENARIOS = {
    "rename": ("rename accounts.balance to amount (online)",
               'op.Online.RenameColumn("accounts", "balance", "amount");',
               'op.alter_column("accounts", "balance", new_column_name="amount", existing_type=sa.Integer, existing_nullable=False)',
               "balance", "amount", "integer"),
    "type-change": ("accounts.balance integer -> bigint (online)",
                    'op.Online.AlterColumnType("accounts", "balance", SqlType.BigInteger);',
                    'op.alter_column("accounts", "balance", type_=sa.BigInteger, existing_type=sa.Integer, existing_nullable=False)',
                    "balance", "balance", "bigint"),
}


def rev_id(i):
    return f"{0xEC0000000000 + i:012x}"


def build_environments(work, retort, names, with_retort=True):
    """One Retort C# environment and one Alembic environment, each scenario's revision a root of its own."""
    cs, al = os.path.join(work, "retort-ec-env"), os.path.join(work, "alembic-ec-env")
    if with_retort and not os.path.isdir(cs):
        subprocess.run([retort, "init", cs], check=True, capture_output=True)
    subprocess.run([PYTHON, os.path.join(HERE, "..", "lib", "gen.py"), "alembic-env", al], check=True)
    ids = {}
    for i, name in enumerate(SCENARIOS, 1):
        rid = rev_id(i)
        ids[name] = rid
        desc, cs_body, al_body = SCENARIOS[name][:3]
        cls = "Online_" + name.replace("-", "_")
        if with_retort:
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
    p = subprocess.run([retort, "heads"], cwd=cs, capture_output=True, text=True) if with_retort else None
    if p and p.returncode != 0:
        sys.exit(f"the Retort environment does not build:\n{p.stdout}\n{p.stderr}")
    return cs, al, ids


def version_schemas(server, db):
    """Schemas other than public holding a view 'accounts': name -> {column: data type}."""
    rows = server.run(db, """
        SELECT c.table_schema, c.column_name, c.data_type FROM information_schema.columns c
          JOIN information_schema.views v ON v.table_schema = c.table_schema AND v.table_name = c.table_name
         WHERE c.table_name = 'accounts' AND c.table_schema NOT IN ('public', 'pg_catalog', 'information_schema')""")
    out = {}
    for schema, col, typ in rows:
        out.setdefault(schema, {})[col] = typ
    return out


def pick_versions(schemas, old_col, new_col, new_type):
    """(old schema, new schema) among the version schemas, told apart by the column's name and type."""
    old = new = None
    for s, cols in schemas.items():
        if new_col in cols and cols[new_col] == new_type and (old_col == new_col or old_col not in cols):
            new = s
        elif old_col in cols and cols[old_col] == "integer" and (old_col == new_col or new_col not in cols):
            old = s
    return old, new


class App:
    """One version of the application: writers and readers on their own connections, a search_path each, a ledger."""

    def __init__(self, server, db, rows, column, owners, search_path, samples, lock, phase=0, pause=0.005, readers=4):
        self.server, self.db, self.rows, self.column, self.pause, self.phase = server, db, rows, column, pause, phase
        self.search_path = search_path  # the connections' search_path
        self.samples, self.lock = samples, lock
        self.stop = threading.Event()
        self.ledger = {}  # id -> last value the database acknowledged
        self.ledger_lock = threading.Lock()
        self.threads = [threading.Thread(target=self.writer, args=(o,), daemon=True) for o in owners] + \
                       [threading.Thread(target=self.reader, args=(o,), daemon=True) for o in owners[:readers]]

    def start(self):
        for t in self.threads:
            t.start()

    def finish(self):
        self.stop.set()
        for t in self.threads:
            t.join(timeout=120)

    def connect(self, name):
        conn = self.server.connect(self.db, application=name)
        cur = conn.cursor()
        cur.execute(f"SET search_path TO {self.search_path}")
        return conn, cur

    def timed(self, kind, cur, sql, args):
        start = time.monotonic()
        error = None
        try:
            cur.execute(sql, args)
            if kind == "read":
                cur.fetchall()
        except psycopg2.Error as e:
            error = (e.pgerror or str(e)).strip().splitlines()[0]
        end = time.monotonic()
        with self.lock:
            self.samples.append((start, end, kind, error))
        return error is None

    def writer(self, owner):
        rnd = random.Random(1000 + owner)
        conn, cur = self.connect(f"app_write_{owner}")
        # Values and inserted ids of their own per writer and phase, so no write can be mistaken for another.
        counter, inserted = owner * 100_000_000 + self.phase * 10_000_000, self.phase * 1_000_000
        while not self.stop.is_set():
            counter += 1
            value = counter % 2_000_000_000
            if counter % 4 == 0:
                inserted += 1
                key = self.rows + 10_000_000 * (owner + 1) + inserted
                sql = f'INSERT INTO accounts (id, owner_id, "{self.column}", email, note) VALUES (%s, %s, %s, %s, %s)'
                args = (key, 1 + key % 1000, value, f"w{owner}-{key}@example.com", f"writer {owner}")
            else:
                # A random row of the writer's own partition (id % OWNERS == owner).
                key = rnd.randint(0, self.rows // OWNERS - 1) * OWNERS + owner
                key = key if key >= 1 else OWNERS
                sql, args = f'UPDATE accounts SET "{self.column}" = %s WHERE id = %s', (value, key)
            if self.timed("write", cur, sql, args):
                with self.ledger_lock:
                    self.ledger[key] = value
            elif conn.closed:
                conn, cur = self.connect(f"app_write_{owner}")
            time.sleep(self.pause)
        conn.close()

    def reader(self, owner):
        rnd = random.Random(2000 + owner)
        conn, cur = self.connect(f"app_read_{owner}")
        while not self.stop.is_set():
            key = rnd.randint(1, self.rows)
            if not self.timed("read", cur, f'SELECT "{self.column}", email FROM accounts WHERE id = %s', (key,)) and conn.closed:
                conn, cur = self.connect(f"app_read_{owner}")
            time.sleep(self.pause)
        conn.close()


def check_ledger(server, db, ledger, schema, column):
    """Reads every row of the ledger through `schema` (a version's views, or the table): (checked, lost, wrong, examples)."""
    if not ledger:
        return {"checked": 0, "lost": 0, "wrong": 0, "examples": []}
    c = server.connect(db)
    try:
        with c.cursor() as cur:
            cur.execute(f"SET search_path TO {schema}")
            cur.execute(f'SELECT id, "{column}" FROM accounts WHERE id = ANY(%s)', (list(ledger),))
            found = dict(cur.fetchall())
    except psycopg2.Error as e:
        error = (e.pgerror or str(e)).strip().splitlines()[0]
        return {"checked": len(ledger), "lost": len(ledger), "wrong": 0, "through": f"{schema}.accounts.{column}",
                "examples": [f"cannot read: {error}"]}
    finally:
        c.close()
    lost = [k for k in ledger if k not in found]
    wrong = [k for k in ledger if k in found and found[k] != ledger[k]]
    examples = [f"id {k}: wrote {ledger[k]}, read {found.get(k, 'nothing')}" for k in (lost + wrong)[:5]]
    return {"checked": len(ledger), "lost": len(lost), "wrong": len(wrong), "through": f"{schema}.accounts.{column}",
            "examples": examples}


def fresh_database(server):
    server.run("postgres", "DROP DATABASE IF EXISTS live")
    server.run("postgres", "CREATE DATABASE live TEMPLATE live_tpl")
    server.run("postgres", "CHECKPOINT")


def run_tool(cmd, cwd, env):
    t0 = time.monotonic()
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    return p, t0, time.monotonic()


def run_retort(server, args, name, cs, rid):
    desc, _, _, old_col, new_col, new_type = SCENARIOS[name]
    fresh_database(server)
    url = f"postgresql://bench@127.0.0.1:{args.port}/live"
    env = dict(os.environ)
    samples, lock = [], threading.Lock()
    # Each version's search_path names its schema of views first, then public (docs/zero-downtime.md): PostgreSQL skips
    # a schema that does not exist, so the old application uses the table until the expand has made its views. The
    # scenario's revision has no parent, so the old version's schema is public_base.
    old, new = "public_base", f"public_{rid}"
    old_path, new_path = f"{old}, public", f"{new}, public"
    old_app = App(server, "live", args.rows, old_col, list(range(4)), old_path, samples, lock)
    old_app.start()
    time.sleep(args.baseline)
    base_end = time.monotonic()
    expand, e0, e1 = run_tool([args.retort, "--url", url, "upgrade", rid], cs, env)
    result = {"scenario": name, "tool": "retort", "description": desc, "phases": {}, "ledger": {},
              "baseline": stats(samples, base_end - args.baseline, base_end, args.stall_ms)}
    result["phases"]["expand"] = dict(stats(samples, e0, e1, args.stall_ms), seconds=round(e1 - e0, 2),
                                      exit=expand.returncode)
    if expand.returncode != 0:
        old_app.finish()
        result["ok"], result["output"] = False, (expand.stdout + expand.stderr)[-3000:]
        return result
    found = version_schemas(server, "live")
    result["versions"] = {"old": old, "new": new}
    if pick_versions(found, old_col, new_col, new_type) != (old, new):
        old_app.finish()
        result["ok"], result["output"] = False, f"expected the version schemas {old} and {new} after the expand; found {found}"
        return result
    new_app = App(server, "live", args.rows, new_col, list(range(4, 8)), new_path, samples, lock)
    b0 = time.monotonic()
    new_app.start()
    time.sleep(args.both)
    old_app.finish()
    new_app.finish()
    b1 = time.monotonic()
    result["phases"]["both"] = dict(stats(samples, b0, b1, args.stall_ms), seconds=round(b1 - b0, 2))
    ledger = {**old_app.ledger, **new_app.ledger}
    result["ledger"]["old version, after both wrote"] = check_ledger(server, "live", ledger, old, old_col)
    result["ledger"]["new version, after both wrote"] = check_ledger(server, "live", ledger, new, new_col)
    # The old application is gone; the new one goes on writing while the contract phase runs.
    contract_app = App(server, "live", args.rows, new_col, list(range(4, 8)), new_path, samples, lock, phase=1)
    contract_app.ledger = dict(new_app.ledger)
    contract_app.start()
    time.sleep(1.0)
    complete, c0, c1 = run_tool([args.retort, "--url", url, "complete"], cs, env)
    time.sleep(args.tail)
    contract_app.finish()
    result["phases"]["complete"] = dict(stats(samples, c0, c1 + args.tail, args.stall_ms), seconds=round(c1 - c0, 2),
                                        exit=complete.returncode)
    ledger.update(contract_app.ledger)
    after = version_schemas(server, "live")
    result["after_complete"] = {"version schemas": after}
    result["ledger"]["new version, after complete"] = check_ledger(server, "live", ledger, new_path, new_col)
    result["ledger"]["table, after complete"] = check_ledger(server, "live", ledger, "public", new_col)
    result["final_type"] = server.run("live", f"SELECT data_type FROM information_schema.columns WHERE table_schema = 'public' "
                                              f"AND table_name = 'accounts' AND column_name = '{new_col}'")
    result["leftovers"] = server.run("live", """
        SELECT 'trigger ' || tgname FROM pg_trigger WHERE tgrelid = 'public.accounts'::regclass AND NOT tgisinternal
        UNION ALL SELECT 'column ' || attname FROM pg_attribute WHERE attrelid = 'public.accounts'::regclass AND attnum > 0
           AND NOT attisdropped AND attname NOT IN ('id', 'owner_id', 'balance', 'amount', 'email', 'score', 'note')""")
    result["ok"] = complete.returncode == 0 and result["final_type"] == [(new_type,)]
    if complete.returncode != 0:
        result["output"] = (complete.stdout + complete.stderr)[-3000:]
    return result


def run_alembic(server, args, name, al, rid):
    desc, _, _, old_col, new_col, new_type = SCENARIOS[name]
    fresh_database(server)
    env = dict(os.environ, BENCH_URL=f"postgresql+psycopg2://bench@127.0.0.1:{args.port}/live")
    samples, lock = [], threading.Lock()
    app = App(server, "live", args.rows, old_col, list(range(4)), "public", samples, lock)
    app.start()
    time.sleep(args.baseline)
    base_end = time.monotonic()
    p, m0, m1 = run_tool([PYTHON, "-m", "alembic", "upgrade", rid], al, env)
    time.sleep(args.tail)
    app.finish()
    result = {"scenario": name, "tool": "alembic", "description": desc, "ledger": {},
              "baseline": stats(samples, base_end - args.baseline, base_end, args.stall_ms),
              "phases": {"migration": dict(stats(samples, m0, m1 + args.tail, args.stall_ms), seconds=round(m1 - m0, 2),
                                           exit=p.returncode)}}
    result["ledger"]["table, after the migration"] = check_ledger(server, "live", app.ledger, "public", new_col)
    result["ok"] = p.returncode == 0
    if p.returncode != 0:
        result["output"] = (p.stdout + p.stderr)[-3000:]
    return result


def report(results, args, load):
    lines = [f"## Expand/contract under live load ({args.rows:,} rows)", "",
             f"Old application: 4 writers + 4 readers; new application (after the expand): 4 writers + 4 readers. "
             f"Stall threshold {args.stall_ms:.0f} ms; times in ms unless marked. Load average before the run: {load[0]}, "
             f"after: {load[1]} ({os.cpu_count()} CPUs).", "",
             "| scenario | tool | phase | time | exit | failed stmts | max latency | longest stall all / writes / reads | blocked | baseline max latency |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        for phase, d in r["phases"].items():
            lines.append(f"| {r['scenario']} | {r['tool']} | {phase} | {d['seconds']} s | {d.get('exit', '-')} | {d['failed']} | "
                         f"{fmt(d['max_latency_ms'])} | {fmt(d['stall_all_ms'])} / {fmt(d['stall_write_ms'])} / {fmt(d['stall_read_ms'])} | "
                         f"{d['blocked_s']} s | {fmt(r['baseline']['max_latency_ms'])} |")
    lines += ["", "Ledger (every write the database acknowledged, read back afterwards):", "",
              "| scenario | tool | read through | writes checked | lost | wrong |", "| --- | --- | --- | --- | --- | --- |"]
    for r in results:
        for where, l in r["ledger"].items():
            lines.append(f"| {r['scenario']} | {r['tool']} | {where} (`{l.get('through', '-')}`) | {l['checked']:,} | {l['lost']:,} | {l['wrong']:,} |")
    goals = []
    for r in (r for r in results if r["tool"] == "retort"):
        failed = sum(d["failed"] for d in r["phases"].values())
        stall = max(d["stall_all_ms"] for d in r["phases"].values())
        bad = sum(l["lost"] + l["wrong"] for l in r["ledger"].values())
        goals.append(f"- {r['scenario']}: {failed} failed statements (goal 0), longest stall {fmt(stall)} ms (goal <= 100), "
                     f"{bad} lost or wrong writes in the ledger (goal 0), {'completed' if r['ok'] else 'NOT completed'}.")
    if goals:
        lines += ["", "Against the goals (Retort, every phase):", ""] + goals
    for r in results:
        for phase, d in r["phases"].items():
            if d["errors"]:
                lines.append(f"\n{r['scenario']} / {r['tool']} / {phase}: application errors: {'; '.join(d['errors'])}")
        for where, l in r["ledger"].items():
            if l["examples"]:
                lines.append(f"\n{r['scenario']} / {r['tool']} / {where}: {'; '.join(l['examples'])}")
        if r.get("versions"):
            lines.append(f"\n{r['scenario']} / retort: version schemas old `{r['versions']['old']}`, new `{r['versions']['new']}`; "
                         f"after complete: {sorted(r['after_complete']['version schemas'])}, leftovers on the table: "
                         f"{[x[0] for x in r.get('leftovers') or []] or 'none'}")
        if not r["ok"]:
            lines.append(f"\n{r['scenario']} / {r['tool']} FAILED:\n```\n{r.get('output', '')}\n```")
    return "\n".join(lines) + "\n"


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


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
    ap.add_argument("--both", type=float, default=5.0, help="seconds both versions write after the expand")
    ap.add_argument("--tail", type=float, default=1.0)
    ap.add_argument("--stall-ms", type=float, default=float(os.environ.get("BENCH_LIVE_STALL_MS", 100)))
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
    load_before = loadavg()
    print(f"Building the template database ({args.rows:,} rows)...", file=sys.stderr)
    make_template(server, args.rows)
    cs, al, ids = build_environments(args.work, args.retort, names, "retort" in args.tools.split(","))
    results = []
    for name in names:
        for tool in args.tools.split(","):
            print(f"  {name} / {tool}...", file=sys.stderr)
            r = run_retort(server, args, name, cs, ids[name]) if tool == "retort" else run_alembic(server, args, name, al, ids[name])
            results.append(r)
            for phase, d in r["phases"].items():
                print(f"    {phase}: {d['seconds']} s failed={d['failed']} max={d['max_latency_ms']} ms stall={d['stall_all_ms']} ms",
                      file=sys.stderr)
            for where, l in r["ledger"].items():
                print(f"    ledger {where}: {l['checked']} checked, {l['lost']} lost, {l['wrong']} wrong", file=sys.stderr)
            if not r["ok"]:
                print(f"    FAILED: {r.get('output', '')[-600:]}", file=sys.stderr)
    text = report(results, args, (load_before, loadavg()))
    print(text)
    if args.out:
        write(args.out + ".md", text)
        write(args.out + ".json", json.dumps(results, indent=1, default=str))


if __name__ == "__main__":
    main()
