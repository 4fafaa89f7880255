using System.Reflection;
using Retort.Connections;

namespace Retort.Hosting.Internal;

/// <summary>What <see cref="RetortBuilder"/> sets in code and configuration cannot hold: the revisions' assembly and how to open the database.</summary>
internal sealed class RetortServices
{
    public Assembly? RevisionsAssembly { get; set; }

    public Func<IServiceProvider, Database>? OpenDatabase { get; set; }
}
