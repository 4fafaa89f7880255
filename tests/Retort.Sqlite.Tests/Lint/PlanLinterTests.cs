using Retort.Connections;
using Retort.Environments;
using Retort.Lint;
using Retort.Migrations;
using Retort.Revisions;
using Retort.Runner;
using Retort.Runner.Linting;
using Retort.Schema;
using Retort.Specification.Lint;
using Retort.Specification.Support;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests.Lint;

/// <summary>
/// The lint engine on SQLite with the test checks of <see cref="TestChecks"/>: what it finds in C# and SQL revisions,
/// tables created in the plan, the three kinds of allowances, the gate in upgrade, history rows and the checksum.
/// </summary>
public sealed class PlanLinterTests
{
    private static readonly string Scheme = LintTestDialect.Register(new SqliteDialect());

    private static Database Open(TempDatabase db) => Database.Open(Scheme + ":///" + db.FilePath);

    private static Column Id => new("id", SqlType.Integer, primaryKey: true);

    // r1 creates users (nothing reported on it in r1 or r2), r2 indexes it and updates it in raw SQL, r3 works on the
    // table "legacy" that the plan did not create.
    private static RevisionSet Revisions(Action<Op>? r3 = null) => new([
        Rev.Of("r1", null, op => { op.CreateTable("users", Id, new Column("email", SqlType.String(100))); op.CreateIndex("ix_users_email", "users", ["email"]); }),
        Rev.Of("r2", "r1", op => { op.CreateIndex("ix_users_id", "users", ["id"]); op.Execute("UPDATE users SET email = lower(email)"); }),
        Rev.Of("r3", "r2", r3 ?? (op =>
        {
            op.CreateIndex("ix_legacy_name", "legacy", ["name"]);
            op.Execute("CREATE TABLE scratch (id INTEGER PRIMARY KEY);\nUPDATE scratch SET id = id;\nUPDATE legacy SET name = upper(name)");
            op.DropColumn("legacy", "note");
        })),
    ]);

    [Fact]
    public async Task Finds_in_operations_and_raw_sql_and_nothing_on_tables_the_plan_created()
    {
        await using var db = new TempDatabase();
        await using var database = Open(db);
        var report = new Migrator(database, Revisions()).Lint();

        Assert.Equal(["r1", "r2", "r3"], report.Revisions);
        Assert.Equal(["RT901 r3 0 legacy", "RT902 r3 1 legacy", "RT903 r3 2 legacy"],
            report.Findings.Select(f => $"{f.Rule.Id} {f.Revision} {f.OperationIndex} {f.Table}"));
        var update = report.Findings.Single(f => f.Rule.Id == "RT902");
        Assert.Equal("UPDATE legacy SET name = upper(name)", update.Statement);
        Assert.Equal(LintSeverity.Error, update.Severity);
        Assert.Equal(2, report.Blocking.Count);
        Assert.Equal(LintSeverity.Warning, report.Findings.Single(f => f.Rule.Id == "RT903").Severity);
    }

    [Fact]
    public async Task Lint_from_a_revision_starts_after_it_and_sees_the_tables_before_it_as_existing()
    {
        await using var db = new TempDatabase();
        await using var database = Open(db);
        var report = new Migrator(database, Revisions()).Lint("r2", from: "r1");
        Assert.Equal(["r2"], report.Revisions);
        Assert.Equal(["RT901", "RT902"], report.Findings.Select(f => f.Rule.Id));
    }

    [Fact]
    public async Task Allowances_on_the_operation_in_sql_comments_and_for_the_run_mark_findings_allowed()
    {
        await using var db = new TempDatabase();
        await using var database = Open(db);
        var revisions = Revisions(op =>
        {
            op.CreateIndex("ix_legacy_name", "legacy", ["name"]);
            op.Allow("RT901", "legacy is read-only at deploy");
            op.Execute("-- retort:allow RT902 a small table\nUPDATE legacy SET name = upper(name)");
            op.DropColumn("legacy", "note");
        });
        var report = new Migrator(database, revisions).Lint(options: new LintOptions { Allow = ["rt903"] });
        Assert.Equal(["RT901 legacy is read-only at deploy", "RT902 a small table", "RT903 allowed on the command line"],
            report.Findings.Select(f => $"{f.Rule.Id} {f.AllowedReason}"));
        Assert.Empty(report.Blocking);
    }

