using Retort.Migrations;
using Retort.Schema;

namespace Retort.PostgreSql.ConcurrencyProbe;

/// <summary>Creates the log every revision writes to, so the test can count how often each ran.</summary>
[Revision("p1", Message = "probe log")]
public sealed class P1 : Migration
{
    /// <inheritdoc />
    public override void Upgrade(Op op)
    {
        op.CreateTable("probe_log", new Column("revision", SqlType.String(10), nullable: false));
        op.Execute("INSERT INTO probe_log (revision) VALUES ('p1')", reverseSql: "SELECT 1");
    }
}

/// <summary>A table, and a pause that widens the window in which runs overlap.</summary>
[Revision("p2", DownRevision = "p1", Message = "first table")]
public sealed class P2 : Migration
{
    /// <inheritdoc />
    public override void Upgrade(Op op)
    {
        op.CreateTable("probe_a", new Column("id", SqlType.Integer, primaryKey: true));
        op.Execute("SELECT pg_sleep(0.3)", reverseSql: "SELECT 1");
        op.Execute("INSERT INTO probe_log (revision) VALUES ('p2')", reverseSql: "SELECT 1");
    }
}

/// <summary>A column added to the first table.</summary>
[Revision("p3", DownRevision = "p2", Message = "add column")]
public sealed class P3 : Migration
{
    /// <inheritdoc />
    public override void Upgrade(Op op)
    {
        op.AddColumn("probe_a", new Column("name", SqlType.Text));
        op.Execute("SELECT pg_sleep(0.2)", reverseSql: "SELECT 1");
        op.Execute("INSERT INTO probe_log (revision) VALUES ('p3')", reverseSql: "SELECT 1");
    }
}

/// <summary>A second table with a foreign key.</summary>
[Revision("p4", DownRevision = "p3", Message = "second table")]
public sealed class P4 : Migration
{
    /// <inheritdoc />
    public override void Upgrade(Op op)
    {
        op.CreateTable("probe_b", new Column("id", SqlType.Integer, primaryKey: true), new Column("a_id", SqlType.Integer, references: "probe_a.id"));
        op.Execute("INSERT INTO probe_log (revision) VALUES ('p4')", reverseSql: "SELECT 1");
    }
}
