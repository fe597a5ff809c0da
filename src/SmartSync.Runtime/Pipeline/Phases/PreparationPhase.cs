using System.Threading;
using System.Threading.Tasks;
using SmartSync.Storage;

namespace SmartSync.Pipeline.Phases;

/// <summary>Refreshes the user's permissions per entity.</summary>
internal sealed class PreparationPhase : ISyncPhase
{
    public string Name => "Preparation";

    public SyncModules SkipFlag => SyncModules.NoPreparation;

    public bool AlwaysRuns => false;

    public PhaseDirection Direction => PhaseDirection.Any;

    public async Task<int> RunAsync(SyncRunContext context, CancellationToken cancellationToken)
    {
        var permissions = await context.Transport.GetPermissionsAsync(cancellationToken).ConfigureAwait(false);
        using var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false);
        using var tx = lease.Connection.BeginTransaction();
        PermissionStore.ReplaceAll(lease.Connection, tx, permissions);
        tx.Commit();
        return permissions.Count;
    }
}
