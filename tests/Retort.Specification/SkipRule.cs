namespace Retort.Specification;

/// <summary>
/// The one rule for tests whose database server can be missing: on a developer machine without the server they are
/// skipped with a loud reason; in CI (<c>CI=true</c>) they run, and fail saying what is missing. Every suite and every
/// dialect-only test reads its skip reason from its <see cref="TestDatabaseFactory"/>, which asks this rule.
/// </summary>
public static class SkipRule
{
    /// <summary>True when the tests run in CI (<c>CI=true</c>), where nothing may be skipped for a missing server.</summary>
    public static bool InCI => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Null when the server of <paramref name="product"/> can be had (<paramref name="available"/>) or in CI; otherwise
    /// the skip reason, in capitals, with <paramref name="howToGetOne"/>.
    /// </summary>
    public static string? MissingServer(string product, bool available, string howToGetOne) => MissingServer(product, available, howToGetOne, InCI);

    /// <summary>The rule itself, with whether the tests run in CI given (see the other overload).</summary>
    public static string? MissingServer(string product, bool available, string howToGetOne, bool inCI) =>
        available || inCI ? null : $"SKIPPED: NO {product.ToUpperInvariant()} SERVER. {howToGetOne}; in CI (CI=true) this is a failure.";
}
