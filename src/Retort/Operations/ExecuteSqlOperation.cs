using Retort.Internal;
using static Retort.Operations.Internal.CSharpCode;

namespace Retort.Operations;

/// <summary>
/// Runs a SQL statement with named parameters (<c>@name</c>). Offline scripts render the parameters as
/// escaped literals.
/// </summary>
/// <param name="Sql">The statement.</param>
public sealed record ExecuteSqlOperation(string Sql) : MigrationOperation
{
    /// <summary>Parameter values by name (without the <c>@</c>).</summary>
    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = new Dictionary<string, object?>();

    /// <summary>Optional statement that undoes this one; makes the operation reversible.</summary>
    public string? ReverseSql { get; init; }

    /// <summary>
    /// True for a statement that cannot run inside a transaction (PostgreSQL <c>CREATE INDEX CONCURRENTLY</c>,
    /// <c>VACUUM</c>): the runner commits the revision's work before it, runs it alone and records it as done, so a
    /// rerun after a crash resumes after it (Alembic's <c>autocommit_block</c>). Its reverse runs outside too.
    /// </summary>
    [FingerprintOmitsDefault]
    public bool OutsideTransaction { get; init; }

    /// <inheritdoc />
    public override bool IsReversible => ReverseSql is not null;

    /// <inheritdoc />
    public override MigrationOperation Reverse() => ReverseSql is null
        ? throw new IrreversibleOperationException(this, "raw SQL has no reverse unless one is given")
        : new ExecuteSqlOperation(ReverseSql) { ReverseSql = Sql, Parameters = Parameters, OutsideTransaction = OutsideTransaction };

    /// <inheritdoc />
    public override string Describe()
    {
        var oneLine = string.Join(' ', Sql.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return "execute " + (oneLine.Length > 60 ? oneLine[..57] + "..." : oneLine) + (OutsideTransaction ? " (outside the transaction)" : "");
    }

    // Raw SQL that may create, change or drop something: the tables it names are no longer known in full offline.
    private static bool ChangesSchema(string sql) =>
        SqlText.MentionsIdentifier(sql, "CREATE") || SqlText.MentionsIdentifier(sql, "ALTER") || SqlText.MentionsIdentifier(sql, "DROP");

    /// <summary>What Retort knows about raw SQL (see <see cref="OperationRegistration"/>).</summary>
    public static OperationRegistration<ExecuteSqlOperation> Registration { get; } = new()
    {
        CSharp = o => $"op.Execute({S(o.Sql)}{(o.OutsideTransaction ? ", outsideTransaction: true" : "")});",
        Reverse = Reversibility.WhenGiven,
        ReverseNote = "runs the statement that undoes it (reverseSql:)",
        // What the statement does is not known here; rules that vet a plan read its text.
        Dangers = _ => OperationDanger.None,
        Offline = OfflineSupport.Statements,
        TrackSchema = (o, schema) =>
        {
            if (!ChangesSchema(o.Sql)) return;
            // The statement may create, change or drop anything it names; a name it mentions is enough to distrust.
            foreach (var table in schema.Tables.Where(t => SqlText.MentionsIdentifier(o.Sql, t.Name)).ToList())
                schema.MarkUntracked(table.Name, table.Schema, $"revision {schema.Revision ?? "(unknown)"} changed it with raw SQL ({o.Describe()})");
        },
    };
}
