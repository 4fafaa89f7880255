using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Retort.Specification.Support;

namespace Retort.Specification.Cli;

/// <summary>
/// The built (managed) retort tool, started the way the natively compiled one runs: with the runtime's dynamic code
/// switched off (<c>RuntimeFeature.IsDynamicCodeSupported</c> is false, as under Native AOT), so its Program.cs turns
/// on inline socket completions and a C# environment's commands are handed over to the environment's own program.
/// The same code paths as the native tool, without a Native AOT publish.
/// </summary>
public static class NativeLikeTool
{
    /// <summary>The tool's assembly, built with the tests.</summary>
    public static string ToolPath()
    {
        var root = TempDir.RepositoryRoot();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Name;
        var candidates = new[] { configuration, "Debug", "Release" }
            .Select(c => Path.Combine(root, "src", "Retort.Tool", "bin", c, "net10.0", "Retort.Tool.dll"));
        return candidates.First(File.Exists);
    }

    /// <summary>
    /// A start for <c>retort args…</c> in <paramref name="workingDirectory"/>, output redirected; the runtime
    /// configuration that switches dynamic code off is written into <paramref name="scratch"/>.
    /// </summary>
    public static ProcessStartInfo StartInfo(string scratch, string workingDirectory, params string[] args)
    {
        var tool = ToolPath();
        var config = JsonNode.Parse(File.ReadAllText(Path.ChangeExtension(tool, ".runtimeconfig.json")))!;
        config["runtimeOptions"]!["configProperties"]!["System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported"] = false;
        var configPath = Path.Combine(scratch, "native-like.runtimeconfig.json");
        File.WriteAllText(configPath, config.ToJsonString());
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])["exec", "--runtimeconfig", configPath, tool, .. args]) start.ArgumentList.Add(a);
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // The tool decides this itself, as the native one does.
        start.Environment.Remove("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS");
        start.Environment.Remove("RETORT_URL");
        return start;
    }

    /// <summary>A started tool whose output is collected while it runs.</summary>
    public sealed class Running : IDisposable
    {
        private readonly StringBuilder _out = new();
        private readonly StringBuilder _error = new();

        public Running(ProcessStartInfo start)
        {
            Process = new Process { StartInfo = start };
            Process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_out) _out.AppendLine(e.Data); };
            Process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_error) _error.AppendLine(e.Data); };
            Process.Start();
            Process.BeginOutputReadLine();
            Process.BeginErrorReadLine();
        }

        public Process Process { get; }

        /// <summary>What it printed so far.</summary>
        public string Output
        {
            get
            {
                lock (_out) lock (_error) return $"--- out\n{_out}--- err\n{_error}";
            }
        }

        /// <summary>
        /// Waits for it to end; after <paramref name="limit"/> (scaled by RETORT_TEST_TIMEOUT_SCALE) kills its whole
        /// process tree and fails, saying so.
        /// </summary>
        public async Task<int> WaitAsync(TimeSpan limit)
        {
            var scaled = TestProcess.Scaled(limit);
            using var timeout = new CancellationTokenSource(scaled);
            try { await Process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException)
            {
                Process.Kill(entireProcessTree: true);
                Assert.Fail($"retort timed out after {scaled.TotalSeconds:0} s (set RETORT_TEST_TIMEOUT_SCALE to allow more on a slow machine):\n{Output}");
            }
            Process.WaitForExit(); // the output is read to its end
            return Process.ExitCode;
        }

        public void Dispose()
        {
            try { if (!Process.HasExited) Process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { }
            Process.Dispose();
        }
    }
}
