using System.Threading;
using System.Threading.Tasks;
using SmartSync.Server.Hosting;
using SmartSync.Server.Json;

namespace SmartSync.Server.Access;

/// <summary>
/// The default policy: everything is allowed unless an administrator stored a restriction for the user and
/// entity (<see cref="SmartSyncBackend.SetPermissionAsync"/>, <c>PUT /admin/permissions</c>).
/// </summary>
internal sealed class StoredPermissionPolicy(StoreHolder stores) : ISyncAccessPolicy
{
    public async ValueTask<PermissionDto> GetPermissionAsync(SyncUser user, string entity, CancellationToken cancellationToken)
    {
        var store = await stores.GetAsync(cancellationToken).ConfigureAwait(false);
        return await store.GetPermissionAsync(user.UserId, entity, cancellationToken).ConfigureAwait(false);
    }
}
