namespace Retort.PostgreSql.Tests.ExpandContract;

/// <summary>What a test wrote to one row: the number it was inserted with and by which version, its number now and who wrote it last.</summary>
/// <param name="Tag">The row's tag.</param>
/// <param name="Inserted">The number it was inserted with.</param>
/// <param name="InsertedByNew">True when the new version inserted it.</param>
/// <param name="Number">Its number now.</param>
/// <param name="LastByNew">True when the new version wrote it last.</param>
public sealed record RowState(string Tag, int Inserted, bool InsertedByNew, int Number, bool LastByNew);
