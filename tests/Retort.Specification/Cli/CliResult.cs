namespace Retort.Specification.Cli;

/// <summary>What a retort command ended with: its exit code and everything it printed.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- out\n{Out}\n--- err\n{Error}";
}
