#!/usr/bin/python3
"""Fixtures of the fleet benchmarks: the same N revisions as a Retort SQL environment's revisions, Alembic revisions
(op.execute of the same SQL) and raw scripts, all written without schema names.

  gen.py revisions N RETORT_REVS ALEMBIC_VERSIONS RAW_DIR
      RAW_DIR gets up-sqlite.sql (one transaction, a savepoint per revision: how Retort runs consecutive revisions
      on SQLite) and up-pg.sql (a transaction per revision: how Retort runs them on PostgreSQL).

  gen.py alembic-env DIR
      An Alembic environment whose URL comes from BENCH_URL; '-x schema=NAME' runs the revisions with NAME as
      search_path and keeps alembic_version in NAME (Alembic's multi-tenant recipe).

The revisions, in groups of ten (a second group's tables get a suffix): tables with keys, foreign keys and
defaults, added columns, indexes, seed rows and a small data update of a table the tenant had before
(tenant_info, created by the benchmark at base).
"""
import hashlib
import os
import sys

# The shared generator's file writer and alembic.ini (Alembic's generic template, quiet loggers).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from gen import ALEMBIC_INI, write  # noqa: E402


def group(s):
    """Ten revisions: (message, upgrade statements, downgrade statements); s is the tables' suffix."""
    return [
        ("customers", [f"CREATE TABLE customers{s} (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL, "
                       f"email VARCHAR(200) NOT NULL, created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)"],
         [f"DROP TABLE customers{s}"]),
        ("unique customer email", [f"CREATE UNIQUE INDEX ux_customers{s}_email ON customers{s} (email)"],
         [f"DROP INDEX ux_customers{s}_email"]),
        ("products", [f"CREATE TABLE products{s} (id INTEGER NOT NULL PRIMARY KEY, sku VARCHAR(40) NOT NULL, "
                      f"title VARCHAR(200) NOT NULL, price NUMERIC(10, 2) NOT NULL DEFAULT 0)",
                      f"INSERT INTO products{s} (id, sku, title, price) VALUES (1, 'A-1', 'Starter', 10), "
                      f"(2, 'B-2', 'Standard', 25), (3, 'C-3', 'Premium', 60)"],
         [f"DROP TABLE products{s}"]),
        ("orders", [f"CREATE TABLE orders{s} (id INTEGER NOT NULL PRIMARY KEY, customer_id INTEGER NOT NULL "
                    f"REFERENCES customers{s} (id), status VARCHAR(20) NOT NULL DEFAULT 'new', "
                    f"total NUMERIC(12, 2) NOT NULL DEFAULT 0)",
                    f"CREATE INDEX ix_orders{s}_customer_id ON orders{s} (customer_id)"],
         [f"DROP INDEX ix_orders{s}_customer_id", f"DROP TABLE orders{s}"]),
        ("order items", [f"CREATE TABLE order_items{s} (order_id INTEGER NOT NULL REFERENCES orders{s} (id), "
                         f"product_id INTEGER NOT NULL REFERENCES products{s} (id), quantity INTEGER NOT NULL "
                         f"DEFAULT 1, PRIMARY KEY (order_id, product_id))"],
         [f"DROP TABLE order_items{s}"]),
        ("customer phone and country", [f"ALTER TABLE customers{s} ADD COLUMN phone VARCHAR(40)",
                                        f"ALTER TABLE customers{s} ADD COLUMN country VARCHAR(2)"],
         [f"ALTER TABLE customers{s} DROP COLUMN country", f"ALTER TABLE customers{s} DROP COLUMN phone"]),
        ("settings", [f"CREATE TABLE settings{s} (key VARCHAR(100) NOT NULL PRIMARY KEY, value VARCHAR(400) NOT NULL)",
                      f"INSERT INTO settings{s} (key, value) VALUES ('currency', 'EUR'), ('locale', 'en'), "
                      f"('generation', '1')"],
         [f"DROP TABLE settings{s}"]),
        ("archived products", [f"ALTER TABLE products{s} ADD COLUMN archived BOOLEAN NOT NULL DEFAULT FALSE",
                               f"CREATE INDEX ix_products{s}_sku ON products{s} (sku)"],
         [f"DROP INDEX ix_products{s}_sku", f"ALTER TABLE products{s} DROP COLUMN archived"]),
        ("new prices", [f"UPDATE products{s} SET price = price * 1.1 WHERE archived = FALSE",
                        f"UPDATE settings{s} SET value = '2' WHERE key = 'generation'",
                        "UPDATE tenant_info SET generation = generation + 1 WHERE id = 1"],
         [f"UPDATE products{s} SET price = price / 1.1 WHERE archived = FALSE",
          f"UPDATE settings{s} SET value = '1' WHERE key = 'generation'",
          "UPDATE tenant_info SET generation = generation - 1 WHERE id = 1"]),
        ("order status index", [f"CREATE INDEX ix_orders{s}_status ON orders{s} (status, customer_id)"],
         [f"DROP INDEX ix_orders{s}_status"]),
    ]


