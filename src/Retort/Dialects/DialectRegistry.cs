using System.Collections.Concurrent;
using System.Reflection;

namespace Retort.Dialects;

/// <summary>
/// Finds the dialect for a URL scheme or dialect name. Dialects declare themselves with
/// <see cref="RetortDialectAttribute"/> on their assembly; assemblies named <c>Retort.*.dll</c> next to the
/// application are probed on first use, so adding a database means adding a project, not editing the core. A
/// dialect is created only when a URL asks for it (creating one loads its driver).
/// </summary>
public static class DialectRegistry
{
    private static readonly ConcurrentDictionary<string, Dialect> Dialects = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConcurrentDictionary<string, Type> Declared = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Lazy<bool> Probed = new(Probe);
    private static readonly ConcurrentDictionary<Assembly, RetortDialectAttribute[]> Declaring = new();

    /// <summary>Registers a dialect under its name and URL schemes.</summary>
    public static void Register(Dialect dialect)
    {
        Dialects[dialect.Name] = dialect;
        foreach (var scheme in dialect.UrlSchemes) Dialects[scheme] = dialect;
    }

    /// <summary>The dialect for a scheme or name, or null.</summary>
    public static Dialect? Find(string schemeOrName)
    {
        if (Dialects.TryGetValue(schemeOrName, out var d)) return d;
        _ = Probed.Value;
        if (Dialects.TryGetValue(schemeOrName, out d)) return d;
        if (!Declared.TryGetValue(schemeOrName, out var type)) return null;
        lock (Declared)
        {
            if (Dialects.TryGetValue(schemeOrName, out d)) return d;
            d = (Dialect)Activator.CreateInstance(type)!;
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
                .Concat(Declared.GroupBy(kv => kv.Value).Select(g => g.First().Key))
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

    private static bool Probe()
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies()) Declare(assembly);
        var dir = AppContext.BaseDirectory;
        if (Directory.Exists(dir))
            foreach (var file in Directory.EnumerateFiles(dir, "Retort.*.dll"))
            {
                try { Declare(Assembly.Load(AssemblyName.GetAssemblyName(file))); }
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
            foreach (var scheme in a.Schemes) Declared.TryAdd(scheme, a.DialectType);
        }
    }
}
