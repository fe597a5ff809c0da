using System;
using System.Collections.Generic;
using System.Linq;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Semantics;

namespace SmartSync;

/// <summary>
/// The profiles, triggers and global exclusions an app runs with. Generated code registers the
/// compiled-in ones at start-up (a module initializer, no reflection); an override file can
/// replace them at run time.
/// </summary>
public sealed class SmartSyncCatalog
{
    private static SmartSyncCatalog _current = new([], [], EquatableArray<ExcludedEntity>.Empty);
    private readonly Dictionary<string, SmartSyncProfile> _byName;

    public SmartSyncCatalog(IEnumerable<SmartSyncProfile> profiles, IEnumerable<TriggerSpec> triggers, EquatableArray<ExcludedEntity> globalExclusions)
        : this(profiles, triggers, globalExclusions, null)
    {
    }

    /// <param name="profiles">The profiles.</param>
    /// <param name="triggers">The triggers.</param>
    /// <param name="globalExclusions">The global exclusion list.</param>
    /// <param name="appEntities">The app's tables when SmartSync.xml states them; null when every table of the data model is the app's.</param>
    public SmartSyncCatalog(IEnumerable<SmartSyncProfile> profiles, IEnumerable<TriggerSpec> triggers, EquatableArray<ExcludedEntity> globalExclusions, EquatableArray<string>? appEntities)
    {
        AppEntities = appEntities;
        Profiles = profiles.ToArray();
        Triggers = triggers.ToArray();
        GlobalExclusions = globalExclusions;
        _byName = new Dictionary<string, SmartSyncProfile>(StringComparer.OrdinalIgnoreCase);
        foreach (var profile in Profiles)
        {
            _byName[profile.Name] = profile;
        }
    }

    /// <summary>The catalog in force: the compiled-in one unless an override file replaced it.</summary>
    public static SmartSyncCatalog Current
    {
        get => _current;
        set
        {
            _current = value ?? throw new ArgumentNullException(nameof(value));
            CurrentChanged?.Invoke(null, EventArgs.Empty);
        }
    }

    /// <summary>Raised after <see cref="Current"/> was replaced (e.g. by an override file); clients rebuild their triggers.</summary>
    public static event EventHandler? CurrentChanged;

    public IReadOnlyList<SmartSyncProfile> Profiles { get; }

    public IReadOnlyList<TriggerSpec> Triggers { get; }

    /// <summary>The global exclusion list, each entity with its reason (computed at build time).</summary>
    public EquatableArray<ExcludedEntity> GlobalExclusions { get; }

    /// <summary>
    /// The app's tables (<c>&lt;AppEntities&gt;</c> plus the Include lists' entities), or null when every table of the
    /// data model is the app's: full sync, Exclude profiles, related expansion and the local schema stay inside them.
    /// </summary>
    public EquatableArray<string>? AppEntities { get; }

    /// <summary>Called by generated code; replaces <see cref="Current"/>.</summary>
    public static void Register(IEnumerable<SmartSyncProfile> profiles, IEnumerable<TriggerSpec> triggers, EquatableArray<ExcludedEntity> globalExclusions) =>
        Current = new SmartSyncCatalog(profiles, triggers, globalExclusions);

    /// <summary>Called by generated code when SmartSync.xml states the app's tables; replaces <see cref="Current"/>.</summary>
    public static void Register(IEnumerable<SmartSyncProfile> profiles, IEnumerable<TriggerSpec> triggers, EquatableArray<ExcludedEntity> globalExclusions, EquatableArray<string> appEntities) =>
        Current = new SmartSyncCatalog(profiles, triggers, globalExclusions, appEntities);

    /// <summary>The app's tables as the entity resolver takes them (null: the whole model).</summary>
    internal IReadOnlyCollection<string>? AppEntityScope => AppEntities is { } names ? names : null;

    /// <summary>Finds a profile by name (case-insensitive, as profile names are unique regardless of case).</summary>
    public SmartSyncProfile? Find(string name) => _byName.TryGetValue(name, out var profile) ? profile : null;
}
