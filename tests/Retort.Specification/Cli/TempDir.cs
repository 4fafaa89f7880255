namespace Retort.Specification.Cli;

/// <summary>
/// A temporary folder removed on dispose. By default it lies below <see cref="LocalRetortBuild.RootFolder"/>, so a C#
/// environment created in it builds against this test run's Retort assemblies; <c>localRetortBuild: false</c> puts it
/// in the plain temporary folder, where such a project needs the Retort packages from a feed.
/// </summary>
public sealed class TempDir : IDisposable
{
    public TempDir(bool localRetortBuild = true)
    {
        var parent = localRetortBuild ? LocalRetortBuild.RootFolder : System.IO.Path.GetTempPath();
        Path = System.IO.Path.Combine(parent, "retort-cli-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>The repository root (the folder holding Retort.slnx).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Retort.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Retort.slnx not found above the test folder.");
    }
}
