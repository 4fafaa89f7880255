using Retort.Sql;

namespace Retort.Tests.Sql;

/// <summary>Parameter rendering for offline scripts replaces parameters in code only.</summary>
public sealed class SqlParametersTests
{
    private static readonly SqlFlavor Postgres = SqlFlavor.Standard with { EscapeStrings = true, DollarQuotes = true, NestedComments = true };

    private static string Literal(object? value) => value is null ? "NULL" : "'" + value.ToString()!.Replace("'", "''") + "'";

    [Fact]
    public void Only_the_parameters_in_code_are_replaced()
    {
        var values = new Dictionary<string, object?> { ["who"] = "x'y", ["n"] = 5 };
        const string sql = "INSERT INTO t (\"@who\", a, b, c, d) VALUES (@who, '@who', E'\\'@who', $$ @who $$, $f$ @who $f$) /* @who /* @who */ @who */ -- @who\n RETURNING @n, @missing";
        Assert.Equal(
            "INSERT INTO t (\"@who\", a, b, c, d) VALUES ('x''y', '@who', E'\\'@who', $$ @who $$, $f$ @who $f$) /* @who /* @who */ @who */ -- @who\n RETURNING '5', @missing",
            SqlParameters.Render(sql, values, Literal, Postgres));
    }

    [Fact]
    public void Brackets_and_backticks_are_quoted_names_where_the_flavour_says_so()
    {
        var values = new Dictionary<string, object?> { ["who"] = "x" };
        var sqliteLike = SqlFlavor.Standard with { BracketIdentifiers = true, BacktickIdentifiers = true };
        Assert.Equal("SELECT [@who], `@who`, 'x'", SqlParameters.Render("SELECT [@who], `@who`, @who", values, Literal, sqliteLike));
        Assert.Equal("SELECT a['x']", SqlParameters.Render("SELECT a[@who]", values, Literal, Postgres));
    }

    [Fact]
    public void Text_without_parameter_values_is_returned_as_it_is()
    {
        const string sql = "SELECT @who";
        Assert.Same(sql, SqlParameters.Render(sql, new Dictionary<string, object?>(), Literal));
        Assert.Same(sql, SqlParameters.Render(sql, new Dictionary<string, object?> { ["other"] = 1 }, Literal));
    }
}
