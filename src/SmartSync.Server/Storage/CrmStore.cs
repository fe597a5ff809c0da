using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Definitions.DataModel;
using SmartSync.Server.Storage.Providers;

namespace SmartSync.Server.Storage;

/// <summary>
/// The server's database over a storage provider (SQLite or PostgreSQL): a table per entity, the server-wide
/// change version, users and their devices, sharing, the delete log, blobs, mail and conflicts. All state lives
/// in the database, so several nodes over one PostgreSQL database serve one change stream; a version becomes
/// readable only once every version below it is committed (<see cref="IStorageProvider.ReadWatermarkAsync"/>).
/// </summary>
internal sealed partial class CrmStore
{
    private const int MaxWriteAttempts = 5;

    private readonly IStorageProvider _provider;
    private readonly Dictionary<string, EntityTable> _bySet = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, EntityTable> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string User, string Device), bool> _knownDevices = new();
    private byte[] _tokenKey = [];

    public CrmStore(IStorageProvider provider, EntityDataModel model, string csdlText)
    {
        _provider = provider;
        Model = model;
        CsdlText = csdlText;
        foreach (var entity in model.SyncableEntities)
        {
            var table = new EntityTable(entity);
            _bySet[table.SetName] = table;
            _byName[table.Name] = table;
        }
    }

    public EntityDataModel Model { get; }

    public string CsdlText { get; }


    public RequestCounters Counters { get; } = new();

    public IEnumerable<EntityTable> Tables => _byName.Values;

    public byte[] TokenKey => _tokenKey;

    public EntityTable? FindBySet(string setName) => _bySet.TryGetValue(setName, out var table) ? table : null;

    public EntityTable? FindByName(string name) => _byName.TryGetValue(name, out var table) ? table : null;

    private long _connectionsOpened;
    private long _rowLookups;

    /// <summary>Connections taken from the provider so far (reads and write sessions): what a request costs in round trips.</summary>
    internal long ConnectionsOpened => Interlocked.Read(ref _connectionsOpened);

    /// <summary>Statements that looked one record up by key so far.</summary>
    internal long RowLookups => Interlocked.Read(ref _rowLookups);

    private void CountRowLookup() => Interlocked.Increment(ref _rowLookups);

    internal Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _connectionsOpened);
        return _provider.OpenAsync(cancellationToken);
    }

    /// <summary>Creates or migrates the schema and loads the token key. Safe to run on several nodes at once.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await _provider.InitializeAsync(connection, (c, t) => CreateSchemaAsync(c, t, cancellationToken), cancellationToken).ConfigureAwait(false);
        _tokenKey = Convert.FromBase64String((await MetaStore.ReadAsync(connection, null, "token_key", cancellationToken).ConfigureAwait(false))!);
    }

    private async Task CreateSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, _provider.FixedSchema, transaction, cancellationToken).ConfigureAwait(false);
        await MigrateDevicesAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        foreach (var table in _byName.Values)
        {
            await CreateOrMigrateAsync(connection, transaction, table, cancellationToken).ConfigureAwait(false);
        }

        // The signing key of cursors: one for the whole database, so a cursor of one node is valid on every node.
        await MetaStore.WriteIfAbsentAsync(connection, transaction, "token_key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), cancellationToken).ConfigureAwait(false);

        // The customization version moves whenever the served data model changes.
        var modelHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(CsdlText)));
        if (await MetaStore.ReadAsync(connection, transaction, "model_hash", cancellationToken).ConfigureAwait(false) != modelHash)
        {
            var next = await MetaStore.ReadLongAsync(connection, transaction, "customization_version", cancellationToken).ConfigureAwait(false) + 1;
            await MetaStore.WriteAsync(connection, transaction, "customization_version", next.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            await MetaStore.WriteAsync(connection, transaction, "model_hash", modelHash, cancellationToken).ConfigureAwait(false);
        }
    }

    // Databases from before per-device demand counters: a device's demand starts as its user's (same answers as before).
    private async Task MigrateDevicesAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var columns = await _provider.ColumnsOfAsync(connection, "sync_devices", cancellationToken).ConfigureAwait(false);
        if (columns.Contains("full_sync_demand"))
        {
            return;
        }

        var integer = _provider.ColumnType(EdmValueKind.Integer, isKey: false);
        await ExecuteAsync(connection, $"ALTER TABLE sync_devices ADD COLUMN full_sync_demand {integer} NOT NULL DEFAULT 0", transaction, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"ALTER TABLE sync_devices ADD COLUMN full_sync_seen {integer} NOT NULL DEFAULT 0", transaction, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "UPDATE sync_devices SET full_sync_demand = (SELECT u.full_sync_demand FROM sync_users u WHERE u.id = sync_devices.user_id)", transaction, cancellationToken).ConfigureAwait(false);
    }

    private async Task CreateOrMigrateAsync(DbConnection connection, DbTransaction transaction, EntityTable table, CancellationToken cancellationToken)
    {
        var columns = new StringBuilder();
        for (var i = 0; i < table.Columns.Length; i++)
        {
            columns.Append(EntityTable.Quote(table.Columns[i])).Append(' ').Append(_provider.ColumnType(table.Kinds[i], i == table.KeyIndex));
            if (i == table.KeyIndex)
            {
                columns.Append(" PRIMARY KEY");
            }

            columns.Append(", ");
        }

        var integer = _provider.ColumnType(EdmValueKind.Integer, isKey: false);
        await ExecuteAsync(connection, $"CREATE TABLE IF NOT EXISTS {table.QuotedTable} ({columns}__version {integer} NOT NULL)", transaction, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"CREATE INDEX IF NOT EXISTS {EntityTable.Quote("ix_" + table.TableName + "_version")} ON {table.QuotedTable} (__version)", transaction, cancellationToken).ConfigureAwait(false);
        if (table.HasOwner)
        {
            await ExecuteAsync(connection, $"CREATE INDEX IF NOT EXISTS {EntityTable.Quote("ix_" + table.TableName + "_owner")} ON {table.QuotedTable} ({EntityTable.Quote(EntityTable.OwnerProperty)}, __version)", transaction, cancellationToken).ConfigureAwait(false);
        }

        // A changed model may add attributes: add their columns, keep the data.
        var existing = await _provider.ColumnsOfAsync(connection, table.TableName, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < table.Columns.Length; i++)
        {
            if (!existing.Contains(table.Columns[i]))
            {
                await ExecuteAsync(connection, $"ALTER TABLE {table.QuotedTable} ADD COLUMN {EntityTable.Quote(table.Columns[i])} {_provider.ColumnType(table.Kinds[i], isKey: false)}", transaction, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    internal static async Task<int> ExecuteAsync(DbConnection connection, string sql, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a write in one transaction with <paramref name="versions"/> change versions reserved (more on demand).
    /// A write that lost a race with another node (same new key) is retried from scratch. Every statement inside is
    /// asynchronous: a writer waiting for a row lock another node holds never blocks a thread-pool thread.
    /// </summary>
    internal async Task<T> WriteAsync<T>(int versions, Func<DbConnection, DbTransaction, VersionSource, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Interlocked.Increment(ref _connectionsOpened);
                await using var session = await _provider.BeginWriteAsync(versions, cancellationToken).ConfigureAwait(false);
                var result = await write(session.Connection, session.Transaction, session.Versions, cancellationToken).ConfigureAwait(false);
                await session.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
            catch (Exception ex) when (attempt < MaxWriteAttempts && _provider.IsTransient(ex))
            {
                // Another node committed the same key first: the next attempt sees its row.
            }
        }
    }

    /// <summary>The version up to which every change is committed (see <see cref="IStorageProvider.ReadWatermarkAsync"/>).</summary>
    public async Task<long> CurrentVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await _provider.ReadWatermarkAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    internal Task<long> WatermarkAsync(DbConnection connection, CancellationToken cancellationToken) =>
        _provider.ReadWatermarkAsync(connection, cancellationToken);

    public Task<long> TokenEpochAsync(DbConnection connection, CancellationToken cancellationToken) =>
        MetaStore.ReadLongAsync(connection, null, "token_epoch", cancellationToken);

    public async Task<string> CustomizationVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await MetaStore.ReadLongAsync(connection, null, "customization_version", cancellationToken).ConfigureAwait(false)).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Expires every outstanding delta and paging token (clients get 410 and download in full).</summary>
    public Task ExpireTokensAsync(CancellationToken cancellationToken) => WriteAsync(
        0,
        async (connection, transaction, _, ct) =>
        {
            await ExecuteAsync(connection, LockMeta("token_epoch"), transaction, ct).ConfigureAwait(false);
            var epoch = await MetaStore.ReadLongAsync(connection, transaction, "token_epoch", ct).ConfigureAwait(false) + 1;
            await MetaStore.WriteAsync(connection, transaction, "token_epoch", epoch.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
            return true;
        },
        cancellationToken);

    /// <summary>Moves the customization version, as a model change would.</summary>
    public Task<string> BumpCustomizationAsync(CancellationToken cancellationToken) => WriteAsync(
        0,
        async (connection, transaction, _, ct) =>
        {
            await ExecuteAsync(connection, LockMeta("customization_version"), transaction, ct).ConfigureAwait(false);
            var next = await MetaStore.ReadLongAsync(connection, transaction, "customization_version", ct).ConfigureAwait(false) + 1;
            await MetaStore.WriteAsync(connection, transaction, "customization_version", next.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
            return next.ToString(CultureInfo.InvariantCulture);
        },
        cancellationToken);

    // Row-locks a meta key before a read-increment-write, so two nodes never hand out the same number.
    private string LockMeta(string key) =>
        $"INSERT INTO meta (key, value) VALUES ('{key}', '0') ON CONFLICT(key) DO UPDATE SET value = meta.value";
}
