using Retort.Sql;

namespace Retort.Dialects;

/// <summary>
/// A dialect that tells Retort's SQL lexer (<see cref="SqlLexer"/>) how its database reads SQL text: which quotes,
/// strings and comments it has. Where Retort reads a statement that dialect's database will run (an offline script's
/// parameters, deciding how a statement runs), it reads it with this flavour; a dialect without one is read with
/// <see cref="SqlFlavor.Lenient"/>.
/// </summary>
public interface ISqlFlavorProvider
{
    /// <summary>The database's SQL text forms.</summary>
    SqlFlavor SqlFlavor { get; }
}
