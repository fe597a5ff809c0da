using System;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync;

/// <summary>
/// Runs profiles against one local database and one server, one run at a time, off the caller's thread.
/// </summary>
public partial class SmartSyncClient
{
    private static SmartSyncClient? _default;

    /// <summary>The client <c>Profiles.X.RunAsync()</c> uses; set it once at start-up.</summary>
    public static SmartSyncClient Default
    {
        get => _default ?? throw new InvalidOperationException(
            "No default SmartSyncClient: set SmartSyncClient.Default (or call services.AddSmartSync) before running a profile without a client.");
        set => _default = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Runs a profile; completes when the run ends.</summary>
    public virtual Task<SyncResult> RunAsync(SmartSyncProfile profile, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The sync engine is not part of this build yet.");

    /// <summary>Runs the profile of that name from <see cref="SmartSyncCatalog.Current"/>.</summary>
    public Task<SyncResult> RunAsync(string profileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profileName);
        var profile = SmartSyncCatalog.Current.Find(profileName)
            ?? throw new ArgumentException($"No profile named '{profileName}' is registered.", nameof(profileName));
        return RunAsync(profile, cancellationToken);
    }
}
