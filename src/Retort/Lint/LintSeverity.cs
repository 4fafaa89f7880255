namespace Retort.Lint;

/// <summary>How much a finding matters. <see cref="Error"/> findings stop <c>upgrade</c> unless allowed with a reason.</summary>
public enum LintSeverity
{
    /// <summary>Worth knowing; never stops anything (a hazard on a table that is empty, for example).</summary>
    Note = 0,

    /// <summary>Likely to hurt under load or later; reported, does not stop <c>upgrade</c>.</summary>
    Warning = 1,

    /// <summary>Blocks or breaks the running application; <c>upgrade</c> refuses it unless it is allowed with a reason.</summary>
    Error = 2,
}
