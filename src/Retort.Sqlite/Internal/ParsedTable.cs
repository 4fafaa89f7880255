using Retort.Schema;

namespace Retort.Sqlite.Internal;

/// <summary>What only the CREATE TABLE text tells: constraint names, checks, comments and table options.</summary>
internal sealed class ParsedTable
{
    public string? Comment { get; set; }
    public Dictionary<string, string> ColumnComments { get; } = new(StringComparer.OrdinalIgnoreCase);
    public string? PrimaryKeyName { get; set; }
    public List<CheckConstraint> Checks { get; } = [];
    /// <summary>Named unique constraints by their column list (joined with ',').</summary>
    public Dictionary<string, string> UniqueNames { get; } = [];
    /// <summary>Named foreign keys by their local column list (joined with ',').</summary>
    public Dictionary<string, string> ForeignKeyNames { get; } = [];
    public List<TableOption> Options { get; } = [];
}
