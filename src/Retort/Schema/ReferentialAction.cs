namespace Retort.Schema;

/// <summary>What a foreign key does when the referenced row is deleted or its key updated.</summary>
public enum ReferentialAction
{
    /// <summary>No clause is rendered (the database default, NO ACTION).</summary>
    NoAction,
    /// <summary>Refuse the change immediately.</summary>
    Restrict,
    /// <summary>Delete or update the referencing rows too.</summary>
    Cascade,
    /// <summary>Set the referencing columns to NULL.</summary>
    SetNull,
    /// <summary>Set the referencing columns to their defaults.</summary>
    SetDefault,
}
