using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Triggers;

/// <summary>What triggers need from the client that owns them.</summary>
public interface ITriggerHost
{
    /// <summary>Queues a run of <paramref name="profile"/> and completes when it ends.</summary>
    Task<SyncResult> RunAsync(SmartSyncProfile profile, CancellationToken cancellationToken);

    /// <summary>Whether a run of the profile is queued or running right now.</summary>
    bool IsPending(string profileName);

    /// <summary>The entities whose local changes fire the profile's RecordChange triggers (its effective set).</summary>
    IReadOnlyCollection<string> EntitiesOf(SmartSyncProfile profile);
}
