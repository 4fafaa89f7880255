using Microsoft.Data.Sqlite;
using Retort.Commands;
using Retort.Environments;
using Retort.Fleet;
using Retort.Specification.Fleet;

namespace Retort.Sqlite.Tests.Fleet;

/// <summary>
/// <see cref="FleetMigrator"/> over SQLite tenant files: every target upgraded, a rerun skips done targets, a failing tenant
/// stops the fleet (or not, within --max-failures) and is rolled back, a canary, waves, cancellation, downgrade, current.
/// </summary>
public sealed class SqliteFleetTests : IDisposable
{
    private static readonly (string Up, string Down)[] Revisions =
    [
        ("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT);", "DROP TABLE items;"),
        ("CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT);", "DROP TABLE audit;"),
        ("ALTER TABLE items ADD COLUMN note TEXT;", "ALTER TABLE items DROP COLUMN note;"),
    ];

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "retort-fleet-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly IReadOnlyList<string> _ids;
    private readonly MigrationsEnvironment _environment;

    public SqliteFleetTests()
    {
        _ids = FleetEnvironment.Write(_dir, "sqlite:///app.db", Revisions);
        _environment = EnvironmentLocator.Locate(_dir)!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private string Head => _ids[^1];

    private string Tenant(int i) => Path.Combine(_dir, "tenants", $"t{i}.db");

    private string TargetsFile(int count)
    {
        Directory.CreateDirectory(Path.Combine(_dir, "tenants"));
        var path = Path.Combine(_dir, "targets.txt");
        File.WriteAllLines(path, ["# the tenants", "", .. Enumerable.Range(1, count).Select(i => $"sqlite:///tenants/t{i}.db")]);
        return path;
    }

    private FleetMigrator Fleet(string targets, FleetOptions? options = null) =>
        new(new CommandConfig { Environment = _environment }, FleetTargetSource.FromFile(targets), options);

    private static T Scalar<T>(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string? Version(string file) =>
        !File.Exists(file) || Scalar<long>(file, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'retort_version'") == 0
            ? null
            : Scalar<string>(file, "SELECT group_concat(version_num) FROM retort_version");

    private static long Applied(string file, string revision) =>
        Scalar<long>(file, $"SELECT COUNT(*) FROM retort_history WHERE revision = '{revision}' AND direction = 'upgrade'");

    private async Task<Dictionary<string, FleetStatusRow>> StatusAsync(FleetMigrator fleet) =>
        (await fleet.StatusAsync())!.Targets.ToDictionary(r => Path.GetFileName(r.DisplayName));

    [Fact]
    public async Task Upgrade_migrates_every_target_and_a_rerun_skips_the_done_ones()
    {
        var fleet = Fleet(TargetsFile(6), new FleetOptions { Parallelism = 3 });
        var progress = new List<FleetProgress>();
        var result = await fleet.UpgradeAsync("head", new SyncProgress(progress));
        Assert.True(result.Succeeded, string.Join("\n", result.Targets.Select(t => t.Error)));
        Assert.Equal(6, result.Done);
        Assert.All(result.Targets, t => Assert.Equal((IReadOnlyList<string>)[Head], t.After));
        Assert.All(result.Targets, t => Assert.Empty(t.Before));
        Assert.All(result.Targets, t => Assert.Equal(3, t.Applied));
        for (var i = 1; i <= 6; i++)
        {
            Assert.Equal(Head, Version(Tenant(i)));
            Assert.Equal(1, Scalar<long>(Tenant(i), "SELECT COUNT(*) FROM pragma_table_info('items') WHERE name = 'note'"));
        }
        var last = progress[^1];
        Assert.Equal((6, 6, 0, 0, 0), (last.Total, last.Done, last.Failed, last.Running, last.Pending));
        Assert.Contains(progress, p => p.Eta is not null);

        // The status table: one row per target, done at head, in the default place next to retort.json.
        Assert.True(File.Exists(Path.Combine(_dir, "retort-fleet.db")));
        var status = await fleet.StatusAsync();
        Assert.Equal(6, status!.Targets.Count);
        Assert.All(status.Targets, r => Assert.Equal((FleetTargetState.Done, Head, Head, "upgrade"), (r.State, r.TargetRevision, r.CurrentRevision, r.Operation)));
        Assert.Equal(("done", 6, 6), (status.LastRun!.State, status.LastRun.Done, status.LastRun.Total));

        // A rerun re-reads the list: the done targets are skipped without being opened, a new tenant runs.
        File.AppendAllLines(Path.Combine(_dir, "targets.txt"), ["sqlite:///tenants/t7.db"]);
        var again = await fleet.UpgradeAsync();
        Assert.True(again.Succeeded);
        Assert.Equal(6, again.Targets.Count(t => t.State == FleetTargetState.Skipped && t.Error is null));
        Assert.Equal(FleetTargetState.Done, again.Targets[^1].State);
        for (var i = 1; i <= 7; i++) Assert.Equal(1, Applied(Tenant(i), Head));

        var current = await fleet.CurrentAsync();
        Assert.Equal(7, current.Targets.Count);
        Assert.All(current.Targets, t => Assert.Equal((FleetTargetState.Done, Head), (t.State, t.After.Single())));
    }

    [Fact]
    public async Task A_failing_tenant_stops_the_fleet_is_rolled_back_and_the_rerun_after_the_fix_finishes()
    {
        var targets = TargetsFile(5);
        // Tenant 3 already has a table the second revision creates.
        Execute(Tenant(3), "CREATE TABLE audit (id INTEGER PRIMARY KEY, legacy TEXT); INSERT INTO audit VALUES (1, 'kept');");
        var fleet = Fleet(targets, new FleetOptions { Parallelism = 1 });
        var result = await fleet.UpgradeAsync();
        Assert.False(result.Succeeded);
        Assert.Equal([FleetTargetState.Done, FleetTargetState.Done, FleetTargetState.Failed, FleetTargetState.Skipped, FleetTargetState.Skipped],
            result.Targets.Select(t => t.State));
        Assert.Contains("more than --max-failures 0", result.StoppedReason);
        var failed = result.Targets[2];
        Assert.Contains("audit", failed.Error);
        Assert.Equal((IReadOnlyList<string>)[_ids[0]], failed.After);

        // The failed revision was rolled back: tenant 3 keeps its own audit table and stays at the first revision.
        Assert.Equal(_ids[0], Version(Tenant(3)));
        Assert.Equal("kept", Scalar<string>(Tenant(3), "SELECT legacy FROM audit"));
        Assert.Equal(0, Scalar<long>(Tenant(3), "SELECT COUNT(*) FROM pragma_table_info('items') WHERE name = 'note'"));
        Assert.False(File.Exists(Tenant(4)));

        var status = await StatusAsync(fleet);
        Assert.Equal(FleetTargetState.Failed, status["t3.db"].State);
        Assert.Contains("audit", status["t3.db"].Error);
        Assert.Equal(_ids[0], status["t3.db"].CurrentRevision);
        Assert.Equal((FleetTargetState.Skipped, FleetTargetState.Skipped), (status["t4.db"].State, status["t5.db"].State));
        Assert.StartsWith("Not started", status["t4.db"].Error);
        Assert.Equal("stopped", (await fleet.StatusAsync())!.LastRun!.State);

        // Fixed by hand; the rerun runs tenants 3 to 5 and skips the two done ones.
        Execute(Tenant(3), "DROP TABLE audit");
        var rerun = await fleet.UpgradeAsync();
        Assert.True(rerun.Succeeded, string.Join("\n", rerun.Targets.Select(t => t.Error)));
        Assert.Equal([FleetTargetState.Skipped, FleetTargetState.Skipped, FleetTargetState.Done, FleetTargetState.Done, FleetTargetState.Done],
            rerun.Targets.Select(t => t.State));
        Assert.Equal((IReadOnlyList<string>)[_ids[0]], rerun.Targets[2].Before);
        Assert.All((await StatusAsync(fleet)).Values, r => Assert.Equal((FleetTargetState.Done, null), (r.State, r.Error)));
        for (var i = 1; i <= 5; i++)
            foreach (var id in _ids) Assert.Equal(1, Applied(Tenant(i), id));
    }

    [Fact]
    public async Task Max_failures_lets_the_fleet_go_on_until_one_more_fails()
    {
        var targets = TargetsFile(6);
        Execute(Tenant(2), "CREATE TABLE audit (x INTEGER)");
        Execute(Tenant(4), "CREATE TABLE audit (x INTEGER)");
        var result = await Fleet(targets, new FleetOptions { Parallelism = 1, MaxFailures = 1 }).UpgradeAsync();
        Assert.Equal([FleetTargetState.Done, FleetTargetState.Failed, FleetTargetState.Done, FleetTargetState.Failed, FleetTargetState.Skipped, FleetTargetState.Skipped],
            result.Targets.Select(t => t.State));
        Assert.Contains("2 target(s) failed", result.StoppedReason);
        Assert.Equal(Head, Version(Tenant(3)));
        Assert.False(File.Exists(Tenant(5)));
    }

    [Fact]
    public async Task A_failing_canary_stops_the_fleet_whatever_the_failure_budget()
    {
        var targets = TargetsFile(6);
        Execute(Tenant(1), "CREATE TABLE items (x INTEGER)");
        var fleet = Fleet(targets, new FleetOptions { Parallelism = 1, Canary = 2, MaxFailures = 10 });
        var result = await fleet.UpgradeAsync();
        Assert.Contains("canary", result.StoppedReason);
        Assert.Equal(FleetTargetState.Failed, result.Targets[0].State);
        Assert.All(result.Targets.Skip(1), t => Assert.Equal(FleetTargetState.Skipped, t.State));
        for (var i = 2; i <= 6; i++) Assert.False(File.Exists(Tenant(i)));
        Assert.Null(Version(Tenant(1)));
    }

    [Fact]
    public async Task Stages_run_in_waves_each_finished_before_the_next_starts()
    {
        var fleet = Fleet(TargetsFile(10), new FleetOptions { Parallelism = 4, Canary = 1, Stages = FleetStage.ParseList("30%,6,100%") });
        var events = new List<(string Name, bool Start)>();
        fleet.TargetStarting += t => { lock (events) events.Add((Path.GetFileName(t.DisplayName), true)); };
        fleet.TargetCompleted += r => { lock (events) events.Add((Path.GetFileName(r.Target.DisplayName), false)); };
        var result = await fleet.UpgradeAsync();
        Assert.True(result.Succeeded);
        // Waves: [t1] (canary), [t2, t3] (to 30%), [t4..t6] (to 6), [t7..t10].
        int[][] waves = [[1], [2, 3], [4, 5, 6], [7, 8, 9, 10]];
        for (var w = 1; w < waves.Length; w++)
        {
            var lastEndOfWave = waves[w - 1].Max(i => events.IndexOf(($"t{i}.db", false)));
            var firstStartOfNext = waves[w].Min(i => events.IndexOf(($"t{i}.db", true)));
            Assert.True(lastEndOfWave < firstStartOfNext, $"wave {w + 1} started before wave {w} finished: {string.Join(", ", events)}");
        }
        Assert.Throws<FleetInputException>(() => FleetStage.ParseList("10%,5%"));
        Assert.Throws<FleetInputException>(() => FleetStage.ParseList("0%"));
        Assert.Throws<FleetInputException>(() => FleetStage.ParseList("half"));
    }

    [Fact]
    public async Task Cancellation_stops_starting_targets_cancels_the_running_one_and_the_status_says_so()
    {
        var fleet = Fleet(TargetsFile(5), new FleetOptions { Parallelism = 1 });
        using var cancel = new CancellationTokenSource();
        fleet.TargetStarting += t => { if (t.DisplayName.EndsWith("t2.db", StringComparison.Ordinal)) cancel.Cancel(); };
        var result = await fleet.UpgradeAsync("head", null, cancel.Token);
        Assert.True(result.Cancelled);
        Assert.Equal(FleetTargetState.Done, result.Targets[0].State);
        Assert.Equal(FleetTargetState.Failed, result.Targets[1].State);
        Assert.StartsWith("Cancelled", result.Targets[1].Error);
        Assert.All(result.Targets.Skip(2), t => Assert.Equal(FleetTargetState.Skipped, t.State));
        Assert.Null(Version(Tenant(2)));
        var status = await StatusAsync(fleet);
        Assert.Equal(FleetTargetState.Failed, status["t2.db"].State);
        Assert.Contains("cancelled", status["t3.db"].Error);
        Assert.Equal("cancelled", (await fleet.StatusAsync())!.LastRun!.State);
        Assert.DoesNotContain(status.Values, r => r.State == FleetTargetState.Running);

        var rerun = await fleet.UpgradeAsync();
        Assert.True(rerun.Succeeded);
        Assert.Equal(4, rerun.Done);
    }

    [Fact]
    public async Task Downgrade_reverts_every_target_and_current_reads_them()
    {
        var fleet = Fleet(TargetsFile(4), new FleetOptions { Parallelism = 2 });
        Assert.True((await fleet.UpgradeAsync()).Succeeded);
        var down = await fleet.DowngradeAsync(_ids[0]);
        Assert.True(down.Succeeded);
        Assert.All(down.Targets, t => Assert.Equal((Head, _ids[0], 2), (t.Before.Single(), t.After.Single(), t.Applied)));
        for (var i = 1; i <= 4; i++)
        {
            Assert.Equal(_ids[0], Version(Tenant(i)));
            Assert.Equal(0, Scalar<long>(Tenant(i), "SELECT COUNT(*) FROM sqlite_master WHERE name = 'audit'"));
        }
        Assert.All((await StatusAsync(fleet)).Values, r => Assert.Equal(("downgrade", _ids[0], FleetTargetState.Done), (r.Operation, r.TargetRevision, r.State)));
        Assert.All((await fleet.DowngradeAsync(_ids[0])).Targets, t => Assert.Equal(FleetTargetState.Skipped, t.State));
        Assert.All((await fleet.CurrentAsync()).Targets, t => Assert.Equal(_ids[0], t.After.Single()));
    }

    [Fact]
    public async Task Bad_input_is_refused_before_anything_is_touched()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "tenants"));
        async Task<string> Refused(string lines, FleetOptions? options = null)
        {
            var file = Path.Combine(_dir, "bad.txt");
            File.WriteAllText(file, lines);
            var e = await Assert.ThrowsAsync<FleetInputException>(() => Fleet(file, options).UpgradeAsync());
            return e.Message;
        }
        Assert.Contains("line 3", await Refused("sqlite:///tenants/a.db\n# c\nmysql://x/y\n"));
        Assert.Contains("more than once", await Refused("sqlite:///tenants/a.db\nsqlite:///tenants/../tenants/a.db\n"));
        Assert.Contains("no target", await Refused("# only a comment\n\n"));
        Assert.Contains("-j 0", await Refused("sqlite:///tenants/a.db\n", new FleetOptions { Parallelism = 0 }));
        var missing = await Assert.ThrowsAsync<FleetInputException>(() => Fleet(Path.Combine(_dir, "nope.txt")).UpgradeAsync());
        Assert.Contains("does not exist", missing.Message);
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir, "tenants")));
        Assert.False(File.Exists(Path.Combine(_dir, "retort-fleet.db")));
    }

    [Fact]
    public async Task The_lint_gate_runs_once_for_the_fleet_and_per_target_with_its_own_table_sizes()
    {
        var targets = TargetsFile(3);
        // A statement no table size excuses refuses the whole fleet before any target is touched.
        FleetEnvironment.Write(_dir, "sqlite:///app.db", [.. Revisions, ("COMMIT;", "")]);
        var refused = await Assert.ThrowsAsync<Retort.Runner.Linting.LintGateException>(() => Fleet(targets).UpgradeAsync());
        Assert.Contains("RT010", refused.Message);
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir, "tenants")));
        Assert.False(File.Exists(Path.Combine(_dir, "retort-fleet.db")));

        // Dropping a table the revisions did not create: a note where it is empty, refused where it has rows.
        File.Delete(Directory.GetFiles(Path.Combine(_dir, "Revisions"), "*_r4.sql").Single());
        FleetEnvironment.Write(_dir, "sqlite:///app.db", [.. Revisions, ("DROP TABLE legacy;", "CREATE TABLE legacy (id INTEGER);")]);
        for (var i = 1; i <= 3; i++) Execute(Tenant(i), "CREATE TABLE legacy (id INTEGER)");
        Execute(Tenant(2), "INSERT INTO legacy VALUES (1)");
        var fleet = Fleet(targets, new FleetOptions { Parallelism = 1, MaxFailures = 5 });
        var result = await fleet.UpgradeAsync();
        Assert.Equal([FleetTargetState.Done, FleetTargetState.Failed, FleetTargetState.Done], result.Targets.Select(t => t.State));
        Assert.Contains("RT004", result.Targets[1].Error);
        Assert.Equal(0, Scalar<long>(Tenant(2), "SELECT COUNT(*) FROM sqlite_master WHERE name = 'items'"));
        Assert.Equal(1, Scalar<long>(Tenant(2), "SELECT COUNT(*) FROM legacy"));

        // Allowed for the run: the tenant with rows runs, and its history row records the allowance.
        var allowed = await new FleetMigrator(new CommandConfig { Environment = EnvironmentLocator.Locate(_dir), AllowRules = ["RT004"] },
            FleetTargetSource.FromFile(targets)).UpgradeAsync();
        Assert.True(allowed.Succeeded, string.Join("\n", allowed.Targets.Select(t => t.Error)));
        Assert.Equal(FleetTargetState.Done, allowed.Targets[1].State);
        Assert.Equal("RT004 allowed on the command line", Scalar<string>(Tenant(2), $"SELECT allowed FROM retort_history WHERE revision = '{FleetEnvironment.Id(3)}'"));
        Assert.Equal(0, Scalar<long>(Tenant(1), $"SELECT COUNT(*) FROM retort_history WHERE revision = '{FleetEnvironment.Id(3)}' AND allowed IS NOT NULL"));
    }

    // Reports on the caller's thread at once (Progress<T> would post to the thread pool and lose the order).
    private sealed class SyncProgress(List<FleetProgress> list) : IProgress<FleetProgress>
    {
        public void Report(FleetProgress value) { lock (list) list.Add(value); }
    }
}
