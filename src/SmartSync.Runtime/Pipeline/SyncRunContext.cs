using System;
using System.Collections.Generic;
using SmartSync.Definitions.Semantics;
using SmartSync.Logging;
using SmartSync.Storage;
using SmartSync.Transport;

namespace SmartSync.Pipeline;

/// <summary>The state one run carries from phase to phase.</summary>
internal sealed class SyncRunContext
{
    private readonly Dictionary<string, EntityCounter> _counters = new(StringComparer.Ordinal);

    public SyncRunContext(SyncStore store, SmartSyncClientOptions options, SyncPlan plan, TimeProvider time, SyncLogWriter log, ProgressReporter progress)
    {
        Store = store;
        Options = options;
        Plan = plan;
        Time = time;
        Log = log;
        Progress = progress;
    }

    public SyncStore Store { get; }

    public SmartSyncClientOptions Options { get; }

    public ISyncTransport Transport => Options.RequiredTransport;

    public SyncPlan Plan { get; }

    public TimeProvider Time { get; }

    public SyncLogWriter Log { get; }

    public ProgressReporter Progress { get; }

    /// <summary>The WhoAmI answer (set by the authentication phase).</summary>
    public ServerSession? Session { get; set; }

    /// <summary>The local data model (set by the customization check).</summary>
    public LocalModel? Model { get; set; }

    /// <summary>The run's entities, parents first (set by the customization check).</summary>
    public IReadOnlyList<LocalTable> Entities { get; set; } = [];

    public IReadOnlyList<PrunedEntity> Pruned { get; set; } = [];

    /// <summary>Re-download every entity from scratch (admin-forced full sync, changed customization).</summary>
    public bool ForceFullDownload { get; set; }

    /// <summary>Cleanup runs although the profile skips it, because the cleanup debt reached its limit.</summary>
    public bool CleanupForced { get; set; }

    public bool CleanupRan { get; set; }

    public IEnumerable<EntityCounter> Counters => _counters.Values;

    public LocalModel RequireModel() => Model ?? throw new InvalidOperationException("The customization check has not run.");

    public EntityCounter Counter(string entity)
    {
        if (!_counters.TryGetValue(entity, out var counter))
        {
            counter = new EntityCounter(entity);
            _counters[entity] = counter;
        }

        return counter;
    }

    public DateTimeOffset Now => Time.GetUtcNow();
}
