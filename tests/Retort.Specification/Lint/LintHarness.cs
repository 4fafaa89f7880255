using Retort.Dialects;
using Retort.Lint;
using Retort.Operations;
using Retort.Sql;

namespace Retort.Specification.Lint;

/// <summary>
/// Runs a dialect's checks over a plan the way a lint run does, without a database: each operation with the tables
/// created before it, raw SQL split into statements read with the dialect's flavour.
/// </summary>
public static class LintHarness
{
    /// <summary>Every finding of the dialect's checks over <paramref name="plan"/>.</summary>
    public static List<LintFinding> Run(Dialect dialect, IReadOnlyList<MigrationOperation> plan, Version? serverVersion = null)
    {
        var findings = new List<LintFinding>();
        var created = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < plan.Count; i++)
        {
            var context = new LintContext
            {
                Dialect = dialect.Name, Flavor = dialect.SqlFlavor, ServerVersion = serverVersion, Revision = "r1", Plan = plan, Index = i,
                CreatedTables = new HashSet<string>(created),
            };
            var op = plan[i];
            foreach (var check in dialect.Lint.Checks)
            {
                findings.AddRange(check.CheckOperation(op, context));
                if (op is ExecuteSqlOperation sql)
                    foreach (var text in SqlSplitter.Split(sql.Sql, dialect.SqlFlavor))
                        findings.AddRange(check.CheckStatement(new LintStatement(text, dialect.SqlFlavor) { OutsideTransaction = sql.OutsideTransaction }, context));
            }
            if (op is CreateTableOperation c) created.Add(LintContext.Key(c.Table.Schema, c.Table.Name));
        }
        return findings;
    }

    /// <summary>The ids of the rules found.</summary>
    public static List<string> Ids(this IEnumerable<LintFinding> findings) => findings.Select(f => f.Rule.Id).ToList();
}
