#!/usr/bin/python3
"""Fixture generator for the Retort benchmarks.

Writes the same work three ways: Retort revisions (SQL and C#), Alembic revisions, and raw SQL scripts.

  gen.py linear N RETORT_SQL_REVS RETORT_CS_REVS ALEMBIC_VERSIONS RAW_DIR
      N linear revisions, each: create table (id, name), add a nullable column, create an index.
      RAW_DIR gets up-sqlite.sql, down-sqlite.sql, up-pg.sql, down-pg.sql (each one transaction).

  gen.py alembic-env DIR [TARGET_MODULE]
      A minimal Alembic environment (alembic.ini, env.py, script.py.mako, versions/) reading its URL from
      BENCH_URL; with TARGET_MODULE, env.py imports target_metadata from it and raises the recursion limit.

  gen.py chain N EXTRA DIALECT OUT_SQL CS_FILE PY_FILE
      The autogenerate schema: N tables, each 8 columns of mixed types, a primary key, a foreign key to the
      previous table, two indexes and a unique constraint. OUT_SQL is the DDL of the database (without the
      extra columns); CS_FILE (Retort ITargetSchema) and PY_FILE (SQLAlchemy MetaData) describe the target,
      in which EXTRA tables (spread evenly) have one extra column.
"""
import hashlib
import os
import sys


def rev_id(i):
    return hashlib.sha1(f"bench-revision-{i}".encode()).hexdigest()[:12]


def write(path, text):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def linear(n, sql_revs, cs_revs, alembic_versions, raw_dir):
    n = int(n)
    up_sqlite, down_sqlite, up_pg, down_pg = ["BEGIN;"], ["BEGIN;"], ["BEGIN;"], ["BEGIN;"]
    for i in range(1, n + 1):
        rid, parent = rev_id(i), (rev_id(i - 1) if i > 1 else None)
        t, ix = f"t_{i:04d}", f"ix_t_{i:04d}_name"
        up = [f"CREATE TABLE {t} (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(50) NOT NULL);",
              f"ALTER TABLE {t} ADD COLUMN note VARCHAR(100);",
              f"CREATE INDEX {ix} ON {t} (name);"]
        down = [f"DROP INDEX {ix};", f"DROP TABLE {t};"]
        up_sqlite += up
        up_pg += up
        down_sqlite = down_sqlite[:1] + down + down_sqlite[1:]
        down_pg = down_pg[:1] + down + down_pg[1:]
        if sql_revs != "-":
            head = f"-- retort:revision {rid}\n" + (f"-- retort:down-revision {parent}\n" if parent else "")
            write(os.path.join(sql_revs, f"{rid}_create_{t}.sql"),
                  head + f"-- retort:message create {t}\n\n-- retort:upgrade\n" + "\n".join(up) +
                  "\n\n-- retort:downgrade\n" + "\n".join(down) + "\n")
        if cs_revs != "-":
            down_attr = f', DownRevision = "{parent}"' if parent else ""
            write(os.path.join(cs_revs, f"{rid}_create_{t}.cs"), f'''using Retort.Migrations;
using Retort.Schema;

namespace Bench.Revisions;

[Revision("{rid}"{down_attr}, Message = "create {t}")]
public sealed class Revision_{rid} : Migration
{{
    public override void Upgrade(Op op)
    {{
        op.CreateTable("{t}",
            new Column("id", SqlType.Integer, primaryKey: true),
            new Column("name", SqlType.String(50), nullable: false));
        op.AddColumn("{t}", new Column("note", SqlType.String(100)));
        op.CreateIndex("{ix}", "{t}", ["name"]);
    }}

    public override void Downgrade(Op op)
    {{
        op.DropIndex("{ix}", "{t}");
        op.DropTable("{t}");
    }}
}}
''')
        if alembic_versions != "-":
            write(os.path.join(alembic_versions, f"{rid}_create_{t}.py"), f'''"""create {t}

Revision ID: {rid}
Revises: {parent or ""}
"""
from alembic import op
import sqlalchemy as sa

revision = "{rid}"
down_revision = {repr(parent)}
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("{t}",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(50), nullable=False))
    op.add_column("{t}", sa.Column("note", sa.String(100), nullable=True))
    op.create_index("{ix}", "{t}", ["name"])


def downgrade():
    op.drop_index("{ix}", table_name="{t}")
    op.drop_table("{t}")
''')
    for name, lines in (("up-sqlite", up_sqlite), ("down-sqlite", down_sqlite), ("up-pg", up_pg), ("down-pg", down_pg)):
        write(os.path.join(raw_dir, name + ".sql"), "\n".join(lines + ["COMMIT;"]) + "\n")


ALEMBIC_INI = """[alembic]
script_location = %(here)s
prepend_sys_path = .

[loggers]
keys = root,sqlalchemy,alembic

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARN
handlers = console
qualname =

[logger_sqlalchemy]
level = WARN
handlers =
qualname = sqlalchemy.engine

[logger_alembic]
level = WARN
handlers =
qualname = alembic

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
"""

# The online half of Alembic's "generic" template, with the URL from BENCH_URL.
ENV_PY = """import os
import sys
from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine, pool

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)
{target}

def run_migrations_online():
    connectable = create_engine(os.environ["BENCH_URL"], poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
"""

MAKO = '''"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
"""
from alembic import op
import sqlalchemy as sa
${imports if imports else ""}

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = ${repr(branch_labels)}
depends_on = ${repr(depends_on)}


def upgrade():
    ${upgrades if upgrades else "pass"}


def downgrade():
    ${downgrades if downgrades else "pass"}
'''


