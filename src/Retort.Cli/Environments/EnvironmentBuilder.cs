using System.Diagnostics;
using System.Reflection;
using Retort.Environments;

namespace Retort.Cli.Environments;

/// <summary>
/// Builds a C# migrations project when its sources changed since the last build, and loads it. The project is
/// published ReadyToRun for this machine (precompiled, into <c>bin/retort</c>): a large environment, such as a
/// target schema of a thousand tables, would otherwise spend most of a short command in the JIT. After the
/// first build only the environment's own assembly is compiled again, which costs about what a plain build does.
/// </summary>
internal static class EnvironmentBuilder
{
    private static readonly string[] SourceExtensions = [".cs", ".csproj", ".props", ".targets"];

    private static string RuntimeIdentifier => System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;

    public static string AssemblyPath(string projectPath)
    {
        var dir = Path.GetDirectoryName(projectPath)!;
        return Path.Combine(dir, "bin", "retort", Path.GetFileNameWithoutExtension(projectPath) + ".dll");
    }

    public static bool IsStale(string projectPath)
    {
        var stamp = StampPath(projectPath);
        return !File.Exists(AssemblyPath(projectPath)) || !File.Exists(stamp) || File.ReadAllText(stamp) != SourcesHash(projectPath);
    }

    // The stamp holds a hash of the sources the assembly was built from. Comparing contents, not modification
    // times, is exact: a file saved within the file system's timestamp granularity of a build is still seen.
    private static string StampPath(string projectPath) =>
        Path.Combine(Path.GetDirectoryName(projectPath)!, "obj", "retort-sources.sha256");

    private static string SourcesHash(string projectPath)
    {
        var dir = Path.GetDirectoryName(projectPath)!;
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        // The Retort (core and commands) the project is compiled against and loaded into: after an update of the tool
        // the project is built again, so its revision classes never bind to members the new Retort no longer has.
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(RetortBuild + "\0"));
        foreach (var file in Sources(dir).Order(StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(dir, file) + "\0"));
            hash.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static string RetortBuild => ModuleId(typeof(MigrationsEnvironment)) + "/" + ModuleId(typeof(EnvironmentBuilder));

