using System.Text;
using Retort.Lint;

namespace Retort.Runner.Linting;

/// <summary>
/// <c>upgrade</c> refused before anything ran: error findings of the lint gate are not allowed. The message lists each
/// (rule, revision, operation or statement, why it hurts, the safe alternative) and how to allow it.
/// </summary>
public sealed class LintGateException : RetortException
{
    /// <summary>Creates the error for a report with blocking findings.</summary>
    public LintGateException(LintReport report) : base(Describe(report)) => Report = report;

    /// <summary>The lint report; <see cref="LintReport.Blocking"/> holds the findings that stopped the run.</summary>
    public LintReport Report { get; }

    private static string Describe(LintReport report)
    {
        var blocking = report.Blocking;
        var sb = new StringBuilder();
        sb.Append($"The upgrade was refused before anything ran: {blocking.Count} lint finding(s) at error level would block or break the running application. ");
        sb.Append("Nothing was changed.");
        foreach (var f in blocking)
        {
            sb.Append('\n').Append($"  {f.Rule.Id} {f.Rule.Title}: revision {f.Revision} ({f.Source}{(f.Line is { } line ? $", line {line}" : "")}), ");
            sb.Append(f.Statement is { } statement ? $"statement \"{OneLine(statement)}\"" : $"operation {f.OperationIndex + 1} ({f.Operation})").Append(". ");
            sb.Append(f.Message.TrimEnd('.')).Append('.');
            if (f.Estimate is { } estimate) sb.Append($" Estimate: {estimate}.");
            if (f.Rule.Why.Length > 0) sb.Append(' ').Append(f.Rule.Why);
            if (f.Rule.SafeAlternative.Length > 0) sb.Append(" Instead: ").Append(f.Rule.SafeAlternative);
        }
        var rules = string.Join(",", blocking.Select(f => f.Rule.Id).Distinct());
        sb.Append('\n').Append("Use the safe alternative, or allow a finding with the reason it is acceptable: in C#, op.Allow(\"RT###\", \"reason\") right after the operation; ");
        sb.Append("in SQL, a '-- retort:allow RT### reason' line above the statement; for this run only, --allow ").Append(rules).Append('.');
        sb.Append(" 'retort lint' lists the findings without running anything.");
        return sb.ToString();
    }

    private static string OneLine(string sql)
    {
        var text = string.Join(' ', sql.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return text.Length > 100 ? text[..97] + "..." : text;
    }

    /// <summary>The text of a revision's allowed findings for its history row: one <c>RT### reason</c> line per rule, or null.</summary>
    internal static string? AllowedText(IEnumerable<LintFinding> findings)
    {
        var lines = findings.Where(f => f.IsAllowed).Select(f => $"{f.Rule.Id} {f.AllowedReason}").Distinct().ToList();
        return lines.Count == 0 ? null : string.Join('\n', lines);
    }
}
