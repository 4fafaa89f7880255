using Retort.Dialects;
using Retort.Environments;

namespace Retort.Commands;

public sealed partial class MigrationCommands
{
    /// <summary>
    /// Creates a migrations environment in a new or empty folder. A C# environment's project references the packages of
    /// Retort and of every dialect this process knows (<see cref="DialectRegistry.Declarations"/>, embedded ones first)
    /// at the versions this process runs, then <see cref="InitArguments.References"/>; the config's URL is the first
    /// embedded dialect's example URL unless <see cref="InitArguments.Url"/> is given.
    /// </summary>
    /// <exception cref="RetortException">The folder is not empty, is a file, or no URL can be chosen.</exception>
    public static InitResult Init(InitArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var dialects = DialectRegistry.Declarations
            .Select(d => (d.Assembly, Example: d.Dialects.FirstOrDefault(a => a.ExampleUrl is not null)))
            .OrderBy(d => d.Example?.Embedded == true ? 0 : 1)
            .ToList();
        var url = arguments.Url ?? dialects.Select(d => d.Example?.ExampleUrl).FirstOrDefault(u => u is not null) ?? throw new RetortException(
            "No database dialect is available to suggest a URL for the new environment's config. Install a dialect package (Retort.Sqlite, Retort.PostgreSql) or give the URL.");
        var references = new List<EnvironmentReference> { EnvironmentReference.FromAssembly(typeof(MigrationCommands).Assembly) };
        references.AddRange(dialects.Select(d => EnvironmentReference.FromAssembly(d.Assembly)));
        references.AddRange(arguments.References);
        var directory = Path.GetFullPath(arguments.Directory);
        var files = EnvironmentScaffolder.Create(directory, arguments.Template, new ScaffoldOptions
        {
            Url = url,
            References = references,
            ProgramSource = arguments.ProgramSource,
        });
        return new InitResult(directory, arguments.Template, files);
    }
}
