using Retort.Schema;

namespace Quickstart;

/// <summary>
/// The application's tables as the first revision creates them (SQLAlchemy's <c>MetaData</c> with <c>Table</c>s).
/// Later revisions change them step by step.
/// </summary>
public static class AppSchema
{
    public static MetaData Initial { get; } = Build();

    private static MetaData Build()
    {
        var metadata = new MetaData();
        _ = new Table("customer", metadata,
            new Column("id", SqlType.Integer, primaryKey: true),
            new Column("name", SqlType.String(100), nullable: false));
        _ = new Table("legacy_order", metadata,
            new Column("id", SqlType.Integer, primaryKey: true),
            new Column("customer_name", SqlType.String(100), nullable: false),
            new Column("item", SqlType.String(100), nullable: false),
            new Column("amount", SqlType.Numeric(10, 2), nullable: false));
        return metadata;
    }
}
