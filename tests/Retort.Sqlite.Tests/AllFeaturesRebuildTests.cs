using Microsoft.Data.Sqlite;
using Retort.Specification.Support;
using Retort.Migrations;
using Retort.Runner;
using Retort.Schema;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>
/// A table with every SQLite table feature (AUTOINCREMENT, COLLATE, generated columns, DEFAULT expressions, column,
/// named and unnamed CHECKs, ON CONFLICT, foreign keys with actions in and out and DEFERRABLE, partial and expression
/// indexes, UPDATE OF triggers, views, STRICT, WITHOUT ROWID) is rebuilt with a rename, a type change, NOT NULL and a
/// dropped column in one revision, then downgraded: every property comes back and every rule is still enforced.
/// </summary>
public sealed class AllFeaturesRebuildTests
{
    private const string Fixture = """
        CREATE TABLE regions (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE audit (id INTEGER PRIMARY KEY, msg TEXT NOT NULL);
        CREATE TABLE accounts /* people who order */ (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            email TEXT NOT NULL COLLATE NOCASE UNIQUE,
            name TEXT NOT NULL DEFAULT ('anon' || '') CHECK (length(name) > 0),
            created TEXT DEFAULT (datetime('now')),
            code TEXT UNIQUE ON CONFLICT IGNORE,
            kind TEXT CONSTRAINT ck_accounts_kind CHECK (kind IN ('new', 'old')),
            qty TEXT,
            score INTEGER,
            region_id INTEGER NOT NULL DEFAULT 1 REFERENCES regions (id) ON DELETE RESTRICT ON UPDATE CASCADE,
            parent_id INTEGER CONSTRAINT fk_accounts_parent REFERENCES accounts (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
            name_upper TEXT GENERATED ALWAYS AS (upper(name)) VIRTUAL,
            doubled INTEGER AS (coalesce(score, 0) * 2) STORED,
            legacy TEXT,
            CONSTRAINT ck_accounts_qty CHECK (qty IS NULL OR CAST(qty AS INTEGER) >= 0),
            CHECK (email <> name)
        ) STRICT;
        CREATE INDEX ix_accounts_kind_partial ON accounts (kind) WHERE kind IS NOT NULL;
        CREATE INDEX ix_accounts_expr ON accounts (lower(name), qty DESC);
        CREATE UNIQUE INDEX ux_accounts_region_email ON accounts (region_id, email COLLATE BINARY);
        CREATE TABLE orders (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE ON UPDATE CASCADE, amount INTEGER);
        CREATE TRIGGER trg_accounts_kind AFTER UPDATE OF kind ON accounts BEGIN INSERT INTO audit (msg) VALUES ('kind ' || new.kind); END;
        CREATE TRIGGER trg_orders_score AFTER INSERT ON orders BEGIN UPDATE accounts SET score = coalesce(score, 0) + new.amount WHERE id = new.account_id; END;
        CREATE VIEW v_accounts AS SELECT id, email, kind, qty FROM accounts WHERE kind IS NOT NULL;
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value INTEGER NOT NULL,
            label TEXT COLLATE NOCASE,
            obsolete TEXT,
            CHECK (key <> '')
        ) WITHOUT ROWID;
        CREATE INDEX ix_settings_label ON settings (label COLLATE NOCASE DESC);
        CREATE VIEW v_settings AS SELECT key, label FROM settings;

        INSERT INTO regions VALUES (1, 'north'), (2, 'south');
        INSERT INTO accounts (email, name, code, kind, qty, score, region_id) VALUES
            ('ann@x.org', 'Ann', 'A1', 'new', '5', 10, 1),
            ('bob@x.org', 'Bob', 'B1', 'old', '0', 20, 2),
            ('cy@x.org', 'Cy', NULL, NULL, NULL, 30, 1),
            ('dee@x.org', 'Dee', 'D1', 'new', '7', 40, 2);
        UPDATE accounts SET parent_id = 1 WHERE id = 2;
        DELETE FROM accounts WHERE id = 4;
        INSERT INTO orders (account_id, amount) VALUES (1, 3), (2, 4);
        INSERT INTO settings VALUES ('a', 1, 'Alpha', NULL), ('b', 2, 'beta', NULL);
        """;

