using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Server.Access;

/// <summary>The default visibility: the protocol's rule (owned + shared + organization-wide), the same for every entity.</summary>
internal sealed class OwnerVisibilityPolicy : ISyncVisibilityPolicy
{
    public ValueTask<SyncVisibility> GetVisibilityAsync(SyncUser user, string entity, CancellationToken cancellationToken) =>
        ValueTask.FromResult(SyncVisibility.Owned);
}
