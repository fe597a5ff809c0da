using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Storage;

namespace SmartSync.Pipeline.Phases;

/// <summary>Downloads each entity's changes (or all of it when no cursor exists or the method is Full).</summary>
internal sealed class EntityDownloadPhase : ISyncPhase
{
    public string Name => "EntityDownload";

    public SyncModules SkipFlag => SyncModules.None;

    public bool AlwaysRuns => false;

    public PhaseDirection Direction => PhaseDirection.Download;

    public async Task<int> RunAsync(SyncRunContext context, CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var table in context.Entities)
        {
            var received = await PageDownloader.DownloadAsync(context, table, CursorStore.Download, context.Transport.DownloadPageAsync, cancellationToken).ConfigureAwait(false);
            total += received;
            var counter = context.Counter(table.Name);
            context.Log.Line(string.Format(
                CultureInfo.InvariantCulture,
                "Download {0}: {1} record(s), {2} change(s){3}",
                table.Name,
                received,
                counter.Changes,
                counter.FullDownload ? " (full)" : string.Empty));
        }

        return total;
    }
}
