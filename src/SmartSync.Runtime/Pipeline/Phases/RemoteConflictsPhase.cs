using System.Threading;
using System.Threading.Tasks;
using SmartSync.Storage;

namespace SmartSync.Pipeline.Phases;

/// <summary>Applies upload-conflict resolutions decided on the server's dashboard, then acknowledges them.</summary>
internal sealed class RemoteConflictsPhase : ISyncPhase
{
    public string Name => "RemoteConflicts";

    public SyncModules SkipFlag => SyncModules.NoRemoteConflicts;

    public bool AlwaysRuns => false;

    public PhaseDirection Direction => PhaseDirection.Upload;

    public async Task<int> RunAsync(SyncRunContext context, CancellationToken cancellationToken)
    {
        var model = context.RequireModel();
        var resolutions = await context.Transport.GetConflictResolutionsAsync(cancellationToken).ConfigureAwait(false);
        var applied = 0;
        foreach (var resolution in resolutions)
        {
            using (var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
            {
                using var tx = lease.Connection.BeginTransaction();
                var id = SyncErrorStore.FindOpen(lease.Connection, tx, resolution.Entity, resolution.Key);
                if (id is { } errorId && SyncErrorStore.Resolve(lease.Connection, tx, model, errorId, resolution.Choice, resolution.Values))
                {
                    applied++;
                    context.Log.Line("Remote resolution for " + resolution.Entity + " " + resolution.Key + ": " + resolution.Choice);
                }

                tx.Commit();
            }

            // Acknowledged after the local commit: a crash in between only means the resolution comes again (and finds no open error).
            await context.Transport.AcknowledgeConflictResolutionAsync(resolution.Id, cancellationToken).ConfigureAwait(false);
        }

        return applied;
    }
}
