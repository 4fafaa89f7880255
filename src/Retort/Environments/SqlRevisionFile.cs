using Retort.Migrations;
using Retort.Revisions;
using Retort.Runner.Linting;
using Retort.Sql;

namespace Retort.Environments;

/// <summary>
/// A revision written as a <c>.sql</c> file. The header is made of <c>-- retort:</c> comment lines, then an upgrade
/// section and an optional downgrade section:
/// <code>
/// -- retort:revision 3f2a9c1b7d4e
/// -- retort:down-revision 1975ea83b712
/// -- retort:message add email
/// -- retort:branch-labels billing
/// -- retort:depends-on 27c6a30d7c24
/// -- retort:upgrade
/// ALTER TABLE account ADD COLUMN email VARCHAR(200);
/// -- retort:downgrade
/// ALTER TABLE account DROP COLUMN email;
/// </code>
/// <c>down-revision</c> takes several ids separated by commas (a merge) and is omitted for a base revision; lists
/// are comma-separated. A file without a downgrade section is irreversible; an empty downgrade section after an
/// upgrade with statements is refused (a downgrade nobody wrote). Inside a section, a
/// <c>-- retort:batched</c> line turns the <c>UPDATE</c> after it into a batched, checkpointed backfill
/// (<see cref="SqlBackfillDirective"/>), and a <c>-- retort:no-transaction</c> line runs the statement after it outside
/// the revision's transaction (<see cref="SqlNoTransactionDirective"/>).
/// </summary>
public static class SqlRevisionFile
{
    /// <summary>The marker that starts every header line and section line.</summary>
    public const string Marker = "-- retort:";

