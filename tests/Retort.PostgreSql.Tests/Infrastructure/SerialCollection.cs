namespace Retort.PostgreSql.Tests.Infrastructure;

/// <summary>Tests that measure waiting run alone, so other tests' load does not look like blocking.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "timing-sensitive";
}
