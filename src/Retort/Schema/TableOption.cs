namespace Retort.Schema;

/// <summary>
/// A dialect-specific table option such as SQLite's <c>STRICT</c> (key <c>sqlite_strict</c>). Dialects define
/// their keys; the core only carries them, so the schema model stays dialect-neutral.
/// </summary>
/// <param name="Key">Option key, prefixed with the dialect name.</param>
/// <param name="Value">Option value.</param>
public sealed record TableOption(string Key, string Value) : ITableElement;
