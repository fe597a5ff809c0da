using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Semantics;
using SmartSync.ReferenceServer;
using SmartSync.Transport.Http;

namespace SmartSync.ReliabilityTests.Infrastructure;

/// <summary>
/// A device: its own SQLite file, the real <see cref="HttpSyncTransport"/> behind a <see cref="FaultInjectingHandler"/>,
/// the real engine, every log record captured.
/// </summary>
public sealed class Device : IAsyncDisposable
{
    public const int PageSize = 7;

    private readonly HttpClient _http;
    private readonly ILoggerFactory _loggers;
    private readonly bool _keepFolder;

    public Device(CrmServer server, string token, DeviceOptions? options = null, string? folder = null)
    {
        options ??= new DeviceOptions();
        Folder = folder ?? NewFolder();
        _keepFolder = options.KeepFolder;
        Token = token;
        Time = options.Time ?? new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        Logs = new FakeLogCollector();
        _loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(Logs)));
        _http = new HttpClient(Handler) { Timeout = options.HttpTimeout ?? System.Threading.Timeout.InfiniteTimeSpan };
        Transport = new HttpSyncTransport(
            _http,
            new HttpSyncTransportOptions
            {
                BaseAddress = server.BaseAddress,
                AccessTokenProvider = _ => ValueTask.FromResult<string?>(Token),
                MaxRetryAttempts = options.MaxRetryAttempts,
                TimeProvider = Time,
                MaxStringBytes = options.MaxStringBytes,
                AttemptTimeout = options.AttemptTimeout,
                MaxDocumentBytes = options.MaxDocumentBytes,
            },
            _loggers.CreateLogger<HttpSyncTransport>());
        Client = new SmartSyncClient(
            new SmartSyncClientOptions
            {
                DatabasePath = DatabasePath,
                Transport = Transport,
                PageSize = PageSize,
                CircuitBreaker = options.CircuitBreaker ?? new CircuitBreakerOptions(),
                DefaultConflictStrategy = options.ConflictStrategy,
                Retention = options.Retention ?? new RetentionOptions(),
            },
            _loggers,
            Time);
    }

    public static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "smartsync-reliability", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "device.db");

    public string Token { get; set; }

    public FaultInjectingHandler Handler { get; } = new();

    public FakeTimeProvider Time { get; }

    public FakeLogCollector Logs { get; }

    public HttpSyncTransport Transport { get; }

    public SmartSyncClient Client { get; }

    public static LoadedProfile Profile(string name, SyncAction action, SyncModules modules, params string[] entities) =>
        new(new ProfileSpec(name, null, action, SyncMethod.Default, true, true, modules, EntitiesMode.Include,
            entities.Select(e => new EntitySpec(e, false, false)).ToEquatableArray()));

    public async Task<SyncResult> FullSyncAsync()
    {
        var result = await Client.RunFullSyncAsync();
        Assert.True(result.IsSuccess, result.ToString() + " " + result.Error);
        return result;
    }

    /// <summary>Everything the device stored, read straight from its SQLite file.</summary>
    public StoreSnapshot Snapshot() => StoreSnapshot.Read(DatabasePath);

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        _http.Dispose();
        _loggers.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_keepFolder)
        {
            return;
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder.
        }
    }
}

/// <summary>Knobs of a <see cref="Device"/>.</summary>
public sealed class DeviceOptions
{
    public int MaxRetryAttempts { get; init; }

    public FakeTimeProvider? Time { get; init; }

    public TimeSpan? HttpTimeout { get; init; }

    public int MaxStringBytes { get; init; } = 4 * 1024 * 1024;

    public CircuitBreakerOptions? CircuitBreaker { get; init; }

    public ConflictStrategy ConflictStrategy { get; init; } = ConflictStrategy.ServerWins;

    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(100);

    public RetentionOptions? Retention { get; init; }

    public int MaxDocumentBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Leave the folder on dispose (another device on the same folder still uses it).</summary>
    public bool KeepFolder { get; init; }
}
