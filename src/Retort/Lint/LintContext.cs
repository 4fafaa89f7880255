using Retort.Operations;
using Retort.Sql;

namespace Retort.Lint;

/// <summary>
/// What a rule knows while it looks at one operation or statement: the whole revision plan, where in it it is, the
/// tables the plan itself created (no finding is raised for those), the server and, with <c>--url</c>, the live
/// catalogue.
/// </summary>
public sealed class LintContext
{
    /// <summary>The dialect's name (<c>postgresql</c>, <c>sqlite</c>).</summary>
    public required string Dialect { get; init; }

    /// <summary>How the dialect's SQL is read.</summary>
    public required SqlFlavor Flavor { get; init; }

    /// <summary>The server's version when known (from <c>--url</c> or an option), else null.</summary>
    public Version? ServerVersion { get; init; }

    /// <summary>The revision being linted.</summary>
    public required string Revision { get; init; }

    /// <summary>The revision's upgrade plan.</summary>
    public required IReadOnlyList<MigrationOperation> Plan { get; init; }

    /// <summary>The position in <see cref="Plan"/> of the operation being looked at.</summary>
    public int Index { get; init; }

    /// <summary>True when the operation being looked at runs inside a transaction.</summary>
    public bool InTransaction { get; init; } = true;

    /// <summary>Tables (lower-cased <c>schema.table</c> or <c>table</c>) created earlier in this revision or in an earlier pending revision.</summary>
    public required IReadOnlySet<string> CreatedTables { get; init; }

    /// <summary>The live catalogue's statistics by table (same keys as <see cref="CreatedTables"/>), or null without a database.</summary>
    public IReadOnlyDictionary<string, TableStats>? Live { get; init; }

    /// <summary>The key of a table, as <see cref="CreatedTables"/> and <see cref="Live"/> hold it.</summary>
    public static string Key(string? schema, string table) => (schema is null ? table : schema + "." + table).ToLowerInvariant();

    /// <summary>True when the plan itself created the table before this point (it holds no rows the application uses).</summary>
    public bool IsNewTable(string? schema, string table) => CreatedTables.Contains(Key(schema, table));

    /// <summary>
    /// The plan's raw SQL statements by operation index, as the linter split them (each read by the lexer once), or null
    /// when a rule must split the plan's SQL itself. Rules look back at earlier statements for every statement they
    /// check; splitting and reading them again each time made linting a plan grow with the square of its statements.
    /// </summary>
    internal IReadOnlyList<IReadOnlyList<LintStatement>>? Statements { get; init; }

    /// <summary>The live statistics of a table, or null when unknown (no <c>--url</c>, or not found).</summary>
    public TableStats? Stats(string? schema, string table) => Live is not null && Live.TryGetValue(Key(schema, table), out var s) ? s : null;
}
