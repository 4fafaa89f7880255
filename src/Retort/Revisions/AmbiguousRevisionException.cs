namespace Retort.Revisions;

/// <summary>An id prefix matches more than one revision.</summary>
public sealed class AmbiguousRevisionException : RevisionGraphException
{
    /// <summary>Creates the error for <paramref name="prefix"/>, which matches every id in <paramref name="candidates"/>.</summary>
    public AmbiguousRevisionException(string prefix, IReadOnlyList<string> candidates)
        : base($"Revision '{prefix}' is ambiguous: it is a prefix of {candidates.Count} revision ids " +
               $"({string.Join(", ", candidates)}). Give more characters of the id you mean.")
    {
        Prefix = prefix;
        Candidates = candidates;
    }

    /// <summary>The prefix that was looked up.</summary>
    public string Prefix { get; }

    /// <summary>The ids it matches, in ordinal order.</summary>
    public IReadOnlyList<string> Candidates { get; }
}
