using System.Text;

namespace Retort.Schema;

/// <summary>
/// Templates that give every constraint and index a deterministic name, like SQLAlchemy's
/// <c>naming_convention</c>. Tokens: <c>{table}</c>, <c>{column_0}</c>, <c>{columns}</c> (all columns joined
/// by <c>_</c>), <c>{referred_table}</c>, <c>{constraint_name}</c> (the name given in code; for an unnamed check
/// its position among the table's unnamed checks, 1-based).
/// </summary>
public sealed record NamingConvention
{
    /// <summary>The default convention: <c>pk_t</c>, <c>fk_t_col_other</c>, <c>uq_t_col</c>, <c>ck_t_name</c>, <c>ix_t_col</c>.</summary>
    public static NamingConvention Default { get; } = new();

    /// <summary>A convention that names nothing: unnamed constraints stay unnamed.</summary>
    public static NamingConvention None { get; } = new() { PrimaryKey = null, ForeignKey = null, Unique = null, Check = null, Index = null };

    /// <summary>Primary key template.</summary>
    public string? PrimaryKey { get; init; } = "pk_{table}";

    /// <summary>Foreign key template.</summary>
    public string? ForeignKey { get; init; } = "fk_{table}_{columns}_{referred_table}";

    /// <summary>Unique constraint template.</summary>
    public string? Unique { get; init; } = "uq_{table}_{columns}";

    /// <summary>Check constraint template. Applied to named checks too, as in SQLAlchemy.</summary>
    public string? Check { get; init; } = "ck_{table}_{constraint_name}";

    /// <summary>Index template.</summary>
    public string? Index { get; init; } = "ix_{table}_{columns}";

    /// <summary>Maximum identifier length; longer names are shortened with a stable hash suffix.</summary>
    public int MaxLength { get; init; } = 63;

    internal string? Apply(string? template, string table, IReadOnlyList<string> columns, string? referredTable, string? constraintName)
    {
        if (template is null) return null;
        var name = template
            .Replace("{table}", table)
            .Replace("{column_0}", columns.Count > 0 ? columns[0] : "")
            .Replace("{columns}", string.Join("_", columns))
            .Replace("{referred_table}", referredTable ?? "")
            .Replace("{constraint_name}", constraintName ?? "");
        return Shorten(Sanitize(name));
    }

    // Expression index "columns" can hold any text; keep names to identifier characters.
    private static string Sanitize(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name) sb.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        return sb.ToString();
    }

    private string Shorten(string name)
    {
        if (name.Length <= MaxLength) return name;
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8].ToLowerInvariant();
        return name[..(MaxLength - 9)] + "_" + hash;
    }
}
