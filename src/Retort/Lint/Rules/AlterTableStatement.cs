using Retort.Sql;

namespace Retort.Lint.Rules;

/// <summary>
/// An <c>ALTER TABLE [IF EXISTS] [ONLY] name action, action…</c> statement taken apart: the table and each action's code
/// tokens (the commas between actions are at the top level; those inside parentheses stay in their action).
/// </summary>
/// <param name="Table">The altered table.</param>
/// <param name="Actions">The actions, each a list of code tokens (never empty).</param>
public sealed record AlterTableStatement(SqlTableName Table, IReadOnlyList<IReadOnlyList<SqlToken>> Actions);
