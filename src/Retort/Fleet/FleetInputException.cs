namespace Retort.Fleet;

/// <summary>
/// A fleet was refused before any target was touched because its input is wrong: a missing or empty targets file, a line
/// no dialect handles, duplicate targets, a query that returns no text, schemas on a database without them, bad options.
/// </summary>
public sealed class FleetInputException : RetortException
{
    /// <summary>Creates the error with its one-paragraph message.</summary>
    public FleetInputException(string message) : base(message) { }

    /// <summary>Creates the error with its one-paragraph message and cause.</summary>
    public FleetInputException(string message, Exception inner) : base(message, inner) { }
}
