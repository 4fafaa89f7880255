using System.Diagnostics.CodeAnalysis;
using System.Reflection;
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

    /// <summary>
    /// The revision written as the class <typeparamref name="T"/> (marked with <see cref="RevisionAttribute"/>). Naming
    /// the classes scans no assembly, so a trimmed or Native AOT app keeps them without help:
    /// <c>new RevisionSet([Revision.FromClass&lt;CreateUsers&gt;(), Revision.FromClass&lt;AddEmail&gt;()])</c>.
    /// </summary>
    /// <exception cref="RetortException">The class carries no [Revision] attribute.</exception>
    public static Revision FromClass<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>()
        where T : Migration => TryFromClass(typeof(T)) ?? throw new RetortException(
            $"{typeof(T).FullName} carries no [Revision] attribute; give it one (for example [Revision(\"1975ea83b712\", DownRevision = \"ae1027a6acf0\")]).");

    /// <summary>The revision of a class marked with <see cref="RevisionAttribute"/>, or null for any other type.</summary>
    internal static Revision? TryFromClass([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] Type type)
    {
        if (type.GetCustomAttribute<RevisionAttribute>() is not { } a) return null;
        var down = a.DownRevisions ?? (a.DownRevision is null ? [] : [a.DownRevision]);
        var info = new RevisionInfo(a.Id, down, a.BranchLabels ?? [], a.DependsOn ?? [], a.Message);
        return new Revision(info, new ClassMigrationScript(type));
    }
}
