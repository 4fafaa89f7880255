using Retort.Revisions;

namespace Retort.Migrations;

/// <summary>A revision: its place in the graph and the script that builds its plans.</summary>
/// <param name="Info">Id, parents, labels, dependencies and message.</param>
/// <param name="Script">The script that builds the upgrade and downgrade plans.</param>
public sealed record Revision(RevisionInfo Info, IMigrationScript Script)
{
    /// <summary>The revision id.</summary>
    public string Id => Info.Id;

    /// <summary>Where the revision is written, for messages: its file (a C# class's source file when known, else its class).</summary>
    public string Location => Script is ClassMigrationScript { SourceFile: { } file } ? file : Script.Source;
}
