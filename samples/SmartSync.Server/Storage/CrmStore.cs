using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Server.Storage;

/// <summary>
/// The server's SQLite database: a table per entity, the server-wide change version, users, sharing,
/// the delete log, blobs, mail and conflicts. Readers run concurrently (WAL); writers take one gate so
/// change versions are assigned in commit order, and a version becomes readable only once committed.
/// </summary>
internal sealed partial class CrmStore
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Dictionary<string, EntityTable> _bySet = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, EntityTable> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, UserAccount> _byToken = new(StringComparer.Ordinal);
    private long _version;
    private long _epoch;
    private long _customizationVersion;
    private byte[] _tokenKey = [];

    public CrmStore(string databasePath, EntityDataModel model, string csdlText)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
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

    /// <summary>The last committed change version.</summary>
    public long CurrentVersion => Interlocked.Read(ref _version);

    public long TokenEpoch => Interlocked.Read(ref _epoch);

    public byte[] TokenKey => _tokenKey;

    public string CustomizationVersion => Interlocked.Read(ref _customizationVersion).ToString(CultureInfo.InvariantCulture);

    public IReadOnlyList<UserAccount> Users => _byToken.Values.OrderBy(u => u.Name, StringComparer.Ordinal).ToList();

    public EntityTable? FindBySet(string setName) => _bySet.TryGetValue(setName, out var table) ? table : null;

    public EntityTable? FindByName(string name) => _byName.TryGetValue(name, out var table) ? table : null;

    public UserAccount? Authenticate(string token) => _byToken.TryGetValue(token, out var user) ? user : null;

    public UserAccount? FindUser(string id) => _byToken.Values.FirstOrDefault(u => u.Id == id);

    internal SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Creates or migrates the schema, seeds on first start, loads users and counters.</summary>
    public async Task InitializeAsync(Seeding.SeedPlan plan, CancellationToken cancellationToken)
    {
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        Execute(connection, Schema.Fixed);
        foreach (var table in _byName.Values)
        {
            CreateOrMigrate(connection, table);
        }

        _version = ReadMetaLong(connection, "version");
        _epoch = ReadMetaLong(connection, "token_epoch");
        _customizationVersion = ReadMetaLong(connection, "customization_version");
        var keyText = ReadMeta(connection, "token_key");
        if (keyText is null)
        {
            keyText = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            WriteMeta(connection, null, "token_key", keyText);
        }

        _tokenKey = Convert.FromBase64String(keyText);

        // The customization version moves whenever the served data model changes.
        var modelHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(CsdlText)));
        if (ReadMeta(connection, "model_hash") != modelHash)
        {
            _customizationVersion++;
            WriteMeta(connection, null, "customization_version", _customizationVersion.ToString(CultureInfo.InvariantCulture));
            WriteMeta(connection, null, "model_hash", modelHash);
        }

        if (ReadMeta(connection, "seeded") is null)
        {
            await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                _version = new Seeding.DemoSeeder(this, plan).Seed(connection, _version, cancellationToken);
                WriteMeta(connection, null, "seeded", "1");
            }
            finally
            {
                _writeGate.Release();
            }
        }

        LoadUsers(connection);
    }

    private void LoadUsers(SqliteConnection connection)
    {
        _byToken.Clear();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, token FROM users";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var user = new UserAccount(reader.GetString(0), reader.GetString(1), reader.GetString(2));
            _byToken[user.Token] = user;
        }
    }

    private static void CreateOrMigrate(SqliteConnection connection, EntityTable table)
    {
        var columns = new StringBuilder();
        for (var i = 0; i < table.Columns.Length; i++)
        {
            columns.Append(EntityTable.Quote(table.Columns[i])).Append(' ').Append(EdmTypes.SqliteAffinity(table.Kinds[i]));
            if (i == table.KeyIndex)
            {
                columns.Append(" PRIMARY KEY");
            }

            columns.Append(", ");
        }

        Execute(connection, $"CREATE TABLE IF NOT EXISTS {table.QuotedTable} ({columns}__version INTEGER NOT NULL)");
        Execute(connection, $"CREATE INDEX IF NOT EXISTS {EntityTable.Quote("ix_" + table.TableName + "_version")} ON {table.QuotedTable} (__version)");
        if (table.HasOwner)
        {
            Execute(connection, $"CREATE INDEX IF NOT EXISTS {EntityTable.Quote("ix_" + table.TableName + "_owner")} ON {table.QuotedTable} ({EntityTable.Quote(EntityTable.OwnerProperty)}, __version)");
        }

        // A changed model may add attributes: add their columns, keep the data.
        var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var info = connection.CreateCommand())
        {
            info.CommandText = $"SELECT name FROM pragma_table_info('{table.TableName}')";
            using var reader = info.ExecuteReader();
            while (reader.Read())
            {
                existing.Add(reader.GetString(0));
            }
        }

        for (var i = 0; i < table.Columns.Length; i++)
        {
            if (!existing.Contains(table.Columns[i]))
            {
                Execute(connection, $"ALTER TABLE {table.QuotedTable} ADD COLUMN {EntityTable.Quote(table.Columns[i])} {EdmTypes.SqliteAffinity(table.Kinds[i])}");
            }
        }
    }

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static string? ReadMeta(SqliteConnection connection, string key)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = $k";
        command.Parameters.AddWithValue("$k", key);
        return command.ExecuteScalar() as string;
    }

    private static long ReadMetaLong(SqliteConnection connection, string key) =>
        long.TryParse(ReadMeta(connection, key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    internal static void WriteMeta(SqliteConnection connection, SqliteTransaction? transaction, string key, string value)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO meta (key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
        command.Parameters.AddWithValue("$k", key);
        command.Parameters.AddWithValue("$v", value);
        command.ExecuteNonQuery();
    }

    /// <summary>Runs a write under the gate in one transaction; <paramref name="write"/> gets the next free version.</summary>
    internal async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, VersionSource, T> write, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            var versions = new VersionSource(_version);
            var result = write(connection, transaction, versions);
            if (versions.Current != _version)
            {
                WriteMeta(connection, transaction, "version", versions.Current.ToString(CultureInfo.InvariantCulture));
            }

            transaction.Commit();
            Interlocked.Exchange(ref _version, versions.Current);
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Expires every outstanding delta and paging token (clients get 410 and download in full).</summary>
    public Task ExpireTokensAsync(CancellationToken cancellationToken) => WriteAsync(
        (connection, transaction, _) =>
        {
            var epoch = Interlocked.Read(ref _epoch) + 1;
            WriteMeta(connection, transaction, "token_epoch", epoch.ToString(CultureInfo.InvariantCulture));
            Interlocked.Exchange(ref _epoch, epoch);
            return true;
        },
        cancellationToken);

    /// <summary>Moves the customization version, as a model change would.</summary>
    public Task<string> BumpCustomizationAsync(CancellationToken cancellationToken) => WriteAsync(
        (connection, transaction, _) =>
        {
            var next = Interlocked.Read(ref _customizationVersion) + 1;
            WriteMeta(connection, transaction, "customization_version", next.ToString(CultureInfo.InvariantCulture));
            Interlocked.Exchange(ref _customizationVersion, next);
            return next.ToString(CultureInfo.InvariantCulture);
        },
        cancellationToken);

    /// <summary>Sets or clears the admin-forced full sync flag of a user.</summary>
    public Task<bool> SetFullSyncRequiredAsync(string userId, bool required, CancellationToken cancellationToken) => WriteAsync(
        (connection, transaction, _) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE users SET full_sync_required = $r WHERE id = $u";
            command.Parameters.AddWithValue("$r", required ? 1 : 0);
            command.Parameters.AddWithValue("$u", userId);
            return command.ExecuteNonQuery() > 0;
        },
        cancellationToken);

    public bool IsFullSyncRequired(string userId)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT full_sync_required FROM users WHERE id = $u";
        command.Parameters.AddWithValue("$u", userId);
        return command.ExecuteScalar() is long flag && flag != 0;
    }
}

/// <summary>Hands out consecutive change versions inside one write transaction.</summary>
internal sealed class VersionSource(long current)
{
    public long Current { get; private set; } = current;

    public long Next() => ++Current;
}
