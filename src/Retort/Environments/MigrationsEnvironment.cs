using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Retort.Migrations;
using Retort.Revisions;

namespace Retort.Environments;

/// <summary>
/// A migrations environment on disk: a <c>retort.json</c>, a folder of revision files (C# classes and
/// <c>.sql</c> files) and, for C# revisions, the project that compiles them.
/// </summary>
public sealed class MigrationsEnvironment
{
    // A bundled environment's .sql revisions (name relative to the revisions folder, text), read from its program.
    private readonly IReadOnlyList<(string Name, string Text)>? _bundledSql;

    private MigrationsEnvironment(string configPath, EnvironmentConfig config, IReadOnlyList<(string Name, string Text)>? bundledSql = null)
    {
        ConfigPath = Path.GetFullPath(configPath);
        Directory = Path.GetDirectoryName(ConfigPath)!;
        Config = config;
        _bundledSql = bundledSql;
    }

    /// <summary>
    /// The prefix of the manifest resources that carry an environment inside a program (<c>retort bundle</c>):
    /// <c>retort-bundle/retort.json</c> and <c>retort-bundle/Revisions/…/*.sql</c>.
    /// </summary>
    public const string BundleResourcePrefix = "retort-bundle/";

    /// <summary>
    /// True for an environment carried inside its program (<c>retort bundle</c>): its config and <c>.sql</c> revisions
    /// are read from the program, and it cannot take new revisions.
    /// </summary>
    public bool IsBundled => _bundledSql is not null;

