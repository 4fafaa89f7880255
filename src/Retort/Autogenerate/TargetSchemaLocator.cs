using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Retort.Migrations;

namespace Retort.Autogenerate;

/// <summary>Finds the <see cref="ITargetSchema"/> an environment's assembly declares.</summary>
public static class TargetSchemaLocator
{
    /// <summary>The one target schema in the assembly, or null when it declares none.</summary>
    /// <exception cref="RetortException">Several classes implement it, or it cannot be created.</exception>
    [RequiresUnreferencedCode(RevisionSet.TrimmingMessage)]
    public static ITargetSchema? Find(Assembly assembly)
    {
        var types = assembly.GetTypes().Where(t => typeof(ITargetSchema).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false }).ToList();
        if (types.Count == 0) return null;
        if (types.Count > 1)
            throw new RetortException($"The environment declares several target schemas ({string.Join(", ", types.Select(t => t.FullName))}); keep one class implementing ITargetSchema.");
        if (types[0].GetConstructor(Type.EmptyTypes) is null)
            throw new RetortException($"The target schema {types[0].FullName} needs a public parameterless constructor.");
        return (ITargetSchema)Activator.CreateInstance(types[0])!;
    }
}
