namespace Retort.Schema.Types;

/// <summary>JSON document (jsonb on PostgreSQL, text on SQLite).</summary>
public sealed record JsonType : SqlType;
