namespace Retort.Lint;

/// <summary>A statement a rule finds, with the schema and rows it needs, to run on a real server.</summary>
/// <param name="Setup">SQL that makes the tables the statement works on (and a few rows, so a scan or rewrite shows).</param>
/// <param name="Statement">The statement the rule finds.</param>
/// <param name="Table">The table whose lock and relation file are observed.</param>
public sealed record LintExample(string Setup, string Statement, string Table);
