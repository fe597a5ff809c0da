using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SmartSync.Transport;
using SmartSync.Transport.Http;

namespace SmartSync.Benchmarks.Harness;

/// <summary>A real client (SQLite file in a scratch folder) with the real HTTP transport, or any other transport.</summary>
public sealed class ClientSession : IAsyncDisposable
{
    private readonly HttpClient? _http;

    private ClientSession(SmartSyncClient client, string databasePath, HttpClient? http)
    {
        Client = client;
        DatabasePath = databasePath;
        _http = http;
    }

    public SmartSyncClient Client { get; }

    public string DatabasePath { get; }

    /// <summary>A client that talks HTTP to <paramref name="baseAddress"/> as the user with <paramref name="token"/>.</summary>
    public static ClientSession OverHttp(Uri baseAddress, string token, string scratchFolder, int pageSize = 1000, bool autoExclusions = true, HttpMessageHandler? handler = null)
    {
        var http = handler is null ? new HttpClient() : new HttpClient(handler);
        http.Timeout = TimeSpan.FromMinutes(5);
        var transport = new HttpSyncTransport(http, new HttpSyncTransportOptions
        {
            BaseAddress = baseAddress,
            AccessTokenProvider = _ => ValueTask.FromResult<string?>(token),
            MaxRetryAttempts = 0,
        });
        return Create(transport, scratchFolder, http, pageSize, autoExclusions);
    }

    public static ClientSession Create(ISyncTransport transport, string scratchFolder, HttpClient? http = null, int pageSize = 1000, bool autoExclusions = true)
    {
        var path = Path.Combine(scratchFolder, "client-" + Guid.NewGuid().ToString("N") + ".db");
        var client = new SmartSyncClient(new SmartSyncClientOptions
        {
            DatabasePath = path,
            Transport = transport,
            PageSize = pageSize,
            AutoExclusions = new AutoExclusionOptions { Enabled = autoExclusions },
        });
        return new ClientSession(client, path, http);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync().ConfigureAwait(false);
        _http?.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            try
            {
                File.Delete(DatabasePath + suffix);
            }
            catch (IOException)
            {
                // Scratch files are removed with the folder at the end.
            }
        }
    }
}
