using Retort.Dialects;
using Retort.Operations;

namespace Retort.PostgreSql.Internal;

/// <summary>
/// PostgreSQL's transactions: DDL is transactional, one transaction per revision (a commit is cheap), and concurrent
/// index builds, enum labels and the statements the server refuses in a transaction block run outside it.
/// </summary>
internal sealed class PostgreSqlTransactionPolicy : TransactionPolicy
{
    /// <inheritdoc />
    public override bool RunsOutsideTransaction(MigrationOperation operation) =>
        operation is CreateIndexOperation { Concurrently: true } or DropIndexOperation { Concurrently: true } or AddEnumValueOperation
        || base.RunsOutsideTransaction(operation);

    /// <inheritdoc />
    public override string? WhyNotInTransaction(string sql) =>
        StatementClassifier.OutsideTransactionOnly(sql) is { } what ? $"PostgreSQL runs {what} only outside a transaction block" : null;
}
