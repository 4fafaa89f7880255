using Retort.Dialects;
using Retort.Sql;

namespace Retort.PostgreSql.Internal;

/// <summary>
/// What a PostgreSQL statement is, read from its words (comments and string contents never count): for raw SQL, whose
/// <see cref="SqlStatement.Kind"/> nobody said. Statements Retort generates carry their kind.
/// </summary>
internal static class StatementClassifier
{
    /// <summary>The statement's kind: the one it carries, else the one its text shows.</summary>
    public static StatementKind KindOf(SqlStatement statement) =>
        statement.Kind != StatementKind.Unclassified ? statement.Kind : KindOf(statement.Sql, statement.Transactional);

    /// <summary>The kind of raw SQL text; <paramref name="transactional"/> false for a statement run outside a transaction.</summary>
    public static StatementKind KindOf(string sql, bool transactional = true) =>
        !transactional && SqlWords.Contains(sql, "CONCURRENTLY", PostgreSqlDialect.Flavor) ? StatementKind.ConcurrentIndex
        : WaitsForTableLocks(sql) ? StatementKind.Schema
        : StatementKind.Data;

    // Statements that wait for a table lock other sessions' work may hold (DDL, LOCK, ANALYZE's SHARE UPDATE
    // EXCLUSIVE); the first word decides.
    private static bool WaitsForTableLocks(string sql) =>
        SqlWords.StartsWithAny(sql, PostgreSqlDialect.Flavor, "ALTER", "CREATE", "DROP", "COMMENT", "TRUNCATE", "LOCK", "ANALYZE");

    /// <summary>The command PostgreSQL runs only outside a transaction block (for the refusal's message), or null.</summary>
    public static string? OutsideTransactionOnly(string sql)
    {
        var t = SqlWords.TopLevel(sql, PostgreSqlDialect.Flavor);
        bool Is(int i, string word) => SqlWords.Is(t, i, word);
        bool Has(string word) => t.Any(w => w.Is(word));
        var index = Is(1, "UNIQUE") ? 2 : 1;
        return
            Is(0, "CREATE") && Is(index, "INDEX") && Is(index + 1, "CONCURRENTLY") ? "CREATE INDEX CONCURRENTLY"
            : Is(0, "DROP") && Is(1, "INDEX") && Is(2, "CONCURRENTLY") ? "DROP INDEX CONCURRENTLY"
            : Is(0, "REINDEX") && Has("CONCURRENTLY") ? "REINDEX CONCURRENTLY"
            : Is(0, "REINDEX") && (Is(1, "DATABASE") || Is(1, "SYSTEM")) ? "REINDEX " + t[1].Text.ToUpperInvariant()
            : Is(0, "ALTER") && Is(1, "TABLE") && Has("DETACH") && Has("CONCURRENTLY") ? "DETACH PARTITION CONCURRENTLY"
            : Is(0, "VACUUM") ? "VACUUM"
            : Is(0, "ALTER") && Is(1, "SYSTEM") ? "ALTER SYSTEM"
            : (Is(0, "CREATE") || Is(0, "DROP")) && (Is(1, "DATABASE") || Is(1, "TABLESPACE")) ? t[0].Text.ToUpperInvariant() + " " + t[1].Text.ToUpperInvariant()
            : null;
    }

    /// <summary>
    /// The index a <c>CREATE [UNIQUE] INDEX CONCURRENTLY [IF NOT EXISTS] name ON [ONLY] [schema.]table</c> statement
    /// builds, qualified with its table's schema when the table is (an index lives in its table's schema); null for
    /// any other statement or an unnamed index.
    /// </summary>
    public static string? ConcurrentIndexName(string sql)
    {
        var t = SqlWords.TopLevel(sql, PostgreSqlDialect.Flavor);
        var i = SqlWords.Is(t, 1, "UNIQUE") ? 2 : 1;
        if (!SqlWords.Is(t, 0, "CREATE") || !SqlWords.Is(t, i, "INDEX") || !SqlWords.Is(t, i + 1, "CONCURRENTLY")) return null;
        i += 2;
        if (SqlWords.Is(t, i, "IF") && SqlWords.Is(t, i + 1, "NOT") && SqlWords.Is(t, i + 2, "EXISTS")) i += 3;
        if (i + 1 >= t.Count || SqlWords.Is(t, i, "ON") || !SqlWords.Is(t, i + 1, "ON")) return null;
        var table = SqlWords.Is(t, i + 2, "ONLY") ? i + 3 : i + 2;
        return table + 2 < t.Count && t[table + 1].IsSymbol('.') ? t[table].Text + "." + t[i].Text : t[i].Text;
    }

    /// <summary>The statement's first line without leading comments, cut for a log line.</summary>
    public static string FirstLine(string sql)
    {
        var line = SqlWords.WithoutLeadingComments(sql, PostgreSqlDialect.Flavor).Split('\n')[0].Trim();
        return line.Length > 120 ? line[..117] + "..." : line;
    }
}
