using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Retort.Internal;

/// <summary>The loggers of a run, one per category (<see cref="RetortLogCategories"/>); one logger given alone serves them all.</summary>
internal sealed record RetortLoggers(ILogger Runner, ILogger Sql, ILogger Lock, ILogger Data)
{
    public static readonly RetortLoggers None = From((ILogger?)null);

    /// <summary>Every category on <paramref name="logger"/> (what a caller that passes one logger has always had).</summary>
    public static RetortLoggers From(ILogger? logger)
    {
        var one = logger ?? NullLogger.Instance;
        return new(one, one, one, one);
    }

    /// <summary>A logger per category from <paramref name="factory"/>.</summary>
    public static RetortLoggers From(ILoggerFactory factory) => new(
        factory.CreateLogger(RetortLogCategories.Runner), factory.CreateLogger(RetortLogCategories.Sql),
        factory.CreateLogger(RetortLogCategories.Lock), factory.CreateLogger(RetortLogCategories.Data));
}
