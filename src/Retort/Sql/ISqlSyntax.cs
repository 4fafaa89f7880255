namespace Retort.Sql;

/// <summary>
/// How a database writes names, values and SQL text: what a C# code step needs to build its own statements
/// (<c>ctx.Dialect.QuoteIdentifier(...)</c>). Every dialect is one.
/// </summary>
public interface ISqlSyntax
{
    /// <summary>The dialect's name, for example <c>sqlite</c>.</summary>
    string Name { get; }

    /// <summary>Quotes an identifier.</summary>
    string QuoteIdentifier(string identifier);

    /// <summary>Quotes a possibly schema-qualified name.</summary>
    string QualifyName(string? schema, string name);

    /// <summary>Renders a value as a SQL literal.</summary>
    string RenderLiteral(object? value);

    /// <summary>The database's quotes, strings and comments, for the SQL lexer.</summary>
    SqlFlavor SqlFlavor { get; }
}
