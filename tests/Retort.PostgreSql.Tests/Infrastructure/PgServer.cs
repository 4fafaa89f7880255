using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Retort.Specification.Support;

namespace Retort.PostgreSql.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests run against: the one named by RETORT_TEST_PG_URL, or a throwaway cluster
/// made with initdb in a temporary directory on a free loopback port, stopped and deleted when the tests end.
/// </summary>
public sealed class PgServer
{
    private static readonly Lazy<PgServer> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly string? _directory;
    private readonly string? _binDir;
    private readonly string? _runAs;

    private PgServer(string adminConnectionString, string? directory, string? binDir, string? runAs)
    {
        AdminConnectionString = adminConnectionString;
        _directory = directory;
        _binDir = binDir;
        _runAs = runAs;
    }

    /// <summary>The server, started on first use.</summary>
    public static PgServer Instance => Shared.Value;

    /// <summary>Connection string of a superuser connection to the maintenance database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>Where the PostgreSQL binaries are, or null when none are installed.</summary>
    public static string? FindBinDirectory()
    {
        var candidates = new List<string>();
        if (Directory.Exists("/usr/lib/postgresql"))
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    /// <summary>True when a server can be had: a URL is configured or the binaries are installed.</summary>
    public static bool Available => Environment.GetEnvironmentVariable("RETORT_TEST_PG_URL") is { Length: > 0 } || FindBinDirectory() is not null;

    private static PgServer Start()
    {
        if (Environment.GetEnvironmentVariable("RETORT_TEST_PG_URL") is { Length: > 0 } url)
            return new PgServer(DialectAccess.ConnectionString(new PostgreSqlDialect(), url), null, null, null);
        var bin = FindBinDirectory() ?? throw new InvalidOperationException(
            "No PostgreSQL server for the tests: neither RETORT_TEST_PG_URL is set nor are initdb/pg_ctl installed " +
            "(on PATH or under /usr/lib/postgresql/*/bin). Install Debian's postgresql package or set RETORT_TEST_PG_URL.");
        var dir = Path.Combine(Path.GetTempPath(), "retort-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        // initdb refuses to run as root: run the server as an unprivileged system user then.
        var runAs = Environment.UserName == "root" ? EnsureSystemUser() : null;
        if (runAs is not null) Run("chown", [runAs, dir], null);
        var port = FreePort();
        var data = Path.Combine(dir, "data");
        Run(Path.Combine(bin, "initdb"), ["-D", data, "-U", "retort", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"], runAs);
        Run(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(dir, "server.log"), "-w", "-t", "60",
            "-o", $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300", "start"], runAs);
        var server = new PgServer($"Host=127.0.0.1;Port={port};Username=retort;Database=postgres;Pooling=false", dir, bin, runAs);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        StartWatchdog(Path.Combine(bin, "pg_ctl"), data, dir, runAs);
        return server;
    }

    // The test host may be killed before its exit handlers finish: a detached shell waits for it to end, then
    // stops the server and removes the directory whatever happened.
    private static void StartWatchdog(string pgCtl, string data, string dir, string? runAs)
    {
        var stop = (runAs is null ? "" : $"runuser -u {runAs} -- ") + $"'{pgCtl}' -D '{data}' -m immediate -w stop";
        var script = $"exec </dev/null >/dev/null 2>&1; while kill -0 {Environment.ProcessId}; do sleep 1; done; {stop}; rm -rf '{dir}'";
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var a in (string[])["sh", "-c", script]) info.ArgumentList.Add(a);
        Process.Start(info)?.Dispose();
    }

    private void Stop()
    {
        if (_directory is null || _binDir is null) return;
        try { Run(Path.Combine(_binDir, "pg_ctl"), ["-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop"], _runAs); }
        catch (InvalidOperationException) { }
        try { Directory.Delete(_directory, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The server may still be closing files; one more try after it has surely gone.
            Thread.Sleep(500);
            try { Directory.Delete(_directory, recursive: true); }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException) { }
        }
    }

    private static string EnsureSystemUser()
    {
        foreach (var user in (string[])["postgres", "retort-pg"])
            if (TryRun("id", ["-u", user])) return user;
        Run("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "retort-pg"], null);
        return "retort-pg";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool TryRun(string file, string[] args)
    {
        try { Run(file, args, null); return true; }
        catch (InvalidOperationException) { return false; }
    }

    private static void Run(string file, string[] args, string? runAs)
    {
        var info = new ProcessStartInfo(runAs is null ? file : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (runAs is not null) { info.ArgumentList.Add("-u"); info.ArgumentList.Add(runAs); info.ArgumentList.Add("--"); info.ArgumentList.Add(file); }
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Cannot start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
    }

    /// <summary>Creates a fresh database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database, closing its sessions.</summary>
    public async Task DropDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
