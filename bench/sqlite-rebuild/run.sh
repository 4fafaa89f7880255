#!/usr/bin/env bash
# Workload 4: on a table of ROWS rows (SQLite), rename one column and change another column's type: Retort's
# table rebuild (one C# revision, environment already built), Alembic's batch_alter_table, and the same
# move-and-copy as raw SQL through sqlite3 in one transaction.
source "$(dirname "$0")/../lib/common.sh"
ROWS="${BENCH_ROWS:-1000000}"
bench_init

TEMPLATE="$WORK/template.db"
LITE="$WORK/bench.db"
sqlite3 "$TEMPLATE" <<SQL
CREATE TABLE item (
  id INTEGER NOT NULL PRIMARY KEY,
  title VARCHAR(100) NOT NULL,
  qty INTEGER,
  price NUMERIC(10, 2),
  created TIMESTAMP
);
CREATE INDEX ix_item_title ON item (title);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS)
INSERT INTO item (id, title, qty, price, created)
SELECT i, 'item ' || i, i % 1000, (i % 10000) / 100.0, '2024-01-01 00:00:00' FROM n;
SQL

# Retort: one revision.
"$RETORT" init "$WORK/csenv" >/dev/null
cat > "$WORK/csenv/Revisions/0a1b2c3d4e5f_rename_and_retype.cs" <<'CS'
using Retort.Migrations;
using Retort.Schema;

namespace Bench.Revisions;

[Revision("0a1b2c3d4e5f", Message = "rename title, widen qty")]
public sealed class Revision_0a1b2c3d4e5f : Migration
{
    public override void Upgrade(Op op)
    {
        op.AlterColumn("item", "title", newColumnName: "name");
        op.AlterColumn("item", "qty", type: SqlType.BigInteger, existingType: SqlType.Integer);
    }

    public override void Downgrade(Op op)
    {
        op.AlterColumn("item", "qty", type: SqlType.Integer, existingType: SqlType.BigInteger);
        op.AlterColumn("item", "name", newColumnName: "title");
    }
}
CS
(cd "$WORK/csenv" && "$RETORT" heads >/dev/null)   # builds the environment

# Alembic: the same revision with batch_alter_table.
$GEN alembic-env "$WORK/alembic"
cat > "$WORK/alembic/versions/0a1b2c3d4e5f_rename_and_retype.py" <<'PY'
from alembic import op
import sqlalchemy as sa

revision = "0a1b2c3d4e5f"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("item") as batch:
        batch.alter_column("title", new_column_name="name")
        batch.alter_column("qty", type_=sa.BigInteger, existing_type=sa.Integer)


def downgrade():
    with op.batch_alter_table("item") as batch:
        batch.alter_column("qty", type_=sa.Integer, existing_type=sa.BigInteger)
        batch.alter_column("name", new_column_name="title")
PY

# Raw: the move-and-copy a person would write.
cat > "$WORK/raw.sql" <<'SQL'
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE item_new (
  id INTEGER NOT NULL PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  qty BIGINT,
  price NUMERIC(10, 2),
  created TIMESTAMP
);
INSERT INTO item_new (id, name, qty, price, created) SELECT id, title, CAST(qty AS BIGINT), price, created FROM item;
DROP TABLE item;
ALTER TABLE item_new RENAME TO item;
CREATE INDEX ix_item_title ON item (name);
COMMIT;
PRAGMA foreign_keys = ON;
SQL

R="cd $WORK/csenv && $RETORT --url sqlite:///$LITE upgrade head >/dev/null"
A="cd $WORK/alembic && BENCH_URL=sqlite:///$LITE $ALEMBIC upgrade head"
RAW="sqlite3 $LITE < $WORK/raw.sql"
for cmd in "$RAW" "$R" "$A"; do   # sanity: each leaves ROWS rows under the new column name and type
  cp "$TEMPLATE" "$LITE"; bash -c "$cmd"
  got="$(sqlite3 "$LITE" "select count(name), sum(qty) = (select sum(i % 1000) from (select id as i from item)) from item")"
  [[ "$got" == "$ROWS|1" ]] || { echo "sanity: '$cmd' gave '$got'" >&2; exit 1; }
  sqlite3 "$LITE" "select sql from sqlite_master where name='item'" | grep -qi 'qty BIGINT\|"qty" BIGINT' || { echo "sanity: '$cmd' did not retype qty" >&2; exit 1; }
done

bench_run sqlite-rebuild --prepare "cp $TEMPLATE $LITE && sync" \
  -n "raw sqlite3" "$RAW" \
  -n "retort" "$R" \
  -n "alembic batch_alter_table" "$A"
