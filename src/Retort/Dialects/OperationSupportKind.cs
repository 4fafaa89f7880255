namespace Retort.Dialects;

/// <summary>What a dialect does with a kind of operation (see <see cref="OperationSupport"/>).</summary>
public enum OperationSupportKind
{
    /// <summary>Writes SQL for it: the generator's method for that kind (the standard one, or the dialect's own).</summary>
    Statements = 1,

    /// <summary>
    /// Compiles it, where the plain statement cannot do it, together with its neighbours into other statements (SQLite's
    /// table rebuild, see <see cref="DdlGenerator.CompileAsync"/>).
    /// </summary>
    Compiled,

    /// <summary>Needs no statement on this database (an enum type where enums are stored as strings).</summary>
    Nothing,

    /// <summary>Refuses it, with an error that says why and what to do instead.</summary>
    Refused,

    /// <summary>Not SQL: the runner runs it (a C# step, or a data step in batches with the dialect's data-migration support).</summary>
    RunByRunner,
}
