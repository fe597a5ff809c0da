using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Server.Json;

namespace SmartSync.ReferenceServer;

// In-process administration through the library's server-side API (SmartSyncBackend): the same operations as
// the /admin endpoints, for tests, the demo and benchmarks.
public sealed partial class CrmServer
{
    /// <summary>Creates or updates a server row as an administrator would (bumps its change version).</summary>
    /// <returns>The row's new ETag.</returns>
    public Task<string> EditRowAsync(string entity, string key, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken = default) =>
        _backend.UpsertAsync(entity, key, values, cancellationToken);

    /// <summary>Deletes a server row (logged in the delete log of its owner and of the users it was shared with).</summary>
    public Task<bool> DeleteRowAsync(string entity, string key, CancellationToken cancellationToken = default) =>
        _backend.DeleteAsync(entity, key, cancellationToken);

    public Task<bool> ShareAsync(string entity, string key, string userId, CancellationToken cancellationToken = default) =>
        _backend.ShareAsync(entity, key, userId, cancellationToken);

    public Task<bool> UnshareAsync(string entity, string key, string userId, CancellationToken cancellationToken = default) =>
        _backend.UnshareAsync(entity, key, userId, cancellationToken);

    /// <summary>Moves the customization version, as a data model change would.</summary>
    public Task<string> BumpCustomizationAsync(CancellationToken cancellationToken = default) => _backend.BumpCustomizationAsync(cancellationToken);

    /// <summary>Demands a full sync of the user's devices (or of one device); each device clears only its own demand.</summary>
    public Task<bool> RequireFullSyncAsync(string userId, CancellationToken cancellationToken = default) =>
        _backend.RequireFullSyncAsync(userId, null, cancellationToken);

    /// <summary>Expires every outstanding delta and paging token.</summary>
    public Task ExpireTokensAsync(CancellationToken cancellationToken = default) => _backend.ExpireTokensAsync(cancellationToken);

    public Task SetPermissionAsync(string userId, string entity, bool canRead, bool canCreate, bool canUpdate, bool canDelete, CancellationToken cancellationToken = default) =>
        _backend.SetPermissionAsync(userId, entity, canRead, canCreate, canUpdate, canDelete, cancellationToken);

    /// <summary>The conflict dashboard: every conflict, newest first.</summary>
    public IReadOnlyList<ConflictDto> ListConflicts() => _backend.ListConflictsAsync().GetAwaiter().GetResult();

    /// <summary>Resolves an open conflict: keep the server's row, or apply the device's values.</summary>
    public Task<bool> ResolveConflictAsync(long id, bool keepDevice, CancellationToken cancellationToken = default) =>
        _backend.ResolveConflictAsync(id, keepDevice, cancellationToken);

    /// <summary>The keys of the rows the user owns in an entity (test helper: seeded data is deterministic but large).</summary>
    public IReadOnlyList<string> OwnedKeys(string entity, string userId, int max = 1000) =>
        _backend.ListKeysAsync(entity, userId, max).GetAwaiter().GetResult();

    /// <summary>How many rows an entity's table holds.</summary>
    public long CountRows(string entity) => _backend.CountAsync(entity).GetAwaiter().GetResult();
}
