using Retort.Schema;

namespace Retort.Operations;

/// <summary>A new column of an online split or merge, with the SQL that computes it from a row of the old shape.</summary>
/// <param name="Column">Its definition (name, type, nullability, default).</param>
/// <param name="Up">SQL computing it from a row of the old shape (column names as they are before the revision).</param>
public sealed record OnlineColumn(Column Column, string Up);
