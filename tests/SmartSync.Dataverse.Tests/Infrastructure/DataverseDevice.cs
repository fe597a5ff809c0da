using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using SmartSync.Dataverse.Tests.Emulator;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Semantics;
using SmartSync.Transport.Dataverse;

namespace SmartSync.Dataverse.Tests.Infrastructure;

/// <summary>A device: a real SQLite file, the real engine, and DataverseSyncTransport to the emulator.</summary>
public sealed class DataverseDevice : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly string _folder;
    private readonly bool _keepDatabase;

    public DataverseDevice(
        DataverseEmulator emulator,
        Func<string> token,
        IReadOnlyDictionary<string, ConflictStrategy>? strategies = null,
        int maxConcurrency = 4,
        int maxThrottleRetries = 5,
        HttpMessageHandler? handler = null,
        int pageSize = 3,
        TimeSpan? attemptTimeout = null,
        Action<DataverseTransportOptions>? configure = null,
        TimeProvider? time = null,
        Microsoft.Extensions.Logging.ILogger<DataverseSyncTransport>? transportLogger = null,
        string? databasePath = null,
        bool keepDatabase = false,
        Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
    {
        _keepDatabase = keepDatabase;
        // A database file another process left (the process-kill test), or a new one in a folder of its own.
        _folder = databasePath is null ? Path.Combine(Path.GetTempPath(), "smartsync-dataverse", Guid.NewGuid().ToString("N")) : Path.GetDirectoryName(databasePath)!;
        Directory.CreateDirectory(_folder);
        DatabasePath = databasePath ?? Path.Combine(_folder, "device.db");
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        var options = new DataverseTransportOptions
        {
            EnvironmentUrl = emulator.EnvironmentUrl,
            AccessTokenProvider = _ => ValueTask.FromResult<string?>(token()),
            MaxConcurrency = maxConcurrency,
            MaxThrottleRetries = maxThrottleRetries,
            AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(100),
            TimeProvider = time ?? TimeProvider.System,
        };
        configure?.Invoke(options);
        Transport = new DataverseSyncTransport(_http, options, transportLogger);
        Client = new SmartSyncClient(
            new SmartSyncClientOptions
            {
                DatabasePath = DatabasePath,
                Transport = Transport,
                PageSize = pageSize,
                ConflictStrategies = strategies ?? new Dictionary<string, ConflictStrategy>(),
            },
            loggerFactory,
            timeProvider: time ?? new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero)));
    }

    public DataverseDevice(DataverseEmulator emulator, EmulatorUser user, IReadOnlyDictionary<string, ConflictStrategy>? strategies = null)
        : this(emulator, () => user.Token, strategies, 4, 5, null, 3)
    {
    }

    public string DatabasePath { get; }

    public DataverseSyncTransport Transport { get; }

    public SmartSyncClient Client { get; }

    public static LoadedProfile Profile(string name, SyncAction action = SyncAction.UpDownSync, SyncModules modules = SyncModules.None, SyncMethod method = SyncMethod.Default, params string[] entities) =>
        new(new ProfileSpec(name, null, action, method, true, true, modules, EntitiesMode.Include, entities.Select(e => new EntitySpec(e, false, false)).ToEquatableArray()));

    public async Task<SyncResult> FullSyncAsync()
    {
        var result = await Client.RunFullSyncAsync();
        Assert.True(result.IsSuccess, result.Message + " " + result.Error);
        return result;
    }

    public async Task<HashSet<Guid>> KeysAsync(string entity) =>
        (await Client.Records.QueryAsync(entity)).Select(r => Guid.Parse(r.Key)).ToHashSet();

    /// <summary>The blobs of one kind (0 images, 1 attachments) as the device stored them.</summary>
    public async Task<List<(string Entity, string RecordKey, string FileName, string ContentType, byte[] Content)>> BlobsAsync(int kind)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + DatabasePath + ";Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT entity, record_key, file_name, content_type, content FROM __ss_blob WHERE kind = $kind ORDER BY id";
        command.Parameters.AddWithValue("$kind", kind);
        await using var reader = await command.ExecuteReaderAsync();
        var blobs = new List<(string, string, string, string, byte[])>();
        while (await reader.ReadAsync())
        {
            blobs.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), (byte[])reader.GetValue(4)));
        }

        return blobs;
    }

    public async Task<IReadOnlyList<string>> LastLogAsync() => (await Client.GetSyncLogAsync(1)).Single().Lines;

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        Transport.Dispose();
        _http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_keepDatabase)
        {
            return; // another device (a child process) goes on with the file
        }

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
