using System.Text;
using Retort.Revisions;

namespace Retort.Environments;

/// <summary>
/// Writes the text of a new C# revision class: an <c>Upgrade</c> (empty unless a body is given) and, only when a
/// downgrade body is given, a <c>Downgrade</c>. Without one the class inherits <see cref="Migrations.Migration.Downgrade"/>,
/// the upgrade plan reversed, so a new revision never downgrades by doing nothing.
/// </summary>
public static class CSharpRevisionFile
{
    /// <summary>The class name for a revision id: <c>Revision_3f2a9c1b7d4e</c>.</summary>
    public static string ClassName(string id) => "Revision_" + id;

    /// <summary>
    /// Renders the file; the bodies are statements already indented for a method. A null or blank
    /// <paramref name="downgradeBody"/> writes no <c>Downgrade</c> override but a comment on the default.
    /// </summary>
    public static string Render(RevisionInfo info, string @namespace, string? upgradeBody = null, string? downgradeBody = null)
    {
        var args = new StringBuilder(Literal(info.Id));
        if (info.DownRevisions.Count == 1) args.Append(", DownRevision = ").Append(Literal(info.DownRevisions[0]));
        else if (info.DownRevisions.Count > 1) args.Append(", DownRevisions = ").Append(Array(info.DownRevisions));
        args.Append(", Message = ").Append(Literal(SqlRevisionFile.OneLine(info.Message)));
        if (info.BranchLabels.Count > 0) args.Append(", BranchLabels = ").Append(Array(info.BranchLabels));
        if (info.DependsOn.Count > 0) args.Append(", DependsOn = ").Append(Array(info.DependsOn));
        return $$"""
            using Retort.Migrations;
            using Retort.Schema;{{(upgradeBody is null ? "" : "\nusing Retort.Operations;\nusing Retort.Schema.Types;")}}

            namespace {{@namespace}};

            /// <summary>{{Escape(SqlRevisionFile.OneLine(info.Message))}}</summary>
            [Revision({{args}})]
            public sealed class {{ClassName(info.Id)}} : Migration
            {
                /// <inheritdoc />
                public override void Upgrade(Op op)
                {{{Body(upgradeBody)}}
                }
            {{Downgrade(downgradeBody)}}
            }

            """;
    }

    private static string Downgrade(string? body) => string.IsNullOrWhiteSpace(body)
        ? "\n    // Downgrade is the reverse of Upgrade unless overridden: every operation above must be reversible\n" +
          "    // (op.Execute with reverseSql:, op.DropTable with existing:, ...). Otherwise override\n" +
          "    // Downgrade(Op op) to undo the upgrade, or mark the class [Irreversible(\"why\")]."
        : "\n    /// <inheritdoc />\n    public override void Downgrade(Op op)\n    {" + Body(body) + "\n    }";

    private static string Body(string? body) => string.IsNullOrWhiteSpace(body) ? "" : "\n" + body.TrimEnd('\n');

    private static string Array(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Literal)) + "]";

    private static string Literal(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
