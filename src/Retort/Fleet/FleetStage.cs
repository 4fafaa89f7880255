using System.Globalization;

namespace Retort.Fleet;

/// <summary>
/// Where a wave of a fleet run ends, counted from the first target to run: a share of them (<c>10%</c>) or a number
/// (<c>50</c>). Each wave finishes before the next starts; targets left after the last stage form a last wave.
/// </summary>
public sealed record FleetStage
{
    private FleetStage(double? percent, int? count)
    {
        Percent = percent;
        Count = count;
    }

    /// <summary>The share of the targets to run that are done when the wave ends (0 &lt; p ≤ 100), or null.</summary>
    public double? Percent { get; }

    /// <summary>The number of targets done when the wave ends, or null.</summary>
    public int? Count { get; }

    /// <summary>A stage ending at <paramref name="percent"/>% of the targets.</summary>
    public static FleetStage OfPercent(double percent) =>
        percent is > 0 and <= 100 ? new FleetStage(percent, null) : throw new ArgumentOutOfRangeException(nameof(percent), percent, "Between 0 (excluded) and 100.");

    /// <summary>A stage ending after <paramref name="count"/> targets.</summary>
    public static FleetStage OfCount(int count) =>
        count > 0 ? new FleetStage(null, count) : throw new ArgumentOutOfRangeException(nameof(count), count, "At least 1.");

    /// <summary>How many targets of <paramref name="total"/> are done when the wave ends (at least one).</summary>
    public int End(int total) => Math.Min(total, Math.Max(1, Count ?? (int)Math.Ceiling(total * Percent!.Value / 100)));

    /// <summary>Parses <c>1%,10%,100%</c> or <c>5,50</c> (growing).</summary>
    /// <exception cref="FleetInputException">A stage is not a positive number or percentage, or the stages do not grow.</exception>
    public static IReadOnlyList<FleetStage> ParseList(string text)
    {
        var stages = new List<FleetStage>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            FleetStage? stage = null;
            if (part.EndsWith('%') && double.TryParse(part[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 100)
                stage = OfPercent(p);
            else if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
                stage = OfCount(n);
            if (stage is null)
                throw new FleetInputException($"The stage '{part}' of --stage {text} is not a share (1% to 100%) or a number of targets (1 or more). " +
                    "Write the waves as growing shares or counts, for example --stage 1%,10%,100% or --stage 5,50.");
            if (stages.Count > 0 && (stages[^1].Percent is null) == (stage.Percent is null) && (stage.Percent ?? stage.Count) <= (stages[^1].Percent ?? stages[^1].Count))
                throw new FleetInputException($"The stages of --stage {text} must grow: '{part}' does not come after the stage before it. For example --stage 1%,10%,100%.");
            stages.Add(stage);
        }
        return stages;
    }

    /// <inheritdoc />
    public override string ToString() => Percent is { } p ? p.ToString(CultureInfo.InvariantCulture) + "%" : Count!.Value.ToString(CultureInfo.InvariantCulture);
}
