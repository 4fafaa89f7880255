using Retort.Specification.Cli;

namespace Retort.PostgreSql.Tests.Packaging;

/// <summary>
/// Every Retort package packed once, from a build of its own, into a folder feed at a version unique to this run: a
/// version the NuGet caches of this machine have never seen, so a restore takes these packages and no older ones
/// under the same number. The folder's <c>nuget.config</c> adds the feed to the machine's usual sources for any
/// project below it; it lies outside the tests' <see cref="LocalRetortBuild"/> folder, so nothing stands in for the
/// packages.
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    /// <summary>The packable projects, which are the packages.</summary>
    public static readonly string[] Packages = ["Retort", "Retort.Sqlite", "Retort.PostgreSql", "Retort.Hosting", "Retort.Testing", "Retort.Cli", "Retort.Tool"];

    private readonly TempDir _dir = new(localRetortBuild: false);

    /// <summary>The folder holding the feed and its <c>nuget.config</c>: create the consumers below it.</summary>
    public string Root => _dir.Path;

    /// <summary>The folder feed.</summary>
    public string Feed => _dir["feed"];

    /// <summary>The version of every package (a SemVer pre-release, as MinVer's override sets it).</summary>
    public string Version { get; } = "0.1.0-feedtest." + Guid.NewGuid().ToString("N")[..10] + "x";

    /// <summary>What <c>dotnet pack</c> printed.</summary>
    public CliResult Pack { get; private set; } = new(-1, "", "");

    public async Task InitializeAsync()
    {
        var repo = TempDir.RepositoryRoot();
        // One solution of the packable projects: one build of each, then every package. Its own artifacts folder: the
        // Release restore and build must not rewrite the obj folders the other tests build from at the same time.
        var solution = _dir["packages.slnx"];
        File.WriteAllText(solution, "<Solution>\n" + string.Concat(Packages.Select(p =>
            $"  <Project Path=\"{Path.GetRelativePath(_dir.Path, Path.Combine(repo, "src", p, p + ".csproj"))}\" />\n")) + "</Solution>\n");
        Pack = await CliRunner.ProcessAsync(repo, "dotnet", TimeSpan.FromMinutes(20),
            "pack", solution, "-c", "Release", "-o", Feed, "--artifacts-path", _dir["artifacts"], "-p:MinVerVersionOverride=" + Version,
            "-nologo", "-v:minimal", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        File.WriteAllText(_dir["nuget.config"], """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="retort-local" value="feed" />
              </packageSources>
            </configuration>
            """);
    }

    public Task DisposeAsync()
    {
        // Restores and the tool install extracted this run's version into the global packages folder: nothing will
        // use it again.
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var package in Packages)
        {
            var extracted = Path.Combine(packages, package.ToLowerInvariant(), Version);
            try { if (Directory.Exists(extracted)) Directory.Delete(extracted, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        _dir.Dispose();
        return Task.CompletedTask;
    }
}
