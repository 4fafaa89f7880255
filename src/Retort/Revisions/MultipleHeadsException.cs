namespace Retort.Revisions;

/// <summary>A target that needs a single head (such as <c>head</c>) was used while there are several heads.</summary>
public sealed class MultipleHeadsException : RevisionGraphException
{
    /// <summary>Creates the error for <paramref name="target"/>, which could mean any of <paramref name="heads"/>.</summary>
    public MultipleHeadsException(string target, IReadOnlyList<string> heads)
        : base($"Target '{target}' is ambiguous because there are {heads.Count} heads ({string.Join(", ", heads)}). " +
               "Use 'heads' to move every branch, '<label>@head' or a revision id to move one branch, " +
               "or create a merge revision that joins the heads.")
    {
        Target = target;
        Heads = heads;
    }

    /// <summary>The target that was given.</summary>
    public string Target { get; }

    /// <summary>The heads it could mean, in ordinal order.</summary>
    public IReadOnlyList<string> Heads { get; }
}
