using System.Globalization;
using Retort.Lint;

namespace Retort.Runner.Linting;

/// <summary>
/// The rough cost of a finding on a live table: its size, its rows, and how long the lock is held when the statement
/// rewrites or scans the table. The time is the table's size (with indexes and TOAST) divided by a throughput: a
/// rewrite at <see cref="RewriteBytesPerSecond"/> (it writes the table and rebuilds its indexes), a scan at
/// <see cref="ScanBytesPerSecond"/> (it reads every row); a table whose size the database does not report (SQLite
/// without <c>dbstat</c>) is taken as <see cref="BytesPerRowGuess"/> bytes a row. It is an order of magnitude for a
/// person deciding, not a measurement: disks, caches and indexes move it several times either way.
/// </summary>
public static class LintEstimate
{
    /// <summary>Bytes a second a table rewrite is assumed to manage (50 MB/s).</summary>
    public const double RewriteBytesPerSecond = 50_000_000;

    /// <summary>Bytes a second a full scan is assumed to manage (200 MB/s).</summary>
    public const double ScanBytesPerSecond = 200_000_000;

    /// <summary>Bytes a row is assumed to take when the database does not report a table's size.</summary>
    public const long BytesPerRowGuess = 100;

    /// <summary>The estimate's text, for example <c>rewrites accounts, 2.1 GB, 12,000,000 rows, about 40 s under AccessExclusiveLock</c>.</summary>
    public static string Describe(LintRule rule, string table, TableStats stats)
    {
        var bytes = stats.Bytes > 0 ? stats.Bytes : stats.Rows * BytesPerRowGuess;
        var size = (stats.Bytes > 0 ? "" : "about ") + Size(bytes);
        var rows = stats.Rows.ToString("N0", CultureInfo.InvariantCulture) + (stats.Rows == 1 ? " row" : " rows");
        var verb = rule.Rewrites ? "rewrites " : rule.Scans ? "scans " : "";
        var text = $"{verb}{table}, {size}, {rows}";
        var throughput = rule.Rewrites ? RewriteBytesPerSecond : rule.Scans ? ScanBytesPerSecond : 0;
        if (throughput > 0) text += ", " + Duration(bytes / throughput) + (rule.Lock is { } held ? $" under {held}" : "");
        return text;
    }

    /// <summary>Seconds held under the lock (see the class), or null when the rule neither rewrites nor scans.</summary>
    public static double? Seconds(LintRule rule, TableStats stats)
    {
        var bytes = stats.Bytes > 0 ? stats.Bytes : stats.Rows * BytesPerRowGuess;
        return rule.Rewrites ? bytes / RewriteBytesPerSecond : rule.Scans ? bytes / ScanBytesPerSecond : null;
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0", CultureInfo.InvariantCulture) + " kB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
    };

    private static string Duration(double seconds) => seconds switch
    {
        < 1 => "under a second",
        < 120 => "about " + Math.Round(seconds).ToString(CultureInfo.InvariantCulture) + " s",
        _ => "about " + Math.Round(seconds / 60).ToString(CultureInfo.InvariantCulture) + " min",
    };
}
