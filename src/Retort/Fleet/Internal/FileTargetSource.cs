using Retort.Dialects;
using Retort.Environments;

namespace Retort.Fleet.Internal;

/// <summary>Targets from a file, one URL per line.</summary>
internal sealed class FileTargetSource(string path) : FleetTargetSource
{
    public override Task<IReadOnlyList<FleetTarget>> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            throw new FleetInputException($"The targets file {path} does not exist. Give a file with one database URL per line (--targets FILE).");
        var folder = Path.GetDirectoryName(path)!;
        var targets = new List<FleetTarget>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var where = $"line {i + 1} of the targets file {path}";
            targets.Add(TargetChecks.Target(DatabaseUrl.LooksLikeUrl(line) ? DatabaseUrls.Anchor(line, folder) : line, null, where));
        }
        if (targets.Count == 0)
            throw new FleetInputException($"The targets file {path} lists no target: every line is blank or a # comment. Put one database URL per line, for example sqlite:///tenants/a.db.");
        TargetChecks.Unique(targets, $"the targets file {path}");
        return Task.FromResult<IReadOnlyList<FleetTarget>>(targets);
    }
}
