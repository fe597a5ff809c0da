using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Semantics;
using SmartSync.ReferenceServer;
using SmartSync.Transport;
using SmartSync.Transport.Http;

namespace SmartSync.IntegrationTests.EndToEnd;

/// <summary>A device: a real SQLite file, a real HttpSyncTransport to the reference server, the real engine.</summary>
public sealed class Device : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly string _folder;

    public Device(CrmServer server, string token, IReadOnlyDictionary<string, ConflictStrategy>? strategies = null, HttpMessageHandler? handler = null, SmartSyncCatalog? catalog = null)
    {
        _folder = Path.Combine(Path.GetTempPath(), "smartsync-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        DatabasePath = Path.Combine(_folder, "device.db");
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        Token = token;
        Transport = new HttpSyncTransport(_http, new HttpSyncTransportOptions
        {
            BaseAddress = server.BaseAddress,
            AccessTokenProvider = _ => ValueTask.FromResult<string?>(Token),
            MaxRetryAttempts = 0,
        });
        Client = new SmartSyncClient(
            new SmartSyncClientOptions
            {
                DatabasePath = DatabasePath,
                Transport = Transport,
                PageSize = 100,
                ConflictStrategies = strategies ?? new Dictionary<string, ConflictStrategy>(),
                Catalog = catalog,
            },
            loggerFactory: null,
            timeProvider: new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero)));
    }

    public string Token { get; set; }

    /// <summary>The device's SQLite file, for tests that inspect or tamper with it directly.</summary>
    public string DatabasePath { get; }

    public HttpSyncTransport Transport { get; }

    public SmartSyncClient Client { get; }

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
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
