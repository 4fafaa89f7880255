using Microsoft.Extensions.Options;
using Retort.Connections;
using Retort.Environments;

namespace Retort.Hosting.Internal;

/// <summary>
/// Checks the options when the host starts (<c>ValidateOnStart</c>), before anything touches the database: a database
/// is named and its URL parses, the environment exists, the revisions' assembly loads, the lock timeout is positive, the
/// default batching is sound.
/// Messages name the setting and never hold a password.
/// </summary>
internal sealed class RetortOptionsValidator(RetortSetup setup) : IValidateOptions<RetortOptions>
{
    public ValidateOptionsResult Validate(string? name, RetortOptions options)
    {
        var services = setup.Services;
        var failures = new List<string>();
        MigrationsEnvironment? environment = null;
        if (setup.EnvironmentDirectory(options) is { } dir)
        {
            var config = Path.Combine(dir, EnvironmentConfig.FileName);
            if (!File.Exists(config))
                failures.Add($"Retort:Environment is '{options.Environment}', but {config} does not exist. Point it at the folder holding retort.json " +
                    "(relative to the content root), and copy that folder to the output (CopyToOutputDirectory) if the app runs from there.");
            else
            {
                try { environment = MigrationsEnvironment.Open(config); }
                catch (RetortException e) { failures.Add($"Retort:Environment: {e.Message}"); }
            }
        }
        try
        {
            if (setup.LoadRevisionsAssembly(options) is null && setup.EnvironmentDirectory(options) is null)
                failures.Add("Retort has no revisions: set Retort:Environment (the folder holding retort.json) or Retort:RevisionsAssembly " +
                    "(the assembly with the [Revision] classes), or call UseRevisionsFrom(typeof(Program).Assembly).");
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            failures.Add($"Retort:RevisionsAssembly '{options.RevisionsAssembly}' cannot be loaded ({e.Message}). Name an assembly the application references.");
        }
        if (options.ConnectionStringName is { Length: > 0 } named && options.Url is not { Length: > 0 } && setup.Url(options) is null)
            failures.Add($"Retort:ConnectionStringName is '{named}', but there is no connection string ConnectionStrings:{named}. Add it, or set Retort:Url.");
        else if (services.OpenDatabase is null)
        {
            var url = setup.Url(options) ?? environment?.ResolveUrl(null);
            if (url is null)
            {
                failures.Add("Retort has no database: set Retort:Url (for example sqlite:///app.db or postgresql://app@db/app), or Retort:ConnectionStringName " +
                    "naming a connection string, or put \"url\" in the environment's retort.json, or call UseDataSource/UseDatabase.");
            }
            else
            {
                // Parsing names a malformed URL or an unknown dialect without connecting (and without the password).
                try { using var database = options.Dialect is { Length: > 0 } dialect ? Database.Open(url, dialect) : Database.Open(url); }
                catch (RetortException e) { failures.Add($"Retort's database setting is wrong: {e.Message}"); }
            }
        }
        if (options.LockTimeout <= TimeSpan.Zero)
            failures.Add($"Retort:LockTimeout must be positive (it is {options.LockTimeout}); it bounds how long a run waits for another instance's migration, e.g. \"00:01:00\".");
        if (options.Batching is { } batching)
            failures.AddRange(batching.Validate(p => $"Retort:Batching:{p}").Select(problem =>
                $"{problem} Retort:Batching sets the batches of data steps that set none of their own, e.g. \"Batching\": {{ \"BatchSize\": 5000 }}."));
        if (string.IsNullOrWhiteSpace(options.Target))
            failures.Add("Retort:Target is empty; use head (the default), heads, a revision id or label@head.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
