using System.Collections.Generic;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Semantics;

namespace SmartSync.Pipeline;

/// <summary>What a run was asked to do: a profile's settings, or those of a full sync.</summary>
internal sealed class SyncPlan
{
    private SyncPlan(string key, ProfileSpec? profile, SyncAction action, SyncMethod method, SyncModules excludedModules, SmartSyncCatalog catalog)
    {
        Key = key;
        GlobalExclusions = catalog.GlobalExclusions;
        AppEntities = catalog.AppEntityScope;
        _appEntities = catalog.AppEntities;
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

    /// <summary>The global exclusion list of the client's catalog when the run was requested (empty: compute it from the model).</summary>
    public EquatableArray<ExcludedEntity> GlobalExclusions { get; }

    /// <summary>The app's tables in the client's catalog when the run was requested (null: every table of the model).</summary>
    public IReadOnlyCollection<string>? AppEntities { get; }

    private readonly EquatableArray<string>? _appEntities;

    /// <summary>
    /// Whether a waiting request can serve this one: same key and the same definition. After an override
    /// file changed a profile, a new request does not join a waiting one that still carries the old definition.
    /// </summary>
    public bool CanJoin(SyncPlan waiting) =>
        waiting.Key == Key && SameDefinition(waiting.Profile, Profile) && waiting.GlobalExclusions.Equals(GlobalExclusions) && Equals(waiting._appEntities, _appEntities);

    // The key already matched the name regardless of case; compare everything else.
    private static bool SameDefinition(ProfileSpec? a, ProfileSpec? b) =>
        a is null || b is null ? a is null && b is null : a with { Name = b.Name } == b;

    public bool Uploads => Action != SyncAction.DownSync;

    public bool Downloads => Action != SyncAction.UpSync;

    public static SyncPlan For(SmartSyncProfile profile, SmartSyncCatalog catalog) =>
        new(KeyOf(profile.Name), profile.Spec, profile.Action, profile.Method, profile.ExcludedModules, catalog);

    /// <summary>Profile names are unique regardless of case, so the key is too.</summary>
    public static string KeyOf(string profileName) => "profile:" + profileName.ToUpperInvariant();

    /// <summary>Every entity, every module, both directions, no global or auto exclusions.</summary>
    public static SyncPlan FullSync(SmartSyncCatalog catalog) => new("full", null, SyncAction.UpDownSync, SyncMethod.Default, SyncModules.None, catalog);
}
