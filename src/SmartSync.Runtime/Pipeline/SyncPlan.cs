using SmartSync.Definitions.Semantics;

namespace SmartSync.Pipeline;

/// <summary>What a run was asked to do: a profile's settings, or those of a full sync.</summary>
internal sealed class SyncPlan
{
    private SyncPlan(string key, ProfileSpec? profile, SyncAction action, SyncMethod method, SyncModules excludedModules)
    {
        Key = key;
        Profile = profile;
        Action = action;
        Method = method;
        ExcludedModules = excludedModules;
    }

    /// <summary>Identifies identical requests in the queue: the profile name, or the full-sync marker.</summary>
    public string Key { get; }

    /// <summary>The profile, or null for a full sync.</summary>
    public ProfileSpec? Profile { get; }

    public bool IsFullSync => Profile is null;

    public string? ProfileName => Profile?.Name;

    public string DisplayName => Profile?.Name ?? "FullSync";

    public SyncAction Action { get; }

    public SyncMethod Method { get; }

    public SyncModules ExcludedModules { get; }

    public bool Uploads => Action != SyncAction.DownSync;

    public bool Downloads => Action != SyncAction.UpSync;

    public static SyncPlan For(SmartSyncProfile profile) =>
        new(KeyOf(profile.Name), profile.Spec, profile.Action, profile.Method, profile.ExcludedModules);

    /// <summary>Profile names are unique regardless of case, so the key is too.</summary>
    public static string KeyOf(string profileName) => "profile:" + profileName.ToUpperInvariant();

    /// <summary>Every entity, every module, both directions, no global or auto exclusions.</summary>
    public static SyncPlan FullSync() => new("full", null, SyncAction.UpDownSync, SyncMethod.Default, SyncModules.None);
}
