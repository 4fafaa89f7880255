
namespace Retort.Runner;

public sealed partial class Migrator
{
    /// <summary>Raised after every committed batch of a data step (rows done, estimate, rate, ETA).</summary>
    public event Action<DataProgress>? DataProgressReported;

    /// <summary>
    /// Steps of revisions that are partly applied: a run with batched data steps committed some phases or batches
    /// and then stopped (killed, cancelled, failed). Running the same upgrade again resumes them.
    /// </summary>
    public async Task<IReadOnlyList<DataStepProgress>> GetInProgressAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var executor = new OnlineExecutor(connection, _database.Dialect, _logger);
        return await _progress.ReadAsync(executor, null, null, cancellationToken);
    }
}
