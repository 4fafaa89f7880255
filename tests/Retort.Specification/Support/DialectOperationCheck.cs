using Retort.Dialects;
using Retort.Operations;
using Retort.Runner;

namespace Retort.Tests.Shared;

/// <summary>
/// Checks a dialect against every kind of operation: it declares what it does with each (SQL, compiled, nothing,
/// refused with an error, run by the runner), and each sample compiles as declared.
/// </summary>
public static class DialectOperationCheck
{
    /// <summary>The operation types the dialect declares nothing for, each named with what is missing.</summary>
    public static IReadOnlyList<string> Undeclared(Dialect dialect) =>
        OperationSamples.OperationTypes
            .Where(t => dialect.Generator.SupportFor(t) is not { Note.Length: > 0 })
            .Select(t => $"{t.Name}: the {dialect.Name} dialect declares no SQL and no refusal for it (add it to its generator's SupportByKind)")
            .ToList();

    /// <summary>
    /// Compiles every sample, in order, against the schema the samples before it leave (as an offline script does), and
    /// returns each one whose result does not match what the dialect declares for its kind.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MismatchesAsync(Dialect dialect)
    {
        var problems = new List<string>();
        var tracker = new SchemaTracker();
        foreach (var sample in OperationSamples.All)
        {
            var support = dialect.Generator.SupportFor(sample.GetType());
            var name = $"{sample.GetType().Name} ('{sample.Describe()}'), declared {support?.Kind.ToString() ?? "nothing"}";
            IReadOnlyList<MigrationStep>? steps = null;
            RetortException? error = null;
            try { steps = await dialect.Generator.CompileAsync([sample], tracker, CancellationToken.None); }
            catch (RetortException e) { error = e; }
            var problem = (support?.Kind, steps, error) switch
            {
                (OperationSupportKind.Refused, _, { } e) when e.Message == support.RefusalFor(sample) => null,
                (OperationSupportKind.Refused, _, _) => "is not refused with the declared error",
                (_, null, { } e) => "fails: " + e.Message,
                (OperationSupportKind.Statements or OperationSupportKind.Compiled, { Count: > 0 } s, _) when s.All(x => x is MigrationStep.Sql) => null,
                (OperationSupportKind.Statements or OperationSupportKind.Compiled, _, _) => "does not compile to SQL statements",
                (OperationSupportKind.Nothing, { Count: 0 }, _) => null,
                (OperationSupportKind.Nothing, _, _) => "compiles to something",
                (OperationSupportKind.RunByRunner, { Count: > 0 } s, _) when s.All(x => x is MigrationStep.Code or MigrationStep.Data) => null,
                (OperationSupportKind.RunByRunner, _, _) => "does not compile to a step the runner runs",
                _ => "has no declaration",
            };
            if (problem is not null) problems.Add($"{name}: {problem}");
            // The samples' raw SQL and C# code change no table; tracked, they would make the rebuilds after them refuse to compile offline.
            if (sample is not (ExecuteSqlOperation or CodeStepOperation)) tracker.Apply([sample], "r1");
        }
        return problems;
    }
}
