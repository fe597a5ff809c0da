using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using SmartSync.ReferenceServer;
using SmartSync.Transport.Http;

namespace SmartSync.Data.Tests.Infrastructure;

/// <summary>A device: its own SQLite file, the real HTTP transport to the reference server, the real engine, a fake clock.</summary>
public sealed class Device : IAsyncDisposable
{
    private readonly HttpClient _http = new();
    private readonly string _folder;

    public Device(CrmServer server, string? user = null)
    {
        _folder = Path.Combine(Path.GetTempPath(), "smartsync-data", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        DatabasePath = Path.Combine(_folder, "device.db");
        var token = (user is null ? server.Users[0] : server.User(user)).Token;
        Client = new SmartSyncClient(
            new SmartSyncClientOptions
            {
                DatabasePath = DatabasePath,
                Transport = new HttpSyncTransport(_http, new HttpSyncTransportOptions
                {
                    BaseAddress = server.BaseAddress,
                    AccessTokenProvider = _ => ValueTask.FromResult<string?>(token),
                    MaxRetryAttempts = 0,
                }),
                PageSize = 200,
            },
            loggerFactory: null,
            timeProvider: Time);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));

    public string DatabasePath { get; }

    public SmartSyncClient Client { get; }

    public LocalRecordStore Records => Client.Records;

    /// <summary>A device that ran a full sync: it holds the server's data model and rows.</summary>
    public static async Task<Device> SyncedAsync(CrmServer server, string? user = null)
    {
        var device = new Device(server, user);
        var result = await device.Client.RunFullSyncAsync();
        Assert.True(result.IsSuccess, result.Message + " " + result.Error);
        return device;
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        _http.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still mapped by the OS: the temp folder is cleaned up later.
        }
    }
}
