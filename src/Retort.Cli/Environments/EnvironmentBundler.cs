using System.Security;
using System.Text;
using Retort.Cli.Commands;
using Retort.Commands;
using Retort.Dialects;
using Retort.Environments;

namespace Retort.Cli.Environments;

/// <summary>
/// Makes a bundle of an environment (<c>retort bundle</c>): one executable that runs the retort commands on the
/// environment's revisions without the .NET SDK, or without any .NET when self-contained. A C# environment's own program
/// is published single-file; a SQL-only environment gets a program written for it (what 'init' writes for a C#
/// environment). The environment's <c>retort.json</c> and <c>.sql</c> revisions go inside the executable as resources
/// (<see cref="MigrationsEnvironment.BundleResourcePrefix"/>), so the bundle needs no file beside it.
/// </summary>
internal static class EnvironmentBundler
{
    /// <summary>The bundle's file name when none is given: <c>retort-bundle</c> (<c>.exe</c> for Windows).</summary>
    public static string DefaultFileName(string runtime) => "retort-bundle" + ExeSuffix(runtime);

    /// <summary>Publishes the bundle and copies its executable to <paramref name="output"/>; returns its size in bytes.</summary>
    /// <exception cref="RevisionFileException">The program does not build.</exception>
    public static async Task<long> BundleAsync(MigrationsEnvironment environment, string output, string runtime, bool selfContained,
        Action<string>? log, CancellationToken ct)
    {
        if (environment.IsBundled)
            throw new RetortException("This program is a bundle already. Run 'retort bundle' in the environment it was made from.");
        // Kept apart from the project's own bin/ and obj/ (and from the tool's build of it): another runtime identifier and
        // single-file settings must not rewrite what 'retort upgrade' loads.
        var work = Path.Combine(environment.Directory, "obj", "retort-bundle");
        Directory.CreateDirectory(work);
        var project = environment.ProjectPath ?? WriteProgram(environment, Path.Combine(work, "program"));
        if (!File.Exists(project))
            throw new RetortException($"The migrations project {project} named in {EnvironmentConfig.FileName} does not exist. Fix \"project\" in the config file, or remove it for a SQL-only environment.");
        var targets = Path.Combine(work, "Bundle.targets");
        await File.WriteAllTextAsync(targets, Targets(environment, project), ct);
        var publish = Path.Combine(work, "publish", runtime);
        if (Directory.Exists(publish)) Directory.Delete(publish, recursive: true);
        log?.Invoke($"Publishing {Path.GetFileName(project)} for {runtime}{(selfContained ? ", self-contained" : "")}...");
        await EnvironmentBuilder.PublishAsync(project,
        [
            "-c", "Release", "-r", runtime, "--self-contained", selfContained ? "true" : "false",
            "-p:PublishSingleFile=true",
            // SQLite's native library inside the file too (extracted once, at first start).
            "-p:IncludeNativeLibrariesForSelfExtract=true",
            // Precompiled: a migration run is a short process whose time would otherwise go to the JIT.
            "-p:PublishReadyToRun=true",
            "-p:DebugType=none",
            "-p:CustomAfterMicrosoftCommonTargets=" + targets,
            "--artifacts-path", Path.Combine(work, "artifacts"),
            "-o", publish,
        ], ct);
        var executable = Path.Combine(publish, Path.GetFileNameWithoutExtension(project) + ExeSuffix(runtime));
        if (!File.Exists(executable))
            throw new RetortException($"'dotnet publish' made no {Path.GetFileName(executable)} in {publish}. Check that the project is a program (<OutputType>Exe</OutputType>).");
        var directory = Path.GetDirectoryName(Path.GetFullPath(output));
        if (directory is not null) Directory.CreateDirectory(directory);
        File.Copy(executable, output, overwrite: true);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(output, File.GetUnixFileMode(output) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        return new FileInfo(output).Length;
    }

    private static string ExeSuffix(string runtime) => runtime.StartsWith("win", StringComparison.OrdinalIgnoreCase) ? ".exe" : "";

    // A SQL-only environment has no program: write the one 'init' writes for a C# environment, with no revisions of its own.
    private static string WriteProgram(MigrationsEnvironment environment, string directory)
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        var arguments = InitCommand.Arguments(directory, EnvironmentTemplate.CSharp);
        MigrationCommands.Init(arguments with { Url = environment.Config.Url ?? "sqlite:///app.db" });
        return Directory.GetFiles(directory, "*.csproj").Single();
    }

    // Imported after the SDK's targets of every project of the build (a global property), so its items are limited to the
    // program's project: the environment's config and .sql revisions as resources, under names the bundle reads them by.
    private static string Targets(MigrationsEnvironment environment, string project)
    {
        var sb = new StringBuilder();
        sb.Append("<Project>\n");
        sb.Append($"  <ItemGroup Condition=\"'$(MSBuildProjectFullPath)' == '{Escape(Path.GetFullPath(project))}'\">\n");
        Resource(sb, environment.ConfigPath, MigrationsEnvironment.BundleResourcePrefix + EnvironmentConfig.FileName);
        if (Directory.Exists(environment.RevisionsDirectory))
            foreach (var file in Directory.EnumerateFiles(environment.RevisionsDirectory, "*.sql", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                Resource(sb, file, MigrationsEnvironment.BundleResourcePrefix + "Revisions/" +
                    Path.GetRelativePath(environment.RevisionsDirectory, file).Replace('\\', '/'));
        // A single-file program's assemblies are inside it, where the dialect registry's scan of the program's folder
        // cannot see them: name the dialects' assemblies (those the environment's project does not reference are skipped).
        foreach (var (assembly, _) in DialectRegistry.Declarations)
            sb.Append($"    <AssemblyMetadata Include=\"{DialectRegistry.AssemblyMetadataKey}\" Value=\"{Escape(assembly.GetName().Name!)}\" />\n");
        sb.Append("  </ItemGroup>\n</Project>\n");
        return sb.ToString();
    }

    private static void Resource(StringBuilder sb, string file, string name) =>
        // WithCulture=false: a name such as 0001_init.de.sql is not a German satellite resource.
        sb.Append($"    <EmbeddedResource Include=\"{Escape(file)}\" LogicalName=\"{Escape(name)}\" WithCulture=\"false\" Type=\"Non-Resx\" />\n");

    // MSBuild reads %, $, @, ', ;, * and ? in an item or condition as syntax; then XML escaping.
    private static string Escape(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text)
            sb.Append(c is '%' or '$' or '@' or '\'' or ';' or '*' or '?' ? $"%{(int)c:X2}" : c.ToString());
        return SecurityElement.Escape(sb.ToString());
    }
}
