using System.Runtime.CompilerServices;
using Retort.PostgreSql;
using Retort.Sqlite;

namespace Retort.PublishedApp;

/// <summary>The app's start-up registration of the dialects it uses.</summary>
public static class Dialects
{
    /// <summary>Registers SQLite and PostgreSQL; twice, to show it is harmless.</summary>
    // Not inlined: the dialects' assemblies load only when this runs, so --no-register leaves them unloaded.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Register()
    {
        SqliteDialect.Register();
        PostgreSqlDialect.Register();
        SqliteDialect.Register();
    }
}
