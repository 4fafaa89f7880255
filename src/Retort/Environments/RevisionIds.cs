using System.Security.Cryptography;

namespace Retort.Environments;

/// <summary>Creates revision ids in Alembic's style: 12 lower-case hex characters.</summary>
public static class RevisionIds
{
    /// <summary>A fresh random id.</summary>
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    /// <summary>True when <paramref name="id"/> can be used as a revision id and a file or class name part.</summary>
    public static bool IsValid(string id) =>
        id.Length > 0 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && id is not ("head" or "heads" or "base");
}