    private static void Upgrade(Op op)
    {
        op.AlterColumn("accounts", "kind", newColumnName: "order");
        op.AlterColumn("accounts", "qty", type: SqlType.Integer, existingType: SqlType.Text);
        op.AlterColumn("accounts", "score", nullable: false, existingNullable: true);
        op.DropColumn("accounts", "legacy", existing: new Column("legacy", SqlType.Text));
        op.AlterColumn("settings", "label", newColumnName: "title");
        op.AlterColumn("settings", "value", type: SqlType.Text, existingType: SqlType.Integer);
        op.AlterColumn("settings", "title", nullable: false, existingNullable: true);
        op.DropColumn("settings", "obsolete", existing: new Column("obsolete", SqlType.Text));
    }

    [Fact]
    public async Task Rename_retype_not_null_and_drop_then_downgrade_keep_every_property_and_rule()
    {
        await using var db = new TempDatabase();
        db.Exec(Fixture);
        var before = await SchemaSnapshot.TakeAsync(db);
        AssertEnforced(db, kind: "kind", label: "label", scoreNotNull: false);

        var migrator = new Migrator(db.Database, InlineScript.Single(Upgrade));
        await migrator.UpgradeAsync("head");
        db.AssertIntegrity();
        var accounts = (await db.Database.ReflectTableAsync("accounts"))!;
        Assert.Equal(["id", "email", "name", "created", "code", "order", "qty", "score", "region_id", "parent_id"], accounts.Columns.Select(c => c.Name));
        Assert.Equal(SqlType.Integer, accounts.GetColumn("qty").Type);
        Assert.False(accounts.GetColumn("score").Nullable);
        Assert.Equal([5L, 0L, null], db.Query("SELECT qty FROM accounts ORDER BY id").Select(r => r[0]));
        var settings = (await db.Database.ReflectTableAsync("settings"))!;
        Assert.Equal(["key", "value", "title"], settings.Columns.Select(c => c.Name));
        Assert.False(settings.GetColumn("title").Nullable);
        Assert.Equal(["1", "2"], db.Query("SELECT value FROM settings ORDER BY key").Select(r => r[0]));
        var upgraded = await SchemaSnapshot.TakeAsync(db);
        Assert.Contains(upgraded, l => l.StartsWith("index ix_accounts_kind_partial on accounts: create index ix_accounts_kind_partial on accounts ( order ) where order is not null", StringComparison.Ordinal));
        Assert.Contains(upgraded, l => l.StartsWith("trigger trg_accounts_kind on accounts: create trigger trg_accounts_kind after update of order on accounts", StringComparison.Ordinal));
        Assert.Contains("sequence: accounts|4", upgraded);
        AssertEnforced(db, kind: "order", label: "title", scoreNotNull: true);

        await migrator.DowngradeAsync("base");
        db.AssertIntegrity();
        Assert.Equal(before, await SchemaSnapshot.TakeAsync(db));
        AssertEnforced(db, kind: "kind", label: "label", scoreNotNull: false);
    }

    /// <summary>Every rule of the fixture, tried inside a transaction that is rolled back (the data stays as it was).</summary>
    private static void AssertEnforced(TempDatabase db, string kind, string label, bool scoreNotNull)
    {
        using var c = db.Connect();
        using var tx = c.BeginTransaction();
        object? One(string sql)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            return cmd.ExecuteScalar();
        }
        void Fails(string sql, string why)
        {
            var e = Assert.Throws<SqliteException>(() => One(sql));
            Assert.True(e.Message.Contains(why, StringComparison.Ordinal), $"{sql}: expected '{why}', got: {e.Message}");
        }
        var k = "\"" + kind + "\"";
        var l = "\"" + label + "\"";

