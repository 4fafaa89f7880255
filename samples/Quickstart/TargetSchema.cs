using Retort.Autogenerate;
using Retort.Schema;

namespace Quickstart;

/// <summary>
/// The schema the revisions lead to (Alembic's <c>target_metadata</c>): <c>retort check</c> and
/// <c>retort test</c> compare the database at head with it.
/// </summary>
public sealed class TargetSchema : ITargetSchema
{
    /// <inheritdoc />
    public MetaData Build()
    {
        var m = new MetaData();
        _ = new Table("customer", m,
            new Column("id", SqlType.Integer, primaryKey: true),
            new Column("full_name", SqlType.String(100), nullable: false),
            new Column("email", SqlType.String(50)));
        _ = new Table("order_line", m,
            new Column("id", SqlType.Integer, primaryKey: true),
            new Column("customer_id", SqlType.Integer, nullable: false, references: "customer.id"),
            new Column("item", SqlType.String(100), nullable: false),
            new Column("amount_cents", SqlType.BigInteger, nullable: false));
        return m;
    }
}
