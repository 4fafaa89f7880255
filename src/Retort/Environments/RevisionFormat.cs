namespace Retort.Environments;

/// <summary>The language of a revision file.</summary>
public enum RevisionFormat
{
    /// <summary>A C# <c>Migration</c> class.</summary>
    CSharp,

    /// <summary>A <c>.sql</c> file (see <see cref="SqlRevisionFile"/>).</summary>
    Sql,
}
