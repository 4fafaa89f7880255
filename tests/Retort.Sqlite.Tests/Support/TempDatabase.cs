using Microsoft.Data.Sqlite;
using Retort.Connections;
using Retort.Specification;

namespace Retort.Sqlite.Tests.Support;

/// <summary>A SQLite file in a fresh temporary directory, removed afterwards: SQLite's <see cref="TestDatabase"/>.</summary>
public sealed class TempDatabase : TestDatabase
{
    public TempDatabase()
    {
        Directory = Path.Combine(Path.GetTempPath(), "retort-test-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Directory);
        FilePath = Path.Combine(Directory, "test.db");
        Url = "sqlite:///" + FilePath; // absolute path: sqlite:////tmp/...
        Database = Database.Open(Url);
    }

    public string Directory { get; }
    public string FilePath { get; }
    public override string Url { get; }
    public override Database Database { get; }

    /// <summary>A plain connection for setting up and checking data, with foreign keys on.</summary>
    public SqliteConnection Connect()
    {
        var c = new SqliteConnection($"Data Source={FilePath};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA foreign_keys = ON";
        cmd.ExecuteNonQuery();
        return c;
    }

    public void Exec(string sql)
    {
        using var c = Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public List<object?[]> Query(string sql)
    {
        using var c = Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<object?[]>();
        while (r.Read())
        {
            var row = new object?[r.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = r.IsDBNull(i) ? null : r.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public object? Scalar(string sql) => Query(sql).FirstOrDefault()?[0];

    public override Task ExecAsync(string sql)
    {
        Exec(sql);
        return Task.CompletedTask;
    }

    public override Task<List<object?[]>> QueryAsync(string sql) => Task.FromResult(Query(sql));

    public override Task AssertConsistentAsync()
    {
        AssertIntegrity();
        return Task.CompletedTask;
    }

    /// <summary>Every CREATE statement except Retort's own tables, as a fingerprint of the user's schema.</summary>
    public string SchemaDump() => string.Join("\n", Query("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE 'retort_%' ORDER BY type, name").Select(r => $"{r[0]} {r[1]}: {r[2]}"));

    public void AssertIntegrity()
    {
        Assert.Equal("ok", Scalar("PRAGMA integrity_check"));
        Assert.Empty(Query("PRAGMA foreign_key_check"));
    }

    public override async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