        // AUTOINCREMENT: the deleted id 4 is not reused.
        Assert.Equal(5L, One("INSERT INTO accounts (email, name, score) VALUES ('eve@x.org', 'Eve', 0) RETURNING id"));
        // The view reads the (renamed) column.
        Assert.Equal("new,old", One($"SELECT group_concat({k}) FROM (SELECT {k} FROM v_accounts ORDER BY id)"));
        // DEFAULT expressions and generated columns.
        Assert.Equal("anon|1|1", One("INSERT INTO accounts (email, score) VALUES ('def@x.org', 1) RETURNING name || '|' || region_id || '|' || (created IS NOT NULL)"));
        Assert.Equal("ANN|26", One("SELECT name_upper || '|' || doubled FROM accounts WHERE id = 1"));
        // COLLATE NOCASE: = ignores case, and so does UNIQUE.
        Assert.Equal(1L, One("SELECT count(*) FROM accounts WHERE email = 'BOB@X.ORG'"));
        Fails("INSERT INTO accounts (email, name, score) VALUES ('ANN@x.org', 'Ann2', 0)", "UNIQUE constraint failed: accounts.email");
        // ON CONFLICT IGNORE on a column's UNIQUE: the duplicate is skipped without an error.
        One("INSERT INTO accounts (email, name, code, score) VALUES ('dup@x.org', 'Dup', 'A1', 0)");
        Assert.Equal(0L, One("SELECT count(*) FROM accounts WHERE email = 'dup@x.org'"));
        // Column CHECK, named CHECK, unnamed table CHECK, named table CHECK.
        Fails("INSERT INTO accounts (email, name, score) VALUES ('e@x.org', '', 0)", "CHECK constraint failed");
        Fails($"UPDATE accounts SET {k} = 'bad' WHERE id = 1", "CHECK constraint failed: ck_accounts_kind");
        Fails("INSERT INTO accounts (email, name, score) VALUES ('same', 'same', 0)", "CHECK constraint failed");
        Fails("UPDATE accounts SET qty = -1 WHERE id = 1", "CHECK constraint failed: ck_accounts_qty");
        // NOT NULL, as the revision leaves it; STRICT types.
        if (scoreNotNull) Fails("INSERT INTO accounts (email, name) VALUES ('n@x.org', 'N')", "NOT NULL constraint failed: accounts.score");
        else One("INSERT INTO accounts (email, name) VALUES ('n@x.org', 'N')");
        Fails("UPDATE accounts SET score = 'abc' WHERE id = 1", "cannot store TEXT value in INTEGER column accounts.score");
        // The UPDATE OF trigger fires for its column only; the other table's trigger still writes this one.
        One("UPDATE accounts SET name = 'Annie' WHERE id = 1");
        Assert.Equal(0L, One("SELECT count(*) FROM audit"));
        One($"UPDATE accounts SET {k} = 'old' WHERE id = 1");
        Assert.Equal("kind old", One("SELECT group_concat(msg) FROM audit"));
        One("INSERT INTO orders (account_id, amount) VALUES (3, 5)");
        Assert.Equal(35L, One("SELECT score FROM accounts WHERE id = 3"));
        // Foreign keys: out (RESTRICT on delete, CASCADE on update), in (CASCADE), self (SET NULL, DEFERRABLE).
        One("INSERT INTO accounts (email, name, score, parent_id) VALUES ('kid@x.org', 'Kid', 0, 100)"); // deferred: no error yet
        Assert.Equal(1L, One("SELECT count(*) FROM pragma_foreign_key_check('accounts')"));
        One("DELETE FROM accounts WHERE email = 'kid@x.org'");
        Fails("DELETE FROM regions WHERE id = 2", "FOREIGN KEY constraint failed");
        One("UPDATE regions SET id = 7 WHERE id = 1");
        Assert.Equal(7L, One("SELECT region_id FROM accounts WHERE id = 1"));
        Fails("INSERT INTO orders (account_id, amount) VALUES (99, 1)", "FOREIGN KEY constraint failed");
        One("DELETE FROM accounts WHERE id = 1");
        Assert.Equal(0L, One("SELECT count(*) FROM orders WHERE account_id = 1"));
        Assert.Equal(1L, One("SELECT parent_id IS NULL FROM accounts WHERE id = 2"));
        // WITHOUT ROWID table: NOCASE column, CHECK, no rowid, its view.
        Assert.Equal(1L, One($"SELECT count(*) FROM settings WHERE {l} = 'ALPHA'"));
        Fails($"INSERT INTO settings (key, value, {l}) VALUES ('', 3, 'x')", "CHECK constraint failed");
        Fails("SELECT rowid FROM settings", "no such column: rowid");
        Assert.Equal(2L, One("SELECT count(*) FROM v_settings"));
        tx.Rollback();
    }
}
