namespace Retort.Operations;

/// <summary>Whether a kind of operation can be reversed (see <see cref="OperationRegistration.Reverse"/>).</summary>
public enum Reversibility
{
    /// <summary>Always: the reverse follows from the operation itself (a create's drop, a rename back).</summary>
    Always = 1,

    /// <summary>
    /// When the operation carries what it replaces or how to undo it (<c>existing:</c>, <c>existingType:</c>,
    /// <c>reverseSql:</c>, <c>reverseSet:</c>, a reverse action); autogenerate always fills these in.
    /// </summary>
    WhenGiven,

    /// <summary>Never: a downgrade that meets it must be written by hand.</summary>
    Never,
}
