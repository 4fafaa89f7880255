using System.Text;
using Retort.Operations;
using Retort.Operations.Internal;
using Retort.Schema;

namespace Retort.Autogenerate;

/// <summary>
/// Writes operations as the C# a person would write in a revision's <c>Upgrade</c> or <c>Downgrade</c>
/// (<c>op.AddColumn(…)</c>), with a warning comment above every operation that can lose data. Each operation's C#
/// and dangers come from its <see cref="OperationRegistration"/>.
/// </summary>
public static class MigrationCodeWriter
{
    /// <summary>The statements for a method body, one per line, indented by <paramref name="indent"/>.</summary>
    public static string Write(IEnumerable<MigrationOperation> operations, string indent = "        ")
    {
        var sb = new StringBuilder();
        foreach (var op in operations)
        {
            if (DangerReason(op) is { } danger) sb.Append(indent).Append("// DANGER: ").Append(danger).Append('\n');
            foreach (var line in Statement(op).Split('\n')) sb.Append(indent).Append(line).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// Why an operation can lose data, fail on existing rows or not be undone, or null when it cannot: the reasons of
    /// its dangers that threaten data (<see cref="OperationDanger.ThreatensData"/>), joined.
    /// </summary>
    public static string? DangerReason(MigrationOperation op)
    {
        var reasons = (OperationRegistry.Find(op.GetType())?.DangersOf(op) ?? OperationDanger.None)
            .Where(d => d.ThreatensData).Select(d => d.Reason).ToList();
        return reasons.Count == 0 ? null : string.Join(" Also ", reasons);
    }

    private static string Statement(MigrationOperation op) =>
        OperationRegistry.Find(op.GetType())?.WriteCSharp(op) ?? $"// {op.Describe()} (no C# form; write it by hand)";

    /// <summary>C# that constructs the table exactly (for <c>op.CreateTable</c>), with every name spelled out.</summary>
    public static string TableCode(Table t) => CSharpCode.TableCode(t);

    /// <summary>C# that constructs the column.</summary>
    public static string ColumnCode(Column c) => CSharpCode.ColumnCode(c);

    /// <summary>C# for a type: <c>SqlType.String(50)</c>.</summary>
    public static string TypeCode(SqlType t) => CSharpCode.TypeCode(t);

    /// <summary>A C# string literal (verbatim when it spans lines), or <c>null</c>.</summary>
    public static string S(string? s) => CSharpCode.S(s);
}
