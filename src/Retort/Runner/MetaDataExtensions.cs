using Retort.Connections;
using Retort.Schema;

namespace Retort.Runner;

/// <summary>SQLAlchemy-style <c>metadata.create_all(engine)</c>.</summary>
public static class MetaDataExtensions
{
    /// <summary>Creates every table of the metadata on the database (only missing ones when <paramref name="checkFirst"/>).</summary>
    public static Task CreateAllAsync(this MetaData metadata, Database database, bool checkFirst = true, CancellationToken cancellationToken = default) =>
        database.CreateAllAsync(metadata, checkFirst, cancellationToken);

    /// <summary>Drops every table of the metadata from the database.</summary>
    public static Task DropAllAsync(this MetaData metadata, Database database, bool checkFirst = true, CancellationToken cancellationToken = default) =>
        database.DropAllAsync(metadata, checkFirst, cancellationToken);
}
