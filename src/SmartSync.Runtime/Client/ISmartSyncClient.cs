using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync;

/// <summary>
/// What app code (view-models, commands, services) asks of a sync client: start and await runs, read the
/// catalog, the sync log and the storage report. <see cref="SmartSyncClient"/> implements it; depend on this
/// interface where a test needs a double.
/// </summary>
public interface ISmartSyncClient
{
    /// <summary>The profiles, triggers and global exclusions this client runs with.</summary>
    SmartSyncCatalog Catalog { get; }

    /// <summary>Queues a profile run and returns at once; the handle's task completes when the run ends.</summary>
    SyncHandle Start(SmartSyncProfile profile, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Queues a full sync: every entity, every module, no global or auto exclusions.</summary>
    SyncHandle StartFullSync(IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Runs a profile; completes when the run ends.</summary>
    Task<SyncResult> RunAsync(SmartSyncProfile profile, CancellationToken cancellationToken = default);

    /// <summary>Runs the profile of that name from <see cref="Catalog"/>.</summary>
    Task<SyncResult> RunAsync(string profileName, CancellationToken cancellationToken = default);

    /// <summary>Runs a full sync; completes when it ends.</summary>
    Task<SyncResult> RunFullSyncAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether a run of the profile is queued or running right now.</summary>
    bool IsPending(string profileName);

    /// <summary>Rows, bytes, freshness, profiles and exclusion status per entity, and the cleanup debt.</summary>
    Task<StorageReport> AnalyzeStorageAsync(CancellationToken cancellationToken = default);

    /// <summary>The persisted sync log of the most recent runs, newest first.</summary>
    Task<IReadOnlyList<SyncLogEntry>> GetSyncLogAsync(int runs = 1, CancellationToken cancellationToken = default);
}
