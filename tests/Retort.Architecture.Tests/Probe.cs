using NetArchTest.Rules;

namespace Retort.Architecture.Tests;

public class Probe
{
    [Fact]
    public void Dump()
    {
        var names = new[] { "Schema", "Revisions", "Sql", "Operations", "Migrations", "Dialects", "Connections", "Runner", "Autogenerate", "Environments", "Internal", "Commands" };
        foreach (var from in names)
            foreach (var to in names)
            {
                if (from == to) continue;
                var r = Types.InAssembly(typeof(RetortException).Assembly).That().ResideInNamespace("Retort." + from)
                    .Should().NotHaveDependencyOnAny("Retort." + to).GetResult();
                if (!r.IsSuccessful) Console.WriteLine($"DEP {from} -> {to}: {string.Join(", ", r.FailingTypes.Take(6).Select(t => t.Name))}");
            }
    }
}
