using System.Reflection;
using Retort.Autogenerate;
using Retort.Commands;
using Retort.Environments;
using Retort.Runner;
using Retort.Schema;

namespace Retort.Sqlite.Tests.Commands;

/// <summary>
/// The commands as a plain program calls them (no console, no tool): a SQL environment on a SQLite file created,
/// revised, upgraded, downgraded, rendered, inspected and checked through <see cref="MigrationCommands"/>.
/// </summary>
public sealed class MigrationCommandsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "retort-commands-" + Guid.NewGuid().ToString("N")[..10]);

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    /// <summary>The schema the two revisions below lead to: table <c>t</c> (the second revision only adds a row).</summary>
    private sealed class TableT : ITargetSchema
    {
        public MetaData Build()
        {
            var m = new MetaData();
            _ = new Table("t", m, new Column("id", SqlType.Integer, primaryKey: true), new Column("name", SqlType.String(50)));
            return m;
        }
    }

    private async Task<(MigrationCommands Commands, string First, string Second)> CreateAsync()
    {
        var init = MigrationCommands.Init(new InitArguments { Directory = Path.Combine(_dir, "env"), Template = EnvironmentTemplate.Sql });
        Assert.Contains("retort.json", init.Files);
        var environment = EnvironmentLocator.Locate(init.Directory)!;
        Assert.Equal("sqlite:///app.db", environment.Config.Url); // the embedded dialect's example URL
        var commands = new MigrationCommands(new CommandConfig { Environment = environment });
        var first = await RevisionAsync(commands, "create t", "CREATE TABLE t (id INTEGER PRIMARY KEY NOT NULL, name VARCHAR(50));", "DROP TABLE t;");
        var second = await RevisionAsync(commands, "seed t", "INSERT INTO t (id, name) VALUES (1, 'ada');", "DELETE FROM t WHERE id = 1;");
        return (commands, first, second);
    }

    private static async Task<string> RevisionAsync(MigrationCommands commands, string message, string upgrade, string downgrade)
    {
        var created = await commands.RevisionAsync(new RevisionArguments { Message = message });
        Assert.True(created.Written);
        File.WriteAllText(created.Path!, File.ReadAllText(created.Path!)
            .Replace("-- retort:upgrade\n\n", "-- retort:upgrade\n" + upgrade + "\n\n")
            .Replace("-- retort:downgrade\n", "-- retort:downgrade\n" + downgrade + "\n"));
        return created.Revision!.Id;
    }

    [Fact]
    public async Task A_program_runs_upgrade_downgrade_current_history_stamp_and_scripts_through_the_commands()
    {
        var (commands, first, second) = await CreateAsync();
        var started = new List<string>();
        var watching = new MigrationCommands(commands.Config with { Observe = m => m.RevisionStarting += (info, _) => started.Add(info.Id) });

        var script = new StringWriter();
        await commands.UpgradeScriptAsync(script, "head");
        Assert.Contains("CREATE TABLE t", script.ToString());
        Assert.False(File.Exists(Path.Combine(_dir, "env", "app.db")));

        var up = await watching.UpgradeAsync("head");
        Assert.Equal([first, second], up.Runs.Select(r => r.Revision.Id));
        Assert.Equal([first, second], started);
        Assert.Equal(second, Assert.Single(up.Heads).Id);
        Assert.True(File.Exists(Path.Combine(_dir, "env", "app.db")));

        var current = await commands.CurrentAsync();
        Assert.True(current.DatabaseExists);
        Assert.Equal(second, Assert.Single(current.Heads).Id);
        Assert.Empty(current.InProgress);
        Assert.Null(current.Problem);

        var history = await commands.HistoryAsync(indicateCurrent: true);
        Assert.Equal([second, first], history.Shown.Select(r => r.Id));
        Assert.Equal([second], history.Current);

        var down = await commands.DowngradeAsync("-1");
        Assert.Equal(second, Assert.Single(down.Runs).Revision.Id);
        Assert.Equal(first, Assert.Single((await commands.CurrentAsync()).Heads).Id);

        var downScript = new StringWriter();
        await commands.DowngradeScriptAsync(downScript, $"{first}:base");
        Assert.Contains("DROP TABLE t", downScript.ToString());

        var stamped = await commands.StampAsync(["base"]);
        Assert.Empty(stamped.Heads);
        Assert.Empty((await commands.CurrentAsync()).Heads);
        Assert.Equal(second, Assert.Single((await commands.HeadsAsync()).Heads).Id);
    }

    [Fact]
    public async Task A_failed_upgrade_says_what_it_kept_and_rolled_back()
    {
        var (commands, first, second) = await CreateAsync();
        await RevisionAsync(commands, "broken", "INSERT INTO nowhere VALUES (1);", "SELECT 1;");
        var stopped = await Assert.ThrowsAsync<RunStoppedException>(() => commands.UpgradeAsync("head"));
        Assert.IsType<MigrationFailedException>(stopped.InnerException);
        Assert.Equal(stopped.InnerException!.Message, stopped.Message);
        Assert.Equal([first, second], stopped.Outcome.Kept.Select(r => r.Id));
        Assert.Equal("broken", Assert.Single(stopped.Outcome.RolledBack).Message);
        Assert.Equal(second, Assert.Single(stopped.Outcome.Heads!).Id);
        Assert.Contains("Rolled back: ", stopped.Outcome.Summary);
    }

    [Fact]
    public async Task Check_refuses_a_database_behind_its_scripts_even_when_the_schema_matches()
    {
        var (commands, first, second) = await CreateAsync();
        await commands.UpgradeAsync(first);
        // At the first revision the table is there: the schema matches, but the second revision has not run.
        var behind = await Assert.ThrowsAsync<CheckFailedException>(() => commands.CheckAsync(new TableT()));
        Assert.Equal(["notUpToDate"], behind.Problems.Select(p => p.Kind));
        Assert.Contains($"The database is not up to date (it is at {first}, the scripts' heads are {second})", behind.Message);
        Assert.True(!behind.Message.Contains("differs from the target schema"), behind.Message);

        await commands.UpgradeAsync("head");
        var passed = await commands.CheckAsync(new TableT());
        Assert.Equal(second, Assert.Single(passed.Heads).Id);

        // Behind and different: both are said.
        await commands.DowngradeAsync("base");
        var both = await Assert.ThrowsAsync<CheckFailedException>(() => commands.CheckAsync(new TableT()));
        Assert.Equal(["notUpToDate", "schemaDiff"], both.Problems.Select(p => p.Kind));
        Assert.Contains(both.Problems[1].Differences, d => d.StartsWith("create table t", StringComparison.Ordinal));
        Assert.Contains("The database is not up to date (it is at base", both.Message);
        Assert.Contains("create table t", both.Message);
    }

    [Fact]
    public async Task Autogenerate_is_refused_while_the_database_is_behind_and_writes_the_difference_when_it_is_not()
    {
        var (commands, first, _) = await CreateAsync();
        await commands.UpgradeAsync(first);
        var generate = new RevisionArguments { Message = "next", Autogenerate = true, TargetSchema = new TableT() };
        var behind = await Assert.ThrowsAsync<RetortException>(() => commands.RevisionAsync(generate));
        Assert.Contains("The database is not up to date", behind.Message);
        Assert.Contains("then autogenerate the next revision", behind.Message);

        await commands.UpgradeAsync("head");
        // A SQL-only environment cannot hold the generated C# revision; nothing differs, so nothing is written anyway.
        var nothing = await commands.RevisionAsync(generate);
        Assert.False(nothing.Written);
        Assert.True(nothing.Diff!.IsEmpty);
    }

    [Fact]
    public async Task A_csharp_environment_without_its_compiled_revisions_is_refused_with_what_to_do()
    {
        var init = MigrationCommands.Init(new InitArguments { Directory = Path.Combine(_dir, "cs"), ProgramSource = "return 0;\n" });
        var project = File.ReadAllText(Path.Combine(init.Directory, "Cs.csproj"));
        // The core and this process's dialect contribute their packages, at the version of this build; nothing else is named,
        // and no folder of this machine.
        var version = typeof(MigrationCommands).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        Assert.Contains($"<RetortVersion>{version}</RetortVersion>", project);
        Assert.Contains("<PackageReference Include=\"Retort\" Version=\"$(RetortVersion)\" />", project);
        Assert.Contains("<PackageReference Include=\"Retort.Sqlite\" Version=\"$(RetortVersion)\" />", project);
        Assert.DoesNotContain("Microsoft.Data.Sqlite", project);
        Assert.DoesNotContain("HintPath", project);
        Assert.DoesNotContain("Retort.Cli", project);
        var commands = new MigrationCommands(new CommandConfig { Environment = EnvironmentLocator.Locate(init.Directory) });
        var refused = await Assert.ThrowsAsync<RetortException>(() => commands.HeadsAsync());
        Assert.Contains("compiles C# revisions", refused.Message);
        Assert.Contains("CommandConfig.CompiledRevisions", refused.Message);
    }

    /// <summary>The existing table <c>legacy</c> with an index on its name, which the database lacks.</summary>
    private sealed class IndexedLegacy : ITargetSchema
    {
        public MetaData Build()
        {
            var m = new MetaData();
            _ = new Table("legacy", m, new Column("id", SqlType.Integer, primaryKey: true), new Column("name", SqlType.Text), new TableIndex("ix_legacy_name", ["name"]));
            return m;
        }
    }

    [Fact]
    public async Task Autogenerate_reports_the_lint_findings_of_the_revision_it_wrote()
    {
        var scheme = Retort.Specification.Lint.LintTestDialect.Register(new SqliteDialect());
        var init = MigrationCommands.Init(new InitArguments { Directory = Path.Combine(_dir, "cs"), ProgramSource = "return 0;\n" });
        var file = Path.Combine(_dir, "legacy.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE legacy (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO legacy (name) VALUES ('a');";
            command.ExecuteNonQuery();
        }
        var commands = new MigrationCommands(new CommandConfig
        {
            Environment = EnvironmentLocator.Locate(init.Directory),
            CompiledRevisions = CompiledRevisions.FromAssembly(typeof(MigrationCommandsTests).Assembly),
            Url = $"{scheme}:///{file}",
        });
        var result = await commands.RevisionAsync(new RevisionArguments { Message = "index legacy", Autogenerate = true, TargetSchema = new IndexedLegacy() });
        Assert.True(result.Written);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("RT901", finding.Rule.Id);
        Assert.Equal(result.Revision!.Id, finding.Revision);
        Assert.Equal(result.Path, finding.Source);
        Assert.Equal("legacy", finding.Table);
    }
}
