using System.Collections.Concurrent;
using System.Reflection;

namespace Retort.Dialects;

/// <summary>
/// Finds the dialect for a URL scheme or dialect name. An application registers the dialects it uses at start-up
/// (<c>SqliteDialect.Register()</c>, <c>PostgreSqlDialect.Register()</c>, or <see cref="Register"/> with an instance):
/// that works in every kind of publish, single-file, trimmed and Native AOT included. A scheme nobody registered is
/// looked up in the dialects that declare themselves with <see cref="RetortDialectAttribute"/> on their assembly:
/// the assemblies already loaded, the <c>Retort.*</c> assemblies the application was deployed with, and those its entry
/// assembly names with <c>[assembly: AssemblyMetadata("RetortDialectAssembly", "Retort.Sqlite")]</c>
/// (<see cref="AssemblyMetadataKey"/>; what <c>retort bundle</c> adds, since a single-file app has no files to find), so
/// the <c>retort</c> tool and a plain <c>dotnet run</c> need no registration.
/// A trimmed app keeps no assembly it does not reference, so there only registration works. A dialect found that
/// way is created only when a URL asks for it (creating one loads its driver).
/// </summary>
public static class DialectRegistry
{
    private static readonly ConcurrentDictionary<string, Dialect> Dialects = new(StringComparer.OrdinalIgnoreCase);
    // Scheme → the declared dialect's type and how to create it (the attribute's type keeps its constructor when trimmed).
    private static readonly ConcurrentDictionary<string, (Type Type, Func<Dialect> Create)> Declared = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Lazy<bool> Probed = new(Probe);
    private static readonly ConcurrentDictionary<Assembly, RetortDialectAttribute[]> Declaring = new();

    /// <summary>
    /// The assembly metadata key by which a program's entry assembly names the assemblies to look for dialects in
    /// (<c>[assembly: AssemblyMetadata("RetortDialectAssembly", "Retort.Sqlite")]</c>): a single-file app's assemblies are
    /// inside its file, where no scan finds them.
    /// </summary>
    public const string AssemblyMetadataKey = "RetortDialectAssembly";

    /// <summary>
    /// Registers a dialect under its name and URL schemes, replacing the one registered under them before (a dialect
    /// configured with options of the application's own).
    /// </summary>
    public static void Register(Dialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        Dialects[dialect.Name] = dialect;
        foreach (var scheme in dialect.UrlSchemes) Dialects[scheme] = dialect;
    }

    /// <summary>
    /// Registers a dialect of type <typeparamref name="TDialect"/> unless one of that type is registered under its name
    /// already; returns the registered one. Calling it again, from any thread, changes nothing: a dialect package's
    /// <c>Register()</c> is this.
    /// </summary>
    public static TDialect RegisterOnce<TDialect>(Func<TDialect> create) where TDialect : Dialect
    {
        ArgumentNullException.ThrowIfNull(create);
        lock (Declared)
        {
            var dialect = create();
            if (Dialects.TryGetValue(dialect.Name, out var existing) && existing is TDialect same) return same;
            Register(dialect);
            return dialect;
        }
    }

    /// <summary>The dialect for a scheme or name, or null.</summary>
    public static Dialect? Find(string schemeOrName)
    {
        if (Dialects.TryGetValue(schemeOrName, out var d)) return d;
        _ = Probed.Value;
        if (Dialects.TryGetValue(schemeOrName, out d)) return d;
        if (!Declared.TryGetValue(schemeOrName, out var declared)) return null;
        lock (Declared)
        {
            if (Dialects.TryGetValue(schemeOrName, out d)) return d;
            d = declared.Create();
            Register(d);
            return d;
        }
    }

    /// <summary>Names of the dialects known so far.</summary>
    public static IReadOnlyCollection<string> Known
    {
        get
        {
            _ = Probed.Value;
            return Dialects.Values.Select(d => d.Name)
                .Concat(Declared.GroupBy(kv => kv.Value.Type).Select(g => g.First().Key))
                .Distinct(StringComparer.OrdinalIgnoreCase).Order().ToList();
        }
    }

    /// <summary>The assemblies that declare dialects (<see cref="RetortDialectAttribute"/>) known so far, with their declarations.</summary>
    public static IReadOnlyList<(Assembly Assembly, IReadOnlyList<RetortDialectAttribute> Dialects)> Declarations
    {
        get
        {
            _ = Probed.Value;
            return Declaring.OrderBy(kv => kv.Key.GetName().Name, StringComparer.Ordinal)
                .Select(kv => (kv.Key, (IReadOnlyList<RetortDialectAttribute>)kv.Value)).ToList();
        }
    }

    /// <summary>
    /// The error for a scheme or dialect name no dialect handles: what is known, and how to register one.
    /// </summary>
    public static RetortException NotFound(string name, string shown) => new(
        $"No Retort dialect handles '{name}' (from '{shown}'). Known dialects: {(Known.Count == 0 ? "none" : string.Join(", ", Known))}. " +
        "Reference the dialect's package (Retort.Sqlite, Retort.PostgreSql) and register it at start-up: " +
        "SqliteDialect.Register() or PostgreSqlDialect.Register() (or DialectRegistry.Register(dialect), or pass the dialect to Database.Open). " +
        "A single-file, trimmed or Native AOT app must register its dialects, as there are no Retort.*.dll files to find them in.");

    private static bool Probe()
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies()) Declare(assembly);
        // The assemblies the entry assembly names (a single-file app's are inside its file, not in its folder), then the
        // folder's own files (added to the folder after the build, as the tool's dialect packages are).
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (Assembly.GetEntryAssembly() is { } entry)
            foreach (var named in entry.GetCustomAttributes<AssemblyMetadataAttribute>())
                if (named.Key == AssemblyMetadataKey && !string.IsNullOrWhiteSpace(named.Value)) names.Add(named.Value);
        var dir = AppContext.BaseDirectory;
        if (Directory.Exists(dir))
            foreach (var file in Directory.EnumerateFiles(dir, "Retort.*.dll"))
                names.Add(Path.GetFileNameWithoutExtension(file));
        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            try { Declare(Assembly.Load(new AssemblyName(name))); }
            catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException) { }
        }
        return true;
    }

    private static void Declare(Assembly assembly)
    {
        var declared = assembly.GetCustomAttributes<RetortDialectAttribute>().ToArray();
        if (declared.Length > 0) Declaring.TryAdd(assembly, declared);
        foreach (var a in declared)
        {
            if (a.Schemes.Count == 0)
            {
                // No schemes declared: the dialect itself has to say them.
                if (!Dialects.Values.Any(d => d.GetType() == a.DialectType)) Register((Dialect)Activator.CreateInstance(a.DialectType)!);
                continue;
            }
            var attribute = a;
            foreach (var scheme in a.Schemes) Declared.TryAdd(scheme, (a.DialectType, () => (Dialect)Activator.CreateInstance(attribute.DialectType)!));
        }
    }
}
