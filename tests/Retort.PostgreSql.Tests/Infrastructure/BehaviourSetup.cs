using System.Runtime.CompilerServices;
using Retort.Behaviour;

namespace Retort.PostgreSql.Tests.Infrastructure;

/// <summary>Makes the shared behaviour suite follow the <see cref="PgFactAttribute"/> rule in this project.</summary>
internal static class BehaviourSetup
{
    // Runs before xUnit instantiates any test attribute of this assembly.
#pragma warning disable CA2255 // a test assembly, not a library
    [ModuleInitializer]
    internal static void Initialize() => BehaviourEnvironment.SkipReason = PgFactAttribute.SkipReason;
#pragma warning restore CA2255
}