    [Fact]
    public void An_allowance_without_a_reason_or_with_a_bad_rule_id_is_refused()
    {
        var op = new Op();
        op.CreateIndex("ix", "legacy", ["name"]);
        var e = Assert.Throws<RetortException>(() => op.Allow("RT901", " "));
        Assert.Contains("has no reason", e.Message);
        Assert.Throws<RetortException>(() => op.Allow("index", "why"));
        Assert.Throws<RetortException>(() => new Op().Allow("RT901", "nothing before it"));
    }

    [Fact]
    public async Task A_sql_allowance_without_a_reason_stops_lint_with_the_file_and_line()
    {
        using var dir = new Retort.Specification.Cli.TempDir();
        var path = Path.Combine(dir.Path, "r1_fill.sql");
        File.WriteAllText(path, "-- retort:revision r1\n-- retort:upgrade\nCREATE INDEX ix ON legacy (name);\n-- retort:allow RT902\nUPDATE legacy SET name = 'x';\n");
        await using var db = new TempDatabase();
        await using var database = Open(db);
        var e = Assert.Throws<RetortException>(() => new Migrator(database, new RevisionSet([SqlRevisionFile.Load(path)])).Lint());
        Assert.Contains($"{path}, line 4", e.Message);
        Assert.Contains("has no reason", e.Message);
    }

    [Fact]
    public async Task Sql_revision_findings_carry_the_line_and_an_allowance_after_a_statement_on_its_line_is_its_own()
    {
        using var dir = new Retort.Specification.Cli.TempDir();
        var path = Path.Combine(dir.Path, "r1_fill.sql");
        File.WriteAllText(path, "-- retort:revision r1\n-- retort:upgrade\nUPDATE legacy SET a = 1; -- retort:allow RT902 tiny table\n\n" +
            "UPDATE other SET b = 2;\n-- retort:downgrade\n");
        await using var db = new TempDatabase();
        await using var database = Open(db);
        var report = new Migrator(database, new RevisionSet([SqlRevisionFile.Load(path)])).Lint();
        Assert.Equal([$"RT902 {path}:3 tiny table", $"RT902 {path}:5 "],
            report.Findings.Select(f => $"{f.Rule.Id} {f.Source}:{f.Line} {f.AllowedReason}"));
    }

    [Fact]
    public void An_allowance_does_not_change_the_plan_checksum()
    {
        var plain = new Op();
        plain.CreateIndex("ix", "legacy", ["name"]);
        var allowed = new Op();
        allowed.CreateIndex("ix", "legacy", ["name"]);
        allowed.Allow("RT901", "legacy is read-only at deploy");
        Assert.NotNull(allowed.Plan[0].Allowances);
        Assert.Equal(PlanFingerprint.Compute(plain.Plan), PlanFingerprint.Compute(allowed.Plan));
    }

    [Fact]
    public async Task The_gate_refuses_an_error_finding_and_leaves_the_database_untouched()
    {
        await using var db = new TempDatabase();
        db.Exec("CREATE TABLE legacy (id INTEGER PRIMARY KEY, name TEXT, note TEXT); INSERT INTO legacy (name) VALUES ('a'), ('b');");
        var before = await SchemaSnapshot.TakeAsync(db);
        await using var database = Open(db);
        var gated = new MigratorOptions { Lint = new LintGate() };
        var e = await Assert.ThrowsAsync<LintGateException>(() => new Migrator(database, Revisions(), gated).UpgradeAsync());
        Assert.Contains("RT901", e.Message);
        Assert.Contains("revision r3", e.Message);
        Assert.Contains("Build it with CONCURRENTLY.", e.Message);
        Assert.Contains("--allow RT901,RT902", e.Message);
        Assert.Contains("Nothing was changed.", e.Message);
        Assert.Equal(before, await SchemaSnapshot.TakeAsync(db));

        var script = new StringWriter();
        await Assert.ThrowsAsync<LintGateException>(() => new Migrator(database, Revisions(), gated).WriteScriptAsync(script, up: true, "head"));
        Assert.Equal("", script.ToString());
    }

    [Fact]
    public async Task Allowed_findings_run_and_are_recorded_in_the_history_row_of_their_revision()
    {
        await using var db = new TempDatabase();
        db.Exec("CREATE TABLE legacy (id INTEGER PRIMARY KEY, name TEXT, note TEXT); INSERT INTO legacy (name) VALUES ('a');");
        await using var database = Open(db);
        var migrator = new Migrator(database, Revisions(op =>
        {
            op.CreateIndex("ix_legacy_name", "legacy", ["name"]).Allow("RT901", "one row");
            op.Execute("UPDATE legacy SET name = upper(name)");
        }), new MigratorOptions { Lint = new LintGate { Allow = ["RT902"] } });
        await migrator.UpgradeAsync();
        var history = await migrator.GetHistoryAsync();
        Assert.Equal("RT901 one row\nRT902 allowed on the command line", history.Single(h => h.Revision == "r3").Allowed);
        Assert.Null(history.Single(h => h.Revision == "r1").Allowed);
        Assert.Equal("A", await db.ScalarAsync("SELECT name FROM legacy"));
    }

