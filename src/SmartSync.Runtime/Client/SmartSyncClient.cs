using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartSync.Definitions.Parsing;
using SmartSync.Diagnostics;
using SmartSync.Pipeline;
using SmartSync.Preconditions;
using SmartSync.Scheduling;
using SmartSync.Storage;

namespace SmartSync;

/// <summary>
/// Runs profiles against one local database and one server, one run at a time, off the caller's thread.
/// </summary>
public sealed partial class SmartSyncClient : ISmartSyncClient, IAsyncDisposable
{
    private static SmartSyncClient? _default;
    private readonly SyncStore? _store;
    private readonly SyncQueue? _queue;
    private readonly SmartSyncClientOptions? _options;
    private readonly TimeProvider _time = TimeProvider.System;
    private readonly ILogger _logger = NullLogger.Instance;
    private readonly LocalRecordStore? _records;
    private SmartSyncCatalog _catalog = SmartSyncCatalog.Compiled;

    /// <summary>Creates a client; the database is opened on first use.</summary>
    public SmartSyncClient(SmartSyncClientOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _catalog = options.Catalog ?? SmartSyncCatalog.Compiled;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("SmartSync");
        _store = new SyncStore(options.RequiredDatabasePath, () => Catalog.AppEntityScope);
        _records = new LocalRecordStore(_store, options.RequiredTransport, _time);
        var runner = new SyncRunner(_store, options, _time, _logger, new ConnectionCircuitBreaker(options.CircuitBreaker, _time), new SyncPipeline(SyncPipeline.DefaultPhases));
        _queue = new SyncQueue(request => runner.RunAsync(request.Plan, request.Progress, request.Token), _logger);
    }

    /// <summary>The client <c>Profiles.X.RunAsync()</c> uses; set it once at start-up.</summary>
    public static SmartSyncClient Default
    {
        get => _default ?? throw new InvalidOperationException(
            "No default SmartSyncClient: set SmartSyncClient.Default (or call services.AddSmartSync) before running a profile without a client.");
        set => _default = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// The profiles, triggers and global exclusions this client runs with: the compiled ones (or those its
    /// options named) until <see cref="LoadOverrideFileAsync"/> puts an override file in force for this client.
    /// </summary>
    public SmartSyncCatalog Catalog => Volatile.Read(ref _catalog);

    /// <summary>Raised after <see cref="Catalog"/> was replaced by an override file; the triggers follow it.</summary>
    public event EventHandler? CatalogChanged;

    /// <summary>The app's access to local records (reads, writes into the outbox, change notifications).</summary>
    public LocalRecordStore Records => _records ?? throw NoEngine();

    /// <summary>Queues a profile run and returns at once; the handle's task completes when the run ends.</summary>
    /// <remarks>
    /// A compiled profile (<c>Profiles.GetTasks</c>) is a handle: it runs the definition of that name in this
    /// client's <see cref="Catalog"/>, so an override file reaches the typed API. A <see cref="LoadedProfile"/>
    /// built in code runs as given. A request for a profile that is already waiting in the queue with the same
    /// definition joins it: both callers get the same result.
    /// </remarks>
    /// <exception cref="InvalidOperationException">An override file in force on this client does not define the profile.</exception>
    public SyncHandle Start(SmartSyncProfile profile, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var queue = _queue ?? throw NoEngine();
        var catalog = Catalog;
        var resolved = Resolve(profile, catalog);
        var request = queue.Enqueue(SyncPlan.For(resolved, catalog), progress, cancellationToken);
        return new SyncHandle(resolved.Name, request.Completion);
    }

    /// <summary>Queues a full sync: every entity, every module, no global or auto exclusions.</summary>
    public SyncHandle StartFullSync(IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var request = (_queue ?? throw NoEngine()).Enqueue(SyncPlan.FullSync(Catalog), progress, cancellationToken);
        return new SyncHandle(null, request.Completion);
    }

    /// <summary>Runs a profile; completes when the run ends. The calling thread only queues the request.</summary>
    public Task<SyncResult> RunAsync(SmartSyncProfile profile, CancellationToken cancellationToken = default) =>
        Start(profile, null, cancellationToken).Completion;

    /// <summary>Runs the profile of that name from this client's <see cref="Catalog"/>.</summary>
    public Task<SyncResult> RunAsync(string profileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profileName);
        var profile = Catalog.Find(profileName)
            ?? throw new ArgumentException($"No profile named '{profileName}' is registered.", nameof(profileName));
        return RunAsync(profile, cancellationToken);
    }

    /// <summary>Runs a full sync; completes when it ends.</summary>
    public Task<SyncResult> RunFullSyncAsync(CancellationToken cancellationToken = default) =>
        StartFullSync(null, cancellationToken).Completion;

    /// <summary>Rows, bytes, freshness, profiles and exclusion status per entity, and the cleanup debt.</summary>
    public Task<StorageReport> AnalyzeStorageAsync(CancellationToken cancellationToken = default) =>
        StorageAnalyzer.AnalyzeAsync(_store ?? throw NoEngine(), _options!, Catalog, _time, cancellationToken);

    /// <summary>The persisted sync log of the most recent runs, newest first.</summary>
    public async Task<IReadOnlyList<SyncLogEntry>> GetSyncLogAsync(int runs = 1, CancellationToken cancellationToken = default)
    {
        var store = _store ?? throw NoEngine();
        await using var connection = await store.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        return RunHistoryStore.ReadRecent(connection, runs);
    }

    /// <summary>
    /// Loads an override SmartSync.xml, validated against the local data model (see <see cref="OverrideFileLoader"/>).
    /// A valid file becomes this client's <see cref="Catalog"/> (other clients keep theirs); runs already queued keep
    /// the definition they were queued with. A file with errors changes nothing.
    /// </summary>
    public async Task<OverrideLoadResult> LoadOverrideFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var store = _store ?? throw NoEngine();
        await store.EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        var result = await OverrideFileLoader.LoadAsync(path, store.Model?.Model, _logger, cancellationToken).ConfigureAwait(false);
        if (result.Catalog is { } catalog)
        {
            Volatile.Write(ref _catalog, catalog);
            CatalogChanged?.Invoke(this, EventArgs.Empty);
        }

        return result;
    }

    /// <summary>Cancels queued and running syncs and closes the database.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue?.Close();
        await StopTriggersAsync().ConfigureAwait(false);
        if (_store is not null)
        {
            await _store.DisposeAsync().ConfigureAwait(false);
        }

        if (_options is { OwnsTransport: true })
        {
            // Runs are over (the queue is closed): the transport the hosting created for this client goes with it.
            if (_options.Transport is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
            }
            else if (_options.Transport is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A compiled profile is a handle resolved by name in the catalog; a profile built in code runs as given.</summary>
    private static SmartSyncProfile Resolve(SmartSyncProfile profile, SmartSyncCatalog catalog)
    {
        if (profile is LoadedProfile)
        {
            return profile;
        }

        if (catalog.Find(profile.Name) is { } current)
        {
            return current;
        }

        return catalog.OverridePath is null
            ? profile
            : throw new InvalidOperationException(
                $"Profile '{profile.Name}' is not defined by the override file '{catalog.OverridePath}' in force on this client.");
    }

    private static InvalidOperationException NoEngine() =>
        new("This SmartSyncClient was created without options; construct it with SmartSyncClientOptions.");
}
