using System.Globalization;

namespace Retort.Specification.Fleet;

/// <summary>A SQL-only migrations environment for fleet tests: <c>retort.json</c> and a line of <c>.sql</c> revisions.</summary>
public static class FleetEnvironment
{
    /// <summary>The id of the revision at <paramref name="index"/> (0-based): 12 hex digits.</summary>
    public static string Id(int index) => (index + 1).ToString("x12", CultureInfo.InvariantCulture);

    /// <summary>Writes the environment into <paramref name="directory"/> with one revision per (upgrade, downgrade) pair, in a line.</summary>
    public static IReadOnlyList<string> Write(string directory, string url, params (string Up, string Down)[] revisions)
    {
        Directory.CreateDirectory(Path.Combine(directory, "Revisions"));
        File.WriteAllText(Path.Combine(directory, "retort.json"), $$"""{ "url": "{{url}}", "revisions": "Revisions" }""");
        var ids = new List<string>();
        for (var i = 0; i < revisions.Length; i++)
        {
            var id = Id(i);
            File.WriteAllText(Path.Combine(directory, "Revisions", $"{id}_r{i + 1}.sql"),
                $"-- retort:revision {id}\n" + (i > 0 ? $"-- retort:down-revision {ids[^1]}\n" : "") + $"-- retort:message r{i + 1}\n\n" +
                $"-- retort:upgrade\n{revisions[i].Up}\n\n-- retort:downgrade\n{revisions[i].Down}\n");
            ids.Add(id);
        }
        return ids;
    }
}
