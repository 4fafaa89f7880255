namespace Retort.Dialects;

/// <summary>A statement the database refused; carries the statement and the database's own message.</summary>
public sealed class StatementFailedException : RetortException
{
    /// <summary>Creates the error.</summary>
    public StatementFailedException(SqlStatement statement, string databaseMessage, Exception? inner)
        : base($"The database refused this statement: {databaseMessage}\n{statement.Sql}", inner)
    {
        Statement = statement;
        DatabaseMessage = databaseMessage;
    }

    /// <summary>The statement that failed.</summary>
    public SqlStatement Statement { get; }

    /// <summary>The database's message.</summary>
    public string DatabaseMessage { get; }
}
