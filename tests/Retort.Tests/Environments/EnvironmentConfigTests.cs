using Retort.Environments;
using Retort.Operations;

namespace Retort.Tests.Environments;

/// <summary>Reading retort.json: every key, JSON with comments and trailing commas, and a clear error for each bad shape.</summary>
public sealed class EnvironmentConfigTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "retort-config-" + Guid.NewGuid().ToString("N") + ".json");

    public void Dispose() => File.Delete(_path);

    private EnvironmentConfig Load(string json)
    {
        File.WriteAllText(_path, json);
        return EnvironmentConfig.Load(_path);
    }

    private RetortException Refused(string json)
    {
        File.WriteAllText(_path, json);
        var e = Assert.Throws<RetortException>(() => EnvironmentConfig.Load(_path));
        Assert.Contains(_path, e.Message);
        return e;
    }

    [Fact]
    public void What_is_saved_loads_back_equal()
    {
        var config = new EnvironmentConfig
        {
            Url = "postgresql://app@db/app", Revisions = "Migrations", Project = "M.csproj", Namespace = "M.Revisions", Heads = 2,
            VersionTableSchema = "ops", DefaultSchema = "app",
        };
        config.Save(_path);
        Assert.Equal(config, EnvironmentConfig.Load(_path));
    }

    [Fact]
    public void Comments_trailing_commas_dollar_keys_and_nulls_are_accepted_with_defaults()
    {
        var config = Load("""
            {
              // the database
              "$schema": "https://example.org/retort.schema.json",
              "url": "sqlite:///app.db",
              "project": null,
            }
            """);
        Assert.Equal("sqlite:///app.db", config.Url);
        Assert.Equal("Revisions", config.Revisions);
        Assert.Null(config.Project);
        Assert.Null(config.Heads);
    }

    // A misspelt key would otherwise be ignored, and the setting it was meant to make silently missing.
    [Theory]
    [InlineData("{ \"URL\": \"sqlite:///app.db\" }", "unknown key \"URL\"; did you mean \"url\"?")]
    [InlineData("{ \"revision\": \"R\" }", "unknown key \"revision\"; did you mean \"revisions\"?")]
    [InlineData("{ \"versionTable\": \"ops\" }", "unknown key \"versionTable\"; did you mean \"versionTableSchema\"?")]
    [InlineData("{ \"url\": \"sqlite:///app.db\", \"someOtherTool\": { \"x\": 1 } }", "unknown key \"someOtherTool\"")]
    public void An_unknown_key_is_refused_with_the_closest_valid_key(string json, string message) =>
        Assert.Contains(message, Refused(json).Message);

    [Fact]
    public void Malformed_json_is_refused_as_not_valid()
    {
        Assert.Contains("is not valid", Refused("{ \"url\": ").Message);
        Assert.Contains("is not valid", Refused("").Message);
    }

    [Theory]
    [InlineData("[1, 2]", "an array")]
    [InlineData("\"sqlite:///app.db\"", "a string")]
    [InlineData("null", "null")]
    public void A_document_that_is_not_an_object_is_refused(string json, string what) =>
        Assert.Contains($"holds {what}, not a JSON object", Refused(json).Message);

    [Theory]
    [InlineData("{ \"url\": 5 }", "\"url\" must be a string, not a number")]
    [InlineData("{ \"project\": [\"a\"] }", "\"project\" must be a string, not an array")]
    [InlineData("{ \"heads\": \"two\" }", "\"heads\" must be a whole number, not a string")]
    [InlineData("{ \"heads\": 1.5 }", "\"heads\" must be a whole number, not a number")]
    public void A_key_of_the_wrong_type_is_named_in_the_error(string json, string message) =>
        Assert.Contains(message, Refused(json).Message);

    [Fact]
    public void Batching_reads_every_key_over_the_defaults()
    {
        var config = Load("""
            { "batching": { "batchSize": 5000, "minBatchSize": 100, "maxBatchSize": 20000, "targetBatchMs": 500, "pauseMs": 50,
                            "replicaName": "standby1", "maxReplicaLagMs": 2000 } }
            """);
        Assert.Equal(new BatchOptions
        {
            BatchSize = 5000, MinBatchSize = 100, MaxBatchSize = 20000, TargetBatchDuration = TimeSpan.FromMilliseconds(500),
            PauseBetweenBatches = TimeSpan.FromMilliseconds(50), ReplicaName = "standby1", MaxReplicaLag = TimeSpan.FromSeconds(2),
        }, config.Batching);
        // A key left out keeps its default; targetBatchMs 0 fixes the size; no object, no batching.
        Assert.Equal(BatchOptions.Default with { BatchSize = 300, TargetBatchDuration = null },
            Load("{ \"batching\": { \"batchSize\": 300, \"targetBatchMs\": 0 } }").Batching);
        Assert.Null(Load("{ \"url\": \"sqlite:///app.db\" }").Batching);
    }

    [Theory]
    [InlineData("{ \"batching\": 500 }", "\"batching\" must be an object such as { \"batchSize\": 5000 }, not a number")]
    [InlineData("{ \"batching\": { \"batchSize\": 0 } }", "\"batching.batchSize\" must be at least 1 (it is 0)")]
    [InlineData("{ \"batching\": { \"batchSize\": \"big\" } }", "\"batching.batchSize\" must be a whole number, not a string")]
    [InlineData("{ \"batching\": { \"batchSize\": 90000 } }", "\"batching.batchSize\" (90000) is above \"batching.maxBatchSize\" (50000)")]
    [InlineData("{ \"batching\": { \"pauseMs\": -5 } }", "\"batching.pauseMs\" must not be negative")]
    [InlineData("{ \"batching\": { \"batchsize\": 10 } }", "unknown key \"batching.batchsize\"; did you mean \"batching.batchSize\"?")]
    public void Bad_batching_is_refused_naming_the_key(string json, string message) =>
        Assert.Contains(message, Refused(json).Message);
}
