namespace Retort.Environments;

/// <summary>A revision file (a <c>.sql</c> revision, or the C# project) cannot be read or built.</summary>
public sealed class RevisionFileException : RetortException
{
    /// <summary>Creates the error for <paramref name="path"/>.</summary>
    public RevisionFileException(string path, string problem, int? line = null)
        : base($"Revision file {path}{(line is null ? "" : $" (line {line})")} is broken: {problem}")
    {
        Path = path;
        Line = line;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The line, when known.</summary>
    public int? Line { get; }
}
