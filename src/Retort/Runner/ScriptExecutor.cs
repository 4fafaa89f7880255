using Retort.Dialects;
using Retort.Operations;
using Retort.Sql;

namespace Retort.Runner;

/// <summary>Writes statements as an offline SQL script, parameters rendered as escaped literals.</summary>
public sealed class ScriptExecutor : MigrationExecutor
{
    private readonly TextWriter _writer;
    private readonly Dialect _dialect;
    private readonly SchemaTracker _tracker;
    private bool _inTransaction;

    /// <summary>Creates a script writer; <paramref name="tracker"/> holds the schema at the script's start.</summary>
    public ScriptExecutor(TextWriter writer, Dialect dialect, SchemaTracker? tracker = null)
    {
        _writer = writer;
        _dialect = dialect;
        _tracker = tracker ?? new SchemaTracker();
    }

    /// <summary>The revision being rendered, for the error when a code step is met.</summary>
    public string? CurrentRevision { get; set; }

    /// <inheritdoc />
    public override bool IsOffline => true;

    /// <inheritdoc />
    public override ISchemaSnapshot Schema => _tracker;

    /// <inheritdoc />
    public override bool InTransaction => _inTransaction;

    /// <inheritdoc />
    public override Task BeginAsync(CancellationToken cancellationToken)
    {
        _writer.WriteLine(_dialect.Transactions.BeginTransactionSql + ";");
        _writer.WriteLine();
        _inTransaction = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task CommitAsync(CancellationToken cancellationToken)
    {
        _writer.WriteLine("COMMIT;");
        _writer.WriteLine();
        _inTransaction = false;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task RollbackAsync(CancellationToken cancellationToken)
    {
        _inTransaction = false;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task ExecuteAsync(SqlStatement statement, CancellationToken cancellationToken)
    {
        var reopen = !statement.Transactional && _inTransaction;
        if (reopen)
        {
            _writer.WriteLine("-- the next statement cannot run inside a transaction");
            await CommitAsync(cancellationToken);
        }
        _writer.WriteLine(SqlSplitter.Terminate(Render(statement), _dialect.SqlFlavor));
        _writer.WriteLine();
        if (reopen) await BeginAsync(cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>A code step's registration refuses it offline (<see cref="OfflineMode.Refused"/>): it needs a live connection.</remarks>
    public override Task RunCodeAsync(CodeStepOperation step, CancellationToken cancellationToken)
    {
        RefuseIfRegistrationSays(step, step.Description);
        throw new InvalidOperationException($"Internal: a C# step cannot be written in a script, but the registration of {step.GetType().Name} does not refuse it.");
    }

    /// <summary>
    /// A data step as its registration says (<see cref="OperationRegistration.Offline"/>): a set-based backfill is
    /// simplified to one UPDATE over the whole table, with a comment saying so; a C# transformation needs a live
    /// connection and is refused, as code steps are.
    /// </summary>
    public override async Task RunDataStepAsync(DataOperation step, CancellationToken cancellationToken)
    {
        RefuseIfRegistrationSays(step, step.Describe());
        if (step is not BackfillOperation backfill)
            throw new InvalidOperationException($"Internal: an offline script writes no data step but a backfill, and the registration of {step.GetType().Name} does not refuse it.");
        Comment(backfill.Atomic
            ? "Atomic backfill: one UPDATE in the revision's transaction, as online."
            : "Backfill, rendered as one UPDATE over the whole table. Run online, Retort updates in short\n" +
              "batches by primary key with a checkpoint per batch; this statement locks every row it changes until COMMIT.");
        var table = _dialect.QualifyName(backfill.Schema, backfill.TableName);
        await ExecuteAsync(new SqlStatement(_dialect.DataMigrations.UpdateAllSql(table, backfill.Set, backfill.Where)), cancellationToken);
    }

    private void RefuseIfRegistrationSays(MigrationOperation step, string name)
    {
        if (OperationRegistry.For(step).Offline.Mode == OfflineMode.Refused) throw new OfflineNotSupportedException(CurrentRevision, name);
    }

    /// <inheritdoc />
    public override Task<IReadOnlyList<object?[]>> QueryAsync(SqlStatement statement, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Offline mode cannot read from the database.");

    /// <inheritdoc />
    public override void Comment(string text)
    {
        foreach (var line in text.Split('\n')) _writer.WriteLine("-- " + line);
        _writer.WriteLine();
    }

    /// <inheritdoc />
    public override void AfterOperations(IReadOnlyList<MigrationOperation> group) => _tracker.Apply(group, CurrentRevision);

    /// <summary>
    /// The statement with each <c>@name</c> parameter replaced by its literal; an <c>@name</c> inside a string, comment,
    /// dollar-quoted body or quoted name is left alone (read as the dialect's <see cref="Dialect.SqlFlavor"/> says).
    /// </summary>
    public string Render(SqlStatement statement) => SqlParameters.Render(statement.Sql, statement.Parameters, _dialect.RenderLiteral, _dialect.SqlFlavor);
}
