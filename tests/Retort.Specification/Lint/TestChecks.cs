using Retort.Lint;
using Retort.Operations;

namespace Retort.Specification.Lint;

/// <summary>
/// Small test-only checks (rule ids RT9xx, never used by the catalogue): enough shapes to exercise the lint engine —
/// an operation check at error level, a statement check at error level, an operation check at warning level.
/// </summary>
public static class TestChecks
{
    /// <summary>Index built without CONCURRENTLY (operation, error, scans the table under a lock).</summary>
    public static readonly LintRule Index = new("RT901", "test: index built without CONCURRENTLY", LintSeverity.Error)
    {
        Lock = "ShareLock", LockTarget = "the table", Scans = true,
        Why = "Writes to the table wait for the whole build.", SafeAlternative = "Build it with CONCURRENTLY.",
    };

    /// <summary>An UPDATE without WHERE in raw SQL (statement, error, rewrites every row).</summary>
    public static readonly LintRule Update = new("RT902", "test: UPDATE of every row in one statement", LintSeverity.Error)
    {
        Lock = "RowExclusiveLock", Rewrites = true,
        Why = "Every row is locked until the transaction ends.", SafeAlternative = "Update in batches (-- retort:batched).",
    };

    /// <summary>A dropped column (operation, warning).</summary>
    public static readonly LintRule DropColumn = new("RT903", "test: column dropped while the old application may read it", LintSeverity.Warning)
    {
        Why = "The running application may still select it.", SafeAlternative = "Stop reading it first, drop it in a later release.",
    };

    /// <summary>Every test check.</summary>
    public static IReadOnlyList<LintCheck> All { get; } = [new IndexCheck(), new UpdateCheck(), new DropColumnCheck()];

    private sealed class IndexCheck : LintCheck
    {
        public override LintRule Rule => Index;

        public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
        {
            if (operation is CreateIndexOperation { Concurrently: false } c && !context.IsNewTable(c.Schema, c.TableName))
                yield return Found($"Index {c.Index.Name} on {c.TableName} is built without CONCURRENTLY.", c.TableName);
        }

        public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
        {
            var words = statement.Words;
            var on = words.ToList().IndexOf("ON");
            if (words.Count > 2 && words[0] == "CREATE" && words.Contains("INDEX") && !words.Contains("CONCURRENTLY") && on > 0 && on + 1 < words.Count)
                yield return Found($"Index on {statement.Tokens[on + 1].Text} is built without CONCURRENTLY.", statement.Tokens[on + 1].Text);
        }
    }

    private sealed class UpdateCheck : LintCheck
    {
        public override LintRule Rule => Update;

        public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
        {
            var words = statement.Words;
            if (words.Count >= 2 && words[0] == "UPDATE" && !words.Contains("WHERE") && !context.IsNewTable(null, statement.Tokens[1].Text.Trim('"')))
                yield return Found($"UPDATE of every row of {statement.Tokens[1].Text} in one statement.", statement.Tokens[1].Text.Trim('"'));
        }
    }

    private sealed class DropColumnCheck : LintCheck
    {
        public override LintRule Rule => DropColumn;

        public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
        {
            if (operation is DropColumnOperation d)
                yield return Found($"Column {d.TableName}.{d.ColumnName} is dropped.", d.TableName);
        }
    }
}
