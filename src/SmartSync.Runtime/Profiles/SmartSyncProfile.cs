using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Definitions.Semantics;

namespace SmartSync;

/// <summary>
/// A named partial sync described in SmartSync.xml. The source generator emits one sealed
/// subclass per profile (<c>Profiles.GetTasks</c>); profiles loaded from an override file at
/// run time use the same type.
/// </summary>
public abstract class SmartSyncProfile
{
    protected SmartSyncProfile(ProfileSpec spec)
    {
        Spec = spec ?? throw new ArgumentNullException(nameof(spec));
    }

    /// <summary>The validated definition this profile was built from.</summary>
    public ProfileSpec Spec { get; }

    public string Name => Spec.Name;

    public string? Description => Spec.Description;

    public SyncAction Action => Spec.Action;

    public SyncMethod Method => Spec.Method;

    public SyncModules ExcludedModules => Spec.ExcludedModules;

    public bool UseGlobalExclusions => Spec.UseGlobalExclusions;

    public bool UseAutoExclusions => Spec.UseAutoExclusions;

    public EntitiesMode Mode => Spec.Mode;

    public IReadOnlyList<EntitySpec> Entities => Spec.Entities;

    /// <summary>Runs the profile on <see cref="SmartSyncClient.Default"/>.</summary>
    public Task<SyncResult> RunAsync(CancellationToken cancellationToken = default) =>
        RunAsync(SmartSyncClient.Default, cancellationToken);

    /// <summary>Runs the profile on <paramref name="client"/>; completes when the run ends (it is queued behind any running sync).</summary>
    public Task<SyncResult> RunAsync(ISmartSyncClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.RunAsync(this, cancellationToken);
    }

    public override string ToString() => Name;
}
