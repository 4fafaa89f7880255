namespace Retort.Autogenerate;

/// <summary>Kinds of schema objects the differ compares; combine to include several.</summary>
[Flags]
public enum ObjectKinds
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary>Tables (create, drop).</summary>
    Tables = 1,
    /// <summary>Columns (add, drop, type, nullability, default, comment).</summary>
    Columns = 2,
    /// <summary>Primary keys.</summary>
    PrimaryKeys = 4,
    /// <summary>Foreign keys.</summary>
    ForeignKeys = 8,
    /// <summary>Unique constraints.</summary>
    UniqueConstraints = 16,
    /// <summary>Check constraints.</summary>
    CheckConstraints = 32,
    /// <summary>Indexes.</summary>
    Indexes = 64,
    /// <summary>Everything.</summary>
    All = Tables | Columns | PrimaryKeys | ForeignKeys | UniqueConstraints | CheckConstraints | Indexes,
}