def alembic_env(directory, target_module=None):
    if target_module:
        # Alembic 1.8's autogenerate recurses along foreign keys when it sorts tables; a 1,000-table chain
        # exceeds Python's default limit of 1,000 frames (RecursionError) without this.
        target = f"\nsys.setrecursionlimit(100000)\nfrom {target_module} import target_metadata\n"
    else:
        target = "\ntarget_metadata = None\n"
    write(os.path.join(directory, "alembic.ini"), ALEMBIC_INI)
    write(os.path.join(directory, "env.py"), ENV_PY.format(target=target))
    write(os.path.join(directory, "script.py.mako"), MAKO)
    os.makedirs(os.path.join(directory, "versions"), exist_ok=True)


# The autogenerate schema. Column types: (name, SQLite DDL, PostgreSQL DDL, Retort, SQLAlchemy).
CHAIN_COLUMNS = [
    ("id", "INTEGER NOT NULL", "INTEGER NOT NULL", 'SqlType.Integer, primaryKey: true', "sa.Integer, primary_key=True"),
    ("prev_id", "INTEGER", "INTEGER", "SqlType.Integer", "sa.Integer"),
    ("code", "VARCHAR(20) NOT NULL", "VARCHAR(20) NOT NULL", "SqlType.String(20), nullable: false", "sa.String(20), nullable=False"),
    ("name", "VARCHAR(100)", "VARCHAR(100)", "SqlType.String(100)", "sa.String(100)"),
    ("amount", "NUMERIC(10, 2)", "NUMERIC(10, 2)", "SqlType.Numeric(10, 2)", "sa.Numeric(10, 2)"),
    ("big", "BIGINT", "BIGINT", "SqlType.BigInteger", "sa.BigInteger"),
    ("active", "BOOLEAN NOT NULL", "BOOLEAN NOT NULL", "SqlType.Boolean, nullable: false", "sa.Boolean(create_constraint=False), nullable=False"),
    ("created", "TIMESTAMP", "TIMESTAMP WITHOUT TIME ZONE", "SqlType.DateTime", "sa.DateTime"),
]


def chain(n, extra, dialect, out_sql, cs_file, py_file):
    n, extra = int(n), int(extra)
    step = n // extra if extra else 0
    extra_tables = {step * k + step // 2 for k in range(extra)} if extra else set()
    ddl = ["BEGIN;"]
    cs = ["using Retort.Autogenerate;", "using Retort.Schema;", "", "namespace Bench;", "",
          "/// <summary>The benchmark's target schema.</summary>",
          "public sealed class TargetSchema : ITargetSchema", "{",
          "    /// <inheritdoc />", "    public MetaData Build()", "    {", "        var m = new MetaData();"]
    py = ["import sqlalchemy as sa", "", "target_metadata = sa.MetaData()", "m = target_metadata", ""]
    for i in range(n):
        t = f"t{i:04d}"
        prev = f"t{i - 1:04d}" if i > 0 else None
        cols = []
        for name, lite, pg, _, _ in CHAIN_COLUMNS:
            cols.append(f"{name} {lite if dialect == 'sqlite' else pg}")
        cols.append(f"CONSTRAINT pk_{t} PRIMARY KEY (id)")
        cols.append(f"CONSTRAINT uq_{t}_code UNIQUE (code)")
        if prev:
            cols.append(f"CONSTRAINT fk_{t}_prev_id_{prev} FOREIGN KEY (prev_id) REFERENCES {prev} (id)")
        ddl.append(f"CREATE TABLE {t} (\n  " + ",\n  ".join(cols) + "\n);")
        ddl.append(f"CREATE INDEX ix_{t}_name ON {t} (name);")
        ddl.append(f"CREATE INDEX ix_{t}_created ON {t} (created);")

        cs_cols = [f'new Column("{name}", {rt})' for name, _, _, rt, _ in CHAIN_COLUMNS]
        py_cols = [f'sa.Column("{name}", {sq})' for name, _, _, _, sq in CHAIN_COLUMNS]
        if i in extra_tables:
            cs_cols.append('new Column("extra", SqlType.Text)')
            py_cols.append('sa.Column("extra", sa.Text)')
        cs_cols.append(f'new UniqueConstraint("code") {{ Name = "uq_{t}_code" }}')
        py_cols.append(f'sa.PrimaryKeyConstraint("id", name="pk_{t}")')
        py_cols.append(f'sa.UniqueConstraint("code", name="uq_{t}_code")')
        if prev:
            cs_cols.append(f'new ForeignKeyConstraint("prev_id", "{prev}", "id", "fk_{t}_prev_id_{prev}")')
            py_cols.append(f'sa.ForeignKeyConstraint(["prev_id"], ["{prev}.id"], name="fk_{t}_prev_id_{prev}")')
        cs_cols.append(f'new TableIndex("ix_{t}_name", "name")')
        cs_cols.append(f'new TableIndex("ix_{t}_created", "created")')
        py_cols.append(f'sa.Index("ix_{t}_name", "name")')
        py_cols.append(f'sa.Index("ix_{t}_created", "created")')
        cs.append(f'        _ = new Table("{t}", m,\n            ' + ",\n            ".join(cs_cols) + ");")
        py.append(f'sa.Table("{t}", m,\n    ' + ",\n    ".join(py_cols) + ")")
    ddl.append("COMMIT;")
    cs += ["        return m;", "    }", "}", ""]
    write(out_sql, "\n".join(ddl) + "\n")
    write(cs_file, "\n".join(cs))
    write(py_file, "\n".join(py) + "\n")


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"linear": linear, "alembic-env": alembic_env, "chain": chain}[cmd](*args)
