using Retort.Environments;

namespace Retort.Tests.Environments;

/// <summary>Where a command's environment is found: an explicit config, the working folder or a parent, else none.</summary>
public sealed class EnvironmentLocatorTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "retort-locate-" + Guid.NewGuid().ToString("N")[..10]);

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private string Environment(string name)
    {
        var folder = Path.Combine(_dir, name);
        Directory.CreateDirectory(folder);
        new EnvironmentConfig { Url = "sqlite:///" + name + ".db" }.Save(Path.Combine(folder, EnvironmentConfig.FileName));
        return folder;
    }

    [Fact]
    public void The_config_given_wins_then_the_working_folder_and_its_parents()
    {
        var outer = Environment("outer");
        var other = Environment("other");
        var deep = Path.Combine(outer, "a", "b");
        Directory.CreateDirectory(deep);

        Assert.Equal(outer, EnvironmentLocator.Locate(deep)!.Directory);
        Assert.Equal(other, EnvironmentLocator.Locate(deep, Path.Combine("..", "..", "..", "other", "retort.json"))!.Directory);
        Assert.Null(EnvironmentLocator.Locate(_dir));
        var missing = Assert.Throws<RetortException>(() => EnvironmentLocator.Locate(deep, "nope.json"));
        Assert.Contains("does not exist", missing.Message);
        Assert.StartsWith($"No retort.json found in {_dir} or any parent folder.", EnvironmentLocator.NotFound(_dir).Message);
    }
}
