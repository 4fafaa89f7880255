namespace Retort;

/// <summary>
/// The logger categories Retort writes to when it is given an <c>ILoggerFactory</c> (filter them in
/// <c>appsettings.json</c> under <c>Logging:LogLevel</c>). Given a single <c>ILogger</c>, every category goes to it.
/// </summary>
public static class RetortLogCategories
{
    /// <summary>The run: which revision runs (<c>Running upgrade …</c> at Information), C# steps, clean-up after a failure.</summary>
    public const string Runner = "Retort.Runner";

    /// <summary>Every statement sent (DDL, savepoints, version and history rows) and every transaction boundary, at Debug.</summary>
    public const string Sql = "Retort.Sql";

    /// <summary>The migration lock (waiting for another run, got it) and lock failures retried with backoff.</summary>
    public const string Lock = "Retort.Lock";

    /// <summary>Batched data steps: batches, swaps of a copied table, waits for a lagging replica.</summary>
    public const string Data = "Retort.Data";

    /// <summary>Retort.Hosting: migrate-on-start in an application.</summary>
    public const string Hosting = "Retort.Hosting";
}
