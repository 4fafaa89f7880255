namespace Retort.Dialects;

/// <summary>A throwaway database made for tests: its connection string, and how to remove it.</summary>
/// <param name="ConnectionString">Connection string of the new, empty database.</param>
/// <param name="Remove">Removes the database (and its files); safe to call once.</param>
public sealed record ScratchDatabase(string ConnectionString, Func<Task> Remove);
