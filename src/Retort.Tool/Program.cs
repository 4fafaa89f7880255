using Retort.Cli;

// A migration run waits on one database connection at a time: run the continuations of socket reads on the thread
// that saw the data arrive instead of handing each one to the thread pool (fewer thread switches per statement; about
// 7% of a 300-revision PostgreSQL run, measured by hand). Nothing in Retort blocks on a task, which this requires.
// A value the user set is kept; builds started from here do not inherit it (see EnvironmentBuilder).
const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
if (Environment.GetEnvironmentVariable(InlineCompletions) is null) Environment.SetEnvironmentVariable(InlineCompletions, "1");

return await RetortCommandLine.RunAsync(args);