    /// <summary>Reads and parses a file.</summary>
    /// <exception cref="RevisionFileException">The file is malformed.</exception>
    public static Revision Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses the text of a revision file; <paramref name="path"/> is used in messages and as the source.</summary>
    /// <exception cref="RevisionFileException">The text is malformed.</exception>
    public static Revision Parse(string text, string path)
    {
        string? id = null, message = null;
        string[] down = [], labels = [], depends = [];
        var upgrade = new System.Text.StringBuilder();
        var downgrade = new System.Text.StringBuilder();
        var section = 0; // 0 header, 1 upgrade, 2 downgrade
        var normalized = text.Replace("\r\n", "\n");
        var lines = normalized.Split('\n');
        var offset = 0; // where the next line starts in the normalized text
        var lexed = 0;  // how far the sections' text has been read as SQL (see Enclosing)
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            var lineStart = offset;
            offset += line.Length + 1;
            var trimmed = line.Trim();
            if (SqlBackfillDirective.IsDirective(trimmed) || SqlNoTransactionDirective.IsDirective(trimmed) || SqlAllowDirective.IsDirective(trimmed) || SqlOnlineDirective.IsDirective(trimmed))
            {
                // Kept in the section: it belongs to the statement that follows it.
                if (section == 0)
                    throw new RevisionFileException(path, SqlBackfillDirective.IsDirective(trimmed)
                        ? $"'{Marker}{SqlBackfillDirective.Name}' belongs in the upgrade or downgrade section, right before an UPDATE statement."
                        : SqlOnlineDirective.IsDirective(trimmed)
                        ? $"'{Marker}{SqlOnlineDirective.Name}' belongs in the upgrade or downgrade section, right before an ALTER TABLE statement."
                        : SqlAllowDirective.IsDirective(trimmed)
                        ? $"'{Marker}{SqlAllowDirective.Name}' belongs in the upgrade section, above (or after, on its line) the statement whose lint finding it allows."
                        : $"'{Marker}{SqlNoTransactionDirective.Name}' belongs in the upgrade or downgrade section, right before the statement that runs outside the transaction.", n + 1);
                (section == 1 ? upgrade : downgrade).Append(line).Append('\n');
                continue;
            }
            if (trimmed.StartsWith(Marker, StringComparison.OrdinalIgnoreCase))
            {
                // Inside a section, a marker line counts only where SQL has a comment of its own: inside a string, a
                // dollar-quoted body or a block comment it is part of that text.
                if (section != 0 && Enclosing(normalized, ref lexed, lineStart) is { } holder)
                {
                    if (holder.IsUnterminated)
                        throw new RevisionFileException(path, $"'{trimmed}' is inside {Describe(holder)} that starts on line " +
                            $"{normalized.AsSpan(0, holder.Start).Count('\n') + 1} and is never closed, so the line cannot take effect. " +
                            "Close it (or remove the stray quote) before this line.", n + 1);
                    (section == 1 ? upgrade : downgrade).Append(line).Append('\n');
                    continue;
                }
                var body = trimmed[Marker.Length..];
                var space = body.IndexOfAny([' ', '\t']);
                var key = (space < 0 ? body : body[..space]).ToLowerInvariant();
                var value = space < 0 ? "" : body[(space + 1)..].Trim();
                switch (key)
                {
                    case "upgrade" when section == 0: section = 1; lexed = Math.Min(offset, normalized.Length); continue;
                    case "downgrade" when section == 1: section = 2; continue;
                    case "upgrade" or "downgrade":
                        throw new RevisionFileException(path, $"unexpected '{Marker}{key}': the file needs one '{Marker}upgrade' section, then at most one '{Marker}downgrade' section.", n + 1);
                }
                if (section != 0)
                    throw new RevisionFileException(path, $"'{Marker}{key}' must be in the header, before '{Marker}upgrade'.", n + 1);
                switch (key)
                {
                    case "revision": id = value; break;
                    case "down-revision" or "down-revisions": down = List(value); break;
                    case "message": message = value; break;
                    case "branch-labels" or "branch-label": labels = List(value); break;
                    case "depends-on": depends = List(value); break;
                    default:
                        throw new RevisionFileException(path, $"unknown header '{Marker}{key}'. Known: revision, down-revision, message, branch-labels, depends-on, upgrade, downgrade.", n + 1);
                }
                continue;
            }
            if (section == 0)
            {
                if (trimmed.Length == 0 || trimmed.StartsWith("--", StringComparison.Ordinal)) continue;
                throw new RevisionFileException(path, $"SQL before the '{Marker}upgrade' line. Put statements in the upgrade or downgrade section.", n + 1);
            }
            (section == 1 ? upgrade : downgrade).Append(line).Append('\n');
        }
        if (string.IsNullOrWhiteSpace(id))
            throw new RevisionFileException(path, $"the header has no '{Marker}revision <id>' line.");
        if (section == 0)
            throw new RevisionFileException(path, $"there is no '{Marker}upgrade' line starting the upgrade section.");
        var info = new RevisionInfo(id, down, labels, depends, message ?? "");
        var script = new SqlMigrationScript(path, upgrade.ToString(), section == 2 ? downgrade.ToString() : null);
        return new Revision(info, script);
    }

    /// <summary>Writes the text of a new revision file with empty sections.</summary>
    public static string Render(RevisionInfo info)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(Marker).Append("revision ").Append(info.Id).Append('\n');
        if (info.DownRevisions.Count > 0) sb.Append(Marker).Append("down-revision ").Append(string.Join(", ", info.DownRevisions)).Append('\n');
        sb.Append(Marker).Append("message ").Append(OneLine(info.Message)).Append('\n');
        if (info.BranchLabels.Count > 0) sb.Append(Marker).Append("branch-labels ").Append(string.Join(", ", info.BranchLabels)).Append('\n');
        if (info.DependsOn.Count > 0) sb.Append(Marker).Append("depends-on ").Append(string.Join(", ", info.DependsOn)).Append('\n');
        sb.Append("-- created ").Append(DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        sb.Append('\n').Append(Marker).Append("upgrade\n\n");
        sb.Append(Marker).Append("downgrade\n");
        sb.Append("-- The statements that undo the upgrade. Left empty, downgrading is refused; without the line above, the revision is irreversible.\n");
        return sb.ToString();
    }

    /// <summary>
    /// The string, quoted name or block comment that the line starting at <paramref name="lineStart"/> lies inside, or
    /// null when the line starts outside any; the text is read from <paramref name="from"/>, which moves on to the
    /// token that reaches the line (lines are asked about in order, so the text is read once).
    /// </summary>
    private static SqlToken? Enclosing(string text, ref int from, int lineStart)
    {
        // Without a character that can open a string, quoted name or block comment before the line, nothing spans it.
        if (text.AsSpan(from, lineStart - from).IndexOfAny(Openers) < 0)
        {
            from = lineStart;
            return null;
        }
        foreach (var token in SqlLexer.Tokenize(text, from))
        {
            if (token.End > lineStart) return token.Start < lineStart && token.Kind != SqlTokenKind.Whitespace ? token : null;
            from = token.End;
        }
        return null;
    }

    private static readonly System.Buffers.SearchValues<char> Openers = System.Buffers.SearchValues.Create("'\"`[$/");

    private static string Describe(SqlToken token) => token.Kind switch
    {
        SqlTokenKind.String when token.Source[token.Start] == '$' => "a dollar-quoted body",
        SqlTokenKind.String => "a string",
        SqlTokenKind.QuotedIdentifier => "a quoted name",
        _ => "a block comment",
    };

    internal static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    private static string[] List(string value) =>
        value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(v => !v.Equals("none", StringComparison.OrdinalIgnoreCase)).ToArray();
}
