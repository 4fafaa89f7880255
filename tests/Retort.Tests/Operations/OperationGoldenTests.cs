using System.Text;
using Retort.Autogenerate;
using Retort.Operations;
using Retort.Runner;
using Retort.Schema;
using Retort.Tests.Shared;

namespace Retort.Tests.Operations;

/// <summary>
/// What every kind of operation produces today, pinned exactly: the checksum stored with each applied revision, the
/// C# written into generated revisions with its warnings, the reverse, and how an offline script tracks the schema.
/// A change here changes what users have stored or generated.
/// </summary>
public partial class OperationGoldenTests
{
    private static void Golden(string expected, string actual) =>
        Assert.Equal(expected.ReplaceLineEndings("\n"), actual.TrimEnd('\n'));

    [Fact]
    public void Checksums_of_every_kind_of_operation_stay_the_same()
    {
        var lines = OperationSamples.All.Select(o => PlanFingerprint.Compute([o]) + " " + o.GetType().Name).Append(PlanFingerprint.Compute(OperationSamples.All) + " plan");
        Golden(Expected.Fingerprints, string.Join("\n", lines) + "\n");
    }

    [Fact]
    public void Generated_code_of_every_kind_of_operation_stays_the_same() =>
        Golden(Expected.CSharp, MigrationCodeWriter.Write(OperationSamples.All, "") +
            "--- reverse\n" + MigrationCodeWriter.Write(OperationSamples.All.Where(o => o.IsReversible).Reverse().Select(o => o.Reverse()), ""));

    [Fact]
    public void Reverses_and_warnings_of_every_kind_of_operation_stay_the_same()
    {
        var sb = new StringBuilder();
        foreach (var op in OperationSamples.All)
        {
            sb.Append(op.Describe()).Append(" | ");
            if (op.IsReversible) sb.Append("reverse: ").Append(op.Reverse().Describe());
            else sb.Append("irreversible: ").Append(Assert.Throws<IrreversibleOperationException>(() => op.Reverse()).Message);
            sb.Append(" | danger: ").Append(MigrationCodeWriter.DangerReason(op) ?? "none").Append('\n');
        }
        Golden(Expected.Reverses, sb.ToString());
    }

    [Fact]
    public void Offline_schema_tracking_of_every_kind_of_operation_stays_the_same()
    {
        var plan = OperationSamples.All.ToList();
        plan.Insert(plan.FindIndex(o => o is AddColumnOperation) + 1, new ExecuteSqlOperation("ALTER TABLE items ADD COLUMN extra int"));
        plan.Insert(plan.FindLastIndex(o => o is CodeStepOperation) + 1, new ExecuteSqlOperation("ALTER TABLE items RENAME COLUMN price TO cost"));
        var tracker = new SchemaTracker();
        var sb = new StringBuilder();
        foreach (var op in plan)
        {
            tracker.Apply([op], "r1");
            sb.Append("after ").Append(op.Describe()).Append('\n');
            foreach (var table in tracker.Tables.OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                sb.Append(Summary(table)).Append('\n');
                if (tracker.UntrackedChange(table.Name, table.Schema) is { } why) sb.Append("untracked: ").Append(why).Append('\n');
            }
        }
        Golden(Expected.Tracking, sb.ToString());
    }

    private static string Summary(Table t) =>
        $"{t.DisplayName}({string.Join(", ", t.Columns.Select(c => $"{c.Name} {MigrationCodeWriter.TypeCode(c.Type)}{(c.Nullable ? "" : " not null")}{(c.Default is null ? "" : " default " + c.Default)}{(c.Comment is null ? "" : " comment " + c.Comment)}"))})" +
        $" constraints [{string.Join(", ", t.Constraints.Select(c => c.Name))}] indexes [{string.Join(", ", t.Indexes.Select(i => i.Name))}]{(t.Comment is null ? "" : " comment " + t.Comment)}";
}