    [Fact]
    public async Task An_empty_table_turns_a_finding_into_a_note_and_a_table_with_rows_gets_an_estimate()
    {
        await using var db = new TempDatabase();
        db.Exec("CREATE TABLE legacy (id INTEGER PRIMARY KEY, name TEXT, note TEXT); CREATE TABLE other (id INTEGER PRIMARY KEY, b INTEGER);" +
            "INSERT INTO other (b) VALUES (1), (2), (3);");
        await using var database = Open(db);
        var migrator = new Migrator(database, Revisions(op => { op.CreateIndex("ix_legacy_name", "legacy", ["name"]); op.Execute("UPDATE other SET b = 0"); }));
        var report = await migrator.LintLiveAsync();
        Assert.True(report.UsedLiveStats);
        Assert.NotNull(report.ServerVersion);
        var index = report.Findings.Single(f => f.Rule.Id == "RT901");
        Assert.Equal(LintSeverity.Note, index.Severity);
        Assert.Null(index.Estimate);
        var update = report.Findings.Single(f => f.Rule.Id == "RT902");
        Assert.Equal(LintSeverity.Error, update.Severity);
        Assert.Equal("rewrites other, about 300 bytes, 3 rows, under a second under RowExclusiveLock", update.Estimate);
    }

    [Fact]
    public async Task An_offline_script_records_allowances_in_the_history_rows_it_writes_or_as_comments_from_a_starting_point()
    {
        if (!File.Exists(Sqlite3.Path)) Assert.Fail("sqlite3 is needed for this test (Debian package sqlite3).");
        await using var db = new TempDatabase();
        db.Exec("CREATE TABLE legacy (id INTEGER PRIMARY KEY, name TEXT, note TEXT);");
        await using var database = Open(db);
        var gated = new MigratorOptions { Lint = new LintGate { Allow = ["RT901", "RT902"] } };
        // No column dropped: an offline script cannot rebuild a table it did not create.
        var revisions = Revisions(op => { op.CreateIndex("ix_legacy_name", "legacy", ["name"]); op.Execute("UPDATE legacy SET name = upper(name)"); });
        var full = new StringWriter();
        await new Migrator(database, revisions, gated).WriteScriptAsync(full, up: true, "head");
        await Sqlite3.RunOkAsync(db.FilePath, full.ToString());
        Assert.Equal("RT901 allowed on the command line\nRT902 allowed on the command line",
            await db.ScalarAsync("SELECT allowed FROM retort_history WHERE revision = 'r3'"));

        var later = new StringWriter();
        await new Migrator(database, revisions, gated).WriteScriptAsync(later, up: true, "r2:head");
        Assert.Contains("-- Lint findings allowed in r3: RT901 allowed on the command line; RT902 allowed on the command line", later.ToString());
        Assert.DoesNotContain(", allowed)", later.ToString());
    }

    [Fact]
    public async Task A_history_table_made_before_the_allowed_column_gets_it_when_an_upgrade_allows_a_finding()
    {
        await using var db = new TempDatabase();
        db.Exec("CREATE TABLE legacy (id INTEGER PRIMARY KEY, name TEXT, note TEXT); INSERT INTO legacy (name) VALUES ('a');");
        await using var database = Open(db);
        var gated = new MigratorOptions { Lint = new LintGate() };
        var revisions = Revisions(op => op.CreateIndex("ix_legacy_name", "legacy", ["name"]).Allow("RT901", "one row"));
        await new Migrator(database, revisions, gated).UpgradeAsync("r2");
        // As a history table written by a version without the column.
        await db.ExecAsync("ALTER TABLE retort_history DROP COLUMN allowed");
        Assert.Null((await new Migrator(database, revisions).GetHistoryAsync())[0].Allowed);

        var migrator = new Migrator(database, revisions, gated);
        await migrator.UpgradeAsync();
        Assert.Equal("RT901 one row", (await migrator.GetHistoryAsync()).Single(h => h.Revision == "r3").Allowed);
    }
}
