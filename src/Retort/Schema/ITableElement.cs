namespace Retort.Schema;

/// <summary>Anything that can be passed to a <see cref="Table"/> constructor: a column, constraint or index.</summary>
public interface ITableElement;
