using System.CommandLine;
using Retort.Cli.Environments;

namespace Retort.Cli.Internal;

/// <summary>What all commands of one run share: options, writers, working directory.</summary>
internal sealed class CliSetup
{
    public CliSetup(RetortCommandLineOptions options, IReadOnlyList<string>? args = null)
    {
        Options = options;
        Args = args ?? [];
        Out = options.Out ?? Console.Out;
        Error = options.Error ?? Console.Error;
        WorkingDirectory = Path.GetFullPath(options.WorkingDirectory ?? Directory.GetCurrentDirectory());
        GetEnvironmentVariable = options.GetEnvironmentVariable ?? Environment.GetEnvironmentVariable;
    }

    public RetortCommandLineOptions Options { get; }

    /// <summary>The command line as given, for handing the command over to an environment's program.</summary>
    public IReadOnlyList<string> Args { get; }

    public CommonOptions Common { get; } = new();

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public string WorkingDirectory { get; }

    public Func<string, string?> GetEnvironmentVariable { get; }

    /// <summary>
    /// Wraps a command body: errors become a one-paragraph message and exit code 1. A command that
    /// <paramref name="needsRevisions"/> runs in the environment's own program instead when this process cannot load
    /// the environment's compiled revisions (a natively compiled retort): same arguments, output and exit code.
    /// </summary>
    public Func<ParseResult, CancellationToken, Task<int>> Action(Func<CliContext, CancellationToken, Task> body, bool needsRevisions = true) =>
        Action(async (context, ct) => { await body(context, ct); return RetortCommandLine.Success; }, RetortCommandLine.Failure, needsRevisions);

    /// <summary>As the other overload, for a command whose body returns its exit code and whose errors exit with <paramref name="failureCode"/>.</summary>
    public Func<ParseResult, CancellationToken, Task<int>> Action(Func<CliContext, CancellationToken, Task<int>> body, int failureCode, bool needsRevisions = true) =>
        async (parseResult, ct) =>
        {
            var context = new CliContext(this, parseResult);
            try
            {
                if (needsRevisions && EnvironmentProgram.MustRunCommand(context.TryEnvironment, Options.RevisionsAssembly))
                    return await EnvironmentProgram.RunAsync(context.Environment(), Args, WorkingDirectory, context.Log, ct);
                return await body(context, ct);
            }
            catch (Exception e) when (ct.IsCancellationRequested)
            {
                // Ctrl-C (or SIGTERM): the run stopped where it could; say what that left, and exit as shells expect.
                ReportError(e, context.Verbose, context.Aftermath, cancelled: true);
                return RetortCommandLine.Interrupted;
            }
            catch (Exception e)
            {
                ReportError(e, context.Verbose, context.Aftermath);
                return failureCode;
            }
        };

    private void ReportError(Exception e, bool verbose, string? aftermath = null, bool cancelled = false)
    {
        var message = cancelled
            ? "Cancelled; the command stopped where it safely could." + (e is OperationCanceledException ? "" : " " + e.Message)
            : e is RetortException || e is OperationCanceledException
                ? e.Message
                : $"Unexpected error ({e.GetType().Name}): {e.Message}";
        // Plain text, never wrapped: the message is one paragraph a script or a person can read whole.
        Error.WriteLine("error: " + message);
        if (aftermath is not null) Error.WriteLine(aftermath);
        if (verbose) Error.WriteLine(e.ToString());
        else if (e is not (RetortException or OperationCanceledException)) Error.WriteLine("Run again with --verbose for the stack trace.");
        Error.Flush();
    }
}