    /// <summary>
    /// The environment bundled into <paramref name="program"/> (<see cref="BundleResourcePrefix"/>), placed in
    /// <paramref name="directory"/> (the program's folder: a relative SQLite path in its URL is relative to it), or
    /// null when the program carries none.
    /// </summary>
    /// <exception cref="RetortException">The bundled config is invalid.</exception>
    public static MigrationsEnvironment? OpenBundled(Assembly program, string directory)
    {
        ArgumentNullException.ThrowIfNull(program);
        var configName = BundleResourcePrefix + EnvironmentConfig.FileName;
        var names = program.GetManifestResourceNames();
        if (!names.Contains(configName, StringComparer.Ordinal)) return null;
        var configPath = Path.Combine(directory, EnvironmentConfig.FileName);
        var config = EnvironmentConfig.Parse(ReadResource(program, configName), configPath + " (bundled)");
        var sqlPrefix = BundleResourcePrefix + "Revisions/";
        var sql = names.Where(n => n.StartsWith(sqlPrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[sqlPrefix.Length..], ReadResource(program, n))).ToList();
        return new MigrationsEnvironment(configPath, config, sql);
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The config file.</summary>
    public string ConfigPath { get; }

    /// <summary>The folder holding the config file.</summary>
    public string Directory { get; }

    /// <summary>The configuration.</summary>
    public EnvironmentConfig Config { get; }

    /// <summary>The folder of revision files.</summary>
    public string RevisionsDirectory => Path.GetFullPath(Path.Combine(Directory, Config.Revisions));

    /// <summary>The C# project, or null for a SQL-only environment.</summary>
    public string? ProjectPath => Config.Project is null ? null : Path.GetFullPath(Path.Combine(Directory, Config.Project));

    /// <summary>Opens the environment whose config file is <paramref name="configPath"/>.</summary>
    public static MigrationsEnvironment Open(string configPath)
    {
        if (!File.Exists(configPath))
            throw new RetortException($"The config file {configPath} does not exist. Create an environment with 'retort init DIR', or pass the right --config.");
        return new MigrationsEnvironment(configPath, EnvironmentConfig.Load(configPath));
    }

    /// <summary>Finds <c>retort.json</c> in <paramref name="startDirectory"/> or its parents; null when there is none.</summary>
    public static MigrationsEnvironment? Find(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, EnvironmentConfig.FileName);
            if (File.Exists(path)) return Open(path);
        }
        return null;
    }

    /// <summary>
    /// The database URL: <paramref name="explicitUrl"/> (from --url or RETORT_URL) if given, else the config's.
    /// A relative SQLite path from the config file is made relative to the environment's folder.
    /// </summary>
    public string? ResolveUrl(string? explicitUrl) =>
        explicitUrl ?? (Config.Url is null ? null : DatabaseUrls.Anchor(Config.Url, Directory));

    /// <summary>
    /// All revisions: the <c>.sql</c> files of the revisions folder plus the C# revision classes of
    /// <paramref name="compiled"/>, the environment's compiled project (null for a SQL-only environment). Building and
    /// loading the project is the host's business (the <c>retort</c> tool builds it when its sources changed).
    /// </summary>
    /// <exception cref="RevisionFileException">A file is malformed.</exception>
    [RequiresUnreferencedCode(RevisionSet.TrimmingMessage)]
    public RevisionSet LoadRevisions(Assembly? compiled)
    {
        var revisions = new List<Revision>(LoadSqlRevisions());
        if (compiled is not null) revisions.AddRange(RevisionSet.Discover(compiled));
        return new RevisionSet(revisions);
    }

    /// <summary>
    /// Takes the environment's lock for writing a new revision: commands that create revisions at the same time
    /// (in several processes) take turns, so each new revision is built on the head the one before it wrote and the
    /// graph stays one line. Take it before reading the revisions the new one is based on; dispose it after the
    /// file is written. Waits while another process holds it, saying so once through <paramref name="log"/>.
    /// </summary>
    public async Task<IAsyncDisposable> LockForNewRevisionAsync(Action<string>? log = null, CancellationToken cancellationToken = default) =>
        IsBundled ? throw BundledReadOnly() : await EnvironmentLock.AcquireAsync(Path.Combine(Directory, "obj", "retort-revision.lock"), "writing a revision", log, cancellationToken);

    /// <summary>The revisions written as <c>.sql</c> files, in file-name order.</summary>
    /// <exception cref="RetortException">A SQL-only environment's revisions folder does not exist.</exception>
    public IEnumerable<Revision> LoadSqlRevisions()
    {
        if (_bundledSql is not null)
            return _bundledSql.Select(f => SqlRevisionFile.Parse(f.Text, Path.Combine(RevisionsDirectory, f.Name))).ToList();
        // Without its folder a SQL-only environment has no revisions at all, and a database that has some would be
        // reported as naming unknown ones. A C# environment's revisions may all be compiled in (a deployed program).
        if (!System.IO.Directory.Exists(RevisionsDirectory) && ProjectPath is null)
            throw new RetortException($"The revisions folder {RevisionsDirectory} does not exist (\"revisions\" in {ConfigPath} names it). " +
                "Restore the folder, correct \"revisions\" in the config file, or create the folder if this environment has no revisions yet.");
        if (!System.IO.Directory.Exists(RevisionsDirectory)) return [];
        return System.IO.Directory.EnumerateFiles(RevisionsDirectory, "*.sql", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).Select(SqlRevisionFile.Load).ToList();
    }

    /// <summary>
    /// Writes a new revision file whose parents are resolved from <see cref="NewRevisionRequest.Heads"/> in
    /// <paramref name="revisions"/>; returns the file and the revision.
    /// </summary>
    /// <exception cref="RevisionGraphException">The parents are ambiguous (several heads) or not heads without splice.</exception>
    public (string Path, RevisionInfo Revision) CreateRevision(RevisionSet revisions, NewRevisionRequest request)
    {
        if (IsBundled) throw BundledReadOnly();
        var graph = revisions.Graph;
        var id = request.RevisionId ?? RevisionIds.New();
        if (!RevisionIds.IsValid(id))
            throw new RetortException($"'{id}' cannot be a revision id: use letters, digits and '_' only (and not head, heads or base).");
        if (graph.TryGet(id, out _))
            throw new RetortException($"Revision id '{id}' is already used. Pick another --rev-id, or omit it for a fresh one.");
        var parents = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var h in request.Heads)
        {
            if (h == "base") continue;
            IReadOnlyList<string> resolved;
            try
            {
                resolved = graph.Heads.Count == 0 && h == "head" ? [] : graph.ResolveUpgradeTarget(h, []).Revisions;
            }
            catch (MultipleHeadsException e)
            {
                throw new RevisionGraphException($"There are several heads ({string.Join(", ", e.Heads)}), so the new revision's parent is ambiguous. " +
                    "Pass --head <revision> (or <label>@head) to say which one to build on, or run 'merge heads' first.");
            }
            foreach (var p in resolved)
            {
                if (!request.Splice && graph.Children(p).Count > 0)
                    throw new RevisionGraphException($"Revision {p} is not a head revision. Pass --splice to create a new branch from it, or base the revision on a head.");
                parents.Add(p);
            }
        }
        var info = new RevisionInfo(id, parents.ToList(), request.BranchLabels, request.DependsOn, request.Message);
        var format = request.Format ?? (ProjectPath is null ? RevisionFormat.Sql : RevisionFormat.CSharp);
        if (format == RevisionFormat.CSharp && ProjectPath is null)
            throw new RetortException("This environment is SQL-only (its config names no C# project), so it cannot hold C# revisions. Write a SQL revision instead.");
        System.IO.Directory.CreateDirectory(RevisionsDirectory);
        var slug = Slug(request.Message);
        var path = Path.Combine(RevisionsDirectory, $"{id}{(slug.Length > 0 ? "_" + slug : "")}.{(format == RevisionFormat.Sql ? "sql" : "cs")}");
        var ns = Config.Namespace ?? Path.GetFileNameWithoutExtension(ProjectPath ?? "Migrations") + ".Revisions";
        if (format == RevisionFormat.Sql && request.UpgradeBody is not null)
            throw new RetortException("Generated operations are written as C#; this environment or --format asks for SQL.");
        File.WriteAllText(path, format == RevisionFormat.Sql ? SqlRevisionFile.Render(info) : CSharpRevisionFile.Render(info, ns, request.UpgradeBody, request.DowngradeBody));
        return (path, info);
    }

    private static RetortException BundledReadOnly() => new(
        "This environment is bundled into its program, which runs revisions but cannot write new ones. " +
        "Create the revision in the environment the bundle was made from, then run 'retort bundle' again.");

    private static string Slug(string message)
    {
        var chars = message.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray();
        var slug = string.Join('_', new string(chars).Split('_', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length > 40 ? slug[..40].TrimEnd('_') : slug;
    }
}
