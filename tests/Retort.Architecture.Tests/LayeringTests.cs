using NetArchTest.Rules;

namespace Retort.Architecture.Tests;

/// <summary>
/// The core's layers, as docs/architecture.md draws them: each namespace of the Retort assembly may depend only on the
/// namespaces listed for it (its own sub-namespaces included), and the core knows no database driver, console or
/// command-line library. A dependency against these rules fails here with the types that have it.
/// </summary>
public sealed class LayeringTests
{
    private static readonly System.Reflection.Assembly Core = typeof(RetortException).Assembly;

    // Lowest first. A namespace may use the root namespace (RetortException) and what its row lists, nothing else of the core.
    private static readonly (string Name, string[] MayUse)[] Layers =
    [
        ("Schema", []),
        ("Revisions", []),
        ("Sql", []),
        ("Internal", ["Sql"]),
        ("Operations", ["Schema", "Sql", "Internal"]),
        ("Migrations", ["Operations", "Schema", "Revisions", "Sql", "Internal"]),
        ("Lint", ["Operations", "Schema", "Sql", "Internal"]),
        ("Dialects", ["Lint", "Operations", "Schema", "Sql", "Internal"]),
        ("Connections", ["Dialects", "Lint", "Operations", "Schema", "Sql", "Internal"]),
        ("Runner", ["Connections", "Dialects", "Lint", "Migrations", "Operations", "Schema", "Revisions", "Sql", "Internal"]),
        ("Autogenerate", ["Runner", "Connections", "Dialects", "Lint", "Migrations", "Operations", "Schema", "Revisions", "Sql", "Internal"]),
        ("Environments", ["Runner", "Connections", "Dialects", "Lint", "Migrations", "Operations", "Schema", "Revisions", "Sql", "Internal"]),
        ("Commands", ["Environments", "Autogenerate", "Runner", "Connections", "Dialects", "Lint", "Migrations", "Operations", "Schema", "Revisions", "Sql", "Internal"]),
        ("Fleet", ["Commands", "Environments", "Autogenerate", "Runner", "Connections", "Dialects", "Lint", "Migrations", "Operations", "Schema", "Revisions", "Sql", "Internal"]),
    ];

    public static TheoryData<string> Namespaces() => [.. Layers.Select(l => l.Name)];

    [Theory]
    [MemberData(nameof(Namespaces))]
    public void A_namespace_depends_only_on_the_layers_below_it(string name)
    {
        var allowed = Layers.Single(l => l.Name == name).MayUse.Append(name).ToHashSet();
        var forbidden = Layers.Select(l => l.Name).Where(n => !allowed.Contains(n)).Select(n => "Retort." + n).ToArray();
        var result = Types.InAssembly(Core).That().ResideInNamespace("Retort." + name)
            .Should().NotHaveDependencyOnAny(forbidden).GetResult();
        Assert.True(result.IsSuccessful,
            $"Retort.{name} may use only {string.Join(", ", allowed.Where(n => n != name).Select(n => "Retort." + n).DefaultIfEmpty("nothing else of the core"))}, " +
            $"but these types use {string.Join(" or ", forbidden)}: {string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? [])}");
    }

    [Fact]
    public void Every_namespace_of_the_core_has_a_place_in_the_layers()
    {
        var known = Layers.Select(l => "Retort." + l.Name).ToList();
        var stray = Core.GetTypes().Select(t => t.Namespace).Distinct()
            .Where(ns => ns is not null && ns != "Retort" && ns.StartsWith("Retort.", StringComparison.Ordinal)
                && !known.Any(k => ns == k || ns.StartsWith(k + ".", StringComparison.Ordinal)))
            .ToList();
        Assert.True(stray.Count == 0, $"Namespaces with no layer (add them to Layers and docs/architecture.md): {string.Join(", ", stray)}");
    }

    [Fact]
    public void The_root_namespace_depends_on_nothing_else_of_the_core()
    {
        var root = Core.GetTypes().Where(t => t.Namespace == "Retort").ToList();
        Assert.NotEmpty(root);
        var result = Types.InAssembly(Core).That().ResideInNamespaceMatching("^Retort$")
            .Should().NotHaveDependencyOnAny(Layers.Select(l => "Retort." + l.Name).ToArray()).GetResult();
        Assert.True(result.IsSuccessful, $"The root namespace may hold only what every layer uses: {string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? [])}");
    }

    [Fact]
    public void The_core_knows_no_database_driver_console_or_command_line()
    {
        var result = Types.InAssembly(Core).Should()
            .NotHaveDependencyOnAny("Microsoft.Data.Sqlite", "Npgsql", "System.CommandLine", "Spectre.Console", "Retort.Sqlite", "Retort.PostgreSql", "Retort.Cli", "Retort.Testing")
            .GetResult();
        Assert.True(result.IsSuccessful, $"The core must name no database or front end: {string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? [])}");
    }

    [Fact]
    public void A_dialect_knows_no_other_dialect_and_no_front_end()
    {
        foreach (var (dialect, others) in new[]
        {
            (typeof(Retort.Sqlite.SqliteDialect).Assembly, new[] { "Retort.PostgreSql", "Npgsql", "Retort.Cli", "Retort.Testing", "Retort.Commands" }),
            (typeof(Retort.PostgreSql.PostgreSqlDialect).Assembly, ["Retort.Sqlite", "Microsoft.Data.Sqlite", "Retort.Cli", "Retort.Testing", "Retort.Commands"]),
        })
        {
            var result = Types.InAssembly(dialect).Should().NotHaveDependencyOnAny(others).GetResult();
            Assert.True(result.IsSuccessful, $"{dialect.GetName().Name} uses {string.Join(" or ", others)}: {string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? [])}");
        }
    }

    [Fact]
    public void The_rules_see_dependencies_that_exist()
    {
        // A check that could never fail would pin nothing: the runner does use the dialects, and the rules must see it.
        var result = Types.InAssembly(Core).That().ResideInNamespace("Retort.Runner").Should().NotHaveDependencyOnAny("Retort.Dialects").GetResult();
        Assert.False(result.IsSuccessful);
    }
}
