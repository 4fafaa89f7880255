using System.Runtime.CompilerServices;
using Retort.Cli;
using Retort.PostgreSql;
using Retort.Sqlite;

// The natively compiled tool waits on one database connection at a time: run the continuations of socket reads on
// the thread that saw the data arrive instead of handing each one to the thread pool (fewer thread switches per
// statement; about 7% of a 300-revision PostgreSQL run, measured by hand). This needs code that never blocks on a
// task: Retort's own code does not, but a C# environment's code steps might, so only the native build (which
// cannot load them; it hands C# environments to their own program) turns it on, and neither the environment's
// program nor a build inherits it (see Retort.Cli's EnvironmentProgram and EnvironmentBuilder). A value the user set is kept.
const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
if (!RuntimeFeature.IsDynamicCodeSupported && Environment.GetEnvironmentVariable(InlineCompletions) is null)
    Environment.SetEnvironmentVariable(InlineCompletions, "1");

// The tool's own dialects are known without scanning every assembly's attributes (a few milliseconds of each command's
// start when natively compiled); a dialect package added to the tool's folder is still found by its scheme.
SqliteDialect.Register();
PostgreSqlDialect.Register();

return await RetortCommandLine.RunAsync(args);
