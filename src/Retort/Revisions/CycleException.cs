namespace Retort.Revisions;

/// <summary>The down revisions and dependencies form a cycle, so no revision in it could ever be applied first.</summary>
public sealed class CycleException : RevisionGraphException
{
    /// <summary>Creates the error for a cycle; <paramref name="cycle"/> lists each revision once, in order along the cycle.</summary>
    public CycleException(IReadOnlyList<string> cycle)
        : base($"The revisions form a cycle: {string.Join(" -> ", cycle.Append(cycle[0]))} (each depends on the next " +
               "through a down revision or depends_on). A revision cannot come after itself; fix the down revisions " +
               "or depends_on entries so that history only runs one way.")
    {
        Cycle = cycle;
    }

    /// <summary>The revisions in the cycle, each once, in order along the cycle.</summary>
    public IReadOnlyList<string> Cycle { get; }
}
