using Retort.Schema;

namespace Retort.Sqlite;

/// <summary>SQLite table options, passed as <see cref="TableOption"/> elements of a <see cref="Table"/>.</summary>
public static class SqliteOptions
{
    /// <summary>Key of the STRICT option.</summary>
    public const string StrictKey = "sqlite_strict";

    /// <summary>Key of the WITHOUT ROWID option.</summary>
    public const string WithoutRowIdKey = "sqlite_without_rowid";

    /// <summary>Makes the table STRICT (types enforced).</summary>
    public static TableOption Strict { get; } = new(StrictKey, "true");

    /// <summary>Makes the table WITHOUT ROWID.</summary>
    public static TableOption WithoutRowId { get; } = new(WithoutRowIdKey, "true");
}
