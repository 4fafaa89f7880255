using System.Text;
using Retort.Revisions;

namespace Retort.Environments;

/// <summary>Writes the text of a new C# revision class with empty <c>Upgrade</c> and <c>Downgrade</c>.</summary>
public static class CSharpRevisionFile
{
    /// <summary>The class name for a revision id: <c>Revision_3f2a9c1b7d4e</c>.</summary>
    public static string ClassName(string id) => "Revision_" + id;

    /// <summary>Renders the file; the bodies are statements already indented for a method (empty when null).</summary>
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

                /// <inheritdoc />
                public override void Downgrade(Op op)
                {{{Body(downgradeBody)}}
                }
            }

            """;
    }

    private static string Body(string? body) => string.IsNullOrWhiteSpace(body) ? "" : "\n" + body.TrimEnd('\n');

    private static string Array(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Literal)) + "]";

    private static string Literal(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