    private static string ModuleId(Type type)
    {
        try { return type.Module.ModuleVersionId.ToString(); }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException) { return type.Assembly.GetName().Version?.ToString() ?? ""; }
    }

    public static async Task<Assembly> BuildAndLoadAsync(string projectPath, Action<string>? log, CancellationToken ct)
    {
        byte[] image;
        byte[]? symbols;
        // Read under the build lock too: another command may be writing a new build into the same folder.
        await using (await LockAsync(projectPath, log, ct))
        {
            var dll = await BuildIfStaleAsync(projectPath, log, ct);
            var pdb = Path.ChangeExtension(dll, ".pdb");
            image = await File.ReadAllBytesAsync(dll, ct);
            symbols = File.Exists(pdb) ? await File.ReadAllBytesAsync(pdb, ct) : null;
        }
        var context = new EnvironmentLoadContext(Path.GetDirectoryName(AssemblyPath(projectPath))!);
        // Loaded from bytes: the file stays free for the next build, and a rebuilt file is never confused with the old one.
        using var imageStream = new MemoryStream(image);
        using var symbolStream = symbols is null ? null : new MemoryStream(symbols);
        return context.LoadFromStream(imageStream, symbolStream);
    }

    /// <summary>Builds the project when its sources changed since the last build; returns its assembly's path.</summary>
    public static async Task<string> EnsureBuiltAsync(string projectPath, Action<string>? log, CancellationToken ct)
    {
        await using (await LockAsync(projectPath, log, ct))
            return await BuildIfStaleAsync(projectPath, log, ct);
    }

    // Two commands that find the project stale at once must not both build it: the second build would fail on files
    // the first one holds ("being used by another process"), or copy over an assembly the first one is loading.
    // The second waits, then finds it built.
    private static async Task<EnvironmentLock> LockAsync(string projectPath, Action<string>? log, CancellationToken ct)
    {
        if (!File.Exists(projectPath))
            throw new RetortException($"The migrations project {projectPath} named in {EnvironmentConfig.FileName} does not exist. Fix \"project\" in the config file, or remove it for a SQL-only environment.");
        return await EnvironmentLock.AcquireAsync(Path.Combine(Path.GetDirectoryName(projectPath)!, "obj", "retort-build.lock"),
            $"building {Path.GetFileName(projectPath)}", log, ct);
    }

    private static async Task<string> BuildIfStaleAsync(string projectPath, Action<string>? log, CancellationToken ct)
    {
        if (IsStale(projectPath))
        {
            log?.Invoke($"Building {Path.GetFileName(projectPath)} (sources changed)...");
            // Hashed before the build: a file edited while it runs makes the next command build again.
            var sources = SourcesHash(projectPath);
            ForgetCompiledAssembly(projectPath);
            await BuildAsync(projectPath, ct);
            Directory.CreateDirectory(Path.GetDirectoryName(StampPath(projectPath))!);
            await File.WriteAllTextAsync(StampPath(projectPath), sources, ct);
        }
        return AssemblyPath(projectPath);
    }

    // MSBuild skips the compiler when no source is newer than its last output, and an edited file can carry an older
    // date (restored from version control, copied with its date kept). The sources' hash says they changed: remove the
    // compiled assembly in obj/ so the compiler runs. Packages and their precompiled code are kept.
    private static void ForgetCompiledAssembly(string projectPath)
    {
        var obj = Path.Combine(Path.GetDirectoryName(projectPath)!, "obj");
        if (!Directory.Exists(obj)) return;
        foreach (var file in Directory.EnumerateFiles(obj, Path.GetFileNameWithoutExtension(projectPath) + ".dll", SearchOption.AllDirectories))
            File.Delete(file);
    }

    private static IEnumerable<string> Sources(string dir)
    {
        foreach (var file in Directory.EnumerateFiles(dir))
            if (SourceExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase)) yield return file;
        foreach (var sub in Directory.EnumerateDirectories(dir))
        {
            var name = Path.GetFileName(sub);
            if (name is "bin" or "obj" || name.StartsWith('.')) continue;
            foreach (var file in Sources(sub)) yield return file;
        }
    }

    private static bool NeedsRestore(string projectPath)
    {
        var dir = Path.GetDirectoryName(projectPath)!;
        var assets = Path.Combine(dir, "obj", "project.assets.json");
        if (!File.Exists(assets)) return true;
        // A restore without this machine's runtime identifier (a plain 'dotnet build') cannot serve the publish.
        if (!File.ReadAllText(assets).Contains($"\"net10.0/{RuntimeIdentifier}\"", StringComparison.Ordinal)) return true;
        var restored = File.GetLastWriteTimeUtc(assets);
        return Directory.EnumerateFiles(dir)
            .Where(f => Path.GetExtension(f) is ".csproj" or ".props" or ".targets" || Path.GetFileName(f) == "nuget.config")
            .Any(f => File.GetLastWriteTimeUtc(f) > restored);
    }

    /// <summary>The <c>dotnet</c> host: the one running this process's build tooling when known, else the one on PATH.</summary>
    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static Task BuildAsync(string projectPath, CancellationToken ct)
    {
        string[] arguments =
        [
            "-c", "Release", "-r", RuntimeIdentifier, "--self-contained", "false", "-p:PublishReadyToRun=true",
            "-o", Path.GetDirectoryName(AssemblyPath(projectPath))!,
        ];
        // Editing a revision does not change the packages: skip the restore (about a second of every rebuild)
        // unless the project files changed since the last one.
        return PublishAsync(projectPath, NeedsRestore(projectPath) ? arguments : [.. arguments, "--no-restore"], ct);
    }

    /// <summary>Runs <c>dotnet publish</c> on the project with <paramref name="arguments"/>, quietly, without build servers.</summary>
    /// <exception cref="RevisionFileException">The project does not build.</exception>
    public static async Task PublishAsync(string projectPath, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(projectPath)!,
        };
        foreach (var a in new[] { "publish", projectPath, "-nologo", "-v:q", "-clp:NoSummary", "-nodeReuse:false", "-p:UseSharedCompilation=false" }.Concat(arguments))
            start.ArgumentList.Add(a);
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // The native tool runs socket continuations inline (Retort.Tool's Program.cs); MSBuild and NuGet are not written for it.
        start.Environment.Remove(EnvironmentProgram.InlineCompletionsVariable);
        using var process = Process.Start(start) ?? throw new RetortException("Could not start 'dotnet publish'. Is the .NET SDK installed and on PATH?");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try { await process.WaitForExitAsync(ct); }
        catch (OperationCanceledException)
        {
            // Ctrl-C: the build and the compilers it started stop too, not only this process.
            process.Kill(entireProcessTree: true);
            throw;
        }
        var output = await stdout + "\n" + await stderr;
        if (process.ExitCode == 0) return;
        var errors = output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))
            .Select(l => l.Contains(" [", StringComparison.Ordinal) ? l[..l.LastIndexOf(" [", StringComparison.Ordinal)] : l)
            .Distinct().Take(5).ToList();
        throw new RevisionFileException(projectPath,
            $"the migrations project does not build ({(errors.Count == 0 ? "dotnet publish exited with " + process.ExitCode : string.Join("; ", errors))}). Fix the revision and run the command again.");
    }
}
