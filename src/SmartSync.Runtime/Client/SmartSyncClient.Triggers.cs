using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SmartSync.Definitions.Semantics;
using SmartSync.Pipeline.Phases;
using SmartSync.Storage;
using SmartSync.Triggers;

namespace SmartSync;

// The client as the host of its catalog's triggers (docs/hosting.md).
// Triggers are opt-in: an app calls StartTriggers() once it is ready (services.AddSmartSync does it
// from its hosted service), so unit tests and tools that only run profiles never see a timer fire.
public sealed partial class SmartSyncClient : ITriggerHost
{
    private readonly object _triggerGate = new();
    private TriggerScheduler? _scheduler;
    private Task _retiredSchedulers = Task.CompletedTask;
    private EntityCache? _entityCache;
    private bool _followsCatalog;

    /// <summary>Whether <see cref="StartTriggers"/> armed the triggers (until <see cref="StopTriggersAsync"/>).</summary>
    public bool TriggersRunning
    {
        get
        {
            lock (_triggerGate)
            {
                return _scheduler is not null;
            }
        }
    }

    /// <summary>The triggers armed right now (empty while triggers are stopped).</summary>
    public IReadOnlyList<TriggerSpec> ActiveTriggers
    {
        get
        {
            lock (_triggerGate)
            {
                return _scheduler?.Triggers ?? [];
            }
        }
    }

    /// <summary>
    /// Arms the triggers of this client's <see cref="Catalog"/>: AppStart timers start counting now, PeriodicSync
    /// timers tick, and local writes through <see cref="Records"/> feed the RecordChange debounce windows.
    /// When the client's catalog is replaced later (an override file), the triggers are rebuilt from the new catalog;
    /// its AppStart triggers are not run again, as the app did not start again. Calling it twice does nothing.
    /// </summary>
    /// <param name="catalog">A fixed catalog to take the triggers from instead (it is not replaced when an override file changes <see cref="Catalog"/>).</param>
    public void StartTriggers(SmartSyncCatalog? catalog = null)
    {
        lock (_triggerGate)
        {
            if (_scheduler is not null)
            {
                return;
            }

            _scheduler = CreateScheduler(catalog ?? Catalog);
            if (_records is not null)
            {
                _records.RecordChanged += OnLocalRecordChanged;
            }

            _followsCatalog = catalog is null;
            if (_followsCatalog)
            {
                CatalogChanged += OnCatalogChanged;
            }

            _scheduler.Start();
        }
    }

    /// <summary>Disarms every trigger and waits for the runs they started (cancelling them where no one else waits).</summary>
    public async Task StopTriggersAsync()
    {
        TriggerScheduler? scheduler;
        Task retired;
        lock (_triggerGate)
        {
            scheduler = _scheduler;
            _scheduler = null;
            retired = _retiredSchedulers;
            _retiredSchedulers = Task.CompletedTask;
            if (scheduler is null)
            {
                return;
            }

            CatalogChanged -= OnCatalogChanged;
            if (_records is not null)
            {
                _records.RecordChanged -= OnLocalRecordChanged;
            }
        }

        await scheduler.DisposeAsync().ConfigureAwait(false);
        await retired.ConfigureAwait(false);
    }

    /// <summary>Completes when the runs the triggers started so far have ended (tests and orderly shutdown).</summary>
    internal Task WhenTriggersIdleAsync()
    {
        lock (_triggerGate)
        {
            return Task.WhenAll(_scheduler?.WhenIdleAsync() ?? Task.CompletedTask, _retiredSchedulers);
        }
    }

    /// <summary>Whether a run of the profile is queued or running on this client right now.</summary>
    public bool IsPending(string profileName)
    {
        ArgumentNullException.ThrowIfNull(profileName);
        return _queue?.IsPending(Pipeline.SyncPlan.KeyOf(profileName)) ?? false;
    }

    /// <summary>
    /// The profile's effective entities on this device: its list, related expansion over the local data model
    /// and the global exclusions, as the engine resolves them. Auto exclusions are left out on purpose: they
    /// concern downloads, and a local edit of an auto-excluded entity still has to reach the server.
    /// Before the first full sync (no local data model) only the names the profile lists are known.
    /// </summary>
    public IReadOnlyCollection<string> GetEffectiveEntities(SmartSyncProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var model = _store?.Model;
        var catalog = Catalog;
        var cache = Volatile.Read(ref _entityCache);
        if (cache is null || !ReferenceEquals(cache.Model, model) || !ReferenceEquals(cache.Catalog, catalog))
        {
            cache = new EntityCache(model, catalog);
            Volatile.Write(ref _entityCache, cache);
        }

        // A compiled profile stands for the definition of that name in this client's catalog.
        var resolved = profile is LoadedProfile ? profile : catalog.Find(profile.Name) ?? profile;
        return cache.For(resolved);
    }

    Task<SyncResult> ITriggerHost.RunAsync(SmartSyncProfile profile, CancellationToken cancellationToken) =>
        RunAsync(profile, cancellationToken);

    IReadOnlyCollection<string> ITriggerHost.EntitiesOf(SmartSyncProfile profile) => GetEffectiveEntities(profile);

    private TriggerScheduler CreateScheduler(SmartSyncCatalog catalog) =>
        new(catalog, this, _time, new CategoryLogger<TriggerScheduler>(_logger));

    private void OnLocalRecordChanged(object? sender, RecordChange change)
    {
        TriggerScheduler? scheduler;
        lock (_triggerGate)
        {
            scheduler = _scheduler;
        }

        scheduler?.NotifyRecordChanged(change.Entity);
    }

    private void OnCatalogChanged(object? sender, EventArgs e)
    {
        var withoutAppStart = Catalog.WithoutAppStartTriggers();
        lock (_triggerGate)
        {
            if (_scheduler is not { } old || !_followsCatalog)
            {
                return;
            }

            _scheduler = CreateScheduler(withoutAppStart);
            _scheduler.Start();

            // The old scheduler's timers stop now; its runs in flight finish (or are cancelled) in the background.
            _retiredSchedulers = Task.WhenAll(_retiredSchedulers, old.DisposeAsync().AsTask());
        }
    }

    /// <summary>Effective entity sets per profile for one local model and one catalog (both immutable, so cached by reference).</summary>
    private sealed class EntityCache(LocalModel? model, SmartSyncCatalog catalog)
    {
        private readonly Dictionary<SmartSyncProfile, IReadOnlyCollection<string>> _byProfile = new();

        public LocalModel? Model { get; } = model;

        public SmartSyncCatalog Catalog { get; } = catalog;

        public IReadOnlyCollection<string> For(SmartSyncProfile profile)
        {
            lock (_byProfile)
            {
                if (!_byProfile.TryGetValue(profile, out var entities))
                {
                    IReadOnlyList<ExcludedEntity> global = Model is null ? Catalog.GlobalExclusions : CustomizationCheckPhase.GlobalExclusions(Model, Catalog.GlobalExclusions);
                    var effective = EffectiveEntityResolver.Resolve(profile.Spec, Model?.Model, global, [], Catalog.AppEntityScope);
                    entities = new HashSet<string>(effective.Entities, StringComparer.Ordinal);
                    _byProfile[profile] = entities;
                }

                return entities;
            }
        }
    }

    /// <summary>Gives the scheduler the client's logger under the scheduler's own type.</summary>
    private sealed class CategoryLogger<T>(ILogger inner) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            inner.Log(logLevel, eventId, state, exception, formatter);
    }
}
