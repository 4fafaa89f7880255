namespace Retort.Hosting.Tests.Support;

/// <summary>A SQL-only migrations environment written into a folder: retort.json and one .sql file per revision.</summary>
public static class SqlRevisions
{
    /// <summary>A fresh 12-hex-digit revision id (unique per test, so process-wide listeners can tell the tests apart).</summary>
    public static string NewId() => Guid.NewGuid().ToString("N")[..12];

    /// <summary>Writes retort.json (with <paramref name="url"/>, or none) into <paramref name="dir"/>.</summary>
    public static string Create(string dir, string? url = null)
    {
        Directory.CreateDirectory(Path.Combine(dir, "Revisions"));
        File.WriteAllText(Path.Combine(dir, "retort.json"), url is null ? "{ \"revisions\": \"Revisions\" }\n" : $"{{ \"url\": \"{url}\", \"revisions\": \"Revisions\" }}\n");
        return dir;
    }

    /// <summary>Writes a revision file; returns its path.</summary>
    public static string Revision(string dir, string id, string? down, string message, string upgrade, string downgrade)
    {
        var path = Path.Combine(dir, "Revisions", $"{id}_{message.Replace(' ', '_')}.sql");
        File.WriteAllText(path, $"-- retort:revision {id}\n" + (down is null ? "" : $"-- retort:down-revision {down}\n") +
            $"-- retort:message {message}\n-- retort:upgrade\n{upgrade}\n-- retort:downgrade\n{downgrade}\n");
        return path;
    }

    /// <summary>Three revisions in a line, each creating a table and recording itself in <c>applied</c>; returns their ids.</summary>
    public static string[] ThreeRevisions(string dir)
    {
        string a = NewId(), b = NewId(), c = NewId();
        Revision(dir, a, null, "create applied", $"CREATE TABLE applied (revision VARCHAR(20) NOT NULL);\nINSERT INTO applied (revision) VALUES ('{a}');", "DROP TABLE applied;");
        Revision(dir, b, a, "create one", $"CREATE TABLE one (id INTEGER PRIMARY KEY);\nINSERT INTO applied (revision) VALUES ('{b}');", "DROP TABLE one;");
        Revision(dir, c, b, "create two", $"CREATE TABLE two (id INTEGER PRIMARY KEY);\nINSERT INTO applied (revision) VALUES ('{c}');", "DROP TABLE two;");
        return [a, b, c];
    }
}
