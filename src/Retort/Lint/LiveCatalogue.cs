namespace Retort.Lint;

/// <summary>What the live database says for a lint run: the server's version and statistics of the tables findings are about.</summary>
/// <param name="ServerVersion">The server's version, or null when it does not say.</param>
/// <param name="Tables">Statistics by table, keyed as <see cref="LintContext.Key"/> writes it; a table that does not exist is missing.</param>
public sealed record LiveCatalogue(Version? ServerVersion, IReadOnlyDictionary<string, TableStats> Tables);
