using System.Text;

namespace Retort.Dialects;

/// <summary>
/// The two versions an expanded revision serves: the revision's own (the new shape) and its parent's (the old shape),
/// each a schema of views named <c>{table schema}_{revision id}</c> (<see cref="SchemaName"/>), so an application picks its
/// version with <c>search_path</c>.
/// </summary>
/// <param name="Revision">The revision being expanded.</param>
/// <param name="Previous">Its parent, or null at base (the old version is then named <c>{schema}_base</c>).</param>
public sealed record OnlineVersions(string Revision, string? Previous)
{
    /// <summary>The schema of views of the new version (this revision) for tables of <paramref name="tableSchema"/>.</summary>
    public string NewSchema(string tableSchema) => SchemaName(tableSchema, Revision);

    /// <summary>The schema of views of the old version (the parent revision) for tables of <paramref name="tableSchema"/>.</summary>
    public string OldSchema(string tableSchema) => SchemaName(tableSchema, Previous);

    /// <summary>
    /// The name of the schema of views of <paramref name="revision"/> (null: base) for tables of <paramref name="tableSchema"/>:
    /// <c>{tableSchema}_{revision}</c> in lower case, every character other than a letter, digit or underscore made an
    /// underscore, at most 63 characters (PostgreSQL's limit), so it can be written in a <c>search_path</c> without quotes.
    /// </summary>
    public static string SchemaName(string tableSchema, string? revision)
    {
        var sb = new StringBuilder();
        foreach (var c in $"{tableSchema}_{revision ?? "base"}".ToLowerInvariant())
            sb.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        return sb.Length > 63 ? sb.ToString(0, 63) : sb.ToString();
    }
}
