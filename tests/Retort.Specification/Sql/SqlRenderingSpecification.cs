using Retort.Migrations;
using Retort.Operations;
using Retort.Revisions;
using Retort.Runner;
using Retort.Specification.Support;

namespace Retort.Specification.Sql;

/// <summary>
/// The exact SQL every operation renders on a dialect: the cases are written once (<see cref="SqlCases"/>), rendered
/// through one helper (<see cref="SqlRendering"/>), and each dialect's subclass supplies the text it expects for each
/// case in <see cref="Expected"/>. A new operation type without a case, or a case without an expected text, fails.
/// </summary>
public abstract class SqlRenderingSpecification<TFactory> : Specification<TFactory> where TFactory : TestDatabaseFactory, new()
{
    /// <summary>
    /// The SQL this dialect renders for the case <paramref name="name"/> (statements separated by a blank line, as
    /// <see cref="SqlRendering.RenderAsync"/> returns them), or <c>refused: </c> and the error for a case it refuses.
    /// </summary>
    protected abstract string Expected(string name);

    [SpecTheory]
    [MemberData(nameof(SqlCases.Names), MemberType = typeof(SqlCases))]
    public async Task Each_operation_renders_exactly_the_expected_sql(string name)
    {
        var rendered = await SqlRendering.RenderAsync(OfflineDatabase(), SqlCases.Setup, SqlCases.All[name]);
        Assert.Equal(Expected(name).ReplaceLineEndings("\n"), rendered);
    }

    [SpecFact]
    public void Every_operation_type_has_a_case()
    {
        var operationTypes = typeof(MigrationOperation).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == typeof(MigrationOperation).Namespace && t.IsSubclassOf(typeof(MigrationOperation)) && !t.IsAbstract)
            .Select(t => t.IsGenericType ? t.GetGenericTypeDefinition() : t).ToList();
        Assert.Contains(typeof(CreateTableOperation), operationTypes);
        var covered = SqlCases.All.Values.SelectMany(SqlCases.OperationTypes).Select(t => t.IsGenericType ? t.GetGenericTypeDefinition() : t).ToHashSet();
        Assert.Empty(operationTypes.Where(t => !covered.Contains(t)).Select(t => t.Name));
    }

    [SpecFact]
    public async Task Offline_rendering_refuses_a_code_step_and_names_the_revision()
    {
        var revisions = new RevisionSet([new Revision(RevisionInfo.Create("r1", null, "step 1"), new InlineScript(op => op.Run("transform", (_, _) => Task.CompletedTask)))]);
        var script = new StringWriter();
        var e = await Assert.ThrowsAsync<OfflineNotSupportedException>(() => new Migrator(OfflineDatabase(), revisions).WriteScriptAsync(script, true, "head"));
        Assert.Contains("r1", e.Message);
        Assert.Contains("transform", e.Message);
        Assert.Equal("", script.ToString());
    }
}
