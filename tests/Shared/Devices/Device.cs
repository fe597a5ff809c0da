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
using Xunit;

namespace SmartSync.Tests.Shared;

/// <summary>
/// A device: its own SQLite file, the real <see cref="HttpSyncTransport"/> to the reference server, the real engine, a
/// fake clock and every log record captured. One definition for every test project that syncs devices; a project adds
/// its own members and defaults in a partial part (e.g. the reliability tests' fault-injecting handler).
/// </summary>
public sealed partial class Device : IAsyncDisposable
{
    /// <summary>The page size when neither the options nor the project's defaults choose one.</summary>
    public const int DefaultPageSize = 100;

    private readonly HttpClient _http;
    private readonly ILoggerFactory _loggers;
    private readonly bool _keepFolder;

    public Device(CrmServer server, string token, DeviceOptions? options = null, string? folder = null)
    {
        options ??= new DeviceOptions();
        var handler = options.Handler;
        var pageSize = options.PageSize;
        var httpTimeout = options.HttpTimeout;
        ApplyProjectDefaults(ref handler, ref pageSize, ref httpTimeout);
        Folder = folder ?? NewFolder();
        _keepFolder = options.KeepFolder;
        Token = token;
        HttpHandler = handler;
        Time = options.Time ?? new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        Logs = new FakeLogCollector();
        _loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(Logs)));
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        if (httpTimeout is { } timeout)
        {
            _http.Timeout = timeout;
        }

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
                PageSize = pageSize ?? DefaultPageSize,
                CircuitBreaker = options.CircuitBreaker ?? new CircuitBreakerOptions(),
                DefaultConflictStrategy = options.ConflictStrategy,
                ConflictStrategies = options.ConflictStrategies ?? new Dictionary<string, ConflictStrategy>(),
                Retention = options.Retention ?? new RetentionOptions(),
                Catalog = options.Catalog,
            },
            _loggers,
            Time);
    }

    /// <summary>A fresh temporary folder for a device's files.</summary>
    public static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "smartsync-devices", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    public string Folder { get; }

    /// <summary>The device's SQLite file, for tests that inspect or tamper with it directly.</summary>
    public string DatabasePath => Path.Combine(Folder, "device.db");

    public string Token { get; set; }

    public FakeTimeProvider Time { get; }

    public FakeLogCollector Logs { get; }

    public HttpSyncTransport Transport { get; }

    public SmartSyncClient Client { get; }

    public LocalRecordStore Records => Client.Records;

    /// <summary>The handler the device's requests go through (null: the default one).</summary>
    private HttpMessageHandler? HttpHandler { get; }

    /// <summary>A profile built at run time, as an override file would define it.</summary>
    public static LoadedProfile Profile(
        string name, SyncAction action = SyncAction.UpDownSync, SyncModules modules = SyncModules.None, params string[] entities) =>
        new(new ProfileSpec(name, null, action, SyncMethod.Default, true, true, modules, EntitiesMode.Include,
            entities.Select(e => new EntitySpec(e, false, false)).ToEquatableArray()));

    public async Task<SyncResult> FullSyncAsync()
    {
        var result = await Client.RunFullSyncAsync();
        Assert.True(result.IsSuccess, result.Message + " " + result.Error);
        return result;
    }

    public async Task<HashSet<string>> KeysAsync(string entity) =>
        (await Client.Records.QueryAsync(entity)).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);

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
            // Best effort: a temp folder (a file still mapped by the OS is cleaned up later).
        }
    }

    /// <summary>A project's defaults for what its tests leave unset (optional: a project without a partial part keeps these).</summary>
    static partial void ApplyProjectDefaults(ref HttpMessageHandler? handler, ref int? pageSize, ref TimeSpan? httpTimeout);
}
