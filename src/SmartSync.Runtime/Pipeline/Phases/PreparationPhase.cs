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
        SyncStore.Execute(lease.Connection, tx, "DELETE FROM __ss_permission");
        foreach (var permission in permissions)
        {
            using var insert = SyncStore.Command(
                lease.Connection,
                tx,
                "INSERT OR REPLACE INTO __ss_permission (entity, can_read, can_create, can_update, can_delete) VALUES ($e, $r, $c, $u, $d)",
                ("$e", permission.Entity),
                ("$r", permission.CanRead),
                ("$c", permission.CanCreate),
                ("$u", permission.CanUpdate),
                ("$d", permission.CanDelete));
            insert.ExecuteNonQuery();
        }

        tx.Commit();
        return permissions.Count;
    }
}