def rev_id(i):
    return hashlib.sha1(f"fleet-revision-{i}".encode()).hexdigest()[:12]


def revisions(n, retort_revs, alembic_versions, raw_dir):
    n = int(n)
    revs = [r for g in range((n + 9) // 10) for r in group(f"_{g}" if g else "")][:n]
    lite, pg = ["BEGIN;"], []
    for i, (message, up, down) in enumerate(revs, 1):
        rid, parent = rev_id(i), (rev_id(i - 1) if i > 1 else None)
        slug = message.replace(" ", "_")
        write(os.path.join(retort_revs, f"{i:03d}_{rid}_{slug}.sql"),
              f"-- retort:revision {rid}\n" + (f"-- retort:down-revision {parent}\n" if parent else "") +
              f"-- retort:message {message}\n\n-- retort:upgrade\n" + "".join(f"{s};\n" for s in up) +
              "\n-- retort:downgrade\n" + "".join(f"{s};\n" for s in down))
        write(os.path.join(alembic_versions, f"{i:03d}_{rid}_{slug}.py"),
              f'"""{message}\n\nRevision ID: {rid}\nRevises: {parent or ""}\n"""\nfrom alembic import op\n\n'
              f'revision = "{rid}"\ndown_revision = {parent!r}\nbranch_labels = None\ndepends_on = None\n\n\n'
              "def upgrade():\n" + "".join(f"    op.execute({s!r})\n" for s in up) +
              "\n\ndef downgrade():\n" + "".join(f"    op.execute({s!r})\n" for s in down))
        lite += [f"SAVEPOINT r{i};"] + [f"{s};" for s in up] + [f"RELEASE r{i};"]
        pg += ["BEGIN;"] + [f"{s};" for s in up] + ["COMMIT;"]
    write(os.path.join(raw_dir, "up-sqlite.sql"), "\n".join(lite + ["COMMIT;"]) + "\n")
    write(os.path.join(raw_dir, "up-pg.sql"), "\n".join(pg) + "\n")


# The online half of Alembic's generic template, with the URL from BENCH_URL and the multi-tenant recipe of
# Alembic's cookbook for '-x schema=NAME'.
ENV_PY = """import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine, pool, text

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)
schema = context.get_x_argument(as_dictionary=True).get("schema")

connectable = create_engine(os.environ["BENCH_URL"], poolclass=pool.NullPool)
with connectable.connect() as connection:
    if schema:
        connection.execute(text(f'SET search_path TO "{schema}"'))
        connection.dialect.default_schema_name = schema
    context.configure(connection=connection, target_metadata=None, version_table_schema=schema)
    with context.begin_transaction():
        context.run_migrations()
"""


def alembic_env(directory):
    write(os.path.join(directory, "alembic.ini"), ALEMBIC_INI)
    write(os.path.join(directory, "env.py"), ENV_PY)
    os.makedirs(os.path.join(directory, "versions"), exist_ok=True)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"revisions": revisions, "alembic-env": alembic_env}[cmd](*args)
