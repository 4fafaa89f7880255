using System.Data.Common;
using System.Globalization;
using Retort.Sql;

namespace Retort.Lint;

public partial class LintSupport
{
    /// <summary>
    /// Reads the server's version and the statistics of <paramref name="tables"/> (names as findings give them,
    /// <c>table</c> or <c>schema.table</c>) for <c>retort lint --url</c> and the gate in <c>upgrade</c>. The base takes
    /// the version from the driver (<see cref="DbConnection.ServerVersion"/>) and counts each table's rows exactly,
    /// leaving its size unknown (0); a database whose catalogue keeps estimates and sizes overrides it. A table that
    /// cannot be read (not there yet) is left out.
    /// </summary>
    /// <param name="connection">An open connection, outside any transaction.</param>
    /// <param name="syntax">How names are quoted.</param>
    /// <param name="tables">The tables to look at.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public virtual async Task<LiveCatalogue> ReadLiveAsync(DbConnection connection, ISqlSyntax syntax, IReadOnlyCollection<string> tables,
        CancellationToken cancellationToken = default)
    {
        var stats = new Dictionary<string, TableStats>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var (schema, name) = SplitName(table);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM " + syntax.QualifyName(schema, name);
            try { stats[LintContext.Key(schema, name)] = new TableStats(Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture), 0); }
            catch (DbException) { }
        }
        return new LiveCatalogue(ParseVersion(connection.ServerVersion), stats);
    }

    /// <summary>A table name as a finding gives it (quotes allowed) split into schema and name.</summary>
    protected static (string? Schema, string Name) SplitName(string table)
    {
        var clean = table.Replace("\"", "").Replace("`", "").Replace("[", "").Replace("]", "");
        var dot = clean.LastIndexOf('.');
        return dot < 0 ? (null, clean) : (clean[..dot], clean[(dot + 1)..]);
    }

    /// <summary>The leading <c>major.minor[.patch]</c> of a driver's version text (<c>16.2 (Debian 16.2-1)</c>), or null.</summary>
    protected static Version? ParseVersion(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var end = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.')) end++;
        var numbers = text[..end].Trim('.');
        if (!numbers.Contains('.')) numbers += ".0";
        return Version.TryParse(numbers, out var version) ? version : null;
    }
}
