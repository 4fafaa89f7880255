using Retort.Dialects;
using Retort.Operations;

namespace Retort.PostgreSql;

public sealed partial class PostgreSqlDdlGenerator
{
    /// <summary>CREATE TYPE … AS ENUM.</summary>
    public override IEnumerable<SqlStatement> CreateEnumType(CreateEnumTypeOperation operation) =>
        [new($"CREATE TYPE {Q(operation.Schema, operation.Name)} AS ENUM ({string.Join(", ", operation.Values.Select(v => Dialect.RenderLiteral(v)))})")];

    /// <summary>ALTER TYPE … ADD VALUE IF NOT EXISTS, outside the transaction.</summary>
    public override IEnumerable<SqlStatement> AddEnumValue(AddEnumValueOperation operation)
    {
        var sql = $"ALTER TYPE {Q(operation.Schema, operation.TypeName)} ADD VALUE IF NOT EXISTS {Dialect.RenderLiteral(operation.Value)}";
        if (operation.Before is not null) sql += " BEFORE " + Dialect.RenderLiteral(operation.Before);
        else if (operation.After is not null) sql += " AFTER " + Dialect.RenderLiteral(operation.After);
        return [new SqlStatement(sql) { Transactional = false }];
    }

    /// <summary>DROP TYPE.</summary>
    public override IEnumerable<SqlStatement> DropEnumType(DropEnumTypeOperation operation) =>
        [new($"DROP TYPE {Q(operation.Schema, operation.Name)}")];
}
