using System.Threading;
using System.Threading.Tasks;
using SmartSync.Storage;

namespace SmartSync.Pipeline.Phases;

/// <summary>Downloads records shared with the user (not owned), per entity, with their own cursors.</summary>
internal sealed class SharedRecordsPhase : ISyncPhase
{
    public string Name => "SharedRecords";

    public SyncModules SkipFlag => SyncModules.NoSyncShared;

    public bool AlwaysRuns => false;

    public PhaseDirection Direction => PhaseDirection.Download;

    public async Task<int> RunAsync(SyncRunContext context, CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var table in context.Entities)
        {
            total += await PageDownloader.DownloadAsync(context, table, CursorStore.Shared, context.Transport.DownloadSharedPageAsync, cancellationToken).ConfigureAwait(false);
        }

        return total;
    }
}
