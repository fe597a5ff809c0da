using System;
using System.Collections.Generic;
using System.Linq;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Semantics;

namespace SmartSync;

/// <summary>
/// The profiles, triggers and global exclusions a client runs with. Immutable. Each client holds its
/// own (<see cref="SmartSyncClient.Catalog"/>): the compiled one by default, or one read from an override
/// file, which replaces it for that client only.
/// </summary>
public sealed class SmartSyncCatalog
{
    private readonly Dictionary<string, SmartSyncProfile> _byName;

    public SmartSyncCatalog(IEnumerable<SmartSyncProfile> profiles, IEnumerable<TriggerSpec> triggers, EquatableArray<ExcludedEntity> globalExclusions)
        : this(profiles, triggers, globalExclusions, appEntities: null, overridePath: null)
    {
    }

    /// <param name="profiles">The profiles.</param>
    /// <param name="triggers">The triggers.</param>
    /// <param name="globalExclusions">The global exclusion list.</param>
    /// <param name="appEntities">The app's tables when SmartSync.xml states them; null when every table of the data model is the app's.</param>
    public SmartSyncCatalog(IEnumerable<SmartSyncProfile> profiles, IEnumerable<TriggerSpec> triggers, EquatableArray<ExcludedEntity> globalExclusions, EquatableArray<string>? appEntities)
        : this(profiles, triggers, globalExclusions, appEntities, overridePath: null)
    {
    }

    internal SmartSyncCatalog(IEnumerable<SmartSyncProfile> profiles, IEnumerable<TriggerSpec> triggers, EquatableArray<ExcludedEntity> globalExclusions, EquatableArray<string>? appEntities, string? overridePath)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(triggers);
        AppEntities = appEntities;
        Profiles = profiles.ToArray();
        Triggers = triggers.ToArray();
        GlobalExclusions = globalExclusions;
        OverridePath = overridePath;
        _byName = new Dictionary<string, SmartSyncProfile>(StringComparer.OrdinalIgnoreCase);
        foreach (var profile in Profiles)
        {
            // Profile names are unique regardless of case within one file; across contributions the first wins.
            _byName.TryAdd(profile.Name, profile);
        }
    }

    /// <summary>
    /// What the app's assemblies compiled in: the union of every generated catalog registered so far
    /// (normally one). Clients start from it unless their options name another catalog.
    /// </summary>
    public static SmartSyncCatalog Compiled => CompiledCatalogRegistry.Snapshot;

    public IReadOnlyList<SmartSyncProfile> Profiles { get; }

    public IReadOnlyList<TriggerSpec> Triggers { get; }

    /// <summary>The global exclusion list, each entity with its reason (computed at build time).</summary>
    public EquatableArray<ExcludedEntity> GlobalExclusions { get; }

    /// <summary>The override file this catalog was read from, or null for a compiled or hand-built catalog.</summary>
    public string? OverridePath { get; }

    /// <summary>
    /// The app's tables (<c>&lt;AppEntities&gt;</c> plus the Include lists' entities), or null when every table of the
    /// data model is the app's: full sync, Exclude profiles, related expansion and the local schema stay inside them.
    /// </summary>
    public EquatableArray<string>? AppEntities { get; }

    /// <summary>
    /// Called by generated module initializers: adds one assembly's compiled catalog to <see cref="Compiled"/>.
    /// It never replaces what another assembly registered, and never touches a client's catalog.
    /// </summary>
    public static void Register(SmartSyncCatalog compiled)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        CompiledCatalogRegistry.Add(compiled);
    }

    /// <summary>The app's tables as the entity resolver takes them (null: the whole model).</summary>
    internal IReadOnlyCollection<string>? AppEntityScope => AppEntities is { } names ? names : null;

    /// <summary>Finds a profile by name (case-insensitive, as profile names are unique regardless of case).</summary>
    public SmartSyncProfile? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name, out var profile) ? profile : null;
    }

    /// <summary>The same profiles and exclusions without the AppStart triggers (the app did not start again).</summary>
    internal SmartSyncCatalog WithoutAppStartTriggers() =>
        new(Profiles, Triggers.Where(t => t.Action != TriggerAction.AppStart), GlobalExclusions, AppEntities, OverridePath);
}
