using System.Collections.Concurrent;

namespace Retort.Runner.Linting.Internal;

/// <summary>
/// The static lint reports of a fleet's runs, by path (default schema, server version, revisions): databases that run
/// the same revisions share one report instead of each linting the plan again.
/// </summary>
internal sealed class SharedLintReports
{
    private readonly ConcurrentDictionary<string, Lazy<LintReport>> _reports = new(StringComparer.Ordinal);

    public LintReport GetOrAdd(string key, Func<LintReport> lint) =>
        _reports.GetOrAdd(key, _ => new Lazy<LintReport>(lint, LazyThreadSafetyMode.ExecutionAndPublication)).Value;
}
