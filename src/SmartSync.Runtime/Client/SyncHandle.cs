using System.Threading.Tasks;

namespace SmartSync;

/// <summary>A queued run: returned at once by <see cref="SmartSyncClient.Start(SmartSyncProfile, System.IProgress{SyncProgress}?, System.Threading.CancellationToken)"/>.</summary>
public sealed class SyncHandle
{
    internal SyncHandle(string? profileName, Task<SyncResult> completion)
    {
        ProfileName = profileName;
        Completion = completion;
    }

    /// <summary>The profile, or null for a full sync.</summary>
    public string? ProfileName { get; }

    /// <summary>Completes with the run's result when it ends (never faults: failures are results).</summary>
    public Task<SyncResult> Completion { get; }
}
