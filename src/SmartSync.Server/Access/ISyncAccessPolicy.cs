using System.Threading;
using System.Threading.Tasks;
using SmartSync.Server.Json;

namespace SmartSync.Server.Access;

/// <summary>
/// Decides what a user may do with an entity (read, create, update, delete). Which rows a user sees is fixed by
/// the protocol: the rows they own, the rows shared with them, and organization-wide rows (entities without an
/// owner). Register your own with <c>AddSmartSyncServer(...).UseAccessPolicy&lt;T&gt;()</c>.
/// </summary>
public interface ISyncAccessPolicy
{
    ValueTask<PermissionDto> GetPermissionAsync(SyncUser user, string entity, CancellationToken cancellationToken);
}
